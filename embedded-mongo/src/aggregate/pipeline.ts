import { cloneValue } from "../bson/clone";
import { compareValues, hashKey, valuesEqual, type Collation } from "../bson/compare";
import { getPath, setPathCreate, valuesAtPath } from "../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, typeRank, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileFilter } from "../query/matcher";
import { compileProjection } from "../query/projection";
import { sortDocs } from "../query/sort";
import { checkExpression, evaluate, REMOVE, type Vars } from "./expressions";
import { createAccumulator } from "./accumulators";

export interface PipelineContext {
  /** Every document of another collection of the same database (for $lookup / $unionWith). */
  lookupCollection(name: string): Doc[];
  collation?: Collation | null;
  vars?: Vars;
}

const UPDATE_STAGES = new Set(["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"]);

function stageName(stage: Doc): string {
  const keys = Object.keys(stage);
  if (keys.length !== 1) fail(40323, "A pipeline stage specification object must contain exactly one field.");
  return keys[0];
}

/**
 * Runs an aggregation pipeline over documents. Input documents are never mutated: stages that
 * change documents work on copies.
 */
export function runPipeline(input: Doc[], stages: Doc[], ctx: PipelineContext): Doc[] {
  let docs = input;
  const vars: Vars = { NOW: new Date(), ...(ctx.vars ?? {}) };
  validatePipeline(stages);
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    if (!isPlainObject(stage)) fail(ErrorCodes.TypeMismatch, "Each element of the 'pipeline' array must be an object");
    const name = stageName(stage);
    const arg = stage[name];
    switch (name) {
      case "$match": {
        if (!isPlainObject(arg)) fail(15959, "the match filter must be an expression in an object");
        const pred = compileFilter(arg, { collation: ctx.collation, variables: vars });
        docs = docs.filter(pred);
        break;
      }
      case "$project": {
        if (!isPlainObject(arg) || Object.keys(arg).length === 0) fail(51272, "$project requires at least one output field");
        const proj = compileProjection(arg as Doc, "aggregate");
        docs = docs.map((d) => proj.apply(d, vars));
        break;
      }
      case "$addFields":
      case "$set":
        docs = docs.map((d) => addFields(d, arg, vars));
        break;
      case "$unset": {
        const fields = Array.isArray(arg) ? arg : [arg];
        if (fields.some((f) => typeof f !== "string")) fail(31120, "$unset specification must be a string or an array containing only string values");
        const proj = compileProjection(Object.fromEntries(fields.map((f) => [f as string, 0])), "aggregate");
        docs = docs.map((d) => proj.apply(d, vars));
        break;
      }
      case "$sort": {
        if (!isPlainObject(arg)) fail(15973, "the $sort key specification must be an object");
        // $sort followed by $limit keeps only the top documents, as mongod coalesces them.
        const next = stages[i + 1];
        const limit = isPlainObject(next) && Object.keys(next).length === 1 && isNumberType(typeOf(next.$limit)) ? toNumber(next.$limit) : Infinity;
        docs = sortDocs(docs, arg as Doc, ctx.collation, limit > 0 && Number.isInteger(limit) ? limit : Infinity);
        break;
      }
      case "$limit": {
        const n = toNumber(arg);
        if (!isNumberType(typeOf(arg)) || !Number.isInteger(n) || n <= 0) fail(15958, "the limit must be positive");
        docs = docs.slice(0, n);
        break;
      }
      case "$skip": {
        const n = toNumber(arg);
        if (!isNumberType(typeOf(arg)) || !Number.isInteger(n) || n < 0) fail(15956, "the $skip value must be a non-negative integer");
        docs = docs.slice(n);
        break;
      }
      case "$count": {
        if (typeof arg !== "string" || arg === "" || arg.startsWith("$") || arg.includes(".")) {
          fail(40156, "the count field must be a non-empty string, must not start with $ and must not contain '.'");
        }
        docs = docs.length === 0 ? [] : [{ [arg as string]: docs.length }];
        break;
      }
      case "$group":
        docs = group(docs, arg, vars);
        break;
      case "$unwind":
        docs = unwind(docs, arg);
        break;
      case "$lookup":
        docs = lookup(docs, arg, ctx, vars);
        break;
      case "$facet": {
        if (!isPlainObject(arg)) fail(40169, "the $facet specification must be a non-empty object");
        const out: Doc = {};
        for (const [k, sub] of Object.entries(arg as Doc)) {
          if (!Array.isArray(sub)) fail(40170, `arguments to $facet must be arrays, ${k} is type ${typeOf(sub)}`);
          out[k] = runPipeline(docs, sub as Doc[], ctx);
        }
        docs = [out];
        break;
      }
      case "$replaceRoot":
      case "$replaceWith": {
        const expr = name === "$replaceRoot" ? (arg as Doc).newRoot : arg;
        docs = docs.map((d) => {
          const r = evaluate(expr, d, vars);
          if (!isPlainObject(r)) fail(40228, `'newRoot' expression must evaluate to an object, but resulting value was: ${String(r)}. Type of resulting value: '${typeOf(r)}'.`);
          return cloneValue(r as Doc);
        });
        break;
      }
      case "$sortByCount": {
        const grouped = group(docs, { _id: arg, count: { $sum: 1 } }, vars);
        docs = grouped.sort((a, b) => compareValues(b.count, a.count));
        break;
      }
      case "$bucket":
        docs = bucket(docs, arg as Doc, vars);
        break;
      case "$sample": {
        const size = toNumber((arg as Doc)?.size);
        if (!(size >= 0)) fail(28747, "size argument to $sample must be a non-negative number");
        const copy = [...docs];
        for (let j = copy.length - 1; j > 0; j--) {
          const r = Math.floor(Math.random() * (j + 1));
          [copy[j], copy[r]] = [copy[r], copy[j]];
        }
        docs = copy.slice(0, size);
        break;
      }
      case "$unionWith": {
        const spec = typeof arg === "string" ? { coll: arg, pipeline: [] } : (arg as { coll: string; pipeline?: Doc[] });
        docs = [...docs, ...runPipeline(ctx.lookupCollection(spec.coll), spec.pipeline ?? [], ctx)];
        break;
      }
      case "$out":
      case "$merge":
      case "$geoNear":
      case "$search":
      case "$searchMeta":
      case "$vectorSearch":
      case "$graphLookup":
      case "$densify":
      case "$fill":
      case "$setWindowFields":
      case "$bucketAuto":
      case "$redact":
      case "$collStats":
      case "$indexStats":
      case "$currentOp":
      case "$listSessions":
      case "$changeStream":
      case "$documents":
      case "$planCacheStats":
        return fail(ErrorCodes.NotImplemented, `${name} is not supported by the embedded server`);
      default:
        return fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
    }
  }
  return docs;
}

