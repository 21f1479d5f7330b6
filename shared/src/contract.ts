import type { z } from "zod";
import type { ErrorCode } from "./errors";
import type { Role } from "./roles";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route before resource-level policies apply:
 * `public` needs no login, `optional` reads a token when present, `user` needs any login,
 * and a role list needs one of those roles.
 */
export type RouteAuth = "public" | "optional" | "user" | readonly Role[];

/** One API route: the single source for server validation, client typing and OpenAPI. */
export interface RouteContract {
  readonly method: HttpMethod;
  /** Koa-style path under the API root, e.g. `/api/v1/list/items/:code`. */
  readonly path: string;
  /** Short Chinese summary, shown in the OpenAPI document. */
  readonly summary: string;
  readonly tags: readonly string[];
  readonly auth: RouteAuth;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** JSON request body, or the non-file fields of a multipart body. */
  readonly body?: z.ZodType;
  /** `multipart` routes accept files (uploads); everything else takes JSON. */
  readonly bodyType?: "json" | "multipart";
  /** Request headers the route reads, e.g. `Idempotency-Key`. */
  readonly headers?: z.ZodType;
  readonly response: z.ZodType;
  /** Success status; 200 unless stated. */
  readonly status?: 200 | 201 | 202;
  /** Error codes this route may answer with, besides the generic ones. */
  readonly errors?: readonly ErrorCode[];
  /** Response content type when it is not JSON (CSV exports, images). */
  readonly produces?: "application/json" | "text/csv" | "text/plain" | "image/*";
}

/**
 * Declares a route contract, keeping its literal types for inference.
 * @param contract the route description.
 * @returns the same contract.
 */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** Parsed request parts as the server sees them. */
export interface RouteInput<C extends RouteContract> {
  params: Out<C["params"]>;
  query: Out<C["query"]>;
  body: Out<C["body"]>;
  headers: Out<C["headers"]>;
}

/** Request parts as a client sends them. */
export interface RouteRequest<C extends RouteContract> {
  params: In<C["params"]>;
  query: In<C["query"]>;
  body: In<C["body"]>;
}

/** What the server returns on success (after parsing). */
export type RouteResponse<C extends RouteContract> = z.output<C["response"]>;

/** What a handler must produce (before output parsing: dates may still be Date objects). */
export type RouteResult<C extends RouteContract> = z.input<C["response"]>;

/**
 * Fills `:name` segments of a contract path.
 * @param path the contract path.
 * @param params values for the named segments.
 * @returns the concrete path with each value URI-encoded.
 */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
