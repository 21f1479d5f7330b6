// Bakes the route table the way the Taro build does (config/apiRoutes.ts → API_ROUTES).
import { apiContract } from "@lushan/shared/contracts/index";
import { clientRouteTable } from "../../../miniapp/config/routeTable";

(globalThis as { API_ROUTES?: unknown }).API_ROUTES = clientRouteTable(apiContract);
process.env.TARO_ENV = "h5";
