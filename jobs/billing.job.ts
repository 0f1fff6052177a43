/**
 * Billing and subscription queues: Stripe webhook processing (one job per stored event), and an
 * hourly sweep that issues renewal invoices and ends periods (subscriptions, extras).
 * Handlers are idempotent: pg-boss may deliver a job more than once.
 */
import { z } from "zod";
import type PgBoss from "pg-boss";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";
import { systemCtx } from "../src/platform/context.js";
import { BillingEvents, cancelOpenPaymentsForVoidedInvoice, closeOtherPaymentsOfPaidInvoice, processWebhookEvent, WEBHOOK_QUEUE } from "../src/domains/billing/index.js";
import { expireSubscriptions, issueRenewalInvoices } from "../src/domains/subscriptions/index.js";
import { expireExtras } from "../src/domains/extras/index.js";
import { subscribe, type EventSubscriber } from "./domain-events.job.js";

/**
 * One stored event per job: a 20 s transaction (plus recording a failure), so a minute. A worker
 * that dies mid-event leaves the job active until then; the supervisor then retries it.
 */
export const WEBHOOKS: QueueSpec = { name: WEBHOOK_QUEUE, retryLimit: 8, retryDelay: 15, retryBackoff: true, expireInSeconds: 60 };
/** Hourly, over every due subscription and extra: ten minutes before a dead worker's run is retried. */
export const SUBSCRIPTION_SWEEP: QueueSpec = { name: "subscriptions-sweep", retryLimit: 2, expireInSeconds: 600 };
/** Webhook jobs in flight per worker process, each completed or failed on its own. */
export const WEBHOOK_CONCURRENCY = 5;
export const QUEUES: QueueSpec[] = [WEBHOOKS, SUBSCRIPTION_SWEEP];

const webhookJob = z.object({ webhookEventId: z.number().int().positive() });

/** Handler for one webhook job; a throw fails (and retries) that job only. */
export function webhookHandler(deps: Deps, log: Logger) {
  return async (job: PgBoss.Job<unknown>): Promise<void> => {
    const { webhookEventId } = webhookJob.parse(job.data);
    const row = await processWebhookEvent(deps, webhookEventId);
    log.info({ webhookEventId, status: row.status, note: row.error }, "stripe event processed");
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

const invoicePayload = z.object({ invoiceId: z.number().int().positive() }).passthrough();

/** A voided invoice's open PaymentIntents and Checkout sessions are closed at Stripe. */
export const closePaymentsOnVoid: EventSubscriber = {
  name: "billing.close-payments-on-void",
  matches: BillingEvents.INVOICE_VOIDED,
  async handle(deps, event, log) {
    const { invoiceId } = invoicePayload.parse(event.payload);
    const r = await cancelOpenPaymentsForVoidedInvoice(deps, systemCtx("invoice-voided"), invoiceId);
    if (r.cancelled || r.expired) log.info({ invoiceId, ...r }, "closed the voided invoice's open payments at Stripe");
  },
};

/** A paid invoice's other open PaymentIntents and Checkout sessions are closed, so it is not paid twice. */
export const closePaymentsOnPaid: EventSubscriber = {
  name: "billing.close-payments-on-paid",
  matches: BillingEvents.INVOICE_PAID,
  async handle(deps, event, log) {
    const { invoiceId } = invoicePayload.parse(event.payload);
    const r = await closeOtherPaymentsOfPaidInvoice(deps, systemCtx("invoice-paid"), invoiceId);
    if (r.cancelled || r.expired) log.info({ invoiceId, ...r }, "closed the paid invoice's other open payments at Stripe");
  },
};

export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  subscribe(closePaymentsOnVoid);
  subscribe(closePaymentsOnPaid);
  await workEach(boss, WEBHOOKS.name, { concurrency: WEBHOOK_CONCURRENCY, pollingIntervalSeconds: 0.5, batchSize: 5 }, webhookHandler(deps, log.child({ queue: WEBHOOKS.name })));
  await boss.work(SUBSCRIPTION_SWEEP.name, async () => {
    await runSubscriptionSweep(deps, log.child({ queue: SUBSCRIPTION_SWEEP.name }));
  });
  await boss.schedule(SUBSCRIPTION_SWEEP.name, "7 * * * *", {}, { tz: "Asia/Riyadh" });
}
