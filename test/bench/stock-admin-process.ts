/**
 * The panel benches' baseline: AdminJS with the stock Prisma adapter and default options for
 * every model, over the same database, without sign-in — what the panel would be without its own
 * resource, counts and indexes. Forked by the bench; sends `{ ready, port }` over IPC and exits
 * when the parent sends "stop" or goes away.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import AdminJS from "adminjs";
import AdminJSExpress from "@adminjs/express";
import { Database, Resource } from "@adminjs/prisma";
import { loadFullDmmf } from "../../admin/dmmf.js";
import { createPrismaClient } from "../../src/platform/database/prisma-client.js";
import { logger } from "../../src/platform/logger.js";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url || !process.send) throw new Error("stock-admin-process.ts is forked with DATABASE_URL");
  // API calls only: the browser bundle of components is never asked for.
  process.env.ADMIN_JS_SKIP_BUNDLE = "true";
  AdminJS.registerAdapter({ Database, Resource });
  const dmmf = await loadFullDmmf();
  const client = createPrismaClient(url, { log: logger("silent") });
  const clientModule = { Prisma: { dmmf: { datamodel: dmmf.datamodel } } };
  const admin = new AdminJS({ rootPath: "/admin", resources: dmmf.datamodel.models.map((model) => ({ resource: { model, client, clientModule } })) as never });
  const app = express();
  app.use(admin.options.rootPath, AdminJSExpress.buildRouter(admin));
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const stop = async () => {
    server.closeAllConnections();
    server.close();
    await client.$disconnect().catch(() => {});
    process.exit(0);
  };
  process.on("message", (m) => m === "stop" && void stop());
  process.on("disconnect", () => void stop());
  process.send({ ready: true, port: (server.address() as AddressInfo).port });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
