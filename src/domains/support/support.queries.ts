/**
 * What agents read: the queues (unassigned, mine, my teams', breached, waiting on the customer)
 * sorted by the running SLA deadline, their counts for the support home, the ticket workspace
 * (one timeline of messages, replies, notes, status changes and assignments; the customer's
 * other tickets and recent requests; a dispute's request with offers, messages and payments),
 * and canned replies filled in for a ticket.
 */
import { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";
import { nowOf } from "../../platform/clock.js";
import { refundableInvoices } from "./disputes.service.js";

export const TICKET_QUEUES = ["unassigned", "mine", "team", "breached", "waiting"] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];

const OPEN = Prisma.sql`t.status IN ('new', 'triaged', 'in_progress', 'waiting_on_customer')`;
const BREACHED = Prisma.sql`(t.first_response_breached_at IS NOT NULL OR t.resolution_breached_at IS NOT NULL)`;
const myTeams = (staffId: number) => Prisma.sql`(SELECT team_id FROM support_supportteammember WHERE user_id = ${staffId} AND is_active)`;

function queueWhere(view: TicketQueue, staffId: number): Prisma.Sql {
  switch (view) {
    case "unassigned":
      return Prisma.sql`${OPEN} AND t.assigned_to_id IS NULL`;
    case "mine":
      return Prisma.sql`${OPEN} AND t.assigned_to_id = ${staffId}`;
    case "team":
      return Prisma.sql`${OPEN} AND t.assigned_team_id IN ${myTeams(staffId)}`;
    case "breached":
      return Prisma.sql`${OPEN} AND ${BREACHED}`;
    case "waiting":
      return Prisma.sql`t.status = 'waiting_on_customer'`;
  }
}

export interface QueueRow {
  id: number;
  code: string;
  subject: string;
  type: string;
  status: string;
  priority: string;
  requester: string;
  team_id: number | null;
  team_ar: string | null;
  team_en: string | null;
  assignee: string | null;
  assignee_id: number | null;
  due_at: Date | null;
  breached: boolean;
  paused: boolean;
  created_at: Date;
  updated_at: Date;
}

/** One queue, most urgent first: breached, then by running deadline (a paused ticket by its resolution deadline). */
export async function listTicketQueue(deps: Deps, staffId: number, view: TicketQueue, limit = 100) {
  const rows = await deps.db.$queryRaw<QueueRow[]>`
    SELECT t.id, t.code, t.subject, t.type::text, t.status::text, t.priority::text,
           u.full_name AS requester, t.assigned_team_id AS team_id, tm.name_ar AS team_ar, tm.name_en AS team_en,
           a.full_name AS assignee, t.assigned_to_id AS assignee_id,
           COALESCE(t.sla_due_at, t.resolution_due_at) AS due_at, ${BREACHED} AS breached, t.sla_paused_at IS NOT NULL AS paused,
           t.created_at, t.updated_at
    FROM support_supportticket t
    JOIN accounts_user u ON u.id = t.requester_id
    LEFT JOIN support_supportteam tm ON tm.id = t.assigned_team_id
    LEFT JOIN accounts_user a ON a.id = t.assigned_to_id
    WHERE ${queueWhere(view, staffId)}
    ORDER BY ${BREACHED} DESC, COALESCE(t.sla_due_at, t.resolution_due_at) ASC NULLS LAST, t.id
    LIMIT ${limit}`;
  return { rows, counts: await ticketQueueCounts(deps, staffId) };
}

/** How many tickets each queue holds (the support home and the queue tabs). */
export async function ticketQueueCounts(deps: Deps, staffId: number): Promise<Record<TicketQueue, number>> {
  const [c] = await deps.db.$queryRaw<Record<TicketQueue, number>[]>`
    SELECT count(*) FILTER (WHERE ${queueWhere("unassigned", staffId)})::int AS unassigned,
           count(*) FILTER (WHERE ${queueWhere("mine", staffId)})::int AS mine,
           count(*) FILTER (WHERE ${queueWhere("team", staffId)})::int AS team,
           count(*) FILTER (WHERE ${queueWhere("breached", staffId)})::int AS breached,
           count(*) FILTER (WHERE ${queueWhere("waiting", staffId)})::int AS waiting
    FROM support_supportticket t
    WHERE t.status IN ('new', 'triaged', 'in_progress', 'waiting_on_customer')`;
  return c!;
}

export type TimelineItem =
  | { kind: "comment"; at: Date; id: number; visibility: "public_reply" | "internal_note"; draft: boolean; body: string; author: { id: number; name: string; staff: boolean }; attachments: { id: number; fileName: string; mimeType: string; sizeBytes: number }[] }
  | { kind: "status"; at: Date; from: string | null; to: string; actor: string | null; actorType: string; note: string | null }
  | { kind: "assignment"; at: Date; actor: string | null; assignee: string | null; team: string | null; priority: string | null };

/**
 * Everything the ticket workspace shows, for one agent (their own drafts only; others' drafts
 * are counted, not shown).
 */
