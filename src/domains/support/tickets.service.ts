/**
 * The customer's side of support (through the app): open a ticket (routed at once by the triage
 * rules), attach files, reply (which restarts a stopped clock, or reopens a recently resolved
 * ticket), and rate the resolution once. A customer only ever reaches their own tickets; anyone
 * else's is "not found".
 */
import type { SupportAttachment, SupportComment, SupportTicket } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import { nowOf } from "../../platform/clock.js";
import type { Storage } from "../../platform/storage.js";
import type { ReceivedFile } from "../../platform/uploads.js";
import { readSetting } from "../backoffice/settings.js";
import { dueTimes } from "./sla.js";
import { autoTriageInTx } from "./triage.service.js";
import { moveTicket, slaTargets } from "./ticket-moves.js";
import { customerReplySchema, openTicketSchema, rateSchema } from "./support.schemas.js";
import { DONE_STATUSES, SupportEvents as E, type TicketPriority, type TicketStatus } from "./support.status.js";

const DAY = 86_400_000;
/** Files one ticket may carry from the customer. */
export const MAX_CUSTOMER_ATTACHMENTS = 10;

/** TCK-000123 from the ticket's id. */
export const ticketCode = (id: number) => `TCK-${String(id).padStart(6, "0")}`;

/** The customer's own ticket, locked, or 404. */
async function lockOwn(tx: Tx, ctx: Ctx, id: number): Promise<SupportTicket> {
  if (!(await lockRow(tx, "support_supportticket", id))) throw new NotFoundError("SupportTicket", id);
  const t = await tx.supportTicket.findUniqueOrThrow({ where: { id } });
  if (t.requesterId !== ctx.actor.id) throw new NotFoundError("SupportTicket", id);
  return t;
}

/** Checks what the ticket refers to belongs to the customer; returns the columns to store. */
async function relatedFields(tx: Tx, userId: number, d: z.output<typeof openTicketSchema>) {
  const out: Partial<Pick<SupportTicket, "relatedRequestId" | "reportedUserId" | "reportedEntity" | "reportedEntityId" | "followUpOfId">> = {};
  if (d.relatedRequestId) {
    const r = await tx.serviceRequest.findUnique({ where: { id: d.relatedRequestId }, select: { clientId: true, provider: { select: { userId: true } } } });
    if (!r || (r.clientId !== userId && r.provider?.userId !== userId)) throw new ValidationError("not yours", { related_request_id: "RELATED_REQUEST_NOT_YOURS" });
    out.relatedRequestId = d.relatedRequestId;
  }
  if (d.relatedMessageId) {
    const m = await tx.message.findUnique({ where: { id: d.relatedMessageId }, select: { senderId: true, thread: { select: { clientId: true, providerId: true, requestId: true } } } });
    if (!m || (m.thread.clientId !== userId && m.thread.providerId !== userId)) throw new ValidationError("not yours", { related_message_id: "RELATED_MESSAGE_NOT_YOURS" });
    out.reportedEntity = "Message";
    out.reportedEntityId = String(d.relatedMessageId);
    // Reporting a message reports who wrote it, when that is the other party.
    if (d.type === "report_content" && m.senderId !== userId && !d.reportedUserId) out.reportedUserId = m.senderId;
    out.relatedRequestId ??= m.thread.requestId;
  }
  if (d.reportedUserId) {
    if (d.reportedUserId === userId) throw new ValidationError("self", { reported_user_id: "REPORTED_USER_SELF" });
    if (!(await tx.user.findUnique({ where: { id: d.reportedUserId }, select: { id: true } }))) throw new ValidationError("unknown user", { reported_user_id: "NOT_FOUND" });
    out.reportedUserId = d.reportedUserId;
  }
  if (d.followUpOfId) {
    const f = await tx.supportTicket.findUnique({ where: { id: d.followUpOfId }, select: { requesterId: true } });
    if (!f || f.requesterId !== userId) throw new ValidationError("not yours", { follow_up_of_id: "FOLLOW_UP_NOT_YOURS" });
    out.followUpOfId = d.followUpOfId;
  }
  if (d.type === "dispute" && !out.relatedRequestId) throw new ValidationError("dispute without request", { related_request_id: "DISPUTE_NEEDS_REQUEST" });
  if (d.type === "report_user" && !out.reportedUserId) throw new ValidationError("report without user", { reported_user_id: "REPORT_NEEDS_USER" });
  if (d.type === "report_content" && !out.reportedEntity) throw new ValidationError("report without content", { related_message_id: "REPORT_NEEDS_CONTENT" });
  return out;
}

/**
 * A customer opens a ticket. In one transaction: the ticket with its SLA deadlines, its first
 * status-log row, a dispute row for a dispute, the created event, and triage by rule and round robin.
 */
