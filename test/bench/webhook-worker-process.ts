/**
 * One webhook worker process for the webhooks bench: the production handler (jobs/billing.job.ts
 * webhookHandler) through the production worker loop (workEach), as `npm run worker` runs it.
 * Forked with DATABASE_URL, STRIPE_API_BASE, BENCH_WORKERS and BENCH_BATCH; sends "ready" once it
 * works the queue, and on "stop" stops working and answers with its jobs, failures, CPU time and
 * the SQL statements it sent.
 */
import pg from "pg";
import { pino } from "pino";
import type PgBoss from "pg-boss";
import { createPrismaClient } from "../../src/platform/database/prisma-client.js";
import { startBoss, workEach } from "../../src/platform/jobs.js";
import { createStripe } from "../../src/platform/payments/index.js";
import { logger } from "../../src/platform/logger.js";
import { WEBHOOKS, webhookHandler } from "../../jobs/billing.job.js";

export interface WorkerReport {
  jobs: number;
  failed: number;
  errors: string[];
  cpuMs: number;
  statements: number;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url || !process.send) throw new Error("webhook-worker-process.ts is forked with DATABASE_URL");
  const workers = Number(process.env.BENCH_WORKERS ?? 4);
  const batchSize = Number(process.env.BENCH_BATCH ?? 5);

  let statements = 0;
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    statements++;
    return query.apply(this, a);
  };

  const db = createPrismaClient(url, { max: workers + 2, log: logger("silent") });
  const boss = await startBoss(url, "web", () => {});
  const stripe = createStripe({ secretKey: "sk_test_bench", apiBase: process.env.STRIPE_API_BASE }, { maxNetworkRetries: 0 })!;
  const handle = webhookHandler({ db, boss, stripe }, pino({ level: "silent" }));
  const report: WorkerReport = { jobs: 0, failed: 0, errors: [], cpuMs: 0, statements: 0 };
  const cpu0 = process.cpuUsage();
  await workEach(boss, WEBHOOKS.name, { concurrency: workers, pollingIntervalSeconds: 0.5, batchSize }, async (job: PgBoss.Job<unknown>) => {
    report.jobs++;
    try {
      await handle(job);
    } catch (e) {
      report.failed++;
      if (report.errors.length < 5) report.errors.push(e instanceof Error ? e.message : String(e));
      throw e;
    }
  });
  process.on("message", async (m) => {
    if (m !== "stop") return;
    await boss.offWork(WEBHOOKS.name);
    const cpu = process.cpuUsage(cpu0);
    report.cpuMs = (cpu.user + cpu.system) / 1000;
    report.statements = statements;
    process.send!({ report }, () => {
      void boss.stop({ graceful: false, close: true } as never).finally(() => db.$disconnect()).finally(() => process.exit(0));
    });
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ ready: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
