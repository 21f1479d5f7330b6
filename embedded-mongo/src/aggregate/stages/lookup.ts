import { Long } from "bson";
import { cloneValue } from "../../bson/clone";
import { hashKey, type Collation } from "../../bson/compare";
import { setPathCreate, valuesAtPath } from "../../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { compileFilter } from "../../query/matcher";
import { evaluate, type Vars } from "../expressions";

/** What lookup stages need from the pipeline runner. */
export interface LookupContext {
  /** Every document of another collection of the same database. */
  lookupCollection(name: string): Doc[];
  /** Runs a sub-pipeline over documents with extra variables. */
  run(docs: Doc[], pipeline: Doc[], vars: Vars): Doc[];
  collation?: Collation | null;
}

function fromArg(from: unknown, stage: string): string {
  if (isPlainObject(from)) return fail(ErrorCodes.NotImplemented, `${stage} from another database is not supported by the embedded server`);
  if (typeof from !== "string") return fail(ErrorCodes.FailedToParse, `${stage} requires 'from' to be a string`);
  return from;
}

/** Hash of the values a field holds (array elements and the whole array), for equality joins. */
function keysOf(doc: Doc, path: string, collation: Collation | null | undefined): Set<string> {
  const keys = new Set<string>();
  for (const v of valuesAtPath(doc, path)) {
    if (Array.isArray(v)) v.forEach((x) => keys.add(hashKey(x, collation)));
    keys.add(hashKey(v, collation));
  }
  return keys;
}

/** $lookup: equality join, pipeline join, or both (the concise form). */
export function lookup(docs: Doc[], arg: unknown, ctx: LookupContext, vars: Vars): Doc[] {
  if (!isPlainObject(arg)) return fail(ErrorCodes.FailedToParse, "the $lookup specification must be an Object");
  for (const k of Object.keys(arg)) if (!["from", "localField", "foreignField", "as", "let", "pipeline"].includes(k)) fail(ErrorCodes.FailedToParse, `unknown argument to $lookup: ${k}`);
  if (typeof arg.as !== "string") fail(ErrorCodes.FailedToParse, "must specify 'as' field for a $lookup");
  const foreign = ctx.lookupCollection(fromArg(arg.from, "$lookup"));
  const hasFields = arg.localField !== undefined || arg.foreignField !== undefined;
  let index: Map<string, Doc[]> | null = null;
  if (hasFields) {
    if (typeof arg.localField !== "string" || typeof arg.foreignField !== "string") {
      fail(ErrorCodes.FailedToParse, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
    }
    index = new Map();
    for (const f of foreign) {
      for (const k of keysOf(f, arg.foreignField as string, ctx.collation)) {
        const list = index.get(k);
        if (list) list.push(f);
        else index.set(k, [f]);
      }
    }
  } else if (!Array.isArray(arg.pipeline)) {
    fail(ErrorCodes.FailedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
  }
  if (arg.let !== undefined && !isPlainObject(arg.let)) fail(ErrorCodes.FailedToParse, "$lookup argument 'let' must be an object");
  return docs.map((doc) => {
    let matches: Doc[] = foreign;
    if (index) {
      const seen = new Set<Doc>();
      const locals = valuesAtPath(doc, arg.localField as string).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
      for (const v of locals) for (const f of index.get(hashKey(v, ctx.collation)) ?? []) seen.add(f);
      matches = foreign.filter((f) => seen.has(f));
    }
    if (Array.isArray(arg.pipeline)) {
      const letVars: Vars = { ...vars };
      for (const [k, e] of Object.entries((arg.let as Doc | undefined) ?? {})) letVars[k] = evaluate(e, doc, vars);
      matches = ctx.run(matches, arg.pipeline as Doc[], letVars);
    }
    const copy = cloneValue(doc);
    setPathCreate(copy, arg.as as string, matches.map((m) => cloneValue(m)));
    return copy;
  });
}

/** $graphLookup: breadth-first traversal of a collection by connectFrom → connectTo. */
export function graphLookup(docs: Doc[], arg: unknown, ctx: LookupContext, vars: Vars): Doc[] {
  if (!isPlainObject(arg)) return fail(ErrorCodes.FailedToParse, "the $graphLookup specification must be an Object");
  const allowed = ["from", "startWith", "connectFromField", "connectToField", "as", "maxDepth", "depthField", "restrictSearchWithMatch"];
  for (const k of Object.keys(arg)) if (!allowed.includes(k)) fail(40105, `Unknown argument to $graphLookup: ${k}`);
  for (const k of ["from", "startWith", "connectFromField", "connectToField", "as"]) if (arg[k] === undefined) fail(40105, `$graphLookup requires '${k}' to be specified`);
  const { connectFromField: fromField, connectToField: toField, as, depthField } = arg;
  if (typeof fromField !== "string" || typeof toField !== "string" || typeof as !== "string") return fail(40103, "$graphLookup field names must be strings");
  if (depthField !== undefined && typeof depthField !== "string") fail(40103, "depthField must be a string");
  const maxDepth = arg.maxDepth === undefined ? Infinity : toNumber(arg.maxDepth);
  if (arg.maxDepth !== undefined && (!isNumberType(typeOf(arg.maxDepth)) || !Number.isInteger(maxDepth) || maxDepth < 0)) fail(40101, "maxDepth requires a nonnegative integer");
  const restrict = arg.restrictSearchWithMatch === undefined ? () => true : compileFilter(arg.restrictSearchWithMatch, { collation: ctx.collation });
  const foreign = ctx.lookupCollection(fromArg(arg.from, "$graphLookup")).filter(restrict);
  const byTo = new Map<string, Doc[]>();
  for (const f of foreign) {
    for (const k of keysOf(f, toField, ctx.collation)) {
      const list = byTo.get(k);
      if (list) list.push(f);
      else byTo.set(k, [f]);
    }
  }
  return docs.map((doc) => {
    const start = evaluate(arg.startWith, doc, vars);
    let frontier = (Array.isArray(start) ? start : [start]).map((v) => hashKey(v, ctx.collation));
    const found = new Map<Doc, number>();
    const visitedKeys = new Set<string>();
    for (let depth = 0; frontier.length && depth <= maxDepth; depth++) {
      const next: string[] = [];
      for (const k of frontier) {
        if (visitedKeys.has(k)) continue;
        visitedKeys.add(k);
        for (const f of byTo.get(k) ?? []) {
          if (found.has(f)) continue;
          found.set(f, depth);
          for (const v of valuesAtPath(f, fromField)) {
            if (Array.isArray(v)) v.forEach((x) => next.push(hashKey(x, ctx.collation)));
            else if (v !== undefined) next.push(hashKey(v, ctx.collation));
          }
        }
      }
      frontier = next;
    }
    const copy = cloneValue(doc);
    const results = [...found].map(([f, depth]) => {
      const c = cloneValue(f);
      if (depthField) c[depthField as string] = Long.fromNumber(depth);
      return c;
    });
    setPathCreate(copy, as, results as Value);
    return copy;
  });
}
