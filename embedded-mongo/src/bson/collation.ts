import { ErrorCodes, fail } from "../errors";
import { isPlainObject, toNumber, typeOf, type Doc } from "./types";

/**
 * String comparison rules of a collation, as far as this server honours them: locale ordering
 * (ICU, through `Intl.Collator`), strength 1–3, `caseFirst` and `numericOrdering`.
 */
export interface Collation {
  locale: string;
  strength: number;
  caseFirst?: "upper" | "lower" | "off";
  numericOrdering?: boolean;
}

const FIELDS = ["locale", "strength", "caseLevel", "caseFirst", "numericOrdering", "alternate", "maxVariable", "normalization", "backwards", "version"];

/** MongoDB locale ids (`en_US`, `zh@collation=pinyin`) as BCP 47 tags for `Intl`. */
function bcp47(locale: string): string {
  const [base, keyword] = locale.split("@");
  let tag = base.replace(/_/g, "-");
  const m = keyword ? /^collation=(\w+)$/.exec(keyword) : null;
  if (m) tag += `-u-co-${m[1]}`;
  return tag;
}

/**
 * Parses and validates a `collation` argument.
 * @returns the collation, or null for `simple` (binary comparison) or an absent argument.
 */
export function parseCollation(v: unknown): Collation | null {
  if (v === undefined || v === null) return null;
  if (!isPlainObject(v)) return fail(ErrorCodes.TypeMismatch, `collation must be of type object, found ${typeOf(v)}`);
  for (const k of Object.keys(v)) {
    if (!FIELDS.includes(k)) fail(40415, `BSON field 'collation.${k}' is an unknown field.`);
  }
  if (typeof v.locale !== "string") return fail(ErrorCodes.BadValue, "Missing expected field \"locale\"");
  if (v.locale === "simple") {
    if (Object.keys(v).length > 1) fail(ErrorCodes.BadValue, "Collation spec with locale 'simple' must not contain other fields");
    return null;
  }
  let supported: string[] = [];
  try {
    supported = Intl.Collator.supportedLocalesOf(bcp47(v.locale));
  } catch {
    supported = [];
  }
  if (supported.length === 0 && v.locale !== "root") fail(ErrorCodes.BadValue, `Field 'locale' is invalid in: { locale: "${v.locale}" }`);
  const strength = v.strength === undefined ? 3 : toNumber(v.strength);
  if (![1, 2, 3, 4, 5].includes(strength)) fail(ErrorCodes.BadValue, `Field 'strength' must be an integer 1 through 5. Got: ${String(v.strength)}`);
  const caseFirst = v.caseFirst === undefined ? "off" : v.caseFirst;
  if (caseFirst !== "upper" && caseFirst !== "lower" && caseFirst !== "off") fail(ErrorCodes.BadValue, `Field 'caseFirst' must be 'upper', 'lower', or 'off'. Got: ${String(v.caseFirst)}`);
  // Options that change which strings are equal in ways this server cannot reproduce are refused.
  if (v.caseLevel === true) fail(ErrorCodes.NotImplemented, "collation caseLevel is not supported by the embedded server");
  if (v.alternate !== undefined && v.alternate !== "non-ignorable") fail(ErrorCodes.NotImplemented, "collation alternate 'shifted' is not supported by the embedded server");
  if (v.backwards === true) fail(ErrorCodes.NotImplemented, "collation backwards is not supported by the embedded server");
  return { locale: v.locale, strength, caseFirst: caseFirst as Collation["caseFirst"], numericOrdering: v.numericOrdering === true };
}

/** The full collation document MongoDB reports in listIndexes / listCollections. */
export function collationSpec(c: Collation): Doc {
  return {
    locale: c.locale,
    caseLevel: false,
    caseFirst: c.caseFirst ?? "off",
    strength: c.strength,
    numericOrdering: c.numericOrdering ?? false,
    alternate: "non-ignorable",
    maxVariable: "punct",
    normalization: false,
    backwards: false,
    version: "57.1",
  };
}

/** Two collations compare strings identically (an index may serve a query only then). */
export function sameCollation(a: Collation | null | undefined, b: Collation | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.locale === b.locale && a.strength === b.strength && (a.caseFirst ?? "off") === (b.caseFirst ?? "off") && !!a.numericOrdering === !!b.numericOrdering;
}

const COLLATORS = new Map<string, Intl.Collator>();

function collatorFor(c: Collation): Intl.Collator {
  const key = `${c.locale}|${c.strength}|${c.caseFirst}|${c.numericOrdering}`;
  let coll = COLLATORS.get(key);
  if (!coll) {
    coll = new Intl.Collator(c.locale === "root" ? "und" : bcp47(c.locale), {
      sensitivity: c.strength <= 1 ? "base" : c.strength === 2 ? "accent" : "variant",
      caseFirst: c.caseFirst === "upper" || c.caseFirst === "lower" ? c.caseFirst : "false",
      numeric: !!c.numericOrdering,
      usage: "sort",
    });
    COLLATORS.set(key, coll);
  }
  return coll;
}

/**
 * A string's equality form under a collation: strings are equal exactly when their folds are.
 * Strength 2 ignores case and width (full-width ＡＢＣ equals ABC), strength 1 also accents;
 * numeric ordering makes "007" equal "7".
 */
export function foldString(s: string, c?: Collation | null): string {
  if (!c) return s;
  let out = s;
  if (c.strength <= 2) {
    out = out.normalize("NFKD").toLowerCase();
    if (c.strength <= 1) out = out.replace(/\p{M}/gu, "");
  }
  if (c.numericOrdering) out = out.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, ""));
  return out;
}

/** Compares two strings under a collation (binary when there is none). */
export function compareStrings(a: string, b: string, c?: Collation | null): number {
  if (!c) return a < b ? -1 : a > b ? 1 : 0;
  const fa = foldString(a, c);
  const fb = foldString(b, c);
  if (fa === fb) return 0;
  const r = collatorFor(c).compare(a, b);
  if (r !== 0) return r;
  // The collator sees no difference the fold does (rare): keep a total order.
  return fa < fb ? -1 : 1;
}
