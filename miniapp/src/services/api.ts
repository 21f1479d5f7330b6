import type { RouteContract } from "@lushan/shared/contract";
import type { apiContract } from "@lushan/shared/contracts/index";

/**
 * A route as the client holds it: method and path at run time, the whole contract as a type.
 * The schemas themselves are not bundled (see config/apiRoutes.ts for why).
 */
export interface RouteRef<C extends RouteContract = RouteContract> {
  readonly method: C["method"];
  readonly path: C["path"];
  readonly bodyType?: C["bodyType"];
  /** Type-only link to the contract; never present at run time. */
  readonly __contract?: C;
}

type Api = typeof apiContract;

/** The shared route table, resource by resource, as route references. */
export type ApiRoutes = {
  readonly [R in keyof Api]: {
    readonly [K in keyof Api[R]]: Api[R][K] extends RouteContract ? RouteRef<Api[R][K]> : never;
  };
};

/** Every API route, e.g. `api.list.search`. Baked in at build time from `shared/src/contracts`. */
export const api = API_ROUTES as unknown as ApiRoutes;
