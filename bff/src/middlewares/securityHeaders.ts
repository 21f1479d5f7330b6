import type { Middleware } from "koa";
import helmet from "koa-helmet";

/**
 * Standard security headers. The CSP allows only our own origin for scripts; the H5 build
 * needs inline styles and data/blob images (previews of photos picked for upload), and blob
 * connections: Taro's H5 uploadFile reads the picked photo's blob URL with XHR before posting it.
 * @returns the middleware.
 */
export function securityHeaders(): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", "https:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "same-site" },
  }) as unknown as Middleware;
}
