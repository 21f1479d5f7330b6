import { isNumberType, isPlainObject, toNumber, typeOf, type Doc } from "../bson/types";
import type { Collation } from "../bson/compare";
import { ErrorCodes, fail } from "../errors";
import { compileFilter } from "../query/matcher";
import { sortDocs } from "../query/sort";
import { checkExpression, type Vars } from "./expressions";
import { bucket, bucketAuto, group, sortByCount } from "./stages/grouping";
import { graphLookup, lookup, type LookupContext } from "./stages/lookup";
import { addFields, project, redact, replaceRoot, unset, unwind } from "./stages/reshape";

export interface PipelineContext {
  /** Every document of another collection of the same database (for $lookup / $unionWith). */
  lookupCollection(name: string): Doc[];
  collation?: Collation | null;
  vars?: Vars;
}

const UPDATE_STAGES = new Set(["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"]);

/** Stages mongod has that this server refuses (NotImplemented) rather than mis-executes. */
const UNSUPPORTED = new Set([
  "$out", "$merge", "$geoNear", "$search", "$searchMeta", "$vectorSearch", "$densify", "$fill", "$setWindowFields",
  "$collStats", "$indexStats", "$currentOp", "$listSessions", "$listLocalSessions", "$changeStream",
  "$changeStreamSplitLargeEvent", "$documents", "$planCacheStats", "$listSearchIndexes", "$shardedDataDistribution",
]);

function stageName(stage: unknown): string {
  if (!isPlainObject(stage)) return fail(ErrorCodes.TypeMismatch, "Each element of the 'pipeline' array must be an object");
  const keys = Object.keys(stage);
  if (keys.length !== 1) fail(40323, "A pipeline stage specification object must contain exactly one field.");
  return keys[0];
}

function positiveInt(arg: unknown, code: number, message: string, allowZero: boolean): number {
  const n = toNumber(arg);
  if (!isNumberType(typeOf(arg)) || !Number.isInteger(n) || n < 0 || (!allowZero && n === 0)) fail(code, message);
  return n;
}

/**
 * Runs an aggregation pipeline over documents. Input documents are never mutated: stages that
 * change documents work on copies.
 */
