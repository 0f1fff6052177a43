/**
 * Process entry point: `tsx src/main.ts <all|web|worker|migrate>`.
 *   all     – development: migrate, seed demo data once, serve admin + API, run the worker
 *   web     – production web process (any number): admin + API
 *   worker  – production worker process (any number): pg-boss handlers and schedules
 *   migrate – apply pending migrations and exit
 */
import type { Server } from "node:http";
import { PrismaClient } from "@prisma/client";
import { ConfigError, loadConfig, type Config } from "./platform/config.js";
import { logger } from "./platform/logger.js";
import { createPrismaClient } from "./platform/database/prisma-client.js";
import { migrate } from "./platform/database/migrations.js";
import { resolveDatabase, type ResolvedDatabase } from "./platform/database/resolve-database.js";
import { ensureQueues, startBoss, type Boss } from "./platform/jobs.js";
import { createApp } from "./server.js";
import { QUEUES, registerWorkers } from "../jobs/index.js";
import type { Deps } from "./platform/deps.js";
import { logSmsSender } from "./platform/sms.js";
import { createStripe } from "./platform/payments/index.js";
import { seedDemoData, type SeedResult } from "../prisma/seed/index.js";

type Mode = "all" | "web" | "worker" | "migrate";

async function main(mode: Mode): Promise<void> {
  let cfg: Config;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const log = logger(cfg.logLevel);
  const started = Date.now();
  const stack: Array<() => Promise<unknown>> = []; // shutdown steps, run in reverse

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down");
    for (const step of stack.reverse()) {
      try {
        await step();
      } catch (err) {
        log.error({ err }, "error during shutdown");
      }
    }
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const database: ResolvedDatabase = await resolveDatabase(cfg, (m) => log.info(m));
  stack.push(() => database.stop());

  const applied = await migrate(database.url, { log: (m) => log.info(m) });
  if (mode === "migrate") {
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
    await shutdown("done");
    return;
  }

  const db: PrismaClient = createPrismaClient(database.url);
  stack.push(() => db.$disconnect());

  const boss: Boss = await startBoss(database.url, mode === "web" ? "web" : "worker", (err) => log.error({ err }, "pg-boss error"));
  await ensureQueues(boss, QUEUES);
  // Graceful: in-flight jobs get up to 20 s; anything left fails back to retry (handlers are idempotent).
  stack.push(() => boss.stop({ graceful: true, timeout: 20_000 }));
  // One Stripe client and SMS sender per process; absent Stripe key → paying says payments are not configured.
  const deps: Deps = { db, boss, sms: logSmsSender(log), stripe: createStripe(cfg.stripe) };

  let seed: SeedResult | undefined;
  if ((mode === "all" || mode === "web") && cfg.seedDemoData) {
    seed = await seedDemoData(deps, { password: cfg.demoPassword, log: (m) => log.info(m) });
  }

  if (mode === "all" || mode === "worker") {
    await registerWorkers(boss, deps, log);
  }

  let url: string | undefined;
  if (mode === "all" || mode === "web") {
    const { app, close } = await createApp({ deps, cfg, log, databaseUrl: database.url });
    stack.push(close);
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(cfg.port, cfg.host, () => resolve(s));
    });
    stack.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    url = cfg.publicUrl ?? `http://localhost:${port}`;
  }

  printBanner({ mode, cfg, database, url, seed, applied, ms: Date.now() - started });
}

function printBanner(o: { mode: Mode; cfg: Config; database: ResolvedDatabase; url?: string; seed?: SeedResult; applied: string[]; ms: number }) {
  const lines = [
    "",
    "  Nawafeth Backoffice " + `(${o.mode}, ${o.cfg.env}) ready in ${(o.ms / 1000).toFixed(1)} s`,
    "",
    ...(o.url
      ? [`  Admin panel   ${o.url}/admin`, `  API           ${o.url}/api/v1   (health: ${o.url}/api/v1/health)`]
      : []),
    `  Database      ${o.database.description}`,
    `  Migrations    ${o.applied.length ? `${o.applied.length} applied now` : "up to date"}`,
    `  Worker        ${o.mode === "web" ? "not in this process (npm run worker)" : "running in this process"}`,
  ];
  if (o.seed) {
    lines.push(`  Demo data     ${o.seed.created ? "created now" : "already present"}`);
    lines.push(`  Staff logins  ${o.seed.staffEmails.join(", ")}`);
    lines.push(`  Password      ${o.seed.passwordSource}`);
  }
  console.log(lines.join("\n") + "\n");
}

const mode = (process.argv[2] ?? "all") as Mode;
if (!["all", "web", "worker", "migrate"].includes(mode)) {
  console.error(`unknown mode "${mode}": use all, web, worker or migrate`);
  process.exit(2);
}
main(mode).catch((err) => {
  console.error(err);
  process.exit(1);
});
