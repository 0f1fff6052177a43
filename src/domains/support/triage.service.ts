/**
 * Triage: which team and priority a new ticket gets (rules staff edit in the panel), and who in
 * the team takes it (round robin among available members under the per-agent cap on open
 * tickets). Agents re-triage by hand; a priority change recomputes the SLA deadlines.
 */
import type { SupportTicket, SupportTriageRule } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { lockRow } from "../../platform/database/transaction.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { diffRecords } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import { nowOf } from "../../platform/clock.js";
import { readSetting } from "../backoffice/settings.js";
import { dueTimes, runningDue } from "./sla.js";
import { moveTicket, slaTargets } from "./ticket-moves.js";
import { triageSchema } from "./support.schemas.js";
import { OPEN_STATUSES, SupportEvents as E, type TicketPriority, type TicketStatus, type TicketType } from "./support.status.js";

/** The first active rule (by sort order) whose category and keywords match the ticket. */
export function matchRule<R extends Pick<SupportTriageRule, "category" | "keywords" | "isActive" | "sortOrder" | "id">>(rules: readonly R[], t: { type: TicketType; subject: string; description: string }): R | undefined {
  const text = `${t.subject}\n${t.description}`.toLocaleLowerCase();
  return [...rules]
    .filter((r) => r.isActive)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .find((r) => (!r.category || r.category === t.type) && (r.keywords.length === 0 || r.keywords.some((k) => k.trim() && text.includes(k.trim().toLocaleLowerCase()))));
}

/**
 * The next member of the team in round-robin order who is available (active in the team, an
 * active staff account) and holds fewer open tickets than the cap; null when all are full.
 * The team's member rows are locked, so two tickets arriving together go to different agents.
 */
