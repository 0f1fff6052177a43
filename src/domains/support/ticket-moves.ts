/**
 * The one way a ticket's status changes: `moveTicket` wraps the platform's transition() with the
 * support status log, the SLA bookkeeping every move needs (the clock stops while waiting on the
 * customer and the stopped time pushes both deadlines back; a reopened ticket gets a fresh
 * resolution deadline) and the status-changed event the notifications follow.
 */
import type { SupportTicket } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import type { DomainEvent } from "../../platform/events.js";
import { nowOf } from "../../platform/clock.js";
import { readSetting } from "../backoffice/settings.js";
import { pausedSecondsSince, runningDue, type SlaTargets } from "./sla.js";
import { SupportEvents as E, ticketMachine, type TicketPriority, type TicketStatus } from "./support.status.js";

const HOUR = 3_600_000;

/** The SLA targets per priority (settings, with defaults). */
export async function slaTargets(db: Deps["db"] | Tx): Promise<SlaTargets> {
  const [firstResponseHours, resolutionHours] = await Promise.all([readSetting(db, "sla_first_response_hours"), readSetting(db, "sla_resolution_hours")]);
  return { firstResponseHours: firstResponseHours!, resolutionHours: resolutionHours! };
}

export interface MoveOptions {
  action: string;
  note?: string | null;
  /** Columns written with the status. */
  data?: Record<string, unknown>;
  effects?: (tx: Tx, after: SupportTicket) => Promise<void>;
  events?: (after: SupportTicket) => DomainEvent[];
}

/** The SLA columns a move from `before` to `to` at `now` writes. */
export function slaOnMove(before: SupportTicket, to: TicketStatus, now: Date, targets: SlaTargets): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let firstDue = before.firstResponseDueAt!;
  let resolutionDue = before.resolutionDueAt!;
  let pausedAt = before.slaPausedAt;
  let resolutionBreachedAt = before.resolutionBreachedAt;
  if (pausedAt && to !== "waiting_on_customer") {
    const secs = pausedSecondsSince(pausedAt, now);
    out.slaPausedSeconds = before.slaPausedSeconds + secs;
    firstDue = new Date(firstDue.getTime() + secs * 1000);
    resolutionDue = new Date(resolutionDue.getTime() + secs * 1000);
    pausedAt = null;
  }
  if (to === "waiting_on_customer" && !pausedAt) pausedAt = now;
  if (to === "resolved") out.resolvedAt = now;
  if (to === "closed") out.closedAt = now;
  if (before.status === "resolved" || before.status === "closed") {
    if (to === "in_progress") {
      // Reopened: the resolution clock starts again from now.
      out.resolvedAt = null;
      out.closedAt = null;
      resolutionDue = new Date(now.getTime() + targets.resolutionHours[before.priority as TicketPriority] * HOUR);
      resolutionBreachedAt = null;
      out.resolutionBreachedAt = null;
    }
  }
  out.firstResponseDueAt = firstDue;
  out.resolutionDueAt = resolutionDue;
  out.slaPausedAt = pausedAt;
  out.slaDueAt = runningDue(
    { ...before, status: to, priority: before.priority as TicketPriority, slaPausedAt: pausedAt, resolutionBreachedAt } as never,
    { firstResponseDueAt: firstDue, resolutionDueAt: resolutionDue },
  );
  return out;
}

/** Moves a ticket inside `tx`, with its status-log row, SLA fields, audit row and events. */
export async function moveTicket(deps: Deps, ctx: Ctx, tx: Tx, id: number, to: TicketStatus, o: MoveOptions): Promise<SupportTicket> {
  const targets = await slaTargets(tx);
  const now = nowOf(deps);
  return transition<TicketStatus, SupportTicket>(deps, ctx, {
    machine: ticketMachine, id, to, action: o.action,
    data: (before) => ({ ...slaOnMove(before, to, now, targets), ...(o.data ?? {}) }),
    statusLog: (t, { from }) => t.supportStatusLog.create({ data: { ticketId: id, fromStatus: from, toStatus: to, actorType: ctx.actor.type, actorId: ctx.actor.id ?? null, note: o.note ?? null, createdAt: now } }),
    auditMeta: o.note ? { note: o.note } : undefined,
    effects: o.effects ? (t, { after }) => o.effects!(t, after) : undefined,
    events: ({ from, after }) => [
      { name: E.STATUS_CHANGED, entity: "SupportTicket", entityId: id, payload: { ticketId: id, code: after.code, userId: after.requesterId, assigneeId: after.assignedToId, from, to } },
      ...(o.events?.(after) ?? []).map((e) => ({ ...e, entity: "SupportTicket", entityId: id })),
    ],
  }, tx);
}