/** Runs the stages allowed in an update pipeline on one document. */
export function runPipelineOnDoc(doc: Doc, stages: Doc[], _context: "update"): Doc {
  for (const stage of stages) {
    const name = isPlainObject(stage) ? stageName(stage) : "";
    if (!UPDATE_STAGES.has(name)) {
      fail(ErrorCodes.InvalidOptions, `${name || "stage"} is not allowed to be used within an update`);
    }
  }
  const [out] = runPipeline([doc], stages, { lookupCollection: () => fail(ErrorCodes.IllegalOperation, "$lookup is not allowed in an update") });
  return out;
}

function addFields(doc: Doc, spec: unknown, vars: Vars): Doc {
  if (!isPlainObject(spec)) fail(40272, "$addFields specification stage must be an object");
  const out = cloneValue(doc);
  // `doc` is the root of every evaluation, so $$ROOT needs no per-document scope object.
  const scope = vars;
  const assign = (target: Doc, obj: Doc, prefix: string) => {
    for (const [k, e] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (isPlainObject(e) && Object.keys(e).length > 0 && !Object.keys(e).some((x) => x.startsWith("$"))) {
        assign(target, e, path);
        continue;
      }
      const v = evaluate(e, doc, scope);
      if (v === REMOVE) {
        const parts = path.split(".");
        let cur: Value = target;
        for (let i = 0; i < parts.length - 1 && isPlainObject(cur); i++) cur = cur[parts[i]];
        if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
      } else if (v !== undefined) setPathCreate(target, path, v);
    }
  };
  assign(out, spec as Doc, "");
  return out;
}

