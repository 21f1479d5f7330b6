import type { Context, DefaultState, ParameterizedContext } from "koa";
import type { RouteContract, RouteInput, Role } from "@lushan/shared";
import type { Types } from "mongoose";
import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Services } from "./services";

/** Who is calling, as proven by a verified access token. */
export interface Actor {
  userId: Types.ObjectId;
  role: Role;
  /** Set for department-scoped roles (and for any staff attached to a department). */
  departmentId: Types.ObjectId | null;
}

export interface AppState extends DefaultState {
  requestId: string;
  /** Present after `auth()` succeeds (or when an optional token was valid). */
  actor?: Actor;
  /** Route template for metrics and logs, e.g. `/api/v1/list/items/:code`. */
  routeTemplate?: string;
}

/** Everything a request handler may use besides the request itself. */
export interface AppContextExtras {
  config: Config;
  log: Logger;
  services: Services;
}

export type AppContext = ParameterizedContext<AppState, AppContextExtras & Context>;

/** The context a route handler receives: parsed input and, when required, the actor. */
export type APIContext<C extends RouteContract> = AppContext & { input: RouteInput<C> };

/** The context of a route that requires login: the actor is always present. */
export type AuthedAPIContext<C extends RouteContract> = APIContext<C> & {
  state: AppState & { actor: Actor };
};
