import type { TransportRequest, TransportResponse } from "../../../miniapp/src/platform/types";

type Handler = (req: TransportRequest) => TransportResponse | Promise<TransportResponse>;

/**
 * A scripted HTTP transport for services/request.ts: answers by `METHOD path` and records
 * every request it saw.
 */
export function fakeTransport(routes: Record<string, Handler>) {
  const seen: TransportRequest[] = [];
  const transport = async (req: TransportRequest): Promise<TransportResponse> => {
    seen.push(req);
    const url = new URL(req.url, "http://bff.test");
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler)
      return {
        statusCode: 404,
        data: { error: { code: "route_not_found", message: "接口不存在" } },
      };
    return handler(req);
  };
  return { transport, seen };
}

/**
 * A token pair as the BFF answers logins and refreshes.
 * @param access the access token.
 * @param refresh the refresh token.
 * @param expiresIn seconds until the access token expires.
 */
export function tokenPair(access: string, refresh: string, expiresIn = 900) {
  return {
    accessToken: access,
    expiresIn,
    refreshToken: refresh,
    refreshExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    user: {
      id: "0123456789abcdef01234567",
      role: "citizen" as const,
      displayName: "市民用户",
      department: null,
    },
  };
}
