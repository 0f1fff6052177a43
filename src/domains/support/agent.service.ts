/**
 * The agents' side of a ticket: public replies (sent, or kept as the agent's draft), internal
 * notes, status moves, reopen, the bulk actions and Next. The author of anything written here is
 * always the signed-in agent (ctx), never a form field. The first public reply stops the
 * first-response clock; answering a new or triaged ticket puts it in progress.
 */
import type { SupportComment, SupportTicket } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import { nowOf } from "../../platform/clock.js";
import { canTransition } from "../../platform/transitions.js";
import { staffName } from "../../platform/review-queue.js";
import { runningDue } from "./sla.js";
import { moveTicket } from "./ticket-moves.js";
import { takeTicketInTx, triageInTx } from "./triage.service.js";
import { bulkSchema, draftSchema, noteSchema, replySchema, setStatusSchema } from "./support.schemas.js";
import { PRIORITIES, SupportEvents as E, ticketMachine, type TicketPriority, type TicketStatus } from "./support.status.js";
import { closeDisputeInTx } from "./disputes.service.js";

async function lockTicket(tx: Tx, id: number): Promise<SupportTicket> {
  if (!(await lockRow(tx, "support_supportticket", id))) throw new NotFoundError("SupportTicket", id);
  return tx.supportTicket.findUniqueOrThrow({ where: { id } });
}

function refuseMerged(t: SupportTicket) {
  if (t.mergedIntoId) throw new ConflictError("TICKET_NOT_OPEN", "merged", { status: t.status });
}

/** Saves (or updates) the agent's own draft reply on the ticket; the customer never sees it. */
export async function saveDraft(deps: Deps, ctx: Ctx, ticketId: number, input: z.input<typeof draftSchema>): Promise<SupportComment> {
  const d = draftSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const t = await lockTicket(tx, ticketId);
    refuseMerged(t);
    const now = nowOf(deps);
    const existing = d.draftId
      ? await ownDraft(tx, ctx, ticketId, d.draftId)
      : await tx.supportComment.findFirst({ where: { ticketId, authorId: ctx.actor.id!, isDraft: true }, orderBy: { id: "desc" } });
    const c = existing
      ? await tx.supportComment.update({ where: { id: existing.id }, data: { body: d.body, updatedAt: now } })
      : await tx.supportComment.create({ data: { ticketId, authorId: ctx.actor.id!, visibility: "public_reply", body: d.body, isDraft: true, createdAt: now } });
    await writeAudit(tx, ctx, { action: "ticket.draft", entity: "SupportTicket", entityId: ticketId, meta: { commentId: c.id } });
    return c;
  });
}

async function ownDraft(tx: Tx, ctx: Ctx, ticketId: number, draftId: number): Promise<SupportComment> {
  const c = await tx.supportComment.findFirst({ where: { id: draftId, ticketId } });
  if (!c) throw new NotFoundError("SupportComment", draftId);
  if (!c.isDraft) throw new ConflictError("COMMENT_NOT_DRAFT", "already sent");
  if (c.authorId !== ctx.actor.id) throw new ConflictError("DRAFT_NOT_YOURS", "someone else's draft", { by: await staffName(tx, c.authorId) });
  return c;
}

/** Throws the agent's draft away. */
export async function discardDraft(deps: Deps, ctx: Ctx, ticketId: number, draftId: number): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await lockTicket(tx, ticketId);
    const c = await ownDraft(tx, ctx, ticketId, draftId);
    await tx.supportComment.delete({ where: { id: c.id } });
    await writeAudit(tx, ctx, { action: "ticket.draft_discard", entity: "SupportTicket", entityId: ticketId, meta: { commentId: c.id } });
  });
}

/**
 * Sends a public reply (a new one, or the agent's draft as now written), then moves the ticket
 * where the agent chose (waiting on the customer stops the clock; resolved). The customer is told.
 */
