import { calculateObjectSize, Int32, Long } from "bson";
import { cloneDoc } from "../bson/clone";
import { hashKey, type Collation } from "../bson/compare";
import { valuesAtPath } from "../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { runPipeline } from "../aggregate/pipeline";
import { compileProjection } from "../query/projection";
import { compileSort, sortDocs } from "../query/sort";
import { CollectionView } from "../storage/view";
import type { Plan } from "../storage/collection";
import { MAX_BSON_SIZE } from "../wire/protocol";
import type { CommandContext, CommandSpec } from "./types";
import { collationArg, collectionArg, optionalBool, optionalDoc, optionalNumber } from "./util";

/** A server-side cursor: the remaining documents of a result, handed out in batches. */
export interface Cursor {
  id: Long;
  ns: string;
  docs: Doc[];
  pos: number;
  batchSize: number | null;
  sessionKey: string | null;
  lastUsed: number;
}

function viewOrNull(ctx: CommandContext, name: string): CollectionView | null {
  const coll = ctx.server.store.collection(ctx.db, name);
  return coll ? new CollectionView(coll, ctx.txn, ctx.changes) : null;
}

/** Takes the next batch: at most `size` documents and at most ~16 MiB. */
function takeBatch(docs: Doc[], from: number, size: number | null): { batch: Doc[]; next: number } {
  const batch: Doc[] = [];
  let bytes = 0;
  let i = from;
  const limit = size === null || size === 0 ? Infinity : size;
  while (i < docs.length && batch.length < limit) {
    const s = calculateObjectSize(docs[i]);
    if (batch.length > 0 && bytes + s > MAX_BSON_SIZE) break;
    bytes += s;
    batch.push(docs[i]);
    i++;
  }
  return { batch, next: i };
}

/** Replies with the first batch and registers a cursor for the rest. */
export function cursorReply(ctx: CommandContext, ns: string, docs: Doc[], firstBatchSize: number | null, singleBatch: boolean): Doc {
  // batchSize 0 opens the cursor without returning documents yet (0 means "no limit" only in getMore).
  const { batch, next } = firstBatchSize === 0 ? { batch: [], next: 0 } : takeBatch(docs, 0, firstBatchSize);
  let id = Long.ZERO;
  if (next < docs.length && !singleBatch) {
    const cursor = ctx.server.openCursor(ns, docs, next, ctx);
    id = cursor.id;
  }
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
}

function checkHint(view: CollectionView | null, hint: unknown): void {
  if (hint === undefined || hint === null || !view) return;
  if (typeof hint === "string") {
    if (!view.coll.indexes.has(hint)) fail(ErrorCodes.BadValue, "error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index");
  } else if (isPlainObject(hint)) {
    if (Object.keys(hint).length === 0) return;
    if ("$natural" in hint) return;
    const wanted = JSON.stringify(hint);
    if (![...view.coll.indexes.values()].some((i) => JSON.stringify(i.def.key) === wanted)) {
      fail(ErrorCodes.BadValue, "error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index");
    }
  }
}

interface FindResult {
  docs: Doc[];
  plan: Plan;
  examined: number;
}

function runFind(ctx: CommandContext, view: CollectionView | null, cmd: Doc): FindResult {
  const filter = optionalDoc(cmd, "filter", "find") ?? {};
  const sort = optionalDoc(cmd, "sort", "find");
  const projectionSpec = optionalDoc(cmd, "projection", "find");
  const skip = optionalNumber(cmd, "skip", "find") ?? 0;
  let limit = optionalNumber(cmd, "limit", "find") ?? 0;
  const collation = collationArg(cmd.collation);
  const letVars = optionalDoc(cmd, "let", "find");
  if (skip < 0) fail(51024, "BSON field 'skip' value must be >= 0, actual value '" + skip + "'");
  if (limit < 0) fail(51024, "BSON field 'limit' value must be >= 0, actual value '" + limit + "'");
  for (const f of ["min", "max", "returnKey", "showRecordId", "tailable", "awaitData", "oplogReplay"]) {
    if (cmd[f] !== undefined && cmd[f] !== false && !(isPlainObject(cmd[f]) && Object.keys(cmd[f] as Doc).length === 0)) {
      fail(ErrorCodes.NotImplemented, `find option '${f}' is not supported by the embedded server`);
    }
  }
  checkHint(view, cmd.hint);
  if (!view) {
    // Validate the filter even when the collection does not exist.
    new CollectionView(ctx.server.store.scratch(), null, []).find(filter, collation, 1, letVars);
    return { docs: [], plan: { stage: "EOF", keys: [], sorted: true, direction: "forward" }, examined: 0 };
  }
  const reverse = isPlainObject(cmd.hint) && toNumber((cmd.hint as Doc).$natural) === -1;
  const sortSpec = sort && Object.keys(sort).length ? sort : null;
  const stopAfter = reverse ? Infinity : limit ? skip + limit : Infinity;
  const { found, plan } = view.find(filter, collation, stopAfter, letVars, sortSpec);
  let docs = found.map((f) => f.doc);
  if (reverse && !sortSpec) docs.reverse();
  if (sortSpec && !plan.sorted) docs = sortDocs(docs, sortSpec, collation, limit ? skip + limit : Infinity);
  if (skip) docs = docs.slice(skip);
  if (limit) docs = docs.slice(0, limit);
  if (projectionSpec && Object.keys(projectionSpec).length) {
    const proj = compileProjection(projectionSpec, "find", filter);
    docs = docs.map((d) => proj.apply(d, letVars ?? {}));
  }
  limit = 0;
  return { docs, plan, examined: plan.keys === null ? view.count() : found.length };
}

