import type { z } from "zod";
import { buildPath, type RouteContract, type RouteResponse } from "@lushan/shared/contract";
import { ErrorMessages } from "@lushan/shared/errors";
import type { TokenPair } from "@lushan/shared/schemas/user";
import * as platform from "@/platform";
import type { Transport, TransportResponse, UploadTransport } from "@/platform";
import { api, type RouteRef } from "./api";
import { ApiError, clientError, errorFromResponse, isApiError } from "./apiError";
import { currentSession, sessionFromTokens, sessionStore } from "./session";

/** Options every call accepts besides the contract's own parts. */
export interface CallOptions {
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /** Milliseconds before the call fails with `timeout`. */
  timeout?: number;
  /** Send the access token (default true); login calls turn it off. */
  auth?: boolean;
}

type AllOptional<T> = Partial<T> extends T ? true : false;
type Part<K extends string, S> = [S] extends [z.ZodType]
  ? AllOptional<z.input<S>> extends true
    ? { readonly [P in K]?: z.input<S> }
    : { readonly [P in K]: z.input<S> }
  : { readonly [P in K]?: undefined };

/** The request parts a route takes, typed from its contract (`params`, `query`, `body`). */
export type CallInput<C extends RouteContract> = Part<"params", C["params"]> &
  Part<"query", C["query"]> &
  Part<"body", C["body"]> &
  CallOptions;

type CallArgs<C extends RouteContract> =
  AllOptional<CallInput<C>> extends true ? [input?: CallInput<C>] : [input: CallInput<C>];

interface LooseInput extends CallOptions {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

interface RequestConfig {
  /** BFF origin, without a trailing slash; empty for the same origin (H5 served by the BFF). */
  baseUrl: string;
  timeout: number;
  transport: Transport;
  uploadTransport: UploadTransport;
}

const config: RequestConfig = {
  baseUrl: (process.env.TARO_APP_API_BASE ?? "").replace(/\/+$/, ""),
  timeout: 15_000,
  transport: platform.request,
  uploadTransport: platform.uploadFile,
};

/** Refresh a little before the access token runs out, so a request never races its expiry. */
const EARLY_REFRESH_MS = 30_000;

/**
 * Replaces parts of the request configuration (tests, or a base URL chosen at run time).
 * @param next the settings to change.
 */
export function configureRequest(next: Partial<RequestConfig>): void {
  Object.assign(config, next);
}

/**
 * Builds the absolute URL of a route.
 * @param path the contract path with `:name` segments.
 * @param params values for the segments.
 * @param query query-string values; undefined, null and empty strings are left out, arrays repeat the key.
 * @returns the URL.
 */
export function apiUrl(
  path: string,
  params?: Record<string, string | number>,
  query?: Record<string, unknown>,
): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === "") continue;
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return `${config.baseUrl}${buildPath(path, params)}${pairs.length ? `?${pairs.join("&")}` : ""}`;
}

/**
 * Calls one API route. The only way pages (through services) reach the BFF.
 * Sends the access token, refreshes it once on `token_expired` (one refresh shared by all
 * concurrent calls), and turns every failure into an {@link ApiError} with a Chinese message.
 * Shows nothing and navigates nowhere: pages decide what to do with the error.
 * @param route the route, e.g. `api.list.search`.
 * @param args `{ params, query, body }` as the contract defines them, plus call options.
 * @returns the response body as the contract types it.
 */
export function call<C extends RouteContract>(
  route: RouteRef<C>,
  ...args: CallArgs<C>
): Promise<RouteResponse<C>> {
  const input = (args[0] ?? {}) as LooseInput;
  const url = apiUrl(route.path, input.params, input.query);
  const timeout = input.timeout ?? config.timeout;
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  return authorized(input, timeout, (header) =>
    config.transport({
      url,
      method: route.method,
      header: hasBody ? { "Content-Type": "application/json", ...header } : header,
      data: hasBody ? (input.body ?? {}) : undefined,
      timeout,
    }),
  ).then((res) => res.data as RouteResponse<C>);
}

/**
 * Uploads a local file (a chosen image) to a multipart route, with the same token handling.
 * @param route a multipart route, e.g. `api.complaints.upload`.
 * @param file the local path and the form field name (default `file`).
 * @returns the response body.
 */
