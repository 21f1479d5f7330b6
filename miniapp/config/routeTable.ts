/** What the client needs of a route at run time; everything else is types only. */
export interface ClientRoute {
  method: string;
  path: string;
  bodyType?: "json" | "multipart";
}

export interface ContractLike {
  method: string;
  path: string;
  bodyType?: "json" | "multipart";
}

/**
 * Strips the shared route table to method, path and body type.
 * The zod schemas stay on the server: shipping them would put zod and every schema into the
 * weapp main package (about 140 KB minified, measured) and build them all at every launch,
 * while the client only needs their types, which `import type` provides for free.
 * @param contract the shared `apiContract` (resource → route name → contract).
 * @returns the same shape with only what a request needs.
 */
export function clientRouteTable(
  contract: Record<string, Record<string, ContractLike>>,
): Record<string, Record<string, ClientRoute>> {
  const table: Record<string, Record<string, ClientRoute>> = {};
  for (const [resource, routes] of Object.entries(contract)) {
    table[resource] = {};
    for (const [name, route] of Object.entries(routes)) {
      table[resource][name] = {
        method: route.method,
        path: route.path,
        ...(route.bodyType ? { bodyType: route.bodyType } : {}),
      };
    }
  }
  return table;
}
