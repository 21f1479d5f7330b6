import type { RouteContract } from "../contract";
import { authContract } from "./auth";
import { departmentsContract } from "./departments";
import { usersContract } from "./users";
import { listContract } from "./list";
import { complaintsContract } from "./complaints";
import { integrationsContract } from "./integrations";

export { authContract, departmentsContract, usersContract, listContract, complaintsContract, integrationsContract };

/** Every route table, keyed by resource. Each module adds its own table here. */
export const apiContract = {
  auth: authContract,
  departments: departmentsContract,
  users: usersContract,
  list: listContract,
  complaints: complaintsContract,
  integrations: integrationsContract,
} as const;

/** All route contracts as a flat list (for OpenAPI generation and route-coverage tests). */
export function allRoutes(): RouteContract[] {
  return Object.values(apiContract).flatMap((table) => Object.values(table) as RouteContract[]);
}
