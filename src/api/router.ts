/**
 * The public JSON API for the mobile app, mounted at /api/v1. Order matters: request language,
 * body parsing, bearer auth, rate limit, then the routes of each domain, then errors.
 */
import express, { Router } from "express";
import swaggerUi from "swagger-ui-express";
import { pickLanguage } from "../platform/i18n.js";
import { Api } from "./openapi.js";
import { authenticate, authOf } from "./auth.js";
import { healthRoutes } from "./health.routes.js";
import { notFoundHandler, problemHandler, sendProblem } from "./problem.js";
import { apiRateLimit } from "./rate-limit.js";
import { PublicCache } from "./public-cache.js";
import type { ApiContext } from "./context.js";
import { ROUTE_GROUPS } from "./route-groups.js";

export type { ApiContext } from "./context.js";

/** Paths (regex over the path under /api/v1) whose JSON bodies may carry base64 uploads. */
export const UPLOAD_PATHS: RegExp[] = [/^\/me\/provider\/portfolio/];
const UPLOAD_LIMIT = "12mb";

export function apiRouter(c: ApiContext): { router: Router; api: Api; close(): Promise<void> } {
  const r = Router();
  const api = new Api(r, c.deps, c.log, new PublicCache({ ttlMs: c.cfg.apiPublicCacheSeconds * 1000, clock: c.deps.clock }));

  r.use((req, res, next) => {
    const auth = authOf(res);
    res.locals.lang = pickLanguage(req.header("accept-language")) ?? auth?.user.language ?? "ar";
    res.setHeader("Content-Language", res.locals.lang);
    next();
  });
  const small = express.json({ limit: "256kb" });
  const large = express.json({ limit: UPLOAD_LIMIT });
  r.use((req, res, next) => (UPLOAD_PATHS.some((p) => p.test(req.path)) ? large : small)(req, res, next));
  r.use((req, res, next) => {
    // JSON only: a body in any other type is refused rather than silently ignored.
    // Upload routes check their own body (multipart), after the caller is known.
    const multipart = api.multipartPaths.some((p) => p.test(req.path));
    if (!multipart && ["POST", "PATCH", "PUT"].includes(req.method) && req.headers["content-length"] !== "0" && req.headers["content-type"] && !req.is("application/json")) {
      return sendProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    next();
  });
  r.use(healthRoutes(c.deps));
  r.use(authenticate(c.deps));
  r.use((req, res, next) => {
    // The language of a signed-in user is known only now.
    if (!pickLanguage(req.header("accept-language")) && authOf(res)) {
      res.locals.lang = authOf(res)!.user.language;
      res.setHeader("Content-Language", res.locals.lang);
    }
    next();
  });
  const limit = apiRateLimit(c.deps.db, c.cfg.apiRateLimitPerMinute);
  r.use(limit.middleware);

  for (const group of ROUTE_GROUPS) group(api, c);

  const doc = api.document();
  r.get("/openapi.json", (_req, res) => res.json(doc));
  r.use(notFoundHandler);
  r.use(problemHandler(c.log));
  return { router: r, api, close: limit.close };
}

/** Browsable docs at /api/docs (Swagger UI, served from the package, no CDN). */
export function docsRouter(api: Api): Router {
  const r = Router();
  r.use("/", swaggerUi.serve, swaggerUi.setup(api.document(), { customSiteTitle: "Nawafeth API" }));
  return r;
}
