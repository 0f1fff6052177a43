/**
 * The AdminJS panel at /admin: staff sign in with email + password, sessions live in
 * PostgreSQL (connect-pg-simple), every model is available, grouped by domain.
 */
import AdminJS, { type ResourceOptions, type ResourceWithOptions } from "adminjs";
import AdminJSExpress from "@adminjs/express";
import { Database, Resource } from "@adminjs/prisma";
import session from "express-session";
import connectPgSimple from "connect-pg-simple";
import pg from "pg";
import type { Router } from "express";
import type { Config } from "../src/platform/config.js";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { authenticateStaff } from "../src/domains/backoffice/staff-auth.service.js";
import { loadFullDmmf } from "./dmmf.js";
import { modelDomains } from "./model-domains.js";
import { componentLoader } from "./components.js";
import { marketplaceResources } from "./resources/marketplace.resource.js";

AdminJS.registerAdapter({ Database, Resource });

export interface BuiltAdmin {
  admin: AdminJS;
  router: Router;
  rootPath: string;
  close(): Promise<void>;
}

export interface AdminOptions {
  deps: Deps;
  cfg: Config;
  log: Logger;
  /** For the session store's own small pool. */
  databaseUrl: string;
}

export async function buildAdmin({ deps, cfg, log, databaseUrl }: AdminOptions): Promise<BuiltAdmin> {
  const dmmf = await loadFullDmmf();
  const clientModule = { Prisma: { dmmf: { datamodel: dmmf.datamodel } } };
  const domains = modelDomains();

  const perModel: Record<string, ResourceOptions> = { ...marketplaceResources(deps) };
  const resources: ResourceWithOptions[] = dmmf.datamodel.models
    .filter((m) => m.name !== "Session")
    .map((model) => ({
      resource: { model, client: deps.db, clientModule },
      options: { navigation: { name: domains.get(model.name) ?? "other", icon: "Folder" }, ...perModel[model.name] },
    }));

  const admin = new AdminJS({
    rootPath: "/admin",
    resources,
    componentLoader,
    branding: { companyName: "Nawafeth Backoffice", withMadeWithLove: false },
  });
  // Development rebuilds custom components on change; test and production bundle once.
  if (cfg.env === "development") await admin.watch();
  else await admin.initialize();

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const PgStore = connectPgSimple(session);
  const store = new PgStore({ pool, tableName: "session", createTableIfMissing: false, pruneSessionInterval: 15 * 60 });

  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      cookieName: "nawafeth.sid",
      cookiePassword: cfg.sessionSecret,
      authenticate: (email: string, password: string) => authenticateStaff(deps.db, email, password),
    },
    null,
    {
      store,
      secret: cfg.sessionSecret,
      resave: false,
      saveUninitialized: false,
      name: "nawafeth.sid",
      cookie: { httpOnly: true, sameSite: "lax", secure: cfg.isProduction, maxAge: 8 * 60 * 60 * 1000 },
    },
  );
  return {
    admin,
    router,
    rootPath: admin.options.rootPath,
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}
