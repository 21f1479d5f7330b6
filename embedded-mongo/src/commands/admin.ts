import { isPlainObject, type Doc } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileFilter } from "../query/matcher";
import { calculateObjectSize } from "bson";
import type { CommandSpec } from "./types";

export const pingCommand: CommandSpec = { name: "ping", fields: ["ping"], run: () => ({ ok: 1 }) };

export const buildInfoCommand: CommandSpec = {
  name: "buildInfo",
  aliases: ["buildinfo"],
  fields: ["buildInfo", "buildinfo"],
  run: () => ({
    version: "7.0.0",
    gitVersion: "embedded",
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ["embedded"],
    javascriptEngine: "none",
    modules: [],
    ok: 1,
  }),
};

const PARAMETERS: Doc = {
  featureCompatibilityVersion: { version: "7.0" },
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  authenticationMechanisms: [],
};

export const getParameterCommand: CommandSpec = {
  name: "getParameter",
  fields: ["getParameter", ...Object.keys(PARAMETERS)],
  run(ctx) {
    if (ctx.db !== "admin") fail(13, "getParameter may only be run against the admin database.");
    const all = ctx.cmd.getParameter === "*" || (isPlainObject(ctx.cmd.getParameter) && (ctx.cmd.getParameter as Doc).allParameters);
    const out: Doc = {};
    for (const [k, v] of Object.entries(PARAMETERS)) if (all || k in ctx.cmd) out[k] = v;
    if (!all && Object.keys(out).length === 0) fail(ErrorCodes.InvalidOptions, "no option found to get");
    return { ...out, ok: 1 };
  },
};

export const listDatabasesCommand: CommandSpec = {
  name: "listDatabases",
  fields: ["listDatabases", "filter", "nameOnly", "authorizedDatabases"],
  run(ctx) {
    if (ctx.db !== "admin") fail(13, "listDatabases may only be run against the admin database.");
    const filter = isPlainObject(ctx.cmd.filter) ? compileFilter(ctx.cmd.filter) : () => true;
    const databases: Doc[] = [];
    let total = 0;
    for (const [name, colls] of ctx.server.store.dbs) {
      let size = 0;
      for (const c of colls.values()) for (const d of c.docs.values()) size += calculateObjectSize(d);
      total += size;
      const entry: Doc = ctx.cmd.nameOnly ? { name } : { name, sizeOnDisk: size, empty: size === 0 };
      if (filter(entry)) databases.push(entry);
    }
    return ctx.cmd.nameOnly ? { databases, ok: 1 } : { databases, totalSize: total, totalSizeMb: Math.round(total / 1e6), ok: 1 };
  },
};

export const whatsmyuriCommand: CommandSpec = {
  name: "whatsmyuri",
  fields: ["whatsmyuri"],
  run: (ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
};
