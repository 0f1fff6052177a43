/**
 * Dispatches each domain event (notifications_eventlog row) to the subscribers that react to it.
 * Subscribers must be idempotent: pg-boss may deliver a job more than once.
 */
import { z } from "zod";
import type PgBoss from "pg-boss";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { DOMAIN_EVENTS_QUEUE } from "../src/platform/events.js";
import type { QueueSpec } from "../src/platform/jobs.js";

export const QUEUE: QueueSpec = { name: DOMAIN_EVENTS_QUEUE, retryLimit: 5, retryDelay: 10, retryBackoff: true };

const payloadSchema = z.object({ eventId: z.number().int().positive(), name: z.string().min(1) });

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

const subscribers: EventSubscriber[] = [];

/** Domains register their reactions here (notifications, analytics, ...); a name registers once. */
export function subscribe(s: EventSubscriber): void {
  const i = subscribers.findIndex((x) => x.name === s.name);
  if (i >= 0) subscribers[i] = s;
  else subscribers.push(s);
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export function handler(deps: Deps, log: Logger) {
  return async (jobs: PgBoss.Job<unknown>[]) => {
    for (const job of jobs) {
      const { eventId, name } = payloadSchema.parse(job.data);
      const event = await deps.db.eventLog.findUnique({ where: { id: eventId } });
      if (!event) {
        log.warn({ eventId, name }, "domain event row not found; skipping");
        continue;
      }
      for (const s of subscribers.filter((x) => matches(x.matches, name))) {
        await s.handle(deps, event, log.child({ subscriber: s.name, eventId }));
      }
    }
  };
}