function group(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(spec)) fail(15947, "a group's fields must be specified in an object");
  if (!("_id" in (spec as Doc))) fail(15955, "a group specification must include an _id");
  const { _id: idExpr, ...fields } = spec as Doc;
  const accSpecs = Object.entries(fields).map(([name, s]) => {
    if (name.includes(".")) fail(40235, `The field name '${name}' cannot contain '.'`);
    if (!isPlainObject(s) || Object.keys(s).length !== 1) return fail(40234, `The field '${name}' must be an accumulator object`);
    const op = Object.keys(s)[0];
    return { name, op, expr: s[op] };
  });
  const groups = new Map<string, { id: Value; accs: ReturnType<typeof createAccumulator>[] }>();
  for (const doc of docs) {
    const scope = vars;
    let id = evaluate(idExpr, doc, scope);
    if (id === undefined || id === REMOVE) id = null;
    const key = hashKey(id);
    let g = groups.get(key);
    if (!g) {
      g = { id, accs: accSpecs.map((a) => createAccumulator(a.op, a.expr)) };
      groups.set(key, g);
    }
    for (const acc of g.accs) acc.add(doc, scope);
  }
  const out: Doc[] = [];
  for (const g of groups.values()) {
    const d: Doc = { _id: g.id };
    accSpecs.forEach((a, i) => {
      d[a.name] = g.accs[i].result();
    });
    out.push(d);
  }
  return out;
}

function unwind(docs: Doc[], arg: unknown): Doc[] {
  const spec = typeof arg === "string" ? { path: arg } : (arg as { path?: unknown; includeArrayIndex?: string; preserveNullAndEmptyArrays?: boolean });
  if (typeof spec.path !== "string" || !spec.path.startsWith("$")) fail(28818, "path option to $unwind stage should be prefixed with a '$'");
  const path = (spec.path as string).slice(1);
  const out: Doc[] = [];
  for (const doc of docs) {
    const v = getPath(doc, path);
    const valueAt = (el: Value, idx: number | null) => {
      const copy = cloneValue(doc);
      setPathCreate(copy, path, el);
      if (spec.includeArrayIndex) copy[spec.includeArrayIndex] = idx;
      return copy;
    };
    if (Array.isArray(v)) {
      if (v.length === 0) {
        if (spec.preserveNullAndEmptyArrays) {
          const copy = cloneValue(doc);
          const parts = path.split(".");
          let cur: Value = copy;
          for (let i = 0; i < parts.length - 1 && isPlainObject(cur); i++) cur = cur[parts[i]];
          if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
          if (spec.includeArrayIndex) copy[spec.includeArrayIndex] = null;
          out.push(copy);
        }
        continue;
      }
      v.forEach((el, i) => out.push(valueAt(el, i)));
    } else if (v === undefined || v === null) {
      if (spec.preserveNullAndEmptyArrays) {
        const copy = cloneValue(doc);
        if (spec.includeArrayIndex) copy[spec.includeArrayIndex] = null;
        out.push(copy);
      }
    } else {
      out.push(valueAt(v, null));
    }
  }
  return out;
}

