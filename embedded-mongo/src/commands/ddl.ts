import { collationSpec, parseCollation } from "../bson/collation";
import { isPlainObject, type Doc } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileFilter } from "../query/matcher";
import { checkCollectionName } from "../storage/store";
import { sameIndexOptions, normaliseIndexSpec } from "../storage/indexSpec";
import { cursorReply } from "./query";
import type { CommandSpec } from "./types";
import { collectionArg, optionalBool, optionalDoc } from "./util";

const UNSUPPORTED_CREATE = ["capped", "size", "max", "timeseries", "clusteredIndex", "viewOn", "pipeline", "validator", "validationLevel", "validationAction", "changeStreamPreAndPostImages", "expireAfterSeconds", "encryptedFields"];

export const createCommand: CommandSpec = {
  name: "create",
  ddl: true,
  inTransaction: true,
  fields: ["create", "collation", "storageEngine", "indexOptionDefaults", "idIndex", "autoIndexId", "flags", ...UNSUPPORTED_CREATE],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "create");
    for (const f of UNSUPPORTED_CREATE) {
      if (ctx.cmd[f] !== undefined && ctx.cmd[f] !== false) fail(ErrorCodes.NotImplemented, `create option '${f}' is not supported by the embedded server`);
    }
    checkCollectionName(name);
    if (ctx.server.store.collection(ctx.db, name)) fail(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
    const options: Doc = {};
    const collation = parseCollation(ctx.cmd.collation);
    if (collation) options.collation = collationSpec(collation);
    ctx.server.store.ensureCollection(ctx.db, name, options);
    return { ok: 1 };
  },
};

export const dropCommand: CommandSpec = {
  name: "drop",
  ddl: true,
  fields: ["drop"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "drop");
    const coll = ctx.server.store.collection(ctx.db, name);
    if (!coll) return { ok: 1 };
    const nIndexesWas = coll.indexes.size;
    ctx.server.store.dropCollection(ctx.db, name);
    ctx.server.closeCursorsFor(`${ctx.db}.${name}`);
    return { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 };
  },
};

export const dropDatabaseCommand: CommandSpec = {
  name: "dropDatabase",
  ddl: true,
  fields: ["dropDatabase"],
  run(ctx) {
    for (const name of ctx.server.store.dbs.get(ctx.db)?.keys() ?? []) ctx.server.closeCursorsFor(`${ctx.db}.${name}`);
    ctx.server.store.dropDatabase(ctx.db);
    return { dropped: ctx.db, ok: 1 };
  },
};

export const listCollectionsCommand: CommandSpec = {
  name: "listCollections",
  fields: ["listCollections", "filter", "nameOnly", "authorizedCollections", "cursor"],
  run(ctx) {
    const filter = optionalDoc(ctx.cmd, "filter", "listCollections") ?? {};
    const nameOnly = optionalBool(ctx.cmd, "nameOnly", "listCollections") ?? false;
    const pred = compileFilter(filter);
    const colls = ctx.server.store.dbs.get(ctx.db) ?? new Map();
    const out: Doc[] = [];
    for (const [name, coll] of colls) {
      const entry: Doc = nameOnly
        ? { name, type: "collection" }
        : { name, type: "collection", options: coll.options, info: { readOnly: false }, idIndex: { v: 2, key: { _id: 1 }, name: "_id_" } };
      if (pred(entry)) out.push(entry);
    }
    const cursor = optionalDoc(ctx.cmd, "cursor", "listCollections");
    return cursorReply(ctx, `${ctx.db}.$cmd.listCollections`, out, (cursor?.batchSize as number | undefined) ?? null, false);
  },
};

export const listIndexesCommand: CommandSpec = {
  name: "listIndexes",
  fields: ["listIndexes", "cursor"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "listIndexes");
    const coll = ctx.server.store.collection(ctx.db, name);
    if (!coll) fail(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
    const specs = [...coll!.indexes.values()].map((i) => ({ ...i.def }));
    const cursor = optionalDoc(ctx.cmd, "cursor", "listIndexes");
    return cursorReply(ctx, `${ctx.db}.$cmd.listIndexes.${name}`, specs, (cursor?.batchSize as number | undefined) ?? null, false);
  },
};

