import { getPath } from "../bson/path";
import { isPlainObject, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { ARITHMETIC } from "./operators/arithmetic";
import { ARRAYS } from "./operators/arrays";
import { REMOVE, type OpContext, type Operator, type Vars } from "./operators/context";
import { CONVERSIONS } from "./operators/conversions";
import { DATES } from "./operators/dates";
import { GROUPING } from "./operators/grouping";
import { LOGIC } from "./operators/logic";
import { OBJECTS } from "./operators/objects";
import { STRINGS } from "./operators/strings";

export { REMOVE, type Vars };

const OPERATORS: Record<string, Operator> = { ...ARITHMETIC, ...LOGIC, ...STRINGS, ...ARRAYS, ...OBJECTS, ...CONVERSIONS, ...DATES, ...GROUPING };

/** Operators `evaluate` implements (checked before a pipeline runs, as mongod parses it first). */
export const EXPRESSION_OPERATORS = new Set(Object.keys(OPERATORS));

/** Server-side JavaScript: refused with mongod's code for a server without JavaScript. */
const JAVASCRIPT = new Set(["$function", "$accumulator"]);

function refuseJavaScript(op: string): never {
  return fail(31264, `${op} is not allowed: server-side JavaScript is disabled on this server`);
}

/**
 * Checks an expression tree without evaluating it: unknown operators fail with 168 and
 * server-side JavaScript with 31264, even when no document would reach them.
 */
export function checkExpression(expr: unknown): void {
  if (Array.isArray(expr)) {
    expr.forEach(checkExpression);
    return;
  }
  if (!isPlainObject(expr)) return;
  const keys = Object.keys(expr);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    const op = keys[0];
    if (op === "$literal") return;
    if (JAVASCRIPT.has(op)) refuseJavaScript(op);
    if (!EXPRESSION_OPERATORS.has(op)) fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
    checkExpression(expr[op]);
    return;
  }
  for (const k of keys) checkExpression(expr[k]);
}

/**
 * Evaluates an aggregation expression against a document. Field paths (`"$a.b"`), variables
 * (`"$$ROOT"`, `"$$NOW"`, `$let` names), literals, object and array expressions and the
 * operators of `./operators` are supported; any other operator fails with 168.
 * `doc` is always the root document ($$ROOT / $$CURRENT).
 */
export function evaluate(expr: unknown, doc: Value, vars: Vars = {}): Value {
  if (typeof expr === "string") {
    if (expr.charCodeAt(0) !== 36 /* $ */) return expr;
    if (expr.startsWith("$$")) return variable(expr.slice(2), doc, vars);
    if (expr.length === 1) fail(16872, "'$' by itself is not a valid FieldPath");
    return getPath(doc, expr.slice(1));
  }
  if (Array.isArray(expr)) return expr.map((e) => nonRemoved(evaluate(e, doc, vars)));
  if (isPlainObject(expr)) {
    const keys = Object.keys(expr);
    if (keys.length === 1 && keys[0].startsWith("$")) return operator(keys[0], expr[keys[0]], doc, vars);
    const out: Doc = {};
    for (const k of keys) {
      if (k.startsWith("$")) fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
      if (k.includes(".")) fail(16412, `FieldPath field names may not contain '.'. Consider using $getField or $setField.`);
      const v = evaluate(expr[k], doc, vars);
      if (v !== undefined && v !== REMOVE) out[k] = v;
    }
    return out;
  }
  return expr;
}

function nonRemoved(v: Value): Value {
  return v === REMOVE || v === undefined ? null : v;
}

function variable(spec: string, doc: Value, vars: Vars): Value {
  const dot = spec.indexOf(".");
  const name = dot === -1 ? spec : spec.slice(0, dot);
  const rest = dot === -1 ? null : spec.slice(dot + 1);
  let base: Value;
  if (name === "ROOT" || name === "CURRENT") base = doc;
  else if (name === "NOW") base = vars.NOW ?? new Date();
  else if (name === "REMOVE") return REMOVE;
  else if (name in vars) base = vars[name];
  else return fail(17276, `Use of undefined variable: ${name}`);
  return rest === null ? base : getPath(base, rest);
}

function operator(op: string, arg: unknown, doc: Value, vars: Vars): Value {
  const impl = OPERATORS[op];
  if (!impl) {
    if (JAVASCRIPT.has(op)) refuseJavaScript(op);
    return fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
  }
  const ctx: OpContext = {
    op,
    doc,
    vars,
    ev: (e) => evaluate(e, doc, vars),
    evWith: (e, scope) => evaluate(e, doc, scope),
    args: (a) => (Array.isArray(a) ? a.map((e) => evaluate(e, doc, vars)) : [evaluate(a, doc, vars)]),
  };
  return impl(arg, ctx);
}
