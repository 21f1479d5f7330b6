import { compareValues, hashKey, valuesEqual } from "../../bson/compare";
import { isNumberType, isPlainObject, toNumber, typeOf, typeRank, type Doc, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { sortDocs } from "../../query/sort";
import { ACCUMULATORS, createAccumulator } from "../accumulators";
import { checkExpression, evaluate, REMOVE, type Vars } from "../expressions";

interface AccSpec {
  name: string;
  op: string;
  expr: unknown;
}

/** Parses `{ field: { $acc: expr } }` output specifications (for $group, $bucket, $bucketAuto). */
export function accumulatorSpecs(fields: Doc): AccSpec[] {
  return Object.entries(fields).map(([name, s]) => {
    if (name.includes(".")) fail(40235, `The field name '${name}' cannot contain '.'`);
    if (name.startsWith("$")) fail(40236, `The field name '${name}' cannot be an operator name`);
    if (!isPlainObject(s)) return fail(40234, `The field '${name}' must be an accumulator object`);
    if (Object.keys(s).length !== 1) fail(40238, `The field '${name}' must specify one accumulator`);
    const op = Object.keys(s)[0];
    if (!ACCUMULATORS.has(op)) createAccumulator(op, s[op]);
    checkExpression(s[op]);
    return { name, op, expr: s[op] };
  });
}

function groupBy(docs: Doc[], keyOf: (doc: Doc) => Value, specs: AccSpec[], vars: Vars): { id: Value; doc: Doc }[] {
  const groups = new Map<string, { id: Value; accs: ReturnType<typeof createAccumulator>[] }>();
  for (const doc of docs) {
    let id = keyOf(doc);
    if (id === undefined || id === REMOVE) id = null;
    const key = hashKey(id);
    let g = groups.get(key);
    if (!g) {
      g = { id, accs: specs.map((a) => createAccumulator(a.op, a.expr)) };
      groups.set(key, g);
    }
    for (const acc of g.accs) acc.add(doc, vars);
  }
  return [...groups.values()].map((g) => {
    const d: Doc = { _id: g.id };
    specs.forEach((a, i) => {
      d[a.name] = g.accs[i].result();
    });
    return { id: g.id, doc: d };
  });
}

/** $group. */
export function group(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(spec)) fail(15947, "a group's fields must be specified in an object");
  if (!("_id" in (spec as Doc))) fail(15955, "a group specification must include an _id");
  const { _id: idExpr, ...fields } = spec as Doc;
  const specs = accumulatorSpecs(fields);
  return groupBy(docs, (d) => evaluate(idExpr, d, vars), specs, vars).map((g) => g.doc);
}

/** $sortByCount. */
export function sortByCount(docs: Doc[], expr: unknown, vars: Vars): Doc[] {
  if (isPlainObject(expr) && !Object.keys(expr)[0]?.startsWith("$")) fail(40147, "the sortByCount field must be defined as a $-prefixed path or an expression inside an object");
  if (typeof expr === "string" && !expr.startsWith("$")) fail(40148, "the sortByCount field must be defined as a $-prefixed path or an expression");
  return sortDocs(group(docs, { _id: expr, count: { $sum: 1 } }, vars), { count: -1 });
}