export function runPipeline(input: Doc[], stages: Doc[], ctx: PipelineContext): Doc[] {
  validatePipeline(stages);
  const vars: Vars = { NOW: new Date(), ...(ctx.vars ?? {}) };
  const lookups: LookupContext = {
    lookupCollection: ctx.lookupCollection,
    collation: ctx.collation,
    run: (docs, pipeline, letVars) => runPipeline(docs, pipeline, { ...ctx, vars: letVars }),
  };
  let docs = input;
  for (let i = 0; i < stages.length; i++) {
    const name = stageName(stages[i]);
    const arg = stages[i][name];
    switch (name) {
      case "$match": {
        if (!isPlainObject(arg)) fail(15959, "the match filter must be an expression in an object");
        const pred = compileFilter(arg, { collation: ctx.collation, variables: vars });
        docs = docs.filter(pred);
        break;
      }
      case "$project":
        docs = project(docs, arg, vars);
        break;
      case "$addFields":
      case "$set":
        docs = addFields(docs, arg, vars);
        break;
      case "$unset":
        docs = unset(docs, arg, vars);
        break;
      case "$replaceRoot":
        if (!isPlainObject(arg) || !("newRoot" in arg)) fail(40231, "no newRoot specified for the $replaceRoot stage");
        docs = replaceRoot(docs, (arg as Doc).newRoot, vars);
        break;
      case "$replaceWith":
        docs = replaceRoot(docs, arg, vars);
        break;
      case "$sort": {
        if (!isPlainObject(arg)) fail(15973, "the $sort key specification must be an object");
        // $sort followed by $limit keeps only the top documents, as mongod coalesces them.
        const next = stages[i + 1];
        const limit = isPlainObject(next) && Object.keys(next).length === 1 && isNumberType(typeOf(next.$limit)) ? toNumber(next.$limit) : Infinity;
        docs = sortDocs(docs, arg as Doc, ctx.collation, limit > 0 && Number.isInteger(limit) ? limit : Infinity);
        break;
      }
      case "$limit":
        docs = docs.slice(0, positiveInt(arg, 15958, "the limit must be positive", false));
        break;
      case "$skip":
        docs = docs.slice(positiveInt(arg, 15956, "the $skip value must be a non-negative integer", true));
        break;
      case "$count":
        if (typeof arg !== "string" || arg === "" || arg.startsWith("$") || arg.includes(".")) {
          fail(40156, "the count field must be a non-empty string, must not start with $ and must not contain '.'");
        }
        docs = docs.length === 0 ? [] : [{ [arg as string]: docs.length }];
        break;
      case "$group":
        docs = group(docs, arg, vars);
        break;
      case "$sortByCount":
        docs = sortByCount(docs, arg, vars);
        break;
      case "$bucket":
        docs = bucket(docs, arg, vars);
        break;
      case "$bucketAuto":
        docs = bucketAuto(docs, arg, vars);
        break;
      case "$unwind":
        docs = unwind(docs, arg);
        break;
      case "$redact":
        docs = redact(docs, arg, vars);
        break;
      case "$lookup":
        docs = lookup(docs, arg, lookups, vars);
        break;
      case "$graphLookup":
        docs = graphLookup(docs, arg, lookups, vars);
        break;
      case "$facet": {
        if (!isPlainObject(arg) || Object.keys(arg).length === 0) fail(40169, "the $facet specification must be a non-empty object");
        const out: Doc = {};
        for (const [k, sub] of Object.entries(arg as Doc)) {
          if (!Array.isArray(sub)) fail(40170, `arguments to $facet must be arrays, ${k} is type ${typeOf(sub)}`);
          for (const s of sub as Doc[]) {
            const n = stageName(s);
            if (["$facet", "$out", "$merge", "$collStats", "$indexStats", "$geoNear", "$changeStream"].includes(n)) fail(40600, `${n} is not allowed to be used within a $facet stage`);
          }
          out[k] = runPipeline(docs, sub as Doc[], ctx);
        }
        docs = [out];
        break;
      }
      case "$sample": {
        if (!isPlainObject(arg)) fail(28745, "the $sample stage specification must be an object");
        const size = positiveInt((arg as Doc).size, 28747, "size argument to $sample must not be negative", true);
        const copy = [...docs];
        for (let j = copy.length - 1; j > 0; j--) {
          const r = Math.floor(Math.random() * (j + 1));
          [copy[j], copy[r]] = [copy[r], copy[j]];
        }
        docs = copy.slice(0, size);
        break;
      }
      case "$unionWith": {
        const spec = typeof arg === "string" ? { coll: arg, pipeline: [] } : isPlainObject(arg) ? arg : fail(ErrorCodes.FailedToParse, "$unionWith requires a string or an object");
        if (typeof spec.coll !== "string") fail(ErrorCodes.FailedToParse, "$unionWith requires 'coll' to be a string");
        docs = [...docs, ...runPipeline(ctx.lookupCollection(spec.coll as string), (spec.pipeline as Doc[] | undefined) ?? [], ctx)];
        break;
      }
      default:
        if (UNSUPPORTED.has(name)) return fail(ErrorCodes.NotImplemented, `${name} is not supported by the embedded server`);
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

const EXPRESSION_STAGES = new Set(["$project", "$addFields", "$set", "$replaceRoot", "$replaceWith", "$sortByCount", "$redact"]);

/** Parses every stage's expressions up front, as mongod does before reading any document. */
function validatePipeline(stages: Doc[]): void {
  if (!Array.isArray(stages)) fail(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  for (const stage of stages) {
    const name = stageName(stage);
    const arg = stage[name];
    if (name === "$out" || name === "$merge") {
      if (stage !== stages[stages.length - 1]) fail(40601, `${name} can only be the final stage in the pipeline`);
    }
    if (EXPRESSION_STAGES.has(name)) checkExpression(arg);
    else if ((name === "$bucket" || name === "$bucketAuto") && isPlainObject(arg)) checkExpression(arg.groupBy);
    else if (name === "$group" && isPlainObject(arg)) checkExpression(arg._id);
    else if (name === "$match" && isPlainObject(arg) && arg.$expr !== undefined) checkExpression(arg.$expr);
    else if (!UNSUPPORTED.has(name) && !KNOWN.has(name)) fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
    if (UNSUPPORTED.has(name)) fail(ErrorCodes.NotImplemented, `${name} is not supported by the embedded server`);
  }
}

const KNOWN = new Set([
  "$match", "$project", "$addFields", "$set", "$unset", "$replaceRoot", "$replaceWith", "$sort", "$limit", "$skip", "$count",
  "$group", "$sortByCount", "$bucket", "$bucketAuto", "$unwind", "$redact", "$lookup", "$graphLookup", "$facet", "$sample", "$unionWith",
]);
