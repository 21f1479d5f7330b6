import { Int32, Long, ObjectId, Timestamp } from "bson";
import { anyDecimal, decAdd, decMul, fromDec, toDec } from "../bson/decimal";
import { cloneDoc, cloneValue } from "../bson/clone";
import { bsonIdentical, compareValues, valuesEqual, type Collation } from "../bson/compare";
import { getPath, isArrayIndex } from "../bson/path";
import { isNumberType, isPlainObject, numberLike, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileFilter, type Predicate } from "../query/matcher";
import { runPipelineOnDoc } from "../aggregate/pipeline";

export interface UpdateOptions {
  /** The document is being created by an upsert: `$setOnInsert` applies. */
  isInsert: boolean;
  arrayFilters?: Doc[];
  /** The query that selected the document, for the positional `$` operator. */
  query?: Doc;
  collation?: Collation | null;
}

export interface UpdateResult {
  doc: Doc;
  changed: boolean;
}

const OPERATORS = new Set([
  "$set",
  "$unset",
  "$inc",
  "$mul",
  "$min",
  "$max",
  "$rename",
  "$setOnInsert",
  "$push",
  "$addToSet",
  "$pop",
  "$pull",
  "$pullAll",
  "$currentDate",
  "$bit",
]);

/** Whether an update document is a replacement (no operators) rather than an operator update. */
export function isReplacement(update: unknown): boolean {
  if (Array.isArray(update)) return false;
  if (!isPlainObject(update)) return fail(ErrorCodes.FailedToParse, "Update argument must be either an object or an array");
  return !Object.keys(update).some((k) => k.startsWith("$"));
}

/**
 * Applies an update (operator document, replacement or pipeline) to a copy of the document.
 * Errors follow MongoDB: 40 ConflictingUpdateOperators, 14 TypeMismatch, 28 PathNotViable,
 * 66 ImmutableField, 9 FailedToParse for unknown modifiers.
 */
