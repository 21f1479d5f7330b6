import { ObjectId } from "bson";
import { cloneDoc } from "../bson/clone";
import { isPlainObject, typeOf, type Doc } from "../bson/types";
import { ErrorCodes, MongoError, fail } from "../errors";
import { compileProjection } from "../query/projection";
import { sortItems } from "../query/sort";
import { CollectionView, type Found } from "../storage/view";
import { applyUpdate, isReplacement, seedFromQuery } from "../update/engine";
import type { CommandContext, CommandSpec } from "./types";
import { checkDocumentSize, checkStorableFieldNames, collationArg, collectionArg, optionalBool, optionalDoc } from "./util";

function viewFor(ctx: CommandContext, name: string): CollectionView {
  const { coll } = ctx.server.store.ensureCollection(ctx.db, name);
  return new CollectionView(coll, ctx.txn, ctx.changes);
}

function writeError(index: number, err: unknown): Doc {
  if (err instanceof MongoError) return { index, code: err.code, errmsg: err.message, ...err.extra };
  throw err;
}

/** `_id` first, generated when missing, as mongod stores it. */
function prepareForInsert(doc: Doc): Doc {
  if (!isPlainObject(doc)) fail(ErrorCodes.TypeMismatch, "document to insert must be an object");
  let out = doc;
  if (doc._id === undefined) out = { _id: new ObjectId(), ...doc };
  else if (Object.keys(doc)[0] !== "_id") out = { _id: doc._id, ...doc };
  checkStorableFieldNames(out);
  checkDocumentSize(out);
  return out;
}

export const insertCommand: CommandSpec = {
  name: "insert",
  write: true,
  inTransaction: true,
  fields: ["insert", "documents", "ordered", "bypassDocumentValidation"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "insert");
    const docs = ctx.cmd.documents;
    if (!Array.isArray(docs)) fail(ErrorCodes.FailedToParse, "BSON field 'insert.documents' is missing but a required field");
    if ((docs as Doc[]).length > 100_000) fail(ErrorCodes.InvalidLength, "Write batch sizes must be between 1 and 100000. Got more operations.");
    const ordered = optionalBool(ctx.cmd, "ordered", "insert") ?? true;
    const view = viewFor(ctx, name);
    const writeErrors: Doc[] = [];
    let n = 0;
    (docs as Doc[]).forEach((raw, index) => {
      if (ordered && writeErrors.length) return;
      try {
        view.insert(prepareForInsert(raw));
        n++;
      } catch (e) {
        writeErrors.push(writeError(index, e));
      }
    });
    return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
  },
};

interface UpdateStatement {
  q: Doc;
  u: unknown;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Doc[];
  collation?: Doc;
  sort?: Doc;
  hint?: unknown;
  c?: Doc;
  upsertSupplied?: boolean;
}

const UPDATE_STATEMENT_FIELDS = new Set(["q", "u", "upsert", "multi", "arrayFilters", "collation", "hint", "c", "sort", "upsertSupplied"]);

/**
 * Applies one update statement; returns matched, modified and the upserted id. Used by `update`
 * and (with `returnFound`) by `findAndModify`.
 */