export async function sendReply(deps: Deps, ctx: Ctx, ticketId: number, input: z.input<typeof replySchema>): Promise<SupportComment> {
  const d = replySchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    let t = await lockTicket(tx, ticketId);
    refuseMerged(t);
    if (t.status === "closed") throw new ConflictError("TICKET_NOT_OPEN", "closed", { status: t.status });
    const now = nowOf(deps);
    const c = d.draftId
      ? await tx.supportComment.update({ where: { id: (await ownDraft(tx, ctx, ticketId, d.draftId)).id }, data: { body: d.body, isDraft: false, publishedAt: now, createdAt: now } })
      : await tx.supportComment.create({ data: { ticketId, authorId: ctx.actor.id!, visibility: "public_reply", body: d.body, publishedAt: now, createdAt: now } });
    if (!t.firstRespondedAt) {
      t = await tx.supportTicket.update({ where: { id: ticketId }, data: { firstRespondedAt: now } });
      await tx.supportTicket.update({ where: { id: ticketId }, data: { slaDueAt: runningDue({ ...t, status: t.status as TicketStatus, priority: t.priority as TicketPriority }, t as { firstResponseDueAt: Date; resolutionDueAt: Date }) } });
    }
    let status = t.status as TicketStatus;
    // Answering a new, triaged or resolved ticket puts it in progress unless the agent chose otherwise.
    const target: TicketStatus | undefined = d.then ?? (["new", "triaged", "resolved"].includes(status) ? "in_progress" : undefined);
    if (status === "new") {
      await moveTicket(deps, ctx, tx, ticketId, "triaged", { action: "ticket.take", data: { assignedToId: t.assignedToId ?? ctx.actor.id } });
      status = "triaged";
    }
    if (status === "resolved" && target && target !== "resolved") {
      await moveTicket(deps, ctx, tx, ticketId, "in_progress", { action: "ticket.reopen" });
      status = "in_progress";
    }
    if (target && target !== status) await moveTicket(deps, ctx, tx, ticketId, target, { action: `ticket.move_to_${target}` });
    await writeAudit(tx, ctx, { action: "ticket.reply", entity: "SupportTicket", entityId: ticketId, meta: { commentId: c.id, then: d.then ?? null } });
    await emitEvents(deps, tx, ctx, [{ name: E.REPLIED, entity: "SupportTicket", entityId: ticketId, payload: { ticketId, code: t.code, userId: t.requesterId, commentId: c.id } }]);
    return c;
  });
}

/** An internal note: staff only, never in the API. */
export async function addNote(deps: Deps, ctx: Ctx, ticketId: number, input: z.input<typeof noteSchema>): Promise<SupportComment> {
  const d = noteSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    await lockTicket(tx, ticketId);
    const now = nowOf(deps);
    const c = await tx.supportComment.create({ data: { ticketId, authorId: ctx.actor.id!, visibility: "internal_note", body: d.body, publishedAt: now, createdAt: now } });
    await writeAudit(tx, ctx, { action: "ticket.note", entity: "SupportTicket", entityId: ticketId, meta: { commentId: c.id } });
    return c;
  });
}

/** An agent moves a ticket (in progress, waiting on the customer, resolved, closed). */
export async function setTicketStatus(deps: Deps, ctx: Ctx, ticketId: number, input: z.input<typeof setStatusSchema>): Promise<SupportTicket> {
  const d = setStatusSchema.parse(input);
  return deps.db.$transaction((tx) => setStatusInTx(deps, ctx, tx, ticketId, d.to, d.note));
}

async function setStatusInTx(deps: Deps, ctx: Ctx, tx: Tx, ticketId: number, to: TicketStatus, note?: string): Promise<SupportTicket> {
  const t = await lockTicket(tx, ticketId);
  refuseMerged(t);
  if ((t.status === "resolved" || t.status === "closed") && to === "in_progress") return reopenInTx(deps, ctx, tx, t, note);
  return moveTicket(deps, ctx, tx, ticketId, to, {
    action: `ticket.move_to_${to}`, note,
    effects: to === "closed" ? (t2) => closeDisputeInTx(deps, ctx, t2, ticketId) : undefined,
  });
}

