/**
 * Domain events (notifications_eventlog rows) reach their subscribers in two steps, so each
 * subscriber succeeds or retries on its own:
 * - `domain-events` (one job per event, sent in the event's transaction) fans the event out: one
 *   `domain-event-deliveries` job per matching subscriber. The delivery job's id is derived from
 *   (event, subscriber), so a fan-out that runs again (retry, crash after the insert) adds nothing.
 * - `domain-event-deliveries` runs that one subscriber. A throwing subscriber retries alone; the
 *   others are not run again.
 * Subscribers must still be idempotent: pg-boss delivers at least once (a job whose worker died
 * mid-run is run again after it expires).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type PgBoss from "pg-boss";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { DOMAIN_EVENTS_QUEUE } from "../src/platform/events.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";

/** The fan-out: a few inserts, so a minute is plenty; an expired one is fanned out again (harmlessly). */
export const QUEUE: QueueSpec = { name: DOMAIN_EVENTS_QUEUE, retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 };
/**
 * One subscriber's reaction. Reactions may call Stripe (20 s timeout, two network retries) a few
 * times, so five minutes; a worker that died mid-reaction is retried after that.
 */
export const DELIVERY_QUEUE: QueueSpec = { name: "domain-event-deliveries", retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 };
export const QUEUES: QueueSpec[] = [QUEUE, DELIVERY_QUEUE];

const eventJob = z.object({ eventId: z.number().int().positive(), name: z.string().min(1) });
const deliveryJob = eventJob.extend({ subscriber: z.string().min(1) });
export type DeliveryJob = z.infer<typeof deliveryJob>;

export interface StoredEvent {
  id: number;
  name: string;
  entity: string | null;
  entityId: string | null;
  payload: unknown;
}

/** A reaction to an event; `matches` is the event name or a prefix ending with `*`. */
export interface EventSubscriber {
  name: string;
  matches: string;
  handle(deps: Deps, event: StoredEvent, log: Logger): Promise<void>;
}

const subscribers = new Map<string, EventSubscriber>();

/** Domains register their reactions here (notifications, analytics, ...); a name registers once. */
export function subscribe(s: EventSubscriber): void {
  subscribers.set(s.name, s);
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** A UUID (v5 layout) fixed by (event, subscriber): pg-boss skips a job whose id already exists. */
export function deliveryJobId(eventId: number, subscriber: string): string {
  const h = createHash("sha1").update(`nawafeth:domain-event-delivery:${eventId}:${subscriber}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Handler for `domain-events`: one delivery job per subscriber that matches the event. */
export function dispatchHandler(deps: Pick<Deps, "boss">, log: Logger) {
  return async (job: PgBoss.Job<unknown>): Promise<void> => {
    const { eventId, name } = eventJob.parse(job.data);
    const targets = [...subscribers.values()].filter((s) => matches(s.matches, name));
    if (!targets.length) return;
    // One statement: all deliveries or none; ids already present are skipped (ON CONFLICT DO NOTHING).
    await deps.boss.insert(
      targets.map((s) => ({ id: deliveryJobId(eventId, s.name), name: DELIVERY_QUEUE.name, data: { eventId, name, subscriber: s.name } satisfies DeliveryJob })),
    );
    log.debug({ eventId, name, subscribers: targets.map((s) => s.name) }, "domain event fanned out");
  };
}

/** Handler for `domain-event-deliveries`: runs the one subscriber the job names. */
export function deliveryHandler(deps: Deps, log: Logger) {
  return async (job: PgBoss.Job<unknown>): Promise<void> => {
    const { eventId, name, subscriber } = deliveryJob.parse(job.data);
    const s = subscribers.get(subscriber);
    // Unknown here (e.g. an older worker during a rolling deploy): fail, so a worker that has it retries.
    if (!s) throw new Error(`no subscriber "${subscriber}" is registered in this process`);
    const event = await deps.db.eventLog.findUnique({ where: { id: eventId } });
    if (!event) return void log.warn({ eventId, name, subscriber }, "domain event row not found; skipping");
    const slog = log.child({ subscriber, eventId });
    try {
      await s.handle(deps, event, slog);
    } catch (err) {
      slog.error({ err, event: name }, "subscriber failed; its delivery will be retried");
      throw err;
    }
  };
}

/**
 * Worker registration. Call it after every domain has subscribed: a fan-out only sees the
 * subscribers registered when it runs.
 */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await workEach(boss, DELIVERY_QUEUE.name, { concurrency: 4, pollingIntervalSeconds: 0.5, batchSize: 5 }, deliveryHandler(deps, log.child({ queue: DELIVERY_QUEUE.name })));
  await workEach(boss, QUEUE.name, { concurrency: 2, pollingIntervalSeconds: 0.5, batchSize: 25 }, dispatchHandler(deps, log.child({ queue: QUEUE.name })));
}