export const createIndexesCommand: CommandSpec = {
  name: "createIndexes",
  ddl: true,
  inTransaction: true,
  fields: ["createIndexes", "indexes", "commitQuorum"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "createIndexes");
    const indexes = ctx.cmd.indexes;
    if (!Array.isArray(indexes) || indexes.length === 0) fail(ErrorCodes.BadValue, "Must specify at least one index to create");
    const store = ctx.server.store;
    const { coll, created } = store.ensureCollection(ctx.db, name);
    const before = coll.indexes.size;
    const toCreate: Doc[] = [];
    for (const spec of indexes as Doc[]) {
      if (!isPlainObject(spec)) fail(ErrorCodes.TypeMismatch, "index specification must be an object");
      // An index without its own collation inherits the collection's default, as in mongod.
      if (spec.collation === undefined && coll.options.collation) spec.collation = coll.options.collation;
      const def = normaliseIndexSpec(spec);
      const byName = coll.indexes.get(def.name);
      if (byName) {
        if (sameIndexOptions(byName.def, def)) continue;
        if (JSON.stringify(byName.def.key) === JSON.stringify(def.key)) {
          fail(ErrorCodes.IndexOptionsConflict, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(def)}, existing index: ${JSON.stringify(byName.def)}`);
        }
        fail(ErrorCodes.IndexKeySpecsConflict, `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(def)}, existing index: ${JSON.stringify(byName.def)}`);
      }
      const sameKey = [...coll.indexes.values()].find((i) => JSON.stringify(i.def.key) === JSON.stringify(def.key) && JSON.stringify(i.def.collation ?? null) === JSON.stringify(def.collation ?? null) && JSON.stringify(i.def.partialFilterExpression ?? null) === JSON.stringify(def.partialFilterExpression ?? null));
      if (sameKey) {
        if (sameIndexOptions(sameKey.def, def)) continue;
        fail(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${sameKey.name}`);
      }
      toCreate.push(spec);
    }
    for (const spec of toCreate) store.createIndex(coll, spec);
    return {
      numIndexesBefore: before,
      numIndexesAfter: coll.indexes.size,
      createdCollectionAutomatically: created,
      ...(toCreate.length === 0 ? { note: "all indexes already exist" } : {}),
      ok: 1,
    };
  },
};

export const dropIndexesCommand: CommandSpec = {
  name: "dropIndexes",
  ddl: true,
  aliases: ["deleteIndexes"],
  fields: ["dropIndexes", "deleteIndexes", "index"],
  run(ctx) {
    const name = collectionArg(ctx.cmd, "dropIndexes" in ctx.cmd ? "dropIndexes" : "deleteIndexes");
    const coll = ctx.server.store.collection(ctx.db, name);
    if (!coll) fail(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
    const spec = ctx.cmd.index;
    const nIndexesWas = coll!.indexes.size;
    const names: string[] = [];
    if (spec === "*") names.push(...[...coll!.indexes.keys()].filter((n) => n !== "_id_"));
    else if (typeof spec === "string") names.push(spec);
    else if (Array.isArray(spec)) names.push(...(spec as string[]));
    else if (isPlainObject(spec)) {
      const found = [...coll!.indexes.values()].find((i) => JSON.stringify(i.def.key) === JSON.stringify(spec));
      if (!found) fail(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(spec)}`);
      names.push(found!.name);
    } else fail(ErrorCodes.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type");
    for (const n of names) {
      if (n === "_id_") fail(ErrorCodes.InvalidOptions, "cannot drop _id index");
      if (!coll!.indexes.has(n)) fail(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
    }
    for (const n of names) ctx.server.store.dropIndex(coll!, n);
    return { nIndexesWas, ok: 1 };
  },
};

export const renameCollectionCommand: CommandSpec = {
  name: "renameCollection",
  ddl: true,
  fields: ["renameCollection", "to", "dropTarget", "stayTemp"],
  run(ctx) {
    if (ctx.db !== "admin") fail(13, "renameCollection may only be run against the admin database.");
    const from = String(ctx.cmd.renameCollection);
    const to = String(ctx.cmd.to);
    const [fdb, ...fr] = from.split(".");
    const [tdb, ...tr] = to.split(".");
    const fname = fr.join(".");
    const tname = tr.join(".");
    checkCollectionName(tname);
    const store = ctx.server.store;
    if (!store.collection(fdb, fname)) fail(ErrorCodes.NamespaceNotFound, "source namespace does not exist");
    if (store.collection(tdb, tname)) {
      if (!ctx.cmd.dropTarget) fail(ErrorCodes.NamespaceExists, "target namespace exists");
      store.dropCollection(tdb, tname);
    }
    store.renameCollection(fdb, fname, tdb, tname);
    return { ok: 1 };
  },
};