/** $bucket: documents by boundary ranges, with an optional default bucket. */
export function bucket(docs: Doc[], arg: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(arg)) return fail(40201, "Argument to $bucket stage must be an object");
  for (const k of Object.keys(arg)) if (!["groupBy", "boundaries", "default", "output"].includes(k)) fail(40197, `Unrecognized option to $bucket: ${k}.`);
  if (arg.groupBy === undefined || arg.boundaries === undefined) fail(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
  const boundaries = arg.boundaries as Value[];
  if (!Array.isArray(boundaries) || boundaries.length < 2) fail(40192, "The $bucket 'boundaries' field must be an array of at least two values");
  for (let i = 1; i < boundaries.length; i++) {
    if (typeRank(typeOf(boundaries[i])) !== typeRank(typeOf(boundaries[0]))) fail(40193, "All values in the the 'boundaries' option to $bucket must have the same type");
    if (compareValues(boundaries[i - 1], boundaries[i]) >= 0) fail(40194, "The 'boundaries' option to $bucket must be sorted in ascending order");
  }
  const hasDefault = "default" in arg;
  if (hasDefault && compareValues(arg.default, boundaries[0]) >= 0 && compareValues(arg.default, boundaries[boundaries.length - 1]) < 0 && typeRank(typeOf(arg.default)) === typeRank(typeOf(boundaries[0]))) {
    fail(40199, "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.");
  }
  const specs = accumulatorSpecs(isPlainObject(arg.output) ? arg.output : { count: { $sum: 1 } });
  const bucketOf = (doc: Doc): Value => {
    const v = evaluate(arg.groupBy, doc, vars);
    for (let i = 0; i < boundaries.length - 1; i++) {
      if (typeRank(typeOf(v)) === typeRank(typeOf(boundaries[i])) && compareValues(v, boundaries[i]) >= 0 && compareValues(v, boundaries[i + 1]) < 0) return boundaries[i];
    }
    if (hasDefault) return arg.default;
    return fail(40066, `$switch could not find a matching branch for an input, and no default was specified.`);
  };
  const groups = groupBy(docs, bucketOf, specs, vars);
  const order = (id: Value) => {
    const i = boundaries.findIndex((b) => valuesEqual(b, id) && typeRank(typeOf(b)) === typeRank(typeOf(id)));
    return i < 0 ? Infinity : i;
  };
  return groups.sort((a, b) => order(a.id) - order(b.id)).map((g) => g.doc);
}

/** $bucketAuto: `buckets` groups of about equal size over the sorted groupBy values. */
export function bucketAuto(docs: Doc[], arg: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(arg)) return fail(40240, "The argument to $bucketAuto must be an object");
  for (const k of Object.keys(arg)) if (!["groupBy", "buckets", "output", "granularity"].includes(k)) fail(40245, `Unrecognized option to $bucketAuto: ${k}.`);
  if (arg.granularity !== undefined) fail(ErrorCodes.NotImplemented, "$bucketAuto granularity is not supported by the embedded server");
  const n = arg.buckets;
  if (!isNumberType(typeOf(n)) || !Number.isInteger(toNumber(n)) || toNumber(n) <= 0) fail(40243, `The $bucketAuto 'buckets' field must be greater than 0, but found: ${String(n)}`);
  const specs = accumulatorSpecs(isPlainObject(arg.output) ? arg.output : { count: { $sum: 1 } });
  const keyed = docs.map((doc) => {
    const v = evaluate(arg.groupBy, doc, vars);
    return { v: v === undefined || v === REMOVE ? null : v, doc };
  });
  keyed.sort((a, b) => compareValues(a.v, b.v));
  const size = Math.round(keyed.length / toNumber(n)) || 1;
  const count = toNumber(n);
  const buckets: { min: Value; docs: Doc[]; last: Value }[] = [];
  let i = 0;
  while (i < keyed.length) {
    const b = { min: keyed[i].v, docs: [] as Doc[], last: keyed[i].v };
    const lastBucket = buckets.length === count - 1;
    // Fill to the target size, then keep equal values together; the last bucket takes the rest.
    while (i < keyed.length) {
      if (!lastBucket && b.docs.length >= size && !valuesEqual(keyed[i].v, b.last)) break;
      b.docs.push(keyed[i].doc);
      b.last = keyed[i].v;
      i++;
    }
    buckets.push(b);
  }
  return buckets.map((b, j) => {
    const [g] = groupBy(b.docs, () => null, specs, vars);
    const max = j + 1 < buckets.length ? buckets[j + 1].min : b.last;
    return { ...g.doc, _id: { min: b.min, max } };
  });
}
