/**
 * Four eyes for money actions. A staff member asks for a money action (refund, manual payment,
 * wallet credit, payout approval); when the `four_eyes` setting says that action needs a second
 * person at that amount, nothing changes: a pending approval records what, on what, why,
 * before → after and the amount. Another staff member with the action's role approves it — the
 * domain command then runs as the approver, and the approval keeps both names — or rejects it with
 * a note. Nobody approves or rejects their own request. Unanswered approvals expire (job).
 * Every money action and every decision needs a recent password re-entry (reauth.ts).
 */
import type { ApprovalRequest, Prisma } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { transition } from "../../platform/transitions.js";
import type { Tx } from "../../platform/database/transaction.js";
import { approvalMachine, type ApprovalStatus } from "./approval.status.js";
import { writeAudit } from "../../platform/audit.js";
import { nowOf } from "../../platform/clock.js";
import { reasonSchema } from "../../platform/validation.js";
import { readSetting } from "../backoffice/settings.js";
import type { StaffRole } from "../backoffice/staff-auth.service.js";
import { ACTION_SPECS, APPROVAL_ACTIONS, type ApprovalAction } from "./approval-actions.js";
import { requireRecentReauth } from "../backoffice/reauth.js";

const HOUR = 3600_000;

/** Whether `action` at `amount` needs a second staff member (setting four_eyes: action → amount above which; null = never). */
export async function needsApproval(deps: Deps, action: ApprovalAction, amount: number): Promise<boolean> {
  const rules = (await readSetting(deps.db, "four_eyes")) ?? {};
  const above = rules[action];
  return above !== null && above !== undefined && amount > above;
}

async function staffRole(deps: Deps, ctx: Ctx): Promise<StaffRole> {
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new ForbiddenError("staff only");
  const profile = await deps.db.userAccessProfile.findUnique({ where: { userId: ctx.actor.id }, select: { role: true, isActive: true } });
  if (!profile?.isActive) throw new ForbiddenError("no active staff profile");
  return profile.role as StaffRole;
}

export const moneyActionSchema = z.object({
  action: z.enum(APPROVAL_ACTIONS),
  targetId: z.number().int().positive(),
  reason: reasonSchema,
  input: z.record(z.string(), z.unknown()).default({}),
});

export type MoneyActionOutcome = { status: "done"; result: unknown } | { status: "pending"; approval: ApprovalRequest };

/**
 * Staff: a money action. Runs it at once, or — when four eyes apply — records a pending approval
 * and changes nothing else. Refused without a recent password re-entry or the action's role.
 */
export async function performMoneyAction(deps: Deps, ctx: Ctx, raw: z.input<typeof moneyActionSchema>): Promise<MoneyActionOutcome> {
  const { action, targetId, reason, input: rawInput } = moneyActionSchema.parse(raw);
  const spec = ACTION_SPECS[action];
  const role = await staffRole(deps, ctx);
  if (!spec.roles.includes(role)) throw new ForbiddenError(`${role} may not ${action}`);
  await requireRecentReauth(deps, ctx);
  const input = spec.input.parse(rawInput);
  const d = await spec.describe(deps, targetId, input);
  if (!(await needsApproval(deps, action, d.amount))) return { status: "done", result: await spec.run(deps, ctx, targetId, input, reason) };
  const hours = (await readSetting(deps.db, "approval_expiry_hours")) ?? 48;
  const approval = await deps.db.$transaction(async (tx) => {
    const row = await tx.approvalRequest.create({
      data: {
        action, targetEntity: spec.entity, targetId, reason, input: (spec.freeze ? spec.freeze(input, d) : input) as Prisma.InputJsonValue,
        beforeState: d.before as Prisma.InputJsonValue, afterState: d.after as Prisma.InputJsonValue,
        amount: d.amount, currency: d.currency, requestedById: ctx.actor.id!, expiresAt: new Date(nowOf(deps).getTime() + hours * HOUR),
      },
    });
    await writeAudit(tx, ctx, { action: "approval.request", entity: "ApprovalRequest", entityId: row.id, meta: { action, target: `${spec.entity}:${targetId}`, amount: d.amount, reason } });
    return row;
  });
  return { status: "pending", approval };
}

/**
 * Moves a pending approval the caller may decide (not their own, not expired, their role allowed)
 * through the approval machine: row lock, checks on the locked row, status, audit row.
 */
async function claim(deps: Deps, ctx: Ctx, id: number, to: "approved" | "rejected" | "failed", note: string | undefined, tx?: Tx, extra: Record<string, unknown> = {}): Promise<ApprovalRequest> {
  const role = await staffRole(deps, ctx);
  await requireRecentReauth(deps, ctx);
  const now = nowOf(deps);
  const current = await deps.db.approvalRequest.findUnique({ where: { id }, select: { status: true, expiresAt: true, action: true, targetEntity: true, targetId: true, amount: true, requestedById: true } });
  if (!current) throw new NotFoundError("ApprovalRequest", id);
  // Past its time: it lapses now (audited), and the decision is refused with that reason.
  if (current.status === "pending" && current.expiresAt <= now) {
    await expireOne(deps, id);
    throw new ConflictError("APPROVAL_EXPIRED", `approval ${id} expired`);
  }
  return transition<ApprovalStatus, ApprovalRequest & { status: ApprovalStatus }>(deps, ctx, {
    machine: approvalMachine,
    id,
    to,
    action: `approval.${to === "approved" ? "approve" : to === "rejected" ? "reject" : "failed"}`,
    guard: (row) => {
      if (row.status !== "pending") throw new ConflictError("APPROVAL_NOT_PENDING", `approval ${id} is ${row.status}`, { status: row.status });
      if (row.requestedById === ctx.actor.id) throw new DomainError("APPROVAL_SELF", "you cannot decide your own request", 403);
      if (!ACTION_SPECS[row.action as ApprovalAction]?.roles.includes(role)) throw new ForbiddenError(`${role} may not decide ${row.action}`);
    },
    data: { decidedById: ctx.actor.id!, decidedAt: now, decisionNote: note ?? null, ...extra },
    // What was decided, for whom and by whom (these columns never change after the request).
    auditMeta: { action: current.action, target: `${current.targetEntity}:${current.targetId}`, amount: current.amount, requestedBy: current.requestedById, decidedBy: ctx.actor.id, note },
  }, tx);
}