export const findCommand: CommandSpec = {
  name: "find",
  inTransaction: true,
  fields: [
    "find", "filter", "sort", "projection", "hint", "skip", "limit", "batchSize", "singleBatch", "let", "collation",
    "allowDiskUse", "noCursorTimeout", "allowPartialResults", "min", "max", "returnKey", "showRecordId", "tailable",
    "awaitData", "oplogReplay", "readOnce", "allowSpeculativeMajorityRead", "term", "maxAwaitTimeMS", "exhaust",
  ],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "find");
    const view = viewOrNull(ctx, name);
    const { docs } = runFind(ctx, view, ctx.cmd);
    const batchSize = optionalNumber(ctx.cmd, "batchSize", "find");
    if (batchSize !== undefined && batchSize < 0) fail(51024, "BSON field 'batchSize' value must be >= 0");
    const rawLimit = optionalNumber(ctx.cmd, "limit", "find") ?? 0;
    const single = (optionalBool(ctx.cmd, "singleBatch", "find") ?? false) || false;
    return cursorReply(ctx, `${ctx.db}.${name}`, docs, batchSize ?? (rawLimit ? Math.min(rawLimit, 101) : 101), single);
  },
};

export const getMoreCommand: CommandSpec = {
  name: "getMore",
  inTransaction: true,
  fields: ["getMore", "collection", "batchSize", "maxTimeMS", "term", "lastKnownCommittedOpTime"],
  run(ctx) {
    const raw = ctx.cmd.getMore;
    if (typeOf(raw) !== "long" && typeOf(raw) !== "int" && typeOf(raw) !== "double") {
      fail(ErrorCodes.TypeMismatch, "Field 'getMore' must be of type long in: " + JSON.stringify(ctx.cmd));
    }
    const collection = collectionArg(ctx.cmd, "collection");
    const cursor = ctx.server.cursor(Long.fromValue(raw as number));
    if (!cursor) fail(ErrorCodes.CursorNotFound, `cursor id ${String(raw)} not found`);
    if (cursor!.ns !== `${ctx.db}.${collection}`) fail(13, `Requested getMore on namespace '${ctx.db}.${collection}', but cursor belongs to a different namespace ${cursor!.ns}`);
    const batchSize = optionalNumber(ctx.cmd, "batchSize", "getMore") ?? cursor!.batchSize;
    const { batch, next } = takeBatch(cursor!.docs, cursor!.pos, batchSize ?? null);
    cursor!.pos = next;
    cursor!.lastUsed = Date.now();
    let id = cursor!.id;
    if (next >= cursor!.docs.length) {
      ctx.server.closeCursor(cursor!.id);
      id = Long.ZERO;
    }
    return { cursor: { nextBatch: batch, id, ns: cursor!.ns }, ok: 1 };
  },
};

