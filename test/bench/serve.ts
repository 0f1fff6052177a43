/**
 * Benchmark server process. The benches fork this file so the server under test has its own
 * process and event loop, as in production, while autocannon (or the webhook poster) runs in the
 * parent: measuring both in one event loop would halve what either can do.
 *
 *   BENCH_SERVE=app       the real application (createApp) over DATABASE_URL, pg-boss send-only
 *   BENCH_SERVE=baseline  a bare node:http server answering BENCH_BASELINE_BODY to every request
 *   BENCH_SERVE=express   a hello-JSON Express app: one route answering BENCH_BASELINE_BODY (parsed
 *                         once) with res.json, Express's defaults otherwise
 *
 * Every other environment variable goes to loadConfig as is. The process sends
 * `{ ready: true, port }` over IPC once listening, answers "cpu" with `{ cpu }` (its user +
 * system CPU time so far, µs), and exits after the parent sends "stop" (or goes away).
 */
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServeReady {
  ready: true;
  port: number;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function serveBaseline(): Promise<{ server: Server; close(): Promise<void> }> {
  const body = Buffer.from(process.env.BENCH_BASELINE_BODY ?? '{"ok":true}');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
  return { server, close: async () => {} };
}

async function serveExpress(): Promise<{ server: Server; close(): Promise<void> }> {
  const { default: express } = await import("express");
  const body = JSON.parse(process.env.BENCH_BASELINE_BODY ?? '{"ok":true}') as unknown;
  const app = express();
  app.get("*", (_req, res) => {
    res.json(body);
  });
  return { server: http.createServer(app), close: async () => {} };
}

async function serveApp(): Promise<{ server: Server; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("serve.ts: DATABASE_URL is required for BENCH_SERVE=app");
  const { loadConfig } = await import("../../src/platform/config.js");
  const { logger } = await import("../../src/platform/logger.js");
  const { createPrismaClient } = await import("../../src/platform/database/prisma-client.js");
  const { startBoss } = await import("../../src/platform/jobs.js");
  const { createApp } = await import("../../src/server.js");
  const cfg = loadConfig(process.env);
  const log = logger(cfg.logLevel);
  // The pool size a web process gets in src/main.ts.
  const db = createPrismaClient(url);
  const boss = await startBoss(url, "web", () => {});
  const { app, close } = await createApp({ deps: { db, boss }, cfg, log, databaseUrl: url });
  const server = http.createServer(app);
  return {
    server,
    async close() {
      await close().catch(() => {});
      await boss.stop({ graceful: false, close: true } as never).catch(() => {});
      await db.$disconnect().catch(() => {});
    },
  };
}

async function main() {
  if (!process.send) throw new Error("serve.ts must be started with child_process.fork");
  const mode = process.env.BENCH_SERVE;
  const { server, close } =
    mode === "baseline" ? await serveBaseline() : mode === "express" ? await serveExpress() : mode === "app" ? await serveApp() : (() => { throw new Error(`BENCH_SERVE must be app, express or baseline, not ${mode}`); })();
  server.keepAliveTimeout = 65_000;
  const port = await listen(server);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await close();
    process.exit(0);
  };
  process.on("message", (m) => {
    if (m === "stop") void stop();
    if (m === "cpu") {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    }
  });
  process.on("disconnect", () => void stop());
  process.send({ ready: true, port } satisfies ServeReady);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
