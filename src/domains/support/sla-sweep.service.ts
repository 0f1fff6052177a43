/**
 * What the every-minute support job does: marks tickets whose running deadline passed as
 * breached (first response or resolution), raises their priority one step and tells the team
 * lead (event); and closes tickets resolved longer ago than support_auto_close_days. Each
 * ticket is handled in its own transaction under its row lock, so a busy agent's write and the
 * job never overwrite each other; rows another worker holds are skipped for the next run.
 */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow } from "../../platform/database/transaction.js";
import { writeAudit, diffRecords } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import { readSetting } from "../backoffice/settings.js";
import { missedDeadline, raisedPriority, runningDue } from "./sla.js";
import { moveTicket } from "./ticket-moves.js";
import { closeDisputeInTx } from "./disputes.service.js";
import { CLOCK_RUNNING, SupportEvents as E, type TicketPriority, type TicketStatus } from "./support.status.js";

const BATCH = 200;
const systemCtx: Ctx = { actor: { type: "system", label: "support-sla" } };

/** Marks every ticket whose running deadline is at or before `now`; returns how many breached. */
export async function sweepSlaBreaches(deps: Deps, now: Date): Promise<number> {
  const due = await deps.db.supportTicket.findMany({ where: { status: { in: [...CLOCK_RUNNING] }, slaDueAt: { lte: now } }, select: { id: true }, orderBy: { slaDueAt: "asc" }, take: BATCH });
  let n = 0;
  for (const { id } of due) {
    const breached = await deps.db.$transaction(async (tx) => {
      if (!(await lockRow(tx, "support_supportticket", id))) return false;
      const t = await tx.supportTicket.findUniqueOrThrow({ where: { id }, include: { assignedTeam: { select: { leadId: true } } } });
      // Re-checked under the lock: an agent may have answered or paused it meanwhile.
      if (!CLOCK_RUNNING.includes(t.status as TicketStatus) || !t.slaDueAt || t.slaDueAt > now) return false;
      const which = missedDeadline(t);
      const priority = raisedPriority(t.priority as TicketPriority);
      const marks = which === "first_response" ? { firstResponseBreachedAt: now } : { resolutionBreachedAt: now };
      const next = { ...t, ...marks, status: t.status as TicketStatus, priority };
      const { assignedTeam, ...before } = t;
      const after = await tx.supportTicket.update({
        where: { id },
        data: { ...marks, priority, escalationLevel: t.escalationLevel + 1, escalatedAt: now, slaDueAt: runningDue(next, { firstResponseDueAt: t.firstResponseDueAt!, resolutionDueAt: t.resolutionDueAt! }) },
      });
      await writeAudit(tx, systemCtx, { action: "ticket.escalate", entity: "SupportTicket", entityId: id, changes: diffRecords(before, after), meta: { deadline: which } });
      await emitEvents(deps, tx, systemCtx, [{
        name: E.BREACHED, entity: "SupportTicket", entityId: id,
        payload: { ticketId: id, code: t.code, deadline: which, priority, escalationLevel: after.escalationLevel, teamId: t.assignedTeamId, teamLeadId: assignedTeam?.leadId ?? null, assigneeId: t.assignedToId },
      }]);
      return true;
    });
    if (breached) n++;
  }
  return n;
}

/** Closes tickets resolved more than support_auto_close_days before `now`; returns how many. */
export async function autoCloseResolved(deps: Deps, now: Date): Promise<number> {
  const days = (await readSetting(deps.db, "support_auto_close_days"))!;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const rows = await deps.db.supportTicket.findMany({ where: { status: "resolved", resolvedAt: { lte: cutoff } }, select: { id: true }, orderBy: { resolvedAt: "asc" }, take: BATCH });
  let n = 0;
  for (const { id } of rows) {
    const closed = await deps.db.$transaction(async (tx) => {
      if (!(await lockRow(tx, "support_supportticket", id))) return false;
      const t = await tx.supportTicket.findUniqueOrThrow({ where: { id } });
      if (t.status !== "resolved" || !t.resolvedAt || t.resolvedAt > cutoff) return false;
      await moveTicket({ ...deps, clock: () => now }, systemCtx, tx, id, "closed", { action: "ticket.auto_close", note: `resolved ${days} days ago`, effects: (t2) => closeDisputeInTx(deps, systemCtx, t2, id) });
      return true;
    });
    if (closed) n++;
  }
  return n;
}
