import type { RouteContract } from "../contract";
import { authContract } from "./auth";
import { departmentsContract } from "./departments";
import { usersContract } from "./users";
import { listContract } from "./list";
import { complaintsContract } from "./complaints";
import { complaintConfigContract } from "./complaintConfig";
import { integrationsContract } from "./integrations";
import { policiesContract, staffPoliciesContract } from "./policy";
import { subscriptionsContract } from "./subscription";
import { messagesContract } from "./message";
import { casesContract, staffCasesContract } from "./cases";
import { rectificationsContract, staffRectificationsContract } from "./ledger";
import { publicStatsContract, staffStatsContract } from "./stats";
import { hotlineContract } from "./hotline";

export { authContract, departmentsContract, usersContract, listContract, complaintsContract, complaintConfigContract, integrationsContract };
export { policiesContract, staffPoliciesContract, subscriptionsContract, messagesContract };
export { casesContract, staffCasesContract, rectificationsContract, staffRectificationsContract, publicStatsContract, staffStatsContract };
export { hotlineContract };

/** Every route table, keyed by resource. Each module adds its own table here. */
export const apiContract = {
  auth: authContract,
  departments: departmentsContract,
  users: usersContract,
  list: listContract,
  complaints: complaintsContract,
  complaintConfig: complaintConfigContract,
  integrations: integrationsContract,
  policies: policiesContract,
  staffPolicies: staffPoliciesContract,
  subscriptions: subscriptionsContract,
  messages: messagesContract,
  cases: casesContract,
  staffCases: staffCasesContract,
  rectifications: rectificationsContract,
  staffRectifications: staffRectificationsContract,
  publicStats: publicStatsContract,
  staffStats: staffStatsContract,
  hotline: hotlineContract,
} as const;

/** All route contracts as a flat list (for OpenAPI generation and route-coverage tests). */
export function allRoutes(): RouteContract[] {
  return Object.values(apiContract).flatMap((table) => Object.values(table) as RouteContract[]);
}
