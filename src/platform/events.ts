/**
 * Domain events, transactional outbox style: each event is a notifications_eventlog row plus a
 * pg-boss job, both written in the caller's transaction, so an event exists if and only if the
 * state change that caused it committed.
 */
import type { Ctx } from "./context.js";
import type { Deps } from "./deps.js";
import { sendInTransaction } from "./jobs.js";
import type { Tx } from "./database/transaction.js";

/** The queue every domain event goes through; jobs/domain-events.job.ts dispatches them. */
export const DOMAIN_EVENTS_QUEUE = "domain-events";

export interface DomainEvent {
  /** `<domain>.<entity>.<past-tense verb>`, e.g. `marketplace.request.cancelled`. */
  name: string;
  entity?: string;
  entityId?: string | number;
  payload: Record<string, unknown>;
}

export interface DomainEventJob {
  eventId: number;
  name: string;
}

/** Records the events and enqueues their jobs inside `tx`. */
export async function emitEvents(deps: Pick<Deps, "boss">, tx: Tx, ctx: Ctx, events: DomainEvent[]): Promise<void> {
  for (const e of events) {
    // SQL rather than a model create: it runs with most status changes, and compiling the create costs more than running it.
    const [row] = await tx.$queryRaw<Array<{ id: number }>>`
      INSERT INTO notifications_eventlog (name, entity, entity_id, payload, actor_type, actor_id, created_at)
      VALUES (${e.name}, ${e.entity ?? null}, ${e.entityId === undefined ? null : String(e.entityId)}, ${JSON.stringify(e.payload)}::jsonb,
              ${ctx.actor.type}::actor_type, ${ctx.actor.id ?? null}, ${new Date()})
      RETURNING id`;
    const job: DomainEventJob = { eventId: row!.id, name: e.name };
    await sendInTransaction(deps.boss, tx, DOMAIN_EVENTS_QUEUE, job);
  }
}
