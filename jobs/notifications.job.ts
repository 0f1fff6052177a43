/**
 * Notifications: the domain-events subscriber that turns every event the catalog names into
 * notifications and deliveries (src/domains/notifications), and the queue that sends each queued
 * delivery. A delivery job retries with backoff on provider errors; when its retries run out it
 * lands in the dead-letter queue, whose handler marks the delivery failed with its last error.
 * A retried or duplicated job never sends twice (see delivery.service.ts for the guarantee).
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";
import { DELIVERY_SEND_QUEUE, fail, notifyForEvent, sendDeliveries } from "../src/domains/notifications/index.js";
import { subscribe } from "./domain-events.job.js";
import { z } from "zod";

export const DEAD_DELIVERIES: QueueSpec = { name: `${DELIVERY_SEND_QUEUE}-dead`, retryLimit: 2, expireInSeconds: 60 };
/** Five attempts over about ten minutes (backoff from 20 s), then the dead-letter queue. */
export const DELIVERIES: QueueSpec = { name: DELIVERY_SEND_QUEUE, retryLimit: 4, retryDelay: 20, retryBackoff: true, expireInSeconds: 120, deadLetter: DEAD_DELIVERIES.name };
export const QUEUES: QueueSpec[] = [DEAD_DELIVERIES, DELIVERIES];

const job = z.object({ deliveryId: z.number().int().positive() });
/** Jobs per fetch and polling loops per worker process (measured: npm run bench -- notifications). */
export const DELIVERY_BATCH = 250;
export const DELIVERY_LOOPS = 4;

/** Subscribes the notifications reaction; call before the domain-events fan-out starts. */
export function subscribeNotifications(): void {
  subscribe({ name: "notifications", matches: "*", handle: (deps, event, log) => notifyForEvent(deps, event, log).then(() => undefined) });
}

export interface DeliveryHooks {
  /** Called after a delivery was sent and recorded, before its job is acknowledged (a test's crash point). */
  afterSend?: (deliveryId: number) => void;
}

export async function register(boss: Boss, deps: Deps, log: Logger, hooks: DeliveryHooks = {}): Promise<void> {
  subscribeNotifications();
  const dlog = log.child({ queue: DELIVERIES.name });
  // Batches: each fetch takes up to DELIVERY_BATCH jobs and sends them together (one claim, one
  // load, pooled provider connections). Each job still succeeds or fails on its own: a job whose
  // send hit a retryable error is failed here by id, and pg-boss completes only the rest.
  for (let i = 0; i < DELIVERY_LOOPS; i++) {
    await boss.work(DELIVERIES.name, { batchSize: DELIVERY_BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      const byJob = jobs.map((j) => ({ j, p: job.safeParse(j.data) }));
      for (const { j, p } of byJob) if (!p.success) await boss.fail(DELIVERIES.name, j.id, { message: `bad job payload: ${p.error.message}` });
      const ok = byJob.filter((x) => x.p.success).map(({ j, p }) => ({ j, deliveryId: p.data!.deliveryId }));
      const results = new Map((await sendDeliveries(deps, ok.map((x) => x.deliveryId))).map((r) => [r.deliveryId, r]));
      for (const { j, deliveryId } of ok) {
        const r = results.get(deliveryId);
        if (r?.error !== undefined) await boss.fail(DELIVERIES.name, j.id, { message: r.error });
        else if (r?.outcome === "sent") hooks.afterSend?.(deliveryId);
      }
      dlog.debug({ jobs: jobs.length }, "delivery batch");
    });
  }
  await workEach(boss, DEAD_DELIVERIES.name, { concurrency: 1, batchSize: 10 }, async (j) => {
    const { deliveryId } = job.parse(j.data);
    const last = await deps.db.notificationDelivery.findUnique({ where: { id: deliveryId }, select: { error: true, attempts: true } });
    await fail(deps, deliveryId, `gave up after ${last?.attempts ?? "?"} attempts: ${last?.error ?? "unknown error"}`);
    dlog.warn({ deliveryId }, "delivery failed for good");
  });
}