export async function pickAssignee(deps: Deps, tx: Tx, teamId: number): Promise<number | null> {
  const cap = (await readSetting(tx, "support_agent_open_cap"))!;
  await tx.$queryRaw`SELECT id FROM support_supportteammember WHERE team_id = ${teamId} ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: number; user_id: number }[]>`
    SELECT m.id, m.user_id
    FROM support_supportteammember m
    JOIN accounts_user u ON u.id = m.user_id AND u.is_active AND u.deleted_at IS NULL
    JOIN backoffice_useraccessprofile p ON p.user_id = m.user_id AND p.is_active
    WHERE m.team_id = ${teamId} AND m.is_active
      AND (SELECT count(*) FROM support_supportticket t
           WHERE t.assigned_to_id = m.user_id AND t.status IN ('new', 'triaged', 'in_progress', 'waiting_on_customer')) < ${cap}
    ORDER BY m.last_assigned_at ASC NULLS FIRST, m.id ASC
    LIMIT 1`;
  const pick = rows[0];
  if (!pick) return null;
  await tx.supportTeamMember.update({ where: { id: pick.id }, data: { lastAssignedAt: nowOf(deps) } });
  return pick.user_id;
}

/** Whether the user is an available member of the team (an agent may be given its tickets). */
async function isTeamAgent(tx: Tx, teamId: number, userId: number): Promise<boolean> {
  const m = await tx.supportTeamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { user: { select: { isActive: true, deletedAt: true, accessProfile: { select: { isActive: true } } } } } });
  return !!m && m.user.isActive && !m.user.deletedAt && !!m.user.accessProfile?.isActive;
}

const assignedEvent = (t: SupportTicket, by: "rule" | "agent" | "next") => ({
  name: E.ASSIGNED, entity: "SupportTicket", entityId: t.id,
  payload: { ticketId: t.id, code: t.code, assigneeId: t.assignedToId, teamId: t.assignedTeamId, by },
});

/**
 * Routes a new ticket inside its creating transaction: the matching rule sets team and priority
 * and the ticket becomes triaged; round robin picks the agent. No matching rule: it stays new, in
 * the unassigned queue.
 */
export async function autoTriageInTx(deps: Deps, ctx: Ctx, tx: Tx, ticket: SupportTicket): Promise<SupportTicket> {
  const rules = await tx.supportTriageRule.findMany({ where: { isActive: true, team: { isActive: true } } });
  const rule = matchRule(rules, { type: ticket.type as TicketType, subject: ticket.subject, description: ticket.description });
  if (!rule) return ticket;
  const priority = (rule.priority ?? ticket.priority) as TicketPriority;
  const assigneeId = await pickAssignee(deps, tx, rule.teamId);
  const due = dueTimes({ createdAt: ticket.createdAt, priority, slaPausedSeconds: ticket.slaPausedSeconds }, await slaTargets(tx));
  const after = await moveTicket(deps, ctx, tx, ticket.id, "triaged", {
    action: "ticket.triage", note: `rule: ${rule.nameEn}`,
    data: { assignedTeamId: rule.teamId, assignedToId: assigneeId, priority, ...due, slaDueAt: due.firstResponseDueAt },
    events: (a) => (a.assignedToId ? [assignedEvent(a, "rule")] : []),
  });
  return after;
}

/**
 * An agent sets priority, team and/or assignee. A new ticket becomes triaged; a priority change
 * recomputes both deadlines (counting time already paused); the assignee must be an available
 * member of the ticket's team.
 */
export async function triageTicket(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof triageSchema>): Promise<SupportTicket> {
  const data = triageSchema.parse(input);
  return deps.db.$transaction((tx) => triageInTx(deps, ctx, tx, id, data));
}

export async function triageInTx(deps: Deps, ctx: Ctx, tx: Tx, id: number, data: z.output<typeof triageSchema>): Promise<SupportTicket> {
  if (!(await lockRow(tx, "support_supportticket", id))) throw new NotFoundError("SupportTicket", id);
  const before = await tx.supportTicket.findUniqueOrThrow({ where: { id } });
  if (!OPEN_STATUSES.includes(before.status as TicketStatus)) throw new DomainError("TICKET_NOT_OPEN", `ticket is ${before.status}`, 409, { status: before.status });
  const teamId = data.teamId ?? before.assignedTeamId;
  if (data.teamId !== undefined) {
    const team = await tx.supportTeam.findUnique({ where: { id: data.teamId } });
    if (!team) throw new ValidationError("unknown team", { team_id: "NOT_FOUND" });
    if (!team.isActive) throw new ValidationError("inactive team", { team_id: "TEAM_INACTIVE" });
  }
  let assigneeId = data.assigneeId === undefined ? before.assignedToId : data.assigneeId;
  // Moving to another team leaves the current agent only if they are in it too.
  if (data.assigneeId === undefined && data.teamId !== undefined && assigneeId && !(await isTeamAgent(tx, data.teamId, assigneeId))) assigneeId = null;
  if (data.assigneeId) {
    if (!teamId || !(await isTeamAgent(tx, teamId, data.assigneeId))) throw new ValidationError("not in team", { assignee_id: "NOT_A_SUPPORT_AGENT" });
  }
  const priority = (data.priority ?? before.priority) as TicketPriority;
  const patch: Record<string, unknown> = { assignedTeamId: teamId, assignedToId: assigneeId, priority };
  if (priority !== before.priority) {
    const due = dueTimes({ createdAt: before.createdAt, priority, slaPausedSeconds: before.slaPausedSeconds }, await slaTargets(tx));
    Object.assign(patch, due, { slaDueAt: runningDue({ ...before, priority, status: before.status as TicketStatus }, due) });
  }
  const assignedNow = assigneeId !== before.assignedToId && assigneeId !== null;
  const events = (a: SupportTicket) => (assignedNow ? [assignedEvent(a, "agent")] : []);
  if (before.status === "new" && teamId) {
    return moveTicket(deps, ctx, tx, id, "triaged", { action: "ticket.triage", data: patch, events });
  }
  const after = await tx.supportTicket.update({ where: { id }, data: patch });
  await writeAudit(tx, ctx, { action: "ticket.triage", entity: "SupportTicket", entityId: id, changes: diffRecords(before, after) });
  await emitEvents(deps, tx, ctx, events(after));
  return after;
}

/** Gives a ticket to the signed-in agent (Next, "take it"): into the agent's team if it had none. */
export async function takeTicketInTx(deps: Deps, ctx: Ctx, tx: Tx, t: SupportTicket): Promise<SupportTicket> {
  const staffId = ctx.actor.id!;
  let teamId = t.assignedTeamId;
  if (!teamId || !(await isTeamAgent(tx, teamId, staffId))) {
    const m = await tx.supportTeamMember.findFirst({ where: { userId: staffId, isActive: true, team: { isActive: true } }, orderBy: { id: "asc" } });
    teamId = m?.teamId ?? teamId;
  }
  const patch = { assignedToId: staffId, assignedTeamId: teamId };
  const event = (a: SupportTicket) => [assignedEvent(a, "next")];
  if (t.status === "new") return moveTicket(deps, ctx, tx, t.id, "triaged", { action: "ticket.take", data: patch, events: event });
  const after = await tx.supportTicket.update({ where: { id: t.id }, data: patch });
  await writeAudit(tx, ctx, { action: "ticket.take", entity: "SupportTicket", entityId: t.id, changes: diffRecords(t, after) });
  await emitEvents(deps, tx, ctx, event(after));
  return after;
}