async function reopenInTx(deps: Deps, ctx: Ctx, tx: Tx, t: SupportTicket, note?: string): Promise<SupportTicket> {
  refuseMerged(t);
  return moveTicket(deps, ctx, tx, t.id, "in_progress", { action: "ticket.reopen", note: note ?? null });
}

/** An agent reopens a resolved or closed ticket (not a merged one). */
export async function reopenTicket(deps: Deps, ctx: Ctx, ticketId: number, note?: string): Promise<SupportTicket> {
  return deps.db.$transaction(async (tx) => reopenInTx(deps, ctx, tx, await lockTicket(tx, ticketId), note));
}

export interface BulkResult {
  done: number[];
  /** id → the code of why it was skipped. */
  skipped: Record<number, string>;
}

/** Runs one command per ticket, each in its own transaction, so one refusal does not undo the rest. */
async function eachTicket(deps: Deps, ids: number[], run: (tx: Tx, id: number) => Promise<unknown>): Promise<BulkResult> {
  const out: BulkResult = { done: [], skipped: {} };
  for (const id of [...new Set(ids)]) {
    try {
      await deps.db.$transaction((tx) => run(tx, id));
      out.done.push(id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      out.skipped[id] = e.code;
    }
  }
  return out;
}

/** Bulk: assign tickets to an agent (in each ticket's team). */
export function bulkAssign(deps: Deps, ctx: Ctx, input: z.input<typeof bulkSchema> & { assigneeId: number }): Promise<BulkResult> {
  const { ids } = bulkSchema.parse(input);
  return eachTicket(deps, ids, (tx, id) => triageInTx(deps, ctx, tx, id, { assigneeId: input.assigneeId }));
}

/** Bulk: set the priority (deadlines recomputed). */
export function bulkSetPriority(deps: Deps, ctx: Ctx, input: z.input<typeof bulkSchema> & { priority: TicketPriority }): Promise<BulkResult> {
  const { ids, priority } = bulkSchema.extend({ priority: z.enum(PRIORITIES) }).parse(input);
  return eachTicket(deps, ids, (tx, id) => triageInTx(deps, ctx, tx, id, { priority }));
}

/** Bulk: close (spam, duplicates, handled elsewhere). */
export function bulkClose(deps: Deps, ctx: Ctx, input: z.input<typeof bulkSchema> & { note?: string }): Promise<BulkResult> {
  const { ids } = bulkSchema.parse(input);
  return eachTicket(deps, ids, (tx, id) => setStatusInTx(deps, ctx, tx, id, "closed", input.note));
}

/**
 * Next: the most urgent ticket in the agent's queues that is waiting for support (not for the
 * customer): their own first, then unassigned ones in their teams or in no team, by running
 * deadline (breached ones have none and come first). An unassigned one becomes theirs.
 */
export async function takeNextTicket(deps: Deps, ctx: Ctx): Promise<SupportTicket | null> {
  const staffId = ctx.actor.id!;
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      SELECT t.id FROM support_supportticket t
      WHERE t.status IN ('new', 'triaged', 'in_progress') AND t.merged_into_id IS NULL
        AND (t.assigned_to_id = ${staffId}
             OR (t.assigned_to_id IS NULL AND (t.assigned_team_id IS NULL OR t.assigned_team_id IN
                 (SELECT team_id FROM support_supportteammember WHERE user_id = ${staffId} AND is_active))))
      ORDER BY (t.first_response_breached_at IS NOT NULL OR t.resolution_breached_at IS NOT NULL) DESC,
               COALESCE(t.sla_due_at, t.resolution_due_at) ASC NULLS LAST,
               CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.id
      LIMIT 1 FOR UPDATE SKIP LOCKED`;
    const id = rows[0]?.id;
    if (!id) return null;
    const t = await tx.supportTicket.findUniqueOrThrow({ where: { id } });
    if (t.assignedToId === staffId) return t;
    return takeTicketInTx(deps, ctx, tx, t);
  });
}

/** Whether the machine lets an agent move a ticket in `from` to `to` by hand (the panel asks). */
export function canSetStatus(from: TicketStatus, to: TicketStatus): boolean {
  return to !== "new" && to !== "triaged" && canTransition(ticketMachine, from, to);
}
