import { cloneValue } from "../../bson/clone";
import { getPath, setPathCreate } from "../../bson/path";
import { isPlainObject, typeOf, type Doc, type Value } from "../../bson/types";
import { fail } from "../../errors";
import { compileProjection } from "../../query/projection";
import { evaluate, REMOVE, type Vars } from "../expressions";

/** $project: inclusion, exclusion and computed fields. */
export function project(docs: Doc[], arg: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(arg) || Object.keys(arg).length === 0) fail(51272, "$project requires at least one output field");
  const proj = compileProjection(arg as Doc, "aggregate");
  return docs.map((d) => proj.apply(d, vars));
}

/** $unset: a field name or a list of them. */
export function unset(docs: Doc[], arg: unknown, vars: Vars): Doc[] {
  const fields = Array.isArray(arg) ? arg : [arg];
  if (fields.length === 0 || fields.some((f) => typeof f !== "string" || f === "")) fail(31120, "$unset specification must be a string or an array containing only string values");
  const proj = compileProjection(Object.fromEntries(fields.map((f) => [f as string, 0])), "aggregate");
  return docs.map((d) => proj.apply(d, vars));
}

/** $addFields / $set: computed fields merged into (copies of) the documents. */
export function addFields(docs: Doc[], spec: unknown, vars: Vars): Doc[] {
  if (!isPlainObject(spec)) fail(40272, "$addFields specification stage must be an object");
  return docs.map((doc) => {
    const out = cloneValue(doc);
    const assign = (obj: Doc, prefix: string) => {
      for (const [k, e] of Object.entries(obj)) {
        const path = prefix ? `${prefix}.${k}` : k;
        if (k.startsWith("$")) fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
        if (isPlainObject(e) && Object.keys(e).length > 0 && !Object.keys(e).some((x) => x.startsWith("$"))) {
          assign(e, path);
          continue;
        }
        const v = evaluate(e, doc, vars);
        if (v === REMOVE) {
          const parts = path.split(".");
          let cur: Value = out;
          for (let i = 0; i < parts.length - 1 && isPlainObject(cur); i++) cur = cur[parts[i]];
          if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
        } else if (v !== undefined) setPathCreate(out, path, v);
      }
    };
    assign(spec as Doc, "");
    return out;
  });
}

/** $replaceRoot / $replaceWith. */
export function replaceRoot(docs: Doc[], expr: unknown, vars: Vars): Doc[] {
  return docs.map((d) => {
    const r = evaluate(expr, d, vars);
    if (!isPlainObject(r)) fail(40228, `'replacement document' must evaluate to an object, but resulting value was: ${r === undefined ? "MISSING" : String(r)}. Type of resulting value: '${typeOf(r)}'. Input document: {_id: ${String(d._id)}}`);
    return cloneValue(r as Doc);
  });
}

/** $unwind: one document per array element (non-arrays count as one element). */
export function unwind(docs: Doc[], arg: unknown): Doc[] {
  const spec = typeof arg === "string" ? { path: arg } : isPlainObject(arg) ? arg : fail(15981, "expected either a string or an object as specification for $unwind stage");
  for (const k of Object.keys(spec)) if (!["path", "includeArrayIndex", "preserveNullAndEmptyArrays"].includes(k)) fail(28811, `unrecognized option to $unwind stage: ${k}`);
  if (typeof spec.path !== "string") return fail(28812, "no path specified to $unwind stage");
  if (!spec.path.startsWith("$")) fail(28818, "path option to $unwind stage should be prefixed with a '$'");
  const indexField = spec.includeArrayIndex;
  if (indexField !== undefined && (typeof indexField !== "string" || indexField === "" || indexField.startsWith("$"))) fail(28822, "includeArrayIndex option to $unwind stage should be a non-empty string not starting with '$'");
  const preserve = spec.preserveNullAndEmptyArrays === true;
  const path = spec.path.slice(1);
  const out: Doc[] = [];
  for (const doc of docs) {
    const v = getPath(doc, path);
    const emit = (el: Value, idx: number | null, remove: boolean) => {
      const copy = cloneValue(doc);
      if (remove) {
        const parts = path.split(".");
        let cur: Value = copy;
        for (let i = 0; i < parts.length - 1 && isPlainObject(cur); i++) cur = cur[parts[i]];
        if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
      } else if (el !== undefined) setPathCreate(copy, path, el);
      if (indexField) copy[indexField as string] = idx === null ? null : idx;
      out.push(copy);
    };
    if (Array.isArray(v)) {
      if (v.length === 0) {
        if (preserve) emit(undefined, null, true);
      } else v.forEach((el, i) => emit(el, i, false));
    } else if (v === undefined || v === null) {
      if (preserve) emit(v, null, false);
    } else emit(v, null, false);
  }
  return out;
}

const DESCEND = "\u0000descend";
const PRUNE = "\u0000prune";
const KEEP = "\u0000keep";

/** $redact: $$DESCEND / $$PRUNE / $$KEEP evaluated at each document level. */
export function redact(docs: Doc[], expr: unknown, vars: Vars): Doc[] {
  const scope: Vars = { ...vars, DESCEND, PRUNE, KEEP };
  const visit = (d: Doc): Doc | null => {
    const r = evaluate(expr, d, scope);
    if (r === KEEP) return d;
    if (r === PRUNE) return null;
    if (r !== DESCEND) return fail(17053, "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE");
    const out: Doc = {};
    for (const [k, v] of Object.entries(d)) {
      if (isPlainObject(v)) {
        const sub = visit(v);
        if (sub) out[k] = sub;
      } else if (Array.isArray(v)) {
        out[k] = v.flatMap((el) => {
          if (!isPlainObject(el)) return [el];
          const sub = visit(el);
          return sub ? [sub] : [];
        });
      } else out[k] = v;
    }
    return out;
  };
  const out: Doc[] = [];
  for (const d of docs) {
    const r = visit(d);
    if (r) out.push(r === d ? d : r);
  }
  return out;
}

