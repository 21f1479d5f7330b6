import { readFileSync } from "node:fs";
import path from "node:path";
import { normalize } from "../search/normalize";

/** The data file's shape (`bff/data/self-check-vocabulary.json`). */
export interface SelfCheckVocabularyData {
  genericWords: string[];
  lightWords: string[];
  licenceWords: string[];
  verbKinds: Record<string, string[]>;
  weakVerbs: Record<string, string>;
  weakVerbsAfter: string[];
  verbNouns: string[];
  generalKinds: Record<string, string[]>;
  wildcardKinds: string[];
  serviceSuffixes: string[];
  exclusionMarkers: string[];
  exclusionSuffixes: string[];
  restrictionMarkers: string[];
  exemptionMarkers: string[];
  exemptionFiller: string[];
  licenceExclusionWords: string[];
  outsideList: { phrases: string[]; reason: string }[];
}

/** The vocabulary, compiled for lookups. */
export interface SelfCheckVocabulary {
  generic: ReadonlySet<string>;
  /** Qualifiers that count little (第二类, 小型). */
  light: ReadonlySet<string>;
  licence: ReadonlySet<string>;
  /** Verb → the kind of business activity it names (produce, trade, retail…). */
  verbKind: ReadonlyMap<string, string>;
  /** Verbs that name no kind of their own right after another verb (经营 of 印刷经营 is not trade). */
  weakVerbs: ReadonlySet<string>;
  /** Verbs after which a weak verb still counts (生产经营 is production and trade). */
  weakVerbsAfter: ReadonlySet<string>;
  /** Nouns that contain a verb's characters (出租汽车 is not 出租). */
  verbNouns: readonly string[];
  /** Words of an exemption clause that are not conditions (实行, 管理…). */
  exemptionFiller: ReadonlySet<string>;
  /** A general kind → the narrower kinds it covers (trade covers wholesale and retail). */
  covers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Kinds of an activity that fit any item (运营 of a game is running that business, whatever it is). */
  wildcards: ReadonlySet<string>;
  /** Endings that make an activity a service to others (餐饮管理 is not 餐饮), longest first. */
  serviceSuffixes: readonly string[];
  exclusionMarkers: readonly string[];
  exclusionSuffixes: readonly string[];
  restrictionMarkers: readonly string[];
  exemption: RegExp;
  licenceExclusion: RegExp;
  /** Known activities outside the list: normalised phrase → why. Longest phrases first. */
  outside: readonly { phrase: string; reason: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Compiles the vocabulary data.
 * @param data the data file's content.
 * @returns the lookups the checker uses.
 */
export function selfCheckVocabulary(data: SelfCheckVocabularyData): SelfCheckVocabulary {
  const verbKind = new Map<string, string>();
  for (const [kind, verbs] of Object.entries(data.verbKinds)) for (const v of verbs) verbKind.set(v, kind);
  for (const [verb, kind] of Object.entries(data.weakVerbs)) verbKind.set(verb, kind);
  const outside = data.outsideList
    .flatMap((o) => o.phrases.map((p) => ({ phrase: normalize(p).replace(/ /g, ""), reason: o.reason })))
    .sort((a, b) => b.phrase.length - a.phrase.length || a.phrase.localeCompare(b.phrase));
  return {
    generic: new Set(data.genericWords),
    light: new Set(data.lightWords),
    licence: new Set(data.licenceWords),
    verbKind,
    weakVerbs: new Set(Object.keys(data.weakVerbs)),
    weakVerbsAfter: new Set(data.weakVerbsAfter),
    verbNouns: [...data.verbNouns].sort((a, b) => b.length - a.length),
    exemptionFiller: new Set(data.exemptionFiller),
    covers: new Map(Object.entries(data.generalKinds).map(([k, v]) => [k, new Set(v)])),
    wildcards: new Set(data.wildcardKinds),
    serviceSuffixes: [...data.serviceSuffixes].sort((a, b) => b.length - a.length),
    exclusionMarkers: [...data.exclusionMarkers].sort((a, b) => b.length - a.length),
    exclusionSuffixes: data.exclusionSuffixes,
    restrictionMarkers: [...data.restrictionMarkers].sort((a, b) => b.length - a.length),
    exemption: new RegExp(data.exemptionMarkers.map(escape).join("|")),
    licenceExclusion: new RegExp(data.licenceExclusionWords.map(escape).join("|")),
    outside,
  };
}

let shipped: SelfCheckVocabulary | null = null;

const read = (file: string) => selfCheckVocabulary(JSON.parse(readFileSync(file, "utf8")) as SelfCheckVocabularyData);

/**
 * The vocabulary shipped in `bff/data/self-check-vocabulary.json` (loaded once), or another file's.
 * @param file another vocabulary file (tests).
 * @returns the compiled vocabulary.
 */
export function loadSelfCheckVocabulary(file?: string): SelfCheckVocabulary {
  if (file) return read(file);
  shipped ??= read(path.resolve(__dirname, "../../data/self-check-vocabulary.json"));
  return shipped;
}