export async function getTicketWorkspace(deps: Deps, id: number, staffId: number) {
  const t = await deps.db.supportTicket.findUnique({
    where: { id },
    include: {
      requester: { select: { id: true, fullName: true, phone: true, email: true, userType: true, language: true, createdAt: true } },
      assignedTeam: { select: { id: true, nameAr: true, nameEn: true } },
      assignedTo: { select: { id: true, fullName: true } },
      reportedUser: { select: { id: true, fullName: true, userType: true } },
      mergedInto: { select: { id: true, code: true } },
      mergedFrom: { select: { id: true, code: true } },
      followUpOf: { select: { id: true, code: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { id: true, fullName: true, userType: true } }, attachments: { select: { id: true, fileName: true, mimeType: true, sizeBytes: true } } } },
      attachments: { where: { commentId: null }, orderBy: { id: "asc" }, select: { id: true, fileName: true, mimeType: true, sizeBytes: true, createdAt: true, uploadedById: true } },
      statusLogs: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: { select: { fullName: true } } } },
      dispute: true,
    },
  });
  if (!t) throw new NotFoundError("SupportTicket", id);
  const assignments = await deps.db.auditLog.findMany({
    where: { entity: "SupportTicket", entityId: String(id), action: { in: ["ticket.triage", "ticket.take", "ticket.escalate"] } },
    orderBy: { id: "asc" }, select: { createdAt: true, changes: true, actorLabel: true, actor: { select: { fullName: true } } },
  });
  const names = await staffNames(deps, assignments.flatMap((a) => [changeAfter(a.changes, "assignedToId")].filter((v): v is number => typeof v === "number")));
  const teams = new Map((await deps.db.supportTeam.findMany({ select: { id: true, nameAr: true, nameEn: true } })).map((x) => [x.id, x]));
  const timeline: TimelineItem[] = [
    ...t.comments
      .filter((c) => !c.isDraft || c.authorId === staffId)
      .map((c) => ({
        kind: "comment" as const, at: c.publishedAt ?? c.createdAt, id: c.id, visibility: c.visibility, draft: c.isDraft, body: c.body,
        author: { id: c.author.id, name: c.author.fullName, staff: c.author.userType === "staff" }, attachments: c.attachments,
      })),
    ...t.statusLogs.map((l) => ({ kind: "status" as const, at: l.createdAt, from: l.fromStatus, to: l.toStatus, actor: l.actor?.fullName ?? null, actorType: l.actorType, note: l.note })),
    ...assignments
      .filter((a) => ["assignedToId", "assignedTeamId", "priority"].some((k) => changeAfter(a.changes, k) !== undefined))
      .map((a) => {
        const to = changeAfter(a.changes, "assignedToId");
        const team = changeAfter(a.changes, "assignedTeamId");
        const priority = changeAfter(a.changes, "priority");
        return {
          kind: "assignment" as const, at: a.createdAt, actor: a.actor?.fullName ?? a.actorLabel ?? null,
          assignee: typeof to === "number" ? (names.get(to) ?? `#${to}`) : null,
          team: typeof team === "number" ? (teams.get(team)?.nameEn ?? null) : null,
          priority: typeof priority === "string" ? priority : null,
        };
      }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const othersDrafts = t.comments.filter((c) => c.isDraft && c.authorId !== staffId).length;
  const [otherTickets, recentRequests] = await Promise.all([
    deps.db.supportTicket.findMany({ where: { requesterId: t.requesterId, id: { not: id } }, orderBy: { id: "desc" }, take: 10, select: { id: true, code: true, subject: true, status: true, createdAt: true } }),
    deps.db.serviceRequest.findMany({ where: { OR: [{ clientId: t.requesterId }, { provider: { userId: t.requesterId } }] }, orderBy: { id: "desc" }, take: 5, select: { id: true, title: true, status: true, createdAt: true } }),
  ]);
  const dispute = t.dispute ? await disputeContext(deps, t.dispute.requestId, t.requesterId) : null;
  return { ticket: t, timeline, othersDrafts, otherTickets, recentRequests, dispute: t.dispute ? { ...t.dispute, ...dispute } : null, now: nowOf(deps) };
}

function changeAfter(changes: unknown, key: string): unknown {
  const c = (changes as Record<string, { after?: unknown }> | null)?.[key];
  return c ? c.after : undefined;
}

async function staffNames(deps: Deps, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await deps.db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, fullName: true } });
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** A dispute's request as staff weigh it: offers, the conversation, and the customer's paid invoices. */
async function disputeContext(deps: Deps, requestId: number, customerId: number) {
  const request = await deps.db.serviceRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true, title: true, status: true, city: true, createdAt: true,
      client: { select: { id: true, fullName: true } }, provider: { select: { userId: true, displayName: true } },
      offers: { orderBy: { id: "asc" }, select: { id: true, price: true, status: true, createdAt: true, provider: { select: { displayName: true } } } },
      thread: { select: { messages: { orderBy: { id: "desc" }, take: 30, select: { id: true, body: true, createdAt: true, sender: { select: { id: true, fullName: true } } } } } },
    },
  });
  return { request, invoices: await refundableInvoices(deps, customerId) };
}

/** Canned replies with their variables filled for this ticket and agent, in the customer's language first. */
export async function cannedRepliesFor(deps: Deps, ticketId: number, staffId: number) {
  const [t, agent, replies] = await Promise.all([
    deps.db.supportTicket.findUnique({ where: { id: ticketId }, select: { code: true, requester: { select: { fullName: true, language: true } } } }),
    deps.db.user.findUnique({ where: { id: staffId }, select: { fullName: true } }),
    deps.db.supportCannedReply.findMany({ where: { isActive: true }, orderBy: { id: "asc" } }),
  ]);
  if (!t) throw new NotFoundError("SupportTicket", ticketId);
  const vars = { customer_name: t.requester.fullName, ticket_code: t.code, agent_name: agent?.fullName ?? "" };
  return replies.map((r) => ({ id: r.id, code: r.code, titleAr: r.titleAr, titleEn: r.titleEn, bodyAr: fillVariables(r.bodyAr, vars), bodyEn: fillVariables(r.bodyEn, vars), customerLanguage: t.requester.language }));
}

/** {{name}} → value; unknown variables stay as written so the agent sees them. */
export function fillVariables(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? vars[k]! : m));
}