export async function openTicket(deps: Deps, ctx: Ctx, input: z.input<typeof openTicketSchema>): Promise<SupportTicket> {
  const d = openTicketSchema.parse(input);
  const userId = ctx.actor.id!;
  return deps.db.$transaction(async (tx) => {
    const related = await relatedFields(tx, userId, d);
    if (d.type === "dispute") {
      const open = await tx.dispute.findFirst({ where: { requestId: related.relatedRequestId!, status: { in: ["open", "under_review"] } }, include: { ticket: { select: { code: true } } } });
      if (open) throw new ConflictError("DISPUTE_ALREADY_OPEN", "the request already has an open dispute", { code: open.ticket?.code ?? `#${open.id}` });
    }
    const now = nowOf(deps);
    const priority: TicketPriority = d.type === "dispute" ? "high" : "normal";
    const due = dueTimes({ createdAt: now, priority, slaPausedSeconds: 0 }, await slaTargets(tx));
    const [{ id }] = (await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('support_supportticket', 'id'))::int AS id`) as [{ id: number }];
    const ticket = await tx.supportTicket.create({
      data: { id: id!, code: ticketCode(id!), requesterId: userId, type: d.type, priority, subject: d.subject, description: d.body, ...related, ...due, slaDueAt: due.firstResponseDueAt, createdAt: now },
    });
    await tx.supportStatusLog.create({ data: { ticketId: ticket.id, fromStatus: null, toStatus: "new", actorType: ctx.actor.type, actorId: userId, createdAt: now } });
    if (d.type === "dispute") {
      await tx.dispute.create({ data: { requestId: related.relatedRequestId!, openedById: userId, ticketId: ticket.id, description: d.body, createdAt: now } });
    }
    await writeAudit(tx, ctx, { action: "ticket.open", entity: "SupportTicket", entityId: ticket.id, meta: { type: d.type } });
    await emitEvents(deps, tx, ctx, [{ name: E.CREATED, entity: "SupportTicket", entityId: ticket.id, payload: { ticketId: ticket.id, code: ticket.code, userId, type: d.type } }]);
    return autoTriageInTx(deps, { actor: { type: "system", label: "support-triage" } }, tx, ticket);
  });
}

/** Whether a done ticket may still be reopened by the customer's reply. */
export function withinReopenWindow(t: Pick<SupportTicket, "resolvedAt" | "closedAt">, days: number, now: Date): boolean {
  const at = t.resolvedAt ?? t.closedAt;
  return !!at && now.getTime() - at.getTime() <= days * DAY;
}

/**
 * The customer answers. Waiting on them: the ticket goes back to the agent and the clock runs
 * again. Resolved or closed within support_reopen_days: reopened. Later: 409
 * TICKET_REOPEN_WINDOW_PASSED, so the app offers a follow-up ticket.
 */
export async function replyAsCustomer(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof customerReplySchema>): Promise<SupportComment> {
  const { body } = customerReplySchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const t = await lockOwn(tx, ctx, id);
    const now = nowOf(deps);
    if (t.mergedIntoId) {
      const into = await tx.supportTicket.findUniqueOrThrow({ where: { id: t.mergedIntoId }, select: { code: true, id: true } });
      throw new ConflictError("TICKET_MERGED", "merged", { code: into.code, ticket_id: into.id });
    }
    if (DONE_STATUSES.includes(t.status as TicketStatus)) {
      const days = (await readSetting(tx, "support_reopen_days"))!;
      if (!withinReopenWindow(t, days, now)) throw new ConflictError("TICKET_REOPEN_WINDOW_PASSED", "too late to reopen", { days, code: t.code, ticket_id: t.id });
      await moveTicket(deps, ctx, tx, id, "in_progress", { action: "ticket.reopen", note: "customer replied" });
    } else if (t.status === "waiting_on_customer") {
      await moveTicket(deps, ctx, tx, id, "in_progress", { action: "ticket.customer_replied" });
    }
    const c = await tx.supportComment.create({ data: { ticketId: id, authorId: ctx.actor.id!, visibility: "public_reply", body, publishedAt: now, createdAt: now } });
    await tx.supportTicket.update({ where: { id }, data: { updatedAt: now } });
    const after = await tx.supportTicket.findUniqueOrThrow({ where: { id } });
    await emitEvents(deps, tx, ctx, [{ name: E.CUSTOMER_REPLIED, entity: "SupportTicket", entityId: id, payload: { ticketId: id, code: t.code, commentId: c.id, assigneeId: after.assignedToId, teamId: after.assignedTeamId } }]);
    return c;
  });
}

/** The customer rates the resolution, once, after it is resolved. */
export async function rateTicket(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof rateSchema>): Promise<SupportTicket> {
  const d = rateSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const t = await lockOwn(tx, ctx, id);
    if (!DONE_STATUSES.includes(t.status as TicketStatus) || t.mergedIntoId) throw new ConflictError("TICKET_NOT_RATABLE", `ticket is ${t.status}`, { status: t.status });
    if (t.ratedAt) throw new ConflictError("TICKET_ALREADY_RATED", "already rated");
    const after = await tx.supportTicket.update({ where: { id }, data: { rating: d.rating, ratingComment: d.comment || null, ratedAt: nowOf(deps) } });
    await writeAudit(tx, ctx, { action: "ticket.rate", entity: "SupportTicket", entityId: id, meta: { rating: d.rating } });
    await emitEvents(deps, tx, ctx, [{ name: E.RATED, entity: "SupportTicket", entityId: id, payload: { ticketId: id, code: t.code, rating: d.rating, assigneeId: t.assignedToId, teamId: t.assignedTeamId } }]);
    return after;
  });
}

/**
 * Stores a file the customer attached (already streamed to a temporary place and typed from its
 * bytes). Not on a merged or closed-for-good ticket; at most MAX_CUSTOMER_ATTACHMENTS.
 */
export async function attachCustomerFile(deps: Deps & { storage: Storage }, ctx: Ctx, id: number, file: ReceivedFile): Promise<SupportAttachment> {
  let storedKey: string | undefined;
  try {
    return await deps.db.$transaction(async (tx) => {
      const t = await lockOwn(tx, ctx, id);
      if (t.mergedIntoId || t.status === "closed") throw new ConflictError("TICKET_NOT_OPEN", `ticket is ${t.status}`, { status: t.status });
      const n = await tx.supportAttachment.count({ where: { ticketId: id, uploadedById: ctx.actor.id! } });
      if (n >= MAX_CUSTOMER_ATTACHMENTS) throw new DomainError("TICKET_ATTACHMENTS_LIMIT", "too many files", 422, { max: MAX_CUSTOMER_ATTACHMENTS });
      storedKey = await deps.storage.adopt(`support/${id}`, file.tempPath, file.ext);
      const a = await tx.supportAttachment.create({ data: { ticketId: id, fileName: file.fileName.slice(0, 255), mimeType: file.mime, sizeBytes: file.size, storageKey: storedKey, uploadedById: ctx.actor.id!, createdAt: nowOf(deps) } });
      await writeAudit(tx, ctx, { action: "ticket.attach", entity: "SupportTicket", entityId: id, meta: { attachmentId: a.id, sha256: file.sha256, size: file.size, mime: file.mime } });
      return a;
    });
  } catch (e) {
    if (storedKey) await deps.storage.remove(storedKey).catch(() => {});
    throw e;
  }
}

/** What the customer sees of their tickets: newest first, by cursor. */
export function listOwnTickets(deps: Deps, userId: number, page: { limit: number; afterId?: number; status?: "open" | "done" }) {
  const statusFilter = page.status === "open" ? { status: { notIn: ["resolved", "closed"] as TicketStatus[] } } : page.status === "done" ? { status: { in: ["resolved", "closed"] as TicketStatus[] } } : {};
  return deps.db.supportTicket.findMany({
    where: { requesterId: userId, ...statusFilter, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    orderBy: { id: "desc" }, take: page.limit + 1,
    include: { mergedInto: { select: { id: true, code: true } } },
  });
}

/**
 * One of the customer's tickets as the app shows it: published public replies only (never
 * internal notes or drafts), the customer's own attachments and those on public replies.
 */
export async function getOwnTicket(deps: Deps, userId: number, id: number) {
  const t = await deps.db.supportTicket.findFirst({
    where: { id, requesterId: userId },
    include: {
      mergedInto: { select: { id: true, code: true } },
      comments: { where: { visibility: "public_reply", isDraft: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { id: true, userType: true, fullName: true } } } },
      attachments: { where: { OR: [{ commentId: null, uploadedById: userId }, { comment: { visibility: "public_reply", isDraft: false } }] }, orderBy: { id: "asc" } },
      dispute: { select: { status: true, outcome: true, resolution: true, refundAmount: true, resolvedAt: true } },
    },
  });
  if (!t) throw new NotFoundError("SupportTicket", id);
  const days = (await readSetting(deps.db, "support_reopen_days"))!;
  const now = nowOf(deps);
  const canReply = !t.mergedIntoId && (!DONE_STATUSES.includes(t.status as TicketStatus) || withinReopenWindow(t, days, now));
  const canRate = DONE_STATUSES.includes(t.status as TicketStatus) && !t.ratedAt && !t.mergedIntoId;
  return { ...t, canReply, canRate };
}

/** An attachment the customer may download (theirs, or on a public reply of their ticket). */
export async function getOwnAttachment(deps: Deps, userId: number, attachmentId: number) {
  const a = await deps.db.supportAttachment.findFirst({
    where: { id: attachmentId, ticket: { requesterId: userId }, OR: [{ commentId: null, uploadedById: userId }, { comment: { visibility: "public_reply", isDraft: false } }] },
  });
  if (!a) throw new NotFoundError("SupportAttachment", attachmentId);
  return a;
}

