/**
 * Process entry point: `node --import tsx src/main.ts <all|web|worker|migrate>`.
 *   all     – development: migrate, seed demo data once, serve admin + API, run the worker
 *   web     – production web process (any number): admin + API
 *   worker  – production worker process (any number): pg-boss handlers and schedules
 *   migrate – apply pending migrations and exit
 */
import type { Server } from "node:http";
import net from "node:net";
import type { PrismaClient } from "@prisma/client";
import { ConfigError, loadConfig, StartupError, type Config } from "./platform/config.js";
import { logger, type Logger } from "./platform/logger.js";
import { migrate } from "./platform/database/migrations.js";
import { resolveDatabase, type ResolvedDatabase } from "./platform/database/resolve-database.js";
import type { Boss } from "./platform/jobs.js";
import type { Deps } from "./platform/deps.js";
import type { SeedResult } from "../prisma/seed/index.js";
// The application itself (AdminJS above all) takes seconds to import: it is loaded after the
// port and database checks, so a start that cannot succeed says why at once.

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

  const stopAll = async () => {
    for (const step of stack.reverse()) {
      try {
        await step();
      } catch (err) {
        log.error({ err }, "error during shutdown");
      }
    }
  };
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down");
    await stopAll();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await start(mode, cfg, log, stack, shutdown, started);
  } catch (err) {
    if (shuttingDown) return new Promise<void>(() => {}); // a signal's shutdown is already exiting
    // Whatever started (the embedded PostgreSQL above all) must not outlive a failed start.
    shuttingDown = true;
    await stopAll();
    throw err;
  }
}

async function start(
  mode: Mode,
  cfg: Config,
  log: Logger,
  stack: Array<() => Promise<unknown>>,
  shutdown: (signal: string) => Promise<void>,
  started: number,
): Promise<void> {
  // A busy port is found now, in a second, not after the database, migrations and seed.
  if (mode === "all" || mode === "web") await checkPortFree(cfg.port, cfg.host);

  const database: ResolvedDatabase = await resolveDatabase(cfg, (m) => log.info(m));
  stack.push(() => database.stop());

  const applied = await migrate(database.url, { log: (m) => log.info(m) });
  if (mode === "migrate") {
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
    await shutdown("done");
    return;
  }

  const [{ createPrismaClient }, { ensureQueues, startBoss }, { QUEUES, registerWorkers }, { logSmsSender }, { createStripe }, { seedDemoData }, { diskStorage }, { notificationSenders }] =
    await Promise.all([
      import("./platform/database/prisma-client.js"),
      import("./platform/jobs.js"),
      import("../jobs/index.js"),
      import("./platform/sms.js"),
      import("./platform/payments/index.js"),
      import("../prisma/seed/index.js"),
      import("./platform/storage.js"),
      import("./platform/notify-senders.js"),
    ]);
  const db: PrismaClient = createPrismaClient(database.url);
  stack.push(() => db.$disconnect());

  const boss: Boss = await startBoss(database.url, mode === "web" ? "web" : "worker", (err) => log.error({ err }, "pg-boss error"));
  await ensureQueues(boss, QUEUES);
  // Graceful: in-flight jobs get up to 20 s; anything left fails back to retry (handlers are idempotent).
  stack.push(() => boss.stop({ graceful: true, timeout: 20_000 }));
  // One Stripe client and one sender per notification channel per process; absent Stripe key → paying says payments are not configured.
  const deps: Deps = { db, boss, sms: logSmsSender(log), stripe: createStripe(cfg.stripe), ...notificationSenders(cfg, log) };

  let seed: SeedResult | undefined;
  if ((mode === "all" || mode === "web") && cfg.seedDemoData) {
    seed = await seedDemoData(deps, { password: cfg.demoPassword, log: (m) => log.info(m), storage: diskStorage(cfg.uploadsDir) });
  }

  if (mode === "all" || mode === "worker") {
    // Exports read rows through a cursor on plain pg connections (see src/domains/reports).
    const { createPgPool } = await import("./platform/database/pg-pool.js");
    const exportPool = createPgPool(database.url, { max: 2, log, name: "exports" });
    stack.push(() => exportPool.end());
    // Tests only: die between recording a send and acknowledging its job, as a crash would.
    const hooks = cfg.testHooks.killWorkerAfterSend ? { afterSend: () => void process.kill(process.pid, "SIGKILL") } : {};
    await registerWorkers(boss, deps, log, diskStorage(cfg.uploadsDir), { pool: exportPool, hooks });
  }

  let url: string | undefined;
  if (mode === "all" || mode === "web") {
    const { createApp } = await import("./server.js");
    const { app, close } = await createApp({ deps, cfg, log, databaseUrl: database.url });
    stack.push(close);
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(cfg.port, cfg.host, () => resolve(s));
      // Still possible if something took the port during start-up.
      s.once("error", (err) => reject(listenError(err as NodeJS.ErrnoException, cfg.port, cfg.host)));
    });
    stack.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    url = cfg.publicUrl ?? `http://localhost:${port}`;
  }

  printBanner({ mode, cfg, database, url, seed, applied, ms: Date.now() - started });
}

function listenError(err: NodeJS.ErrnoException, port: number, host: string): Error {
  if (err.code === "EADDRINUSE") return new StartupError(`PORT ${port} is already in use on ${host}: another process listens there. Stop it or set PORT to a free port.`);
  if (err.code === "EACCES") return new StartupError(`PORT ${port} on ${host} needs privileges this process does not have: set PORT to 1024 or above.`);
  if (err.code === "EADDRNOTAVAIL") return new StartupError(`HOST ${host} is not an address of this machine (PORT ${port}): set HOST, e.g. 0.0.0.0 or 127.0.0.1.`);
  return err;
}

/** Binds and releases the port, so a taken one is reported before anything else starts. */
async function checkPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err) => reject(listenError(err as NodeJS.ErrnoException, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
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
  // Problems the operator fixes are one clear line; anything else keeps its stack.
  console.error(err instanceof StartupError ? err.message : (err ?? "start failed for an unknown reason"));
  process.exit(1);
});