export async function upload<C extends RouteContract>(
  route: RouteRef<C>,
  file: { filePath: string; name?: string; formData?: Record<string, string>; timeout?: number },
): Promise<RouteResponse<C>> {
  const timeout = file.timeout ?? 60_000;
  const res = await authorized({}, timeout, (header) =>
    config.uploadTransport({
      url: apiUrl(route.path),
      header,
      filePath: file.filePath,
      name: file.name ?? "file",
      formData: file.formData ?? {},
      timeout,
    }),
  );
  return res.data as RouteResponse<C>;
}

async function authorized(
  options: CallOptions,
  timeout: number,
  exec: (header: Record<string, string>) => Promise<TransportResponse>,
): Promise<TransportResponse> {
  const header = (token: string | null): Record<string, string> => ({
    ...options.headers,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
  const token = options.auth === false ? null : await freshAccessToken();
  let res = await guarded(exec(header(token)), timeout);
  if (res.statusCode === 401 && token) {
    const error = errorFromResponse(401, res.data);
    if (error.code === "token_expired") {
      res = await guarded(exec(header(await refreshAfter(token))), timeout);
    } else if (error.code === "token_invalid") {
      dropSession(token);
    }
  }
  return unwrap(res);
}

function unwrap(res: TransportResponse): TransportResponse {
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw errorFromResponse(res.statusCode, res.data);
  if (typeof res.data !== "string") return res;
  // Uploads (and weapp when JSON parsing failed) hand back text.
  if (res.data === "") return { ...res, data: null };
  try {
    return { ...res, data: JSON.parse(res.data) as unknown };
  } catch {
    throw clientError("bad_response");
  }
}

/** Waits for the transport with our own timer, so timeouts read the same on every platform. */
async function guarded(
  pending: Promise<TransportResponse>,
  timeout: number,
): Promise<TransportResponse> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(clientError("timeout")), timeout);
  });
  try {
    return await Promise.race([pending, expired]);
  } catch (error) {
    if (isApiError(error)) throw error;
    const text = `${(error as { errMsg?: string })?.errMsg ?? ""} ${(error as Error)?.message ?? ""} ${(error as Error)?.name ?? ""}`;
    throw clientError(
      /timeout|timed out|AbortError|aborted/i.test(text) ? "timeout" : "network_error",
    );
  } finally {
    clearTimeout(timer);
  }
}

async function freshAccessToken(): Promise<string | null> {
  const session = currentSession();
  if (!session) return null;
  if (session.accessExpiresAt - EARLY_REFRESH_MS > Date.now()) return session.accessToken;
  try {
    return await refreshAfter(session.accessToken);
  } catch (error) {
    // The login is gone: carry on signed out and let the route say whether it needs one.
    if (isApiError(error) && error.code === "refresh_token_invalid") return null;
    throw error;
  }
}

let refreshing: Promise<string> | null = null;

/**
 * Returns an access token newer than `stale`, refreshing at most once for all concurrent callers.
 * A call that failed with a token another call has already replaced just retries with the new one.
 */
function refreshAfter(stale: string): Promise<string> {
  const session = currentSession();
  if (!session)
    return Promise.reject(
      new ApiError("refresh_token_invalid", ErrorMessages.refresh_token_invalid, 401),
    );
  if (session.accessToken !== stale) return Promise.resolve(session.accessToken);
  if (!refreshing) {
    refreshing = refreshSession(session.refreshToken).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function refreshSession(refreshToken: string): Promise<string> {
  const res = await guarded(
    config.transport({
      url: apiUrl(api.auth.refresh.path),
      method: api.auth.refresh.method,
      header: { "Content-Type": "application/json" },
      data: { refreshToken },
      timeout: config.timeout,
    }),
    config.timeout,
  );
  if (res.statusCode >= 200 && res.statusCode < 300) {
    const next = sessionFromTokens(unwrap(res).data as TokenPair);
    // A sign-out or another login during the refresh wins over this answer.
    if (sessionStore.get()?.refreshToken === refreshToken) sessionStore.set(next);
    return next.accessToken;
  }
  if (res.statusCode === 400 || res.statusCode === 401) {
    if (sessionStore.get()?.refreshToken === refreshToken) sessionStore.set(null);
    throw new ApiError("refresh_token_invalid", ErrorMessages.refresh_token_invalid, 401);
  }
  throw errorFromResponse(res.statusCode, res.data);
}

function dropSession(token: string): void {
  if (sessionStore.get()?.accessToken === token) sessionStore.set(null);
}