export function runUpdate(view: CollectionView, stmt: UpdateStatement, letVars: Doc | undefined): { matched: number; modified: number; upserted?: unknown; before?: Doc; after?: Doc } {
  for (const k of Object.keys(stmt)) {
    if (!UPDATE_STATEMENT_FIELDS.has(k)) fail(40415, `BSON field 'update.updates.${k}' is an unknown field.`);
  }
  if (!isPlainObject(stmt.q)) fail(ErrorCodes.TypeMismatch, "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
  if (stmt.u === undefined) fail(ErrorCodes.FailedToParse, "BSON field 'update.updates.u' is missing but a required field");
  const replacement = isReplacement(stmt.u);
  if (stmt.multi && replacement) fail(ErrorCodes.FailedToParse, "multi update is not supported for replacement-style update");
  const collation = collationArg(stmt.collation);
  const sort = stmt.sort && !stmt.multi && Object.keys(stmt.sort).length ? stmt.sort : null;
  const { found, plan } = view.find(stmt.q, collation, stmt.multi ? Infinity : 1, letVars, sort);
  let targets: Found[] = found;
  if (sort && !plan.sorted) targets = sortItems(found, sort, collation, (f) => f.doc, 1);
  if (targets.length === 0) {
    if (!stmt.upsert) return { matched: 0, modified: 0 };
    const seed = replacement ? {} : seedFromQuery(stmt.q);
    const { doc } = applyUpdate(seed, stmt.u, { isInsert: true, arrayFilters: stmt.arrayFilters, query: stmt.q, collation });
    let created = doc;
    if (replacement) {
      const idFromQuery = seedFromQuery(stmt.q)._id;
      created = { ...doc };
      if (created._id === undefined && idFromQuery !== undefined) created._id = idFromQuery;
    }
    if (created._id === undefined) created = { _id: new ObjectId(), ...created };
    else if (Object.keys(created)[0] !== "_id") created = { _id: created._id, ...created };
    checkStorableFieldNames(created);
    checkDocumentSize(created);
    view.insert(created);
    return { matched: 0, modified: 0, upserted: created._id, after: created };
  }
  let modified = 0;
  let before: Doc | undefined;
  let after: Doc | undefined;
  for (const t of targets) {
    const { doc, changed } = applyUpdate(t.doc, stmt.u, { isInsert: false, arrayFilters: stmt.arrayFilters, query: stmt.q, collation });
    before = t.doc;
    after = doc;
    if (!changed) continue;
    checkDocumentSize(doc);
    view.replace(t.key, doc);
    modified++;
  }
  return { matched: targets.length, modified, before, after };
}

export const updateCommand: CommandSpec = {
  name: "update",
  write: true,
  inTransaction: true,
  fields: ["update", "updates", "ordered", "bypassDocumentValidation", "let"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "update");
    const updates = ctx.cmd.updates;
    if (!Array.isArray(updates)) fail(ErrorCodes.FailedToParse, "BSON field 'update.updates' is missing but a required field");
    const ordered = optionalBool(ctx.cmd, "ordered", "update") ?? true;
    const letVars = optionalDoc(ctx.cmd, "let", "update");
    const view = viewFor(ctx, name);
    let n = 0;
    let nModified = 0;
    const upserted: Doc[] = [];
    const writeErrors: Doc[] = [];
    (updates as UpdateStatement[]).forEach((stmt, index) => {
      if (ordered && writeErrors.length) return;
      try {
        const r = runUpdate(view, stmt, letVars);
        if (r.upserted !== undefined) {
          upserted.push({ index, _id: r.upserted });
          n += 1;
        } else {
          n += r.matched;
          nModified += r.modified;
        }
      } catch (e) {
        writeErrors.push(writeError(index, e));
      }
    });
    return { n, nModified, ...(upserted.length ? { upserted } : {}), ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
  },
};

export const deleteCommand: CommandSpec = {
  name: "delete",
  write: true,
  inTransaction: true,
  fields: ["delete", "deletes", "ordered", "let"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "delete");
    const deletes = ctx.cmd.deletes;
    if (!Array.isArray(deletes)) fail(ErrorCodes.FailedToParse, "BSON field 'delete.deletes' is missing but a required field");
    const ordered = optionalBool(ctx.cmd, "ordered", "delete") ?? true;
    const letVars = optionalDoc(ctx.cmd, "let", "delete");
    const coll = ctx.server.store.collection(ctx.db, name);
    const view = coll ? new CollectionView(coll, ctx.txn, ctx.changes) : null;
    let n = 0;
    const writeErrors: Doc[] = [];
    (deletes as Doc[]).forEach((stmt, index) => {
      if (ordered && writeErrors.length) return;
      try {
        for (const k of Object.keys(stmt)) {
          if (!["q", "limit", "collation", "hint"].includes(k)) fail(40415, `BSON field 'delete.deletes.${k}' is an unknown field.`);
        }
        if (!isPlainObject(stmt.q)) fail(ErrorCodes.TypeMismatch, "BSON field 'delete.deletes.q' is the wrong type, expected type 'object'");
        const limit = Number(stmt.limit ?? 0);
        if (limit !== 0 && limit !== 1) fail(ErrorCodes.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
        if (!view) return;
        const { found } = view.find(stmt.q as Doc, collationArg(stmt.collation), limit === 1 ? 1 : Infinity, letVars);
        for (const f of found) {
          view.delete(f.key);
          n++;
        }
      } catch (e) {
        writeErrors.push(writeError(index, e));
      }
    });
    return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
  },
};

export const findAndModifyCommand: CommandSpec = {
  name: "findAndModify",
  aliases: ["findandmodify"],
  write: true,
  inTransaction: true,
  fields: ["findAndModify", "findandmodify", "query", "sort", "remove", "update", "new", "fields", "upsert", "bypassDocumentValidation", "arrayFilters", "collation", "hint", "let"],
  run(ctx) {
    const cmd = ctx.cmd;
    const name = collectionArg(cmd, "findAndModify" in cmd ? "findAndModify" : "findandmodify");
    const query = optionalDoc(cmd, "query", "findAndModify") ?? {};
    const sort = optionalDoc(cmd, "sort", "findAndModify");
    const remove = optionalBool(cmd, "remove", "findAndModify") ?? false;
    const returnNew = optionalBool(cmd, "new", "findAndModify") ?? false;
    const upsert = optionalBool(cmd, "upsert", "findAndModify") ?? false;
    const fields = optionalDoc(cmd, "fields", "findAndModify");
    const collation = collationArg(cmd.collation);
    const letVars = optionalDoc(cmd, "let", "findAndModify");
    if (remove && cmd.update !== undefined) fail(ErrorCodes.FailedToParse, "Cannot specify both an update and remove=true");
    if (!remove && cmd.update === undefined) fail(ErrorCodes.FailedToParse, "Either an update or remove=true must be specified");
    if (remove && (upsert || returnNew)) fail(ErrorCodes.FailedToParse, "Cannot specify both upsert=true and remove=true");
    const projection = fields && Object.keys(fields).length ? compileProjection(fields, "find", query) : null;
    const present = (d: Doc | undefined) => (d ? (projection ? projection.apply(d) : cloneDoc(d)) : null);
    const view = viewFor(ctx, name);
    if (remove) {
      const { found, plan } = view.find(query, collation, 1, letVars, sort);
      const target = sort && !plan.sorted ? sortItems(found, sort, collation, (f) => f.doc, 1)[0] : found[0];
      if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      view.delete(target.key);
      return { lastErrorObject: { n: 1 }, value: present(target.doc), ok: 1 };
    }
    const r = runUpdate(
      view,
      { q: query, u: cmd.update, upsert, multi: false, arrayFilters: cmd.arrayFilters as Doc[] | undefined, collation: cmd.collation as Doc | undefined, sort },
      letVars,
    );
    if (r.upserted !== undefined) {
      return { lastErrorObject: { n: 1, updatedExisting: false, upserted: r.upserted }, value: returnNew ? present(r.after) : null, ok: 1 };
    }
    if (r.matched === 0) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: present(returnNew ? r.after : r.before), ok: 1 };
  },
};

export function isObjectIdLike(v: unknown): boolean {
  return typeOf(v) === "objectId";
}