export const decisionNoteSchema = z.string().trim().max(1000).optional();

/**
 * Staff (not the requester): approves, then runs the action as the approver. If the action is
 * refused now (the invoice changed meanwhile…), the approval is marked failed with why, and the
 * refusal is passed on.
 */
export async function approveRequest(deps: Deps, ctx: Ctx, id: number, note?: string): Promise<{ approval: ApprovalRequest; result: unknown }> {
  const decision = decisionNoteSchema.parse(note) || undefined;
  const asked = await deps.db.approvalRequest.findUnique({ where: { id }, select: { action: true } });
  if (asked && ACTION_SPECS[asked.action as ApprovalAction]?.atomic) return approveAtomically(deps, ctx, id, decision);
  const row = await claim(deps, ctx, id, "approved", decision);
  const spec = ACTION_SPECS[row.action as ApprovalAction];
  try {
    const result = await spec.run(deps, ctx, row.targetId, spec.input.parse(row.input), `${row.reason} (approved #${row.id})`);
    return { approval: row, result };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    await transition(deps, ctx, { machine: approvalMachine, id, to: "failed", action: "approval.failed", data: { failureReason: why.slice(0, 1000) }, auditMeta: { error: why } });
    throw err;
  }
}

/**
 * An action that only changes the database runs in the approval's transaction: approved and done
 * commit together, so no approval is ever left approved with its action not run. Refused when it
 * runs, everything rolls back and the approval moves pending → failed, with why.
 */
async function approveAtomically(deps: Deps, ctx: Ctx, id: number, note: string | undefined): Promise<{ approval: ApprovalRequest; result: unknown }> {
  let decided = false;
  try {
    return await deps.db.$transaction(async (tx) => {
      const row = await claim(deps, ctx, id, "approved", note, tx);
      decided = true;
      const spec = ACTION_SPECS[row.action as ApprovalAction];
      const result = await spec.run(deps, ctx, row.targetId, spec.input.parse(row.input), `${row.reason} (approved #${row.id})`, tx);
      return { approval: row, result };
    }, { maxWait: 10_000, timeout: 20_000 });
  } catch (err) {
    // Not decided (not pending, own request, role, expired): nothing to record. Nor for a failure
    // that is not the action's refusal (a timeout, a lost connection): it rolled back and stays pending.
    if (!decided || !(err instanceof DomainError)) throw err;
    const why = err instanceof Error ? err.message : String(err);
    await claim(deps, ctx, id, "failed", note, undefined, { failureReason: why.slice(0, 1000) }).catch(() => undefined);
    throw err;
  }
}

/** Staff (not the requester): refuses with a note; nothing else changes. */
export async function rejectRequest(deps: Deps, ctx: Ctx, id: number, note: string): Promise<ApprovalRequest> {
  return claim(deps, ctx, id, "rejected", reasonSchema.parse(note));
}

/** A pending approval past its time lapses (the job, or a late decision). False when it was decided meanwhile. */
async function expireOne(deps: Deps, id: number): Promise<boolean> {
  try {
    await transition(deps, { actor: { type: "system", label: "approvals-expiry" } }, { machine: approvalMachine, id, to: "expired", action: "approval.expire" });
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

/** Job: pending approvals past their time become expired (audited one by one). */
export async function expireApprovals(deps: Deps): Promise<number> {
  const due = await deps.db.approvalRequest.findMany({ where: { status: "pending", expiresAt: { lte: nowOf(deps) } }, select: { id: true }, take: 1000 });
  let n = 0;
  for (const { id } of due) if (await expireOne(deps, id)) n++;
  return n;
}

/**
 * Pending, unexpired approvals this role may decide, oldest first (for the home page and the queue);
 * with `staffId`, not the ones that staff member asked for (they cannot decide those).
 */
export function pendingApprovalsFor(deps: Deps, role: StaffRole, opts: { staffId?: number; limit?: number } = {}) {
  const actions = APPROVAL_ACTIONS.filter((a) => ACTION_SPECS[a].roles.includes(role));
  return deps.db.approvalRequest.findMany({
    where: { status: "pending", action: { in: [...actions] }, expiresAt: { gt: nowOf(deps) }, ...(opts.staffId ? { requestedById: { not: opts.staffId } } : {}) },
    include: { requestedBy: { select: { id: true, fullName: true, email: true } } },
    orderBy: { createdAt: "asc" },
    take: opts.limit ?? 20,
  });
}
