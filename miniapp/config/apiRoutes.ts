import path from "node:path";
import { require as tsxRequire } from "tsx/cjs/api";
import { clientRouteTable, type ClientRoute, type ContractLike } from "./routeTable";

/**
 * Loads the shared contracts from their TypeScript sources (the build runs before `shared/` is
 * compiled on a fresh clone) and returns the client route table.
 * @returns the route table baked into the bundle as `API_ROUTES`.
 */
export function loadClientRouteTable(): Record<string, Record<string, ClientRoute>> {
  const file = path.resolve(__dirname, "../../shared/src/contracts/index.ts");
  const shared = tsxRequire(file, __filename) as {
    apiContract: Record<string, Record<string, ContractLike>>;
  };
  return clientRouteTable(shared.apiContract);
}
