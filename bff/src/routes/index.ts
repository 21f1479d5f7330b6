import Router from "@koa/router";
import type { Config } from "../config";
import type { AppContextExtras, AppState } from "../types";
import { authRoutes } from "./auth/auth";
import { departmentRoutes } from "./departments/departments";
import { userRoutes } from "./users/users";
import { listRoutes } from "./list/list";
import { complaintRoutes } from "./complaints/complaints";
import { staffComplaintRoutes } from "./staffComplaints/staffComplaints";
import { uploadRoutes } from "./uploads/uploads";
import { routingRuleRoutes } from "./routingRules/routingRules";
import { calendarRoutes } from "./calendar/calendar";
import { wechatEventRoutes } from "./integrations/wechatEvents";
import { policyRoutes } from "./policies/policies";
import { staffPolicyRoutes } from "./staffPolicies/staffPolicies";
import { subscriptionRoutes } from "./subscriptions/subscriptions";
import { messageRoutes } from "./messages/messages";
import { caseRoutes } from "./cases/cases";
import { rectificationRoutes } from "./rectifications/rectifications";
import { statsRoutes } from "./stats/stats";
import { hotlineRoutes } from "./hotline/hotline";
import { hotlineCallbackRoutes } from "./integrations/hotlineCallback";

/**
 * The `/api/v1` router with every resource mounted. Each module adds one line here.
 * @param config configuration (for per-route limits).
 * @returns the router.
 */
export function apiRouter(config: Config): Router<AppState, AppContextExtras> {
  const router = new Router<AppState, AppContextExtras>();
  authRoutes(router, config);
  departmentRoutes(router);
  userRoutes(router);
  listRoutes(router);
  complaintRoutes(router);
  staffComplaintRoutes(router);
  uploadRoutes(router, config);
  routingRuleRoutes(router);
  calendarRoutes(router);
  wechatEventRoutes(router);
  policyRoutes(router);
  staffPolicyRoutes(router);
  subscriptionRoutes(router);
  messageRoutes(router);
  caseRoutes(router);
  rectificationRoutes(router);
  statsRoutes(router);
  hotlineRoutes(router);
  hotlineCallbackRoutes(router);
  return router;
}
