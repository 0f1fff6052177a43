/**
 * The HTTP application: admin panel at /admin, public API at /api/v1. No listening here, so
 * tests can mount it on an ephemeral port.
 */
import { registerDomainHooks } from "./domains/register-hooks.js";
import { randomUUID } from "node:crypto";
import path from "node:path";
import AdminJS from "adminjs";
import compression from "compression";
import express, { type Express } from "express";
import { createPgPool } from "./platform/database/pg-pool.js";
import type { Config } from "./platform/config.js";
import type { Deps } from "./platform/deps.js";
import type { Logger } from "./platform/logger.js";
import { requestLog } from "./platform/request-log.js";
import { apiRouter, docsRouter } from "./api/router.js";
import { logSmsSender } from "./platform/sms.js";
import { createStripe } from "./platform/payments/index.js";
import { webhooksRouter } from "./api/webhooks.routes.js";
import { payLinkRouter } from "./api/pay-link.routes.js";
import { diskStorage, type Storage } from "./platform/storage.js";
import { buildAdmin, type BuiltAdmin } from "../admin/index.js";
import { assetCache, assetVersionOf, pageShell, STATIC_PATH, staticRouter } from "../admin/page-shell.js";
import { captureRequestContext } from "../admin/request-context.js";
import { apiSecurityHeaders, docsSecurityHeaders, panelSecurityHeaders } from "./platform/http-security.js";

export interface AppOptions {
  deps: Deps;
  cfg: Config;
  log: Logger;
  databaseUrl: string;
  /** Defaults to disk storage under cfg.uploadsDir. */
  storage?: Storage;
}

export async function createApp({ deps: given, cfg, log, databaseUrl, storage = diskStorage(cfg.uploadsDir) }: AppOptions): Promise<{ app: Express; admin: BuiltAdmin; close(): Promise<void> }> {
  registerDomainHooks();
  // The public API's hottest reads go through their own small pool as named statements (Deps.sql).
  const ownSql = given.sql ? undefined : createPgPool(databaseUrl, { max: 6, log, name: "web-reads", applicationName: "nawafeth-web-reads" });
  const deps: Deps = { ...given, sql: given.sql ?? ownSql, sms: given.sms ?? logSmsSender(log), stripe: given.stripe ?? createStripe(cfg.stripe) };
  const app = express();
  app.disable("x-powered-by");
  // gzip for every compressible answer (the panel's bundles and pages shrink 4–20×); a client that
  // sends no Accept-Encoding gets the plain body.
  app.use(compression());
  // Off unless TRUST_PROXY names the proxies in front: otherwise clients could pick their IP.
  app.set("trust proxy", cfg.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.header("x-request-id");
    const id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    next();
  });
  // One line per request: method, path, status, time, request id. No headers (tokens, cookies)
  // and no query string (it may carry tokens); a payment link's token is cut from its path.
  const logPath = (url: string | undefined) => (url ?? "").split("?")[0]!.replace(/^\/pay\/[^/]+/, "/pay/[redacted]");
  app.use(
    requestLog(log, {
      ignore: (req) => req.url.startsWith("/admin/frontend"),
      path: (req) => logPath(req.originalUrl ?? req.url),
    }),
  );

  app.get("/", (_req, res) => res.redirect("/admin"));
  // Raw body for signature checks: before AdminJS and the API mount their parsers.
  app.use(["/webhooks", "/pay", "/api/v1"], apiSecurityHeaders(cfg.isProduction));
  app.use("/webhooks", webhooksRouter(deps, cfg, log));
  app.use("/pay", payLinkRouter(deps, cfg, log));
  // AdminJS mounts its own session and body parsing; it must come before express.json.
  const admin = await buildAdmin({ deps, cfg, log, databaseUrl, storage });
  app.use(STATIC_PATH, staticRouter());
  // Versioned bundle URLs outside development, where the watcher rebuilds components under the same process.
  const assetVersion = cfg.env === "development" ? undefined : assetVersionOf(AdminJS.VERSION, path.join(process.env.ADMIN_JS_TMP_DIR ?? ".adminjs", "bundle.js"));
  app.use(`${admin.rootPath}/frontend/assets`, assetCache());
  app.use(admin.rootPath, ...panelSecurityHeaders(cfg.isProduction), captureRequestContext(), pageShell(assetVersion), admin.router);
  const { router: api, api: spec, close: closeApi } = apiRouter({ deps, cfg, log, storage });
  app.use("/api/v1", api);
  app.use("/api/docs", docsSecurityHeaders(cfg.isProduction), docsRouter(spec));
  return {
    app,
    admin,
    async close() {
      await closeApi();
      await admin.close();
      await ownSql?.end();
    },
  };
}
