import { existsSync } from "node:fs";
import path from "node:path";
import type { Middleware } from "koa";
import serve from "koa-static";
import type { AppState } from "../types";

/**
 * Serves the mini-program's H5 build. Hashed assets are cached for a year; `index.html` is always
 * revalidated so a new release takes effect on the next load.
 * @param dir the H5 build directory.
 * @returns the middleware (a pass-through when the build is missing).
 */
export function h5Static(dir: string): Middleware<AppState> {
  if (!existsSync(path.join(dir, "index.html"))) {
    return async function h5Missing(ctx, next) {
      await next();
      if (ctx.status === 404 && ctx.method === "GET" && (ctx.path === "/" || ctx.path === "/index.html")) {
        ctx.status = 503;
        ctx.type = "text/html; charset=utf-8";
        ctx.body = "<!doctype html><meta charset=utf-8><title>庐山市市场准入服务</title><p>页面尚未构建，请先运行 <code>npm run build:h5</code>。</p>";
      }
    };
  }
  const files = serve(dir, {
    index: "index.html",
    gzip: true,
    brotli: true,
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (name.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
      else if (/[.-][0-9a-f]{8,}\./.test(name)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      else res.setHeader("Cache-Control", "public, max-age=3600");
    },
  }) as unknown as Middleware<AppState>;
  return async function h5StaticMiddleware(ctx, next) {
    if (ctx.path.startsWith("/api/")) return next();
    await files(ctx, next);
  };
}