export const killCursorsCommand: CommandSpec = {
  name: "killCursors",
  inTransaction: true,
  fields: ["killCursors", "cursors"],
  run(ctx) {
    collectionArg(ctx.cmd, "killCursors");
    const ids = ctx.cmd.cursors;
    if (!Array.isArray(ids)) fail(ErrorCodes.FailedToParse, "BSON field 'killCursors.cursors' is missing but a required field");
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids as Value[]) {
      const id = Long.fromValue(raw as number);
      if (ctx.server.closeCursor(id)) killed.push(id);
      else notFound.push(id);
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};

/** The single field and argument of a pipeline stage, if it is a well-formed stage. */
function stageOf(stage: unknown): [string, unknown] | null {
  if (!isPlainObject(stage)) return null;
  const keys = Object.keys(stage);
  return keys.length === 1 ? [keys[0], stage[keys[0]]] : null;
}

/**
 * Runs a pipeline. Its leading `$match` picks candidates through an index, and a `$sort` right
 * after it (with the `$skip`/`$limit` that follow) is answered by an index order when one fits, so
 * "newest 20 of 200k" reads 20 index entries.
 */
/**
 * `[{ $match }, { $group: { _id: <constant>, n: { $sum: 1 } } }]` (what drivers send for
 * countDocuments) answered from an index that matches exactly, without reading the documents.
 */
function exactCount(view: CollectionView, pipeline: Doc[], collation: Collation | null): { docs: Doc[]; plan: Plan } | null {
  if (pipeline.length !== 2) return null;
  const match = stageOf(pipeline[0]);
  const group = stageOf(pipeline[1]);
  if (!match || match[0] !== "$match" || !isPlainObject(match[1]) || !group || group[0] !== "$group" || !isPlainObject(group[1])) return null;
  const spec = group[1];
  const fields = Object.keys(spec);
  if (fields.length !== 2 || fields[0] !== "_id") return null;
  const id = spec._id;
  if (!(id === null || isNumberType(typeOf(id)) || (typeof id === "string" && !id.startsWith("$")))) return null;
  const acc = spec[fields[1]];
  if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || !isNumberType(typeOf(acc.$sum)) || toNumber(acc.$sum) !== 1) return null;
  const n = view.countExact(match[1], collation);
  if (n === null) return null;
  return { docs: n === 0 ? [] : [{ _id: id, [fields[1]]: new Int32(n) }], plan: view.coll.plan(match[1], collation, null, false) };
}

function runAggregate(ctx: CommandContext, view: CollectionView | null, pipeline: Doc[], collation: Collation | null, letVars: Doc | undefined): { docs: Doc[]; plan: Plan | null } {
  let input: Doc[] = [];
  let rest = pipeline;
  let plan: Plan | null = null;
  if (view) {
    const counted = exactCount(view, pipeline, collation);
    if (counted) return counted;
    let i = 0;
    let match: Doc = {};
    const first = stageOf(pipeline[0]);
    if (first && first[0] === "$match" && isPlainObject(first[1])) {
      match = first[1];
      i = 1;
    }
    let sort: Doc | null = null;
    const sortStage = stageOf(pipeline[i]);
    if (sortStage && sortStage[0] === "$sort" && isPlainObject(sortStage[1]) && Object.keys(sortStage[1]).length) {
      sort = sortStage[1];
      compileSort(sort, collation);
    }
    // How many leading documents the stages right after the match/sort can use.
    let stop = Infinity;
    let skip = 0;
    for (let k = sort ? i + 1 : i; k < pipeline.length; k++) {
      const st = stageOf(pipeline[k]);
      const n = st && isNumberType(typeOf(st[1])) ? toNumber(st[1]) : NaN;
      if (st && st[0] === "$skip" && Number.isInteger(n) && n >= 0) skip += n;
      else if (st && st[0] === "$limit" && Number.isInteger(n) && n > 0) {
        stop = skip + n;
        break;
      } else break;
    }
    const r = view.find(match, collation, stop, letVars, sort);
    input = r.found.map((f) => f.doc);
    plan = r.plan;
    rest = pipeline.slice(sort && r.plan.sorted ? i + 1 : i);
  }
  const docs = runPipeline(input, rest, {
    collation,
    vars: letVars,
    lookupCollection: (name) => {
      const v = viewOrNull(ctx, String(name));
      return v ? [...v.all()].map((f) => f.doc) : [];
    },
  });
  return { docs, plan };
}

