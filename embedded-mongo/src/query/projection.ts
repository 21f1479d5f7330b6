import { cloneValue } from "../bson/clone";
import { getPath } from "../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { evaluate, REMOVE, type Vars } from "../aggregate/expressions";
import { compileFilter } from "./matcher";

type Mode = "include" | "exclude";

interface Node {
  /** 1 include, 0 exclude, or an expression / special operator. */
  kind: "include" | "exclude" | "expr" | "slice" | "elemMatch" | "positional" | "nested";
  value?: Value;
  children?: Map<string, Node>;
}

export interface CompiledProjection {
  apply(doc: Doc, vars?: Vars): Doc;
  /** True when the projection excludes `_id` or names only some fields (for planning). */
  mode: Mode;
}

function isFlag(v: Value): boolean {
  return typeof v === "boolean" || isNumberType(typeOf(v));
}

/**
 * Compiles a projection. `find` projections also accept `$slice`, `$elemMatch` and the
 * positional `field.$`; aggregation `$project` accepts expressions. Mixing inclusion and
 * exclusion fails with MongoDB's error (31254 / 31253).
 */
export function compileProjection(spec: Doc, context: "find" | "aggregate", query?: Doc): CompiledProjection {
  const root = new Map<string, Node>();
  let mode: Mode | null = null;
  let idNode: Node | null = null;
  const setMode = (m: Mode, path: string) => {
    if (mode && mode !== m) {
      if (m === "exclude") fail(ErrorCodes.Location31254, `Cannot do exclusion on field ${path} in inclusion projection`);
      fail(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
    }
    mode = m;
  };
  const insert = (path: string, node: Node, into: Map<string, Node>) => {
    const parts = path.split(".");
    let map = into;
    for (let i = 0; i < parts.length - 1; i++) {
      let n = map.get(parts[i]);
      if (!n) {
        n = { kind: "nested", children: new Map() };
        map.set(parts[i], n);
      } else if (n.kind !== "nested") {
        fail(31250, `Path collision at ${path}`);
      }
      map = n.children!;
    }
    if (map.has(parts[parts.length - 1])) fail(31250, `Path collision at ${path}`);
    map.set(parts[parts.length - 1], node);
  };
  const walk = (obj: Doc, prefix: string) => {
    for (const [key, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (key.startsWith("$") && context === "aggregate") fail(16410, `FieldPath field names may not start with '$'.`);
      if (path === "_id" && isFlag(v)) {
        idNode = { kind: toNumber(v) || v === true ? "include" : "exclude" };
        continue;
      }
      if (context === "find" && path.endsWith(".$")) {
        setMode("include", path);
        insert(path.slice(0, -2), { kind: "positional" }, root);
        continue;
      }
      if (isFlag(v)) {
        const include = v === true || (typeof v !== "boolean" && toNumber(v) !== 0);
        setMode(include ? "include" : "exclude", path);
        insert(path, { kind: include ? "include" : "exclude" }, root);
      } else if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (context === "find" && keys.length === 1 && keys[0] === "$slice") {
          insert(path, { kind: "slice", value: v.$slice }, root);
        } else if (context === "find" && keys.length === 1 && keys[0] === "$elemMatch") {
          setMode("include", path);
          insert(path, { kind: "elemMatch", value: v.$elemMatch }, root);
        } else if (keys.length > 0 && keys.every((k) => k.startsWith("$"))) {
          setMode("include", path);
          insert(path, { kind: "expr", value: v }, root);
        } else if (keys.length === 0) {
          fail(51270, `An empty sub-projection is not a valid value. Found empty object at path ${path}`);
        } else {
          walk(v, path);
        }
      } else {
        setMode("include", path);
        insert(path, { kind: "expr", value: v }, root);
      }
    }
  };
  walk(spec, "");
  if (mode === null) mode = idNode && (idNode as Node).kind === "include" ? "include" : "exclude";
  const finalMode: Mode = mode;
  const includeId = idNode ? (idNode as Node).kind === "include" : true;

  const project = (src: Value, map: Map<string, Node>, vars: Vars, rootDoc: Doc): Value => {
    if (Array.isArray(src)) {
      return src.filter((el) => finalMode === "exclude" || isPlainObject(el) || Array.isArray(el)).map((el) => (isPlainObject(el) || Array.isArray(el) ? project(el, map, vars, rootDoc) : el));
    }
    if (!isPlainObject(src)) return src;
    const out: Doc = {};
    if (finalMode === "exclude") {
      for (const [k, v] of Object.entries(src)) {
        const n = map.get(k);
        if (!n) out[k] = cloneValue(v);
        else if (n.kind === "nested") out[k] = project(v, n.children!, vars, rootDoc);
        else if (n.kind === "slice") out[k] = slice(v, n.value);
      }
      return out;
    }
    for (const [k, n] of map) {
      const v = src[k];
      switch (n.kind) {
        case "include":
          if (v !== undefined) out[k] = cloneValue(v);
          break;
        case "nested":
          if (v !== undefined && (isPlainObject(v) || Array.isArray(v))) out[k] = project(v, n.children!, vars, rootDoc);
          else if (v === undefined && [...n.children!.values()].some((c) => c.kind === "expr")) out[k] = project({}, n.children!, vars, rootDoc);
          break;
        case "expr": {
          const r = evaluate(n.value, rootDoc, vars);
          if (r !== undefined && r !== REMOVE) out[k] = r;
          break;
        }
        case "slice":
          if (v !== undefined) out[k] = slice(v, n.value);
          break;
        case "elemMatch": {
          if (Array.isArray(v)) {
            // Same semantics as the $elemMatch query operator (also its operator form on scalars).
            const pred = compileFilter({ v: { $elemMatch: n.value } });
            const el = v.find((x) => pred({ v: [x] }));
            if (el !== undefined) out[k] = [cloneValue(el)];
          }
          break;
        }
        case "positional": {
          if (Array.isArray(v) && query) {
            const idx = positionalMatch(k, v, query);
            if (idx >= 0) out[k] = [cloneValue(v[idx])];
          }
          break;
        }
      }
    }
    return out;
  };

  return {
    mode: finalMode,
    apply(doc, vars = {}) {
      const result = project(doc, root, vars, doc) as Doc;
      if (finalMode === "include") {
        if (includeId && doc._id !== undefined) return { _id: doc._id, ...result };
        return result;
      }
      if (!includeId) delete result._id;
      return result;
    },
  };
}

function slice(v: Value, arg: Value): Value {
  if (!Array.isArray(v)) return v;
  if (Array.isArray(arg)) {
    const [skip, limit] = arg.map(toNumber);
    if (limit <= 0) fail(ErrorCodes.BadValue, "$slice limit must be positive");
    const start = skip < 0 ? Math.max(0, v.length + skip) : skip;
    return v.slice(start, start + limit);
  }
  const n = toNumber(arg);
  return n >= 0 ? v.slice(0, n) : v.slice(n);
}

function positionalMatch(field: string, arr: Value[], query: Doc): number {
  const conds = Object.entries(query).filter(([k]) => k === field || k.startsWith(`${field}.`));
  if (conds.length === 0) fail(ErrorCodes.BadValue, "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array");
  const preds = conds.map(([k, c]) => {
    const p = compileFilter({ [k === field ? "v" : `v${k.slice(field.length)}`]: c });
    return (el: Value) => p({ v: el });
  });
  return arr.findIndex((el) => preds.every((p) => p(el)));
}

/** `getPath` re-exported for stages that read computed paths. */
export { getPath };
