/**
 * Billing and subscription queues: Stripe webhook processing (one job per stored event), and an
 * hourly sweep that issues renewal invoices and ends periods (subscriptions, extras).
 * Handlers are idempotent: pg-boss may deliver a job more than once.
 */
import { z } from "zod";
import type PgBoss from "pg-boss";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { systemCtx } from "../src/platform/context.js";
import { processWebhookEvent, WEBHOOK_QUEUE } from "../src/domains/billing/index.js";
import { expireSubscriptions, issueRenewalInvoices } from "../src/domains/subscriptions/index.js";
import { expireExtras } from "../src/domains/extras/index.js";

export const WEBHOOKS: QueueSpec = { name: WEBHOOK_QUEUE, retryLimit: 8, retryDelay: 15, retryBackoff: true };
export const SUBSCRIPTION_SWEEP: QueueSpec = { name: "subscriptions-sweep", retryLimit: 2 };
export const QUEUES: QueueSpec[] = [WEBHOOKS, SUBSCRIPTION_SWEEP];

const webhookJob = z.object({ webhookEventId: z.number().int().positive() });

export function webhookHandler(deps: Deps, log: Logger) {
  return async (jobs: PgBoss.Job<unknown>[]) => {
    for (const job of jobs) {
      const { webhookEventId } = webhookJob.parse(job.data);
      const row = await processWebhookEvent(deps, webhookEventId);
      log.info({ webhookEventId, status: row.status, note: row.error }, "stripe event processed");
    }
  };
}

/** Renewal invoices ahead of period ends, then past-due / expiry / cancel-at-period-end, then extras. */
export async function runSubscriptionSweep(deps: Deps, log: Logger, now = new Date()) {
  const ctx = systemCtx("subscriptions-sweep");
  const renewed = await issueRenewalInvoices(deps, ctx, now);
  const ended = await expireSubscriptions(deps, ctx, now);
  const extras = await expireExtras(deps, ctx, now);
  log.info({ renewed, ...ended, extrasExpired: extras }, "subscription sweep done");
  return { renewed, ...ended, extrasExpired: extras };
}

export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(WEBHOOKS.name, { batchSize: 5 }, webhookHandler(deps, log.child({ queue: WEBHOOKS.name })));
  await boss.work(SUBSCRIPTION_SWEEP.name, async () => {
    await runSubscriptionSweep(deps, log.child({ queue: SUBSCRIPTION_SWEEP.name }));
  });
  await boss.schedule(SUBSCRIPTION_SWEEP.name, "7 * * * *", {}, { tz: "Asia/Riyadh" });
}
