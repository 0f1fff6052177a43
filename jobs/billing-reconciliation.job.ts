/**
 * Invoice reconciliation jobs:
 * - `billing-reconciliation` executes one run (queued by startReconciliationRun in the run's
 *   transaction). Idempotent: a completed run is left alone; a failed one is marked failed and
 *   retried by pg-boss.
 * - `billing-reconciliation-daily` is fed by a pg-boss schedule at 03:00 Asia/Riyadh and starts a
 *   run for yesterday (once per day, however often the schedule job is delivered).
 */
import { z } from "zod";
import type PgBoss from "pg-boss";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import {
  RECONCILIATION_QUEUE,
  STALE_RUN_MS,
  executeReconciliationRun,
  startDailyReconciliationRun,
} from "../src/domains/billing/reconciliation/runs.service.js";

/** Executes reconciliation runs. Expiry matches the domain's "abandoned run" threshold. */
export const QUEUE: QueueSpec = { name: RECONCILIATION_QUEUE, retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: STALE_RUN_MS / 1000 };
/** Fed by the daily schedule. */
export const DAILY_QUEUE: QueueSpec = { name: "billing-reconciliation-daily", retryLimit: 2, retryDelay: 300, expireInSeconds: 300 };
export const DAILY_CRON = "0 3 * * *";
export const DAILY_TZ = "Asia/Riyadh";

export const QUEUES: QueueSpec[] = [QUEUE, DAILY_QUEUE];

const payloadSchema = z.object({ runId: z.number().int().positive() });

/** Handler for `billing-reconciliation`: one job per run. */
export function handler(deps: Deps, log: Logger) {
  return async (jobs: PgBoss.Job<unknown>[]) => {
    for (const job of jobs) {
      const { runId } = payloadSchema.parse(job.data);
      const started = Date.now();
      try {
        const run = await executeReconciliationRun(deps, runId);
        if (!run) log.info({ runId }, "reconciliation run already completed or gone; nothing to do");
        else log.info({ runId, ms: Date.now() - started, totals: run.totals }, "reconciliation run completed");
      } catch (err) {
        log.error({ err, runId }, "reconciliation run failed");
        throw err;
      }
    }
  };
}

/** Handler for `billing-reconciliation-daily`: starts yesterday's run (none when Stripe is not configured). */
export function dailyHandler(deps: Deps, log: Logger) {
  return async () => {
    // Without a Stripe key there is nothing to compare with; a run would only fail.
    if (!deps.stripe) return void log.info("payments are not configured; no daily reconciliation run");
    const { run, created } = await startDailyReconciliationRun(deps);
    log.info({ runId: run.id, created, periodStart: run.periodStart, periodEnd: run.periodEnd }, created ? "daily reconciliation run started" : "daily reconciliation run already exists");
  };
}

/** Worker registration: both handlers and the 03:00 (Riyadh) schedule. */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(QUEUE.name, { batchSize: 1 }, handler(deps, log.child({ queue: QUEUE.name })));
  await boss.work(DAILY_QUEUE.name, { batchSize: 1 }, dailyHandler(deps, log.child({ queue: DAILY_QUEUE.name })));
  await boss.schedule(DAILY_QUEUE.name, DAILY_CRON, {}, { tz: DAILY_TZ });
}
