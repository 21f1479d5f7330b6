import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ErrorMessages, ErrorResponse, allRoutes, type RouteContract } from "@lushan/shared";

const GENERIC_ERRORS: Record<string, string> = {
  "400": "请求参数不正确（validation_failed / malformed_json）",
  "401": "未登录或登录已过期（authentication_required / token_expired / token_invalid）",
  "403": "没有权限（forbidden）",
  "429": "请求过于频繁（rate_limited）",
};

function operation(route: RouteContract): ZodOpenApiOperationObject {
  const status = String(route.status ?? 200);
  const errors = { ...GENERIC_ERRORS };
  for (const code of route.errors ?? []) {
    errors[`x-${code}`] = ErrorMessages[code];
  }
  const errorResponses = Object.fromEntries(
    Object.entries(GENERIC_ERRORS)
      .filter(([s]) => route.auth !== "public" || (s !== "401" && s !== "403"))
      .map(([s, description]) => [s, { description, content: { "application/json": { schema: ErrorResponse } } }]),
  );
  return {
    summary: route.summary,
    tags: [...route.tags],
    ...(route.auth === "public" ? {} : { security: [{ bearerAuth: [] }] }),
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params as never } : {}),
            ...(route.query ? { query: route.query as never } : {}),
          },
        }
      : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              [route.bodyType === "multipart" ? "multipart/form-data" : "application/json"]: { schema: route.body },
            },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: "成功",
        content: { [route.produces ?? "application/json"]: { schema: route.response } },
      },
      ...errorResponses,
      ...(route.errors?.length
        ? {
            default: {
              description: `其他错误代码：${route.errors.map((c) => `${c}（${ErrorMessages[c]}）`).join("；")}`,
              content: { "application/json": { schema: ErrorResponse } },
            },
          }
        : {}),
    },
    ...(route.auth !== "public" && route.auth !== "optional" && route.auth !== "user"
      ? { "x-roles": [...route.auth] }
      : {}),
  } as ZodOpenApiOperationObject;
}

let cached: ReturnType<typeof createDocument> | null = null;

/**
 * The OpenAPI 3.1 document of every route in `@lushan/shared`'s contracts.
 * @returns the document (built once per process).
 */
export function openApiDocument(): ReturnType<typeof createDocument> {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of allRoutes()) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, ZodOpenApiOperationObject>)[route.method.toLowerCase()] = operation(route);
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "庐山市市场准入服务 API",
      version: "1.0.0",
      description: "负面清单查询、准入自查、隐性壁垒投诉、政策动态与工作台接口。错误统一为 {\"error\":{\"code\",\"message\"}}。",
    },
    servers: [{ url: "/" }],
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  });
  return cached;
}
