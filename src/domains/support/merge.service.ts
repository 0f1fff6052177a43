/**
 * Merging a duplicate into another ticket of the same customer: its comments and attachments
 * move to the target, it closes with a link to the target (its status log says so), and the
 * target gets an internal note naming what was merged in. A dispute ticket is never merged.
 */
import type { SupportTicket } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow } from "../../platform/database/transaction.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { nowOf } from "../../platform/clock.js";
import { moveTicket } from "./ticket-moves.js";
import { SupportEvents as E, OPEN_STATUSES, type TicketStatus } from "./support.status.js";

export async function mergeTicket(deps: Deps, ctx: Ctx, sourceId: number, targetId: number): Promise<SupportTicket> {
  if (sourceId === targetId) throw new ConflictError("TICKET_MERGE_SELF", "same ticket");
  return deps.db.$transaction(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    for (const id of [sourceId, targetId].sort((a, b) => a - b)) if (!(await lockRow(tx, "support_supportticket", id))) throw new NotFoundError("SupportTicket", id);
    const [source, target] = await Promise.all([
      tx.supportTicket.findUniqueOrThrow({ where: { id: sourceId }, include: { dispute: { select: { id: true } } } }),
      tx.supportTicket.findUniqueOrThrow({ where: { id: targetId }, include: { dispute: { select: { id: true } } } }),
    ]);
    if (source.requesterId !== target.requesterId) throw new ConflictError("TICKET_MERGE_OTHER_CUSTOMER", "different customers");
    if (source.dispute) throw new ConflictError("TICKET_MERGE_DISPUTE", "dispute");
    if (source.mergedIntoId || source.status === "closed") throw new ConflictError("TICKET_NOT_OPEN", `ticket is ${source.status}`, { status: source.status });
    if (!OPEN_STATUSES.includes(target.status as TicketStatus) || target.mergedIntoId) throw new ConflictError("TICKET_MERGE_TARGET_DONE", "target not open", { code: target.code, status: target.status });
    const moved = await tx.supportComment.updateMany({ where: { ticketId: sourceId }, data: { ticketId: targetId } });
    const files = await tx.supportAttachment.updateMany({ where: { ticketId: sourceId }, data: { ticketId: targetId } });
    const now = nowOf(deps);
    await tx.supportComment.create({
      data: { ticketId: targetId, authorId: ctx.actor.id!, visibility: "internal_note", publishedAt: now, createdAt: now, body: `${source.code} merged into this ticket: “${source.subject}” — ${source.description}` },
    });
    return moveTicket(deps, ctx, tx, sourceId, "closed", {
      action: "ticket.merge", note: `merged into ${target.code}`,
      data: { mergedIntoId: targetId },
      events: (a) => [{ name: E.MERGED, payload: { ticketId: a.id, code: a.code, intoId: targetId, intoCode: target.code, userId: a.requesterId, comments: moved.count, attachments: files.count } }],
    });
  });
}