export function applyUpdate(original: Doc, update: unknown, options: UpdateOptions): UpdateResult {
  if (Array.isArray(update)) {
    const doc = runPipelineOnDoc(original, update as Doc[], "update");
    checkId(original, doc);
    return { doc, changed: !sameDoc(original, doc) };
  }
  if (isReplacement(update)) {
    const repl = cloneDoc(update as Doc);
    validateFieldNames(repl, true);
    const doc: Doc = original._id !== undefined ? { _id: original._id } : {};
    for (const [k, v] of Object.entries(repl)) if (k !== "_id") doc[k] = v;
    if (repl._id !== undefined) {
      if (original._id !== undefined && !valuesEqual(repl._id, original._id)) {
        fail(ErrorCodes.ImmutableField, "After applying the update, the (immutable) field '_id' was found to have been altered to _id: " + String(repl._id));
      }
      doc._id = repl._id;
    }
    return { doc, changed: !sameDoc(original, doc) };
  }
  const ops = update as Doc;
  for (const k of Object.keys(ops)) {
    if (!OPERATORS.has(k)) {
      if (!k.startsWith("$")) fail(ErrorCodes.FailedToParse, `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
      fail(ErrorCodes.FailedToParse, `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(ops[k])) {
      fail(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${typeOf(ops[k])} instead. For example: {$mod: {<field>: ...}} not {${k}: ${String(ops[k])}}`);
    }
  }
  checkConflicts(ops);
  const state = new UpdateState(cloneDoc(original), options);
  for (const [op, fields] of Object.entries(ops)) {
    if (op === "$setOnInsert" && !options.isInsert) continue;
    for (const [path, arg] of Object.entries(fields as Doc)) state.apply(op, path, arg);
  }
  state.checkArrayFiltersUsed();
  checkId(original, state.doc);
  return { doc: state.doc, changed: state.changed };
}

function sameDoc(a: Doc, b: Doc): boolean {
  return bsonIdentical(a, b);
}

function checkId(before: Doc, after: Doc): void {
  if (before._id === undefined) return;
  if (after._id === undefined || !valuesEqual(before._id, after._id) || typeOf(before._id) !== typeOf(after._id)) {
    if (after._id !== undefined && valuesEqual(before._id, after._id)) return;
    fail(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
}

function validateFieldNames(doc: Doc, topLevel: boolean): void {
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith("$") && topLevel) fail(ErrorCodes.DollarPrefixedFieldName, `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
    if (isPlainObject(v)) validateFieldNames(v, false);
  }
}

function checkConflicts(ops: Doc): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(ops)) {
    for (const [path, arg] of Object.entries(fields as Doc)) {
      if (path === "" || path.split(".").some((p) => p === "")) fail(56, `An empty update path is not valid.`);
      const targets = op === "$rename" ? [path, String(arg)] : [path];
      for (const t of targets) {
        const norm = t.replace(/\.\$(\[[^\]]*\])?/g, ".$");
        for (const other of paths) {
          if (other === norm || other.startsWith(`${norm}.`) || norm.startsWith(`${other}.`)) {
            fail(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${t}' would create a conflict at '${other.split(".").slice(0, Math.min(other.split(".").length, norm.split(".").length)).join(".")}'`);
          }
        }
        paths.push(norm);
      }
    }
  }
}

type Container = Doc | Value[];

class UpdateState {
  changed = false;
  private usedFilters = new Set<string>();
  private filters = new Map<string, Predicate>();

  constructor(
    readonly doc: Doc,
    private readonly options: UpdateOptions,
  ) {
    for (const f of options.arrayFilters ?? []) {
      const keys = Object.keys(f);
      if (keys.length === 0) fail(ErrorCodes.FailedToParse, "Cannot use an expression without a top-level field name in arrayFilters");
      const ident = keys[0].split(".")[0];
      if (!/^[a-z][a-zA-Z0-9]*$/.test(ident)) fail(ErrorCodes.BadValue, `The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${ident}'`);
      if (this.filters.has(ident)) fail(ErrorCodes.FailedToParse, `Found multiple array filters with the same top-level field name ${ident}`);
      const rewritten: Doc = {};
      for (const [k, v] of Object.entries(f)) {
        if (k.split(".")[0] !== ident) fail(ErrorCodes.FailedToParse, `Error parsing array filter: Expected a single top-level field name, found '${ident}' and '${k.split(".")[0]}'`);
        rewritten[`v${k.slice(ident.length)}`] = v;
      }
      const pred = compileFilter(rewritten, { collation: options.collation });
      this.filters.set(ident, (el) => pred({ v: el }));
    }
  }

  checkArrayFiltersUsed(): void {
    for (const ident of this.filters.keys()) {
      if (!this.usedFilters.has(ident)) fail(ErrorCodes.FailedToParse, `The array filter for identifier '${ident}' was not used in the update ${JSON.stringify(this.options.arrayFilters)}`);
    }
  }

  /** Expands positional parts ($, $[], $[id]) into concrete paths that exist in the document. */
  private expand(parts: string[]): string[][] {
    const out: string[][] = [];
    const walk = (node: Value, i: number, prefix: string[]) => {
      if (i === parts.length) {
        out.push(prefix);
        return;
      }
      const p = parts[i];
      if (p === "$") {
        if (!Array.isArray(node)) fail(ErrorCodes.BadValue, "The positional operator did not find the match needed from the query.");
        const idx = this.positionalIndex(prefix, node as Value[]);
        walk((node as Value[])[idx], i + 1, [...prefix, String(idx)]);
        return;
      }
      const m = /^\$\[(.*)\]$/.exec(p);
      if (m) {
        if (node === undefined || node === null) {
          fail(ErrorCodes.BadValue, `The path '${prefix.join(".")}' must exist in the document in order to apply array updates.`);
        }
        if (!Array.isArray(node)) fail(ErrorCodes.BadValue, `Cannot apply array updates to non-array element ${prefix.join(".")}: ${String(node)}`);
        const ident = m[1];
        let test: ((el: Value) => boolean) | null = null;
        if (ident !== "") {
          const f = this.filters.get(ident);
          if (!f) fail(ErrorCodes.BadValue, `No array filter found for identifier '${ident}' in path '${parts.join(".")}'`);
          this.usedFilters.add(ident);
          test = f as (el: Value) => boolean;
        }
        (node as Value[]).forEach((el, idx) => {
          if (!test || test(el)) walk(el, i + 1, [...prefix, String(idx)]);
        });
        return;
      }
      const next = Array.isArray(node) ? (isArrayIndex(p) ? node[Number(p)] : undefined) : isPlainObject(node) ? node[p] : undefined;
      walk(next, i + 1, [...prefix, p]);
    };
    walk(this.doc, 0, []);
    return out;
  }

  private positionalIndex(prefix: string[], arr: Value[]): number {
    const arrayPath = prefix.filter((p) => !isArrayIndex(p)).join(".");
    const query = this.options.query ?? {};
    const relevant: [string, Value][] = [];
    const collect = (q: Doc) => {
      for (const [k, v] of Object.entries(q)) {
        if (k === "$and" && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && collect(x));
        else if (k === arrayPath || k.startsWith(`${arrayPath}.`)) relevant.push([k, v]);
      }
    };
    collect(query);
    if (relevant.length === 0) fail(ErrorCodes.BadValue, "The positional operator did not find the match needed from the query.");
    const preds = relevant.map(([k, v]) => {
      const sub = k === arrayPath ? "v" : `v${k.slice(arrayPath.length)}`;
      const p = compileFilter({ [sub]: v }, { collation: this.options.collation });
      return (el: Value) => p({ v: el });
    });
    const idx = arr.findIndex((el) => preds.every((p) => p(el)));
    if (idx < 0) fail(ErrorCodes.BadValue, "The positional operator did not find the match needed from the query.");
    return idx;
  }

  /** Walks to the parent of a concrete path, creating documents on the way when asked. */
  private parentOf(parts: string[], create: boolean): { parent: Container; key: string } | null {
    let node: Value = this.doc;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i];
      let next: Value;
      if (Array.isArray(node)) {
        if (!isArrayIndex(p)) {
          if (!create) return null;
          return fail(ErrorCodes.PathNotViable, `Cannot create field '${p}' in element {${parts[i - 1]}: ${JSON.stringify(node).slice(0, 60)}}`);
        }
        next = node[Number(p)];
        if (next === undefined || next === null) {
          if (!create) return null;
          while (node.length < Number(p)) node.push(null);
          node[Number(p)] = {};
          this.changed = true;
          next = node[Number(p)];
        }
      } else if (isPlainObject(node)) {
        next = node[p];
        if (next === undefined) {
          if (!create) return null;
          node[p] = {};
          this.changed = true;
          next = node[p];
        }
      } else {
        return null;
      }
      if (!isPlainObject(next) && !Array.isArray(next)) {
        if (!create) return null;
        return fail(ErrorCodes.PathNotViable, `Cannot create field '${parts[i + 1]}' in element {${p}: ${JSON.stringify(next)}}`);
      }
      node = next;
    }
    return { parent: node as Container, key: parts[parts.length - 1] };
  }

  private read(parent: Container, key: string): Value {
    if (Array.isArray(parent)) return isArrayIndex(key) ? parent[Number(key)] : undefined;
    return parent[key];
  }

  private write(parent: Container, key: string, value: Value): void {
    if (Array.isArray(parent)) {
      if (!isArrayIndex(key)) fail(ErrorCodes.PathNotViable, `Cannot create field '${key}' in an array`);
      const idx = Number(key);
      while (parent.length < idx) parent.push(null);
      const old = parent[idx];
      if (!bsonIdentical(old, value)) this.changed = true;
      parent[idx] = value;
      return;
    }
    const old = parent[key];
    if (old === undefined || !bsonIdentical(old, value)) this.changed = true;
    parent[key] = value;
  }

  apply(op: string, path: string, arg: Value): void {
    const parts = path.split(".");
    if (parts[0] === "_id" && op !== "$set" && op !== "$setOnInsert" && parts.length === 1 && !this.options.isInsert) {
      if (op !== "$setOnInsert") fail(ErrorCodes.ImmutableField, `Performing an update on the path '_id' would modify the immutable field '_id'`);
    }
    // Operators may not create or change top-level $-prefixed fields of an existing document
    // (an upsert's new document is validated as an insert, which allows them).
    if (parts[0].startsWith("$") && !this.options.isInsert) {
      fail(ErrorCodes.DollarPrefixedFieldName, `The dollar ($) prefixed field '${parts[0]}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
    }
    if (op === "$rename") return this.rename(path, arg);
    for (const concrete of this.expand(parts)) this.applyAt(op, concrete, arg, path);
  }

  private applyAt(op: string, parts: string[], arg: Value, path: string): void {
    const create = op !== "$unset" && op !== "$pop" && op !== "$pull" && op !== "$pullAll";
    const loc = this.parentOf(parts, create);
    if (!loc) {
      if (create) fail(ErrorCodes.PathNotViable, `Cannot create field '${parts[parts.length - 1]}' in element ${path}`);
      return;
    }
    const { parent, key } = loc;
    const current = this.read(parent, key);
    switch (op) {
      case "$set":
      case "$setOnInsert":
        return this.write(parent, key, cloneValue(arg));
      case "$unset":
        if (current === undefined) return;
        this.changed = true;
        if (Array.isArray(parent)) parent[Number(key)] = null;
        else delete parent[key];
        return;
      case "$inc":
      case "$mul": {
        if (!isNumberType(typeOf(arg))) fail(ErrorCodes.TypeMismatch, `Cannot ${op === "$inc" ? "increment" : "multiply"} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
        if (current !== undefined && !isNumberType(typeOf(current))) {
          fail(ErrorCodes.TypeMismatch, `Cannot apply ${op} to a value of non-numeric type. {_id: ${String(this.doc._id)}} has the field '${key}' of non-numeric type ${typeOf(current)}`);
        }
        if (anyDecimal([current, arg])) {
          const base = current === undefined ? toDec(0) : toDec(current);
          return this.write(parent, key, fromDec(op === "$inc" ? decAdd(base, toDec(arg)) : decMul(base, toDec(arg))));
        }
        const base = current === undefined ? 0 : toNumber(current);
        const result = op === "$inc" ? base + toNumber(arg) : base * toNumber(arg);
        return this.write(parent, key, numberLike(result, current === undefined ? [arg] : [current, arg]));
      }
      case "$min":
      case "$max": {
        if (current === undefined) return this.write(parent, key, cloneValue(arg));
        const c = compareValues(arg, current, this.options.collation);
        if ((op === "$min" && c < 0) || (op === "$max" && c > 0)) this.write(parent, key, cloneValue(arg));
        return;
      }
      case "$currentDate": {
        let value: Value = new Date();
        if (isPlainObject(arg)) {
          const t = arg.$type;
          if (t === "timestamp") value = Timestamp.fromNumber(Math.floor(Date.now() / 1000) * 2 ** 32 + 1);
          else if (t !== "date") fail(ErrorCodes.BadValue, "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
        } else if (typeof arg !== "boolean") {
          fail(ErrorCodes.BadValue, `${path} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`);
        }
        return this.write(parent, key, value);
      }
      case "$push":
      case "$addToSet":
        return this.push(op, parent, key, current, arg, path);
      case "$pop": {
        if (current === undefined) return;
        if (!Array.isArray(current)) fail(ErrorCodes.TypeMismatch, `Path '${path}' contains an element of non-array type '${typeOf(current)}'`);
        const n = toNumber(arg);
        if (n !== 1 && n !== -1) fail(ErrorCodes.FailedToParse, `$pop expects 1 or -1, found: ${String(arg)}`);
        const list = current as Value[];
        if (list.length === 0) return;
        if (n === 1) list.pop();
        else list.shift();
        this.changed = true;
        return;
      }
      case "$pull":
      case "$pullAll": {
        if (current === undefined) return;
        if (!Array.isArray(current)) fail(ErrorCodes.BadValue, `Cannot apply ${op} to a non-array value`);
        let test: (el: Value) => boolean;
        if (op === "$pullAll") {
          if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, `$pullAll requires an array argument but was given a ${typeOf(arg)}`);
          test = (el) => (arg as Value[]).some((x) => valuesEqual(el, x, this.options.collation));
        } else if (isPlainObject(arg)) {
          const keys = Object.keys(arg);
          const operatorForm = keys.every((k) => k.startsWith("$")) && keys.length > 0;
          const pred = operatorForm ? compileFilter({ v: arg }, { collation: this.options.collation }) : compileFilter(arg, { collation: this.options.collation });
          test = operatorForm ? (el) => pred({ v: el }) : (el) => isPlainObject(el) && pred(el);
        } else {
          test = (el) => valuesEqual(el, arg, this.options.collation);
        }
        const list = current as Value[];
        const kept = list.filter((el) => !test(el));
        if (kept.length !== list.length) {
          this.changed = true;
          list.splice(0, list.length, ...kept);
        }
        return;
      }
      case "$bit": {
        if (!isPlainObject(arg) || Object.keys(arg).length === 0) fail(ErrorCodes.BadValue, `The $bit modifier is not compatible with a ${typeOf(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`);
        const t = current === undefined ? "int" : typeOf(current);
        if (t !== "int" && t !== "long") fail(ErrorCodes.BadValue, `Cannot apply $bit to a value of non-integral type.{_id: ${String(this.doc._id)}} has the field ${key} of non-integer type ${t}`);
        let v = current === undefined ? 0n : BigInt(String(current));
        let wide = t === "long";
        for (const [k, x] of Object.entries(arg as Doc)) {
          const xt = typeOf(x);
          if (xt !== "int" && xt !== "long") fail(ErrorCodes.BadValue, `The $bit modifier field must be an Integer(32/64 bit); a '${xt}' is not supported here: {${k}: ${String(x)}}`);
          if (xt === "long") wide = true;
          const n = BigInt(String(x));
          if (k === "and") v &= n;
          else if (k === "or") v |= n;
          else if (k === "xor") v ^= n;
          else fail(ErrorCodes.BadValue, `The $bit modifier only supports 'and', 'or', and 'xor', not '${k}' which is an unknown operator: {${k}: ${String(x)}}`);
        }
        return this.write(parent, key, wide ? Long.fromBigInt(BigInt.asIntN(64, v)) : new Int32(Number(BigInt.asIntN(32, v))));
      }
    }
  }

  private push(op: string, parent: Container, key: string, current: Value, arg: Value, path: string): void {
    if (current !== undefined && !Array.isArray(current)) {
      fail(ErrorCodes.BadValue, `The field '${path}' must be an array but is of type ${typeOf(current)} in document {_id: ${String(this.doc._id)}}`);
    }
    const list = (current as Value[] | undefined) ?? [];
    let items: Value[] = [arg];
    let modifiers: Doc | null = null;
    if (isPlainObject(arg) && "$each" in arg) {
      if (!Array.isArray(arg.$each)) fail(ErrorCodes.BadValue, `The argument to $each in ${op} must be an array but it was of type: ${typeOf(arg.$each)}`);
      items = arg.$each as Value[];
      modifiers = arg;
      for (const k of Object.keys(arg)) {
        if (!["$each", "$slice", "$sort", "$position"].includes(k) || (op === "$addToSet" && k !== "$each")) {
          fail(ErrorCodes.BadValue, `Unrecognized clause in ${op}: ${k}`);
        }
      }
    }
    const next = [...list];
    let changed = false;
    if (op === "$addToSet") {
      for (const item of items) {
        // Equality is BSON comparison: 1, NumberLong(1) and 1.0 are duplicates of each other.
        if (!next.some((x) => valuesEqual(x, item, this.options.collation))) {
          next.push(cloneValue(item));
          changed = true;
        }
      }
    } else {
      const pos = modifiers?.$position === undefined ? next.length : toNumber(modifiers.$position);
      const at = pos < 0 ? Math.max(0, next.length + pos) : Math.min(pos, next.length);
      next.splice(at, 0, ...items.map(cloneValue));
      changed = items.length > 0;
      if (modifiers?.$sort !== undefined) {
        const spec = modifiers.$sort;
        if (isPlainObject(spec)) {
          const keys = Object.entries(spec);
          next.sort((a, b) => {
            for (const [k, dir] of keys) {
              const c = compareValues(getPath(a, k), getPath(b, k));
              if (c !== 0) return toNumber(dir) < 0 ? -c : c;
            }
            return 0;
          });
        } else {
          const dir = toNumber(spec);
          if (dir !== 1 && dir !== -1) fail(ErrorCodes.BadValue, "The $sort element value must be either 1 or -1");
          next.sort((a, b) => compareValues(a, b) * dir);
        }
        changed = true;
      }
      if (modifiers?.$slice !== undefined) {
        const n = toNumber(modifiers.$slice);
        if (!Number.isInteger(n)) fail(ErrorCodes.BadValue, "The value for $slice must be an integer value but was given type: double");
        const sliced = n >= 0 ? next.slice(0, n) : next.slice(n);
        if (sliced.length !== next.length) changed = true;
        next.splice(0, next.length, ...sliced);
      }
    }
    if (current === undefined) {
      this.write(parent, key, next);
      return;
    }
    if (changed) {
      this.changed = true;
      list.splice(0, list.length, ...next);
    }
  }

  private rename(from: string, to: Value): void {
    if (typeof to !== "string") fail(ErrorCodes.BadValue, `The 'to' field for $rename must be a string: ${from}: ${String(to)}`);
    const target = to as string;
    if (from === target) fail(ErrorCodes.BadValue, `The source and target field for $rename must differ: ${from}: "${target}"`);
    if (from.includes("$") || target.includes("$")) fail(ErrorCodes.BadValue, "The source field for $rename may not be dynamic");
    const src = this.parentOf(from.split("."), false);
    if (!src) return;
    if (Array.isArray(src.parent)) fail(ErrorCodes.BadValue, `The source field cannot be an array element, '${from}' in doc with _id: ${String(this.doc._id)} has an array field called '${from.split(".").slice(-2, -1)[0]}'`);
    const value = (src.parent as Doc)[src.key];
    if (value === undefined) return;
    delete (src.parent as Doc)[src.key];
    this.changed = true;
    const dst = this.parentOf(target.split("."), true)!;
    if (Array.isArray(dst.parent)) fail(ErrorCodes.BadValue, "The destination field cannot be an array element");
    (dst.parent as Doc)[dst.key] = value;
  }
}