export const aggregateCommand: CommandSpec = {
  name: "aggregate",
  inTransaction: true,
  fields: ["aggregate", "pipeline", "cursor", "explain", "allowDiskUse", "collation", "hint", "let", "bypassDocumentValidation", "fromMongos", "needsMerge", "isMapReduceCommand"],
  run(ctx) {
    const target = ctx.cmd.aggregate;
    if (target === 1 || typeOf(target) === "int" || typeOf(target) === "double") {
      fail(ErrorCodes.NotImplemented, "collection-less aggregate is not supported by the embedded server");
    }
    const name = collectionArg(ctx.cmd, "aggregate");
    const pipeline = ctx.cmd.pipeline;
    if (!Array.isArray(pipeline)) fail(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
    const explain = optionalBool(ctx.cmd, "explain", "aggregate") ?? false;
    const cursorSpec = optionalDoc(ctx.cmd, "cursor", "aggregate");
    if (!cursorSpec && !explain) fail(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
    for (const stage of pipeline as Doc[]) {
      const op = isPlainObject(stage) ? Object.keys(stage)[0] : "";
      if ((op === "$out" || op === "$merge") && ctx.txn) fail(ErrorCodes.OperationNotSupportedInTransaction, `${op} cannot be used in a transaction`);
    }
    const view = viewOrNull(ctx, name);
    checkHint(view, ctx.cmd.hint);
    const collation = collationArg(ctx.cmd.collation);
    const { docs, plan } = runAggregate(ctx, view, pipeline as Doc[], collation, optionalDoc(ctx.cmd, "let", "aggregate"));
    if (explain) return { ...explainPlan(`${ctx.db}.${name}`, plan, view), ok: 1 };
    const batchSize = cursorSpec?.batchSize === undefined ? 101 : toNumber(cursorSpec.batchSize);
    return cursorReply(ctx, `${ctx.db}.${name}`, docs, batchSize, false);
  },
};

export const countCommand: CommandSpec = {
  name: "count",
  inTransaction: false,
  fields: ["count", "query", "limit", "skip", "hint", "collation", "fields"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "count");
    const view = viewOrNull(ctx, name);
    checkHint(view, ctx.cmd.hint);
    if (!view) return { n: 0, ok: 1 };
    const query = optionalDoc(ctx.cmd, "query", "count") ?? {};
    const skip = optionalNumber(ctx.cmd, "skip", "count") ?? 0;
    const limit = Math.abs(optionalNumber(ctx.cmd, "limit", "count") ?? 0);
    if (skip < 0) fail(ErrorCodes.BadValue, "skip value is negative in count query");
    let n = Object.keys(query).length === 0 ? view.count() : view.find(query, collationArg(ctx.cmd.collation)).found.length;
    n = Math.max(0, n - skip);
    if (limit) n = Math.min(n, limit);
    return { n, ok: 1 };
  },
};

export const distinctCommand: CommandSpec = {
  name: "distinct",
  inTransaction: true,
  fields: ["distinct", "key", "query", "collation", "hint"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "distinct");
    const key = ctx.cmd.key;
    if (typeof key !== "string") fail(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
    const view = viewOrNull(ctx, name);
    if (!view) return { values: [], ok: 1 };
    const collation = collationArg(ctx.cmd.collation);
    const { found } = view.find(optionalDoc(ctx.cmd, "query", "distinct") ?? {}, collation);
    const seen = new Map<string, Value>();
    for (const f of found) {
      for (const v of valuesAtPath(f.doc, key as string)) {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) {
          if (item === undefined) continue;
          const k = hashKey(item, collation);
          if (!seen.has(k)) seen.set(k, item);
        }
      }
    }
    return { values: [...seen.values()].map((v) => (isPlainObject(v) ? cloneDoc(v) : v)), ok: 1 };
  },
};

/**
 * The plan actually used, in mongod's explain shape: IDHACK, FETCH over IXSCAN (hash lookup on the
 * index's first field) or COLLSCAN, wrapped in the SORT / SKIP / LIMIT / PROJECTION stages the
 * find applies after it.
 */
function indexStage(plan: Plan, view: CollectionView): Doc {
  if (plan.stage === "IDHACK") return { stage: "IDHACK" };
  if (plan.stage === "OR") return { stage: "OR", inputStages: plan.inputs!.map((p) => indexStage(p, view)) };
  const index = view.coll.indexes.get(plan.indexName!)!;
  return { stage: "IXSCAN", keyPattern: index.def.key, indexName: plan.indexName, isMultiKey: index.multikey, isUnique: !!index.def.unique, isSparse: !!index.def.sparse, isPartial: !!index.def.partialFilterExpression, direction: plan.direction, indexBounds: plan.bounds ?? {} };
}