function lookup(docs: Doc[], arg: unknown, ctx: PipelineContext, vars: Vars): Doc[] {
  const spec = arg as { from?: string; localField?: string; foreignField?: string; as?: string; let?: Doc; pipeline?: Doc[] };
  if (typeof spec.as !== "string") fail(ErrorCodes.FailedToParse, "must specify 'as' field for a $lookup");
  if (typeof spec.from !== "string") fail(ErrorCodes.FailedToParse, "must specify 'from' field for a $lookup");
  const foreign = ctx.lookupCollection(spec.from as string);
  const hasFields = spec.localField !== undefined || spec.foreignField !== undefined;
  let index: Map<string, Doc[]> | null = null;
  if (hasFields) {
    if (typeof spec.localField !== "string" || typeof spec.foreignField !== "string") {
      fail(ErrorCodes.FailedToParse, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
    }
    index = new Map();
    for (const f of foreign) {
      const keys = new Set<string>();
      for (const v of valuesAtPath(f, spec.foreignField as string)) {
        if (Array.isArray(v)) v.forEach((x) => keys.add(hashKey(x, ctx.collation)));
        keys.add(hashKey(v, ctx.collation));
      }
      for (const k of keys) {
        const list = index.get(k) ?? [];
        list.push(f);
        index.set(k, list);
      }
    }
  } else if (!Array.isArray(spec.pipeline)) {
    fail(ErrorCodes.FailedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
  }
  return docs.map((doc) => {
    let matches: Doc[] = foreign;
    if (index) {
      const seen = new Set<Doc>();
      const locals = valuesAtPath(doc, spec.localField as string).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      for (const v of locals) for (const f of index.get(hashKey(v, ctx.collation)) ?? []) seen.add(f);
      matches = foreign.filter((f) => seen.has(f));
    }
    if (spec.pipeline) {
      const letVars: Vars = { ...vars };
      for (const [k, e] of Object.entries(spec.let ?? {})) letVars[k] = evaluate(e, doc, vars);
      matches = runPipeline(matches, spec.pipeline, { ...ctx, vars: letVars });
    }
    const copy = cloneValue(doc);
    setPathCreate(copy, spec.as as string, matches.map((m) => cloneValue(m)));
    return copy;
  });
}

function bucket(docs: Doc[], spec: Doc, vars: Vars): Doc[] {
  const boundaries = spec.boundaries as Value[];
  if (!Array.isArray(boundaries) || boundaries.length < 2) fail(40192, "The $bucket 'boundaries' field must be an array with at least two values");
  for (let i = 1; i < boundaries.length; i++) {
    if (compareValues(boundaries[i - 1], boundaries[i]) >= 0) fail(40194, "The 'boundaries' option to $bucket must be sorted in ascending order");
  }
  const output = (spec.output as Doc | undefined) ?? { count: { $sum: 1 } };
  const hasDefault = "default" in spec;
  const buckets = new Map<string, { id: Value; docs: Doc[] }>();
  for (const doc of docs) {
    const v = evaluate(spec.groupBy, doc, vars);
    let id: Value;
    const idx = boundaries.findIndex((b, i) => i < boundaries.length - 1 && compareValues(v, b) >= 0 && compareValues(v, boundaries[i + 1]) < 0 && typeRank(typeOf(v)) === typeRank(typeOf(b)));
    if (idx >= 0) id = boundaries[idx];
    else if (hasDefault) id = spec.default;
    else return fail(40066, "$switch could not find a matching branch for an input, and no default was specified.");
    const key = hashKey(id);
    const b = buckets.get(key) ?? { id, docs: [] };
    b.docs.push(doc);
    buckets.set(key, b);
  }
  const ordered = [...buckets.values()].sort((a, b) => {
    const ai = boundaries.findIndex((x) => valuesEqual(x, a.id));
    const bi = boundaries.findIndex((x) => valuesEqual(x, b.id));
    return (ai < 0 ? Infinity : ai) - (bi < 0 ? Infinity : bi);
  });
  return ordered.map((b) => {
    const [g] = group(b.docs, { _id: null, ...output }, vars);
    return { ...g, _id: b.id };
  });
}

const EXPRESSION_STAGES = new Set(["$project", "$addFields", "$set", "$replaceRoot", "$replaceWith", "$sortByCount", "$bucket"]);

/** Parses expressions of every stage up front, as mongod does before reading any document. */
function validatePipeline(stages: Doc[]): void {
  for (const stage of stages) {
    if (!isPlainObject(stage)) continue;
    const name = Object.keys(stage)[0];
    const arg = stage[name];
    if (EXPRESSION_STAGES.has(name)) checkExpression(arg);
    else if (name === "$group" && isPlainObject(arg)) {
      checkExpression(arg._id);
      for (const [k, acc] of Object.entries(arg)) {
        if (k !== "_id" && isPlainObject(acc)) for (const e of Object.values(acc)) checkExpression(e);
      }
    } else if (name === "$match" && isPlainObject(arg) && arg.$expr !== undefined) checkExpression(arg.$expr);
  }
}
