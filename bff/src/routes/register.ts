import type Router from "@koa/router";
import type { Middleware } from "koa";
import type { z } from "zod";
import type { RouteContract, RouteResult } from "@lushan/shared";
import { auth } from "../middlewares/auth";
import { jsonBody } from "../middlewares/jsonBody";
import { ValidationError, type ErrorDetail } from "../errors";
import type { APIContext, AppContextExtras, AppState } from "../types";

export type ApiRouter = Router<AppState, AppContextExtras>;

/**
 * A response body already serialised to JSON (from a cache). Hot public reads return it so that a
 * repeated request costs no presenting or serialising.
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/** A non-JSON body (an image, a CSV file) with its content type. */
export class RawBody {
  constructor(
    readonly type: string,
    readonly body: Buffer | string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type Handler<C extends RouteContract> = (ctx: APIContext<C>) => Promise<RouteResult<C> | RawJson | RawBody>;

export interface RouteOptions {
  /** Middleware run before authentication, e.g. a stricter rate limiter. */
  before?: Middleware<AppState, AppContextExtras>[];
  /** Middleware run after validation and before the handler, e.g. idempotency. */
  after?: Middleware<AppState, AppContextExtras>[];
  /**
   * Parses the body itself (multipart uploads); the route's middleware must put the non-file
   * fields on `ctx.request.body` before validation.
   */
  bodyParser?: Middleware<AppState, AppContextExtras>;
}

/**
 * Mounts one contract on the router: auth → body parsing → zod validation → handler → status and
 * body. The handler only orchestrates and returns what the contract's response schema describes.
 * @param router the API router.
 * @param contract the route contract from `@lushan/shared`.
 * @param handler loads, authorizes, calls a command and presents.
 * @param options extra middleware.
 */
export function register<C extends RouteContract>(
  router: ApiRouter,
  contract: C,
  handler: Handler<C>,
  options: RouteOptions = {},
): void {
  const hasBody = contract.method !== "GET" && contract.method !== "DELETE";
  const stack: Middleware<AppState, AppContextExtras>[] = [
    async function routeTemplate(ctx, next) {
      ctx.state.routeTemplate = contract.path;
      await next();
    },
    ...(options.before ?? []),
    auth(contract.auth),
  ];
  if (hasBody) {
    stack.push(options.bodyParser ?? jsonBody());
  }
  stack.push(validate(contract), ...(options.after ?? []));
  stack.push(async function handle(ctx) {
    const result = await handler(ctx as APIContext<C>);
    ctx.status = contract.status ?? 200;
    if (result instanceof RawBody) {
      ctx.type = result.type;
      ctx.set(result.headers);
      ctx.body = result.body;
      return;
    }
    if (result instanceof RawJson) {
      if (ctx.config.validateResponses) checkResponse(contract, JSON.parse(result.json));
      ctx.type = "application/json";
      ctx.body = result.json;
      return;
    }
    ctx.body = ctx.config.validateResponses ? checkResponse(contract, result) : result;
  });
  const method = contract.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  router[method](contract.path, ...stack);
}

/**
 * Parses params, query, headers and body with the contract's schemas into `ctx.input`.
 * @param contract the route contract.
 * @returns the middleware.
 */
export function validate(contract: RouteContract): Middleware<AppState, AppContextExtras> {
  return async function validateMiddleware(ctx, next) {
    const details: ErrorDetail[] = [];
    const part = (name: string, schema: z.ZodType | undefined, value: unknown): unknown => {
      if (!schema) return {};
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        details.push({ path: [name, ...issue.path.map(String)].join("."), message: issue.message });
      }
      return undefined;
    };
    // No query value of this API is ever a control character; MongoDB refuses a NUL in a regex
    // (search terms become escaped regexes), so they stop here for every route.
    const control = Object.entries(ctx.query).find(([, v]) => [v ?? ""].flat().some((s) => CONTROL_CHARS.test(s)));
    if (control) details.push({ path: `query.${control[0]}`, message: "查询参数不能包含控制字符" });
    const params = part("params", contract.params, (ctx as unknown as { params?: unknown }).params ?? {});
    const query = part("query", contract.query, { ...ctx.query });
    const headers = part("headers", contract.headers, ctx.headers);
    const rawBody = ctx.request.body;
    const body = contract.body ? part("body", contract.body, rawBody ?? {}) : {};
    if (!contract.body && rawBody !== undefined && !isEmptyObject(rawBody)) {
      details.push({ path: "body", message: "该接口不接受请求内容" });
    }
    if (!contract.query && Object.keys(ctx.query).length > 0) {
      details.push({ path: "query", message: `不支持的查询参数：${Object.keys(ctx.query).join("、")}` });
    }
    if (details.length > 0) {
      throw ValidationError(details[0].message, details.slice(0, 20));
    }
    (ctx as unknown as APIContext<RouteContract>).input = {
      params,
      query,
      body,
      headers,
    } as APIContext<RouteContract>["input"];
    await next();
  };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Catches presenters drifting from the contract before a client does. */
function checkResponse(contract: RouteContract, result: unknown): unknown {
  const parsed = contract.response.safeParse(result);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".")}: ${i.message}`)
    .join("; ");
  throw new Error(`response of ${contract.method} ${contract.path} does not match its contract: ${detail}`);
}