function explainPlan(ns: string, plan: Plan | null, view: CollectionView | null, find?: Doc): Doc {
  let winningPlan: Doc;
  if (!view || !plan || plan.stage === "EOF") winningPlan = { stage: "EOF" };
  else if (plan.stage === "IDHACK") winningPlan = { stage: "IDHACK" };
  else if (plan.stage === "IXSCAN" || plan.stage === "OR") winningPlan = { stage: "FETCH", inputStage: indexStage(plan, view) };
  else winningPlan = { stage: "COLLSCAN", direction: "forward" };
  if (find && winningPlan.stage !== "EOF") {
    const sort = isPlainObject(find.sort) && Object.keys(find.sort).length ? find.sort : null;
    const skip = find.skip === undefined ? 0 : toNumber(find.skip);
    const limit = find.limit === undefined ? 0 : Math.abs(toNumber(find.limit));
    if (sort && !plan?.sorted) winningPlan = { stage: "SORT", sortPattern: sort, memLimit: 104857600, ...(limit ? { limitAmount: skip + limit } : {}), type: "simple", inputStage: winningPlan };
    if (skip) winningPlan = { stage: "SKIP", skipAmount: skip, inputStage: winningPlan };
    if (limit && !sort) winningPlan = { stage: "LIMIT", limitAmount: limit, inputStage: winningPlan };
    if (isPlainObject(find.projection) && Object.keys(find.projection).length) winningPlan = { stage: "PROJECTION_DEFAULT", transformBy: find.projection, inputStage: winningPlan };
  }
  return { explainVersion: "1", queryPlanner: { namespace: ns, indexFilterSet: false, parsedQuery: (find?.filter as Doc | undefined) ?? {}, winningPlan, rejectedPlans: [] } };
}

export const explainCommand: CommandSpec = {
  name: "explain",
  fields: ["explain", "verbosity"],
  run(ctx) {
    const inner = ctx.cmd.explain;
    if (!isPlainObject(inner)) fail(ErrorCodes.TypeMismatch, "explain command requires a nested object");
    const op = Object.keys(inner as Doc)[0];
    const cmd = inner as Doc;
    const verbosity = ctx.cmd.verbosity ?? "allPlansExecution";
    let name: string;
    let result: { docs: Doc[]; plan: Plan | null; examined?: number };
    const sub = { ...ctx, cmd };
    switch (op) {
      case "find": {
        name = collectionArg(cmd, "find");
        const view = viewOrNull(sub, name);
        const r = runFind(sub, view, cmd);
        result = { docs: r.docs, plan: view ? r.plan : null, examined: r.examined };
        break;
      }
      case "aggregate": {
        name = collectionArg(cmd, "aggregate");
        const view = viewOrNull(sub, name);
        result = runAggregate(sub, view, (cmd.pipeline as Doc[]) ?? [], collationArg(cmd.collation), undefined);
        break;
      }
      case "count":
      case "distinct": {
        name = collectionArg(cmd, op);
        const view = viewOrNull(sub, name);
        const q = (op === "count" ? cmd.query : cmd.query) as Doc | undefined;
        const r = view ? view.find(q ?? {}, collationArg(cmd.collation)) : null;
        result = { docs: r ? r.found.map((f) => f.doc) : [], plan: r ? r.plan : null };
        break;
      }
      case "update":
      case "delete": {
        name = collectionArg(cmd, op);
        const view = viewOrNull(sub, name);
        const stmt = ((op === "update" ? cmd.updates : cmd.deletes) as Doc[] | undefined)?.[0];
        const r = view && stmt ? view.find((stmt.q as Doc) ?? {}, null) : null;
        result = { docs: [], plan: r ? r.plan : null };
        break;
      }
      case "findAndModify":
      case "findandmodify": {
        name = collectionArg(cmd, op);
        const view = viewOrNull(sub, name);
        const r = view ? view.find((cmd.query as Doc) ?? {}, null) : null;
        result = { docs: [], plan: r ? r.plan : null };
        break;
      }
      default:
        return fail(ErrorCodes.CommandNotFound, `Explain failed due to unknown command: ${op}`);
    }
    const view = viewOrNull(sub, name);
    const out = explainPlan(`${ctx.db}.${name}`, result.plan, view, op === "find" ? cmd : undefined);
    if (verbosity !== "queryPlanner") {
      out.executionStats = {
        executionSuccess: true,
        nReturned: result.docs.length,
        totalKeysExamined: result.plan?.stage === "IXSCAN" || result.plan?.stage === "IDHACK" || result.plan?.stage === "OR" ? result.docs.length : 0,
        totalDocsExamined: result.examined ?? result.docs.length,
      };
    }
    return { ...out, command: cmd, ok: 1 };
  },
};