/**
 * The document an upsert starts from: the query's equality conditions (including inside `$and`),
 * minus operators. A non-simple `_id` in the query is kept; otherwise a new ObjectId is added later.
 */
export function seedFromQuery(query: Doc): Doc {
  const doc: Doc = {};
  const add = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === "$and" && Array.isArray(v)) {
        for (const part of v) if (isPlainObject(part)) add(part);
        continue;
      }
      if (k.startsWith("$")) continue;
      let value: Value = v;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith("$"))) {
        if ("$eq" in v) value = v.$eq;
        else if ("$in" in v && Array.isArray(v.$in) && v.$in.length === 1) value = v.$in[0];
        else continue;
      }
      if (value instanceof RegExp || typeOf(value) === "regex") continue;
      const parts = k.split(".");
      let cur: Doc = doc;
      for (let i = 0; i < parts.length - 1; i++) {
        if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
        cur = cur[parts[i]] as Doc;
      }
      if (cur[parts[parts.length - 1]] !== undefined && !valuesEqual(cur[parts[parts.length - 1]], value)) {
        fail(ErrorCodes.NotSingleValueField, `cannot infer query fields to set, path '${k}' is matched twice`);
      }
      cur[parts[parts.length - 1]] = cloneValue(value);
    }
  };
  add(query);
  return doc;
}

/** Adds a fresh ObjectId `_id` first when the document has none (as the server does on insert). */
export function ensureId(doc: Doc): Doc {
  if (doc._id !== undefined) return doc;
  return { _id: new ObjectId(), ...doc };
}
