/**
 * Provider payouts: the provider saves where to be paid (a bank account with a checked IBAN and
 * the name on it) and asks for a payout within the method's minimum and maximum; the amount is
 * held in the wallet at once. Finance approves, marks paid with the bank's transfer reference, or
 * rejects with a reason (the hold comes back); a paid payout the bank returns is marked failed and
 * its amount goes back to the wallet. Every move goes through the payout machine.
 */
import type { Payout, PayoutAccount } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { writeAudit } from "../../platform/audit.js";
import { transition } from "../../platform/transitions.js";
import { nowOf } from "../../platform/clock.js";
import { reasonSchema } from "../../platform/validation.js";
import { requireRecentReauth } from "../backoffice/reauth.js";
import { holdInTx, releaseInTx, walletAmountSchema } from "./ledger.service.js";
import { ibanProblem, normalizeIban } from "./iban.js";
import { payoutMachine, type PayoutStatus } from "./payouts.status.js";
import { neutralise } from "../../platform/spreadsheet-cells.js";

const TX = { maxWait: 10_000, timeout: 20_000 };

function requireProvider(ctx: Ctx): number {
  if (ctx.actor.type !== "provider" || !ctx.actor.id) throw new ForbiddenError("providers only");
  return ctx.actor.id;
}
/** Staff moving money: signed in as staff, with the password typed recently. */
async function requireStaff(deps: Deps, ctx: Ctx): Promise<number> {
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new ForbiddenError("staff only");
  await requireRecentReauth(deps, ctx);
  return ctx.actor.id;
}

export const payoutAccountSchema = z.object({
  method: z.enum(["bank_transfer"]),
  iban: z.string().trim().min(1).max(50),
  accountName: z.string().trim().min(2).max(150),
  bankName: z.string().trim().min(2).max(100).optional(),
});

/** Provider: saves a bank account to be paid to (the IBAN's checksum is verified). */
export async function addPayoutAccount(deps: Deps, ctx: Ctx, input: z.input<typeof payoutAccountSchema>): Promise<PayoutAccount> {
  const userId = requireProvider(ctx);
  const body = payoutAccountSchema.parse(input);
  const problem = ibanProblem(body.iban);
  if (problem) throw new ValidationError("invalid IBAN", { iban: problem });
  return deps.db.$transaction(async (tx) => {
    const method = await tx.withdrawMethod.findUnique({ where: { type: body.method } });
    if (!method?.isEnabled) throw new DomainError("PAYOUT_METHOD_UNAVAILABLE", `${body.method} is not offered`, 422);
    const open = await tx.payoutAccount.count({ where: { userId, archivedAt: null } });
    if (open >= 5) throw new DomainError("PAYOUT_ACCOUNTS_LIMIT", "at most 5 payout accounts", 422);
    const account = await tx.payoutAccount.create({ data: { userId, methodId: method.id, iban: normalizeIban(body.iban), accountName: body.accountName, bankName: body.bankName ?? null } });
    await writeAudit(tx, ctx, { action: "payout_account.add", entity: "PayoutAccount", entityId: account.id, meta: { method: body.method } });
    return account;
  }, TX);
}

/** The provider's saved payout accounts (not removed ones), with their method's limits. */
export function listPayoutAccounts(deps: Deps, userId: number) {
  return deps.db.payoutAccount.findMany({ where: { userId, archivedAt: null }, include: { method: true }, orderBy: { id: "asc" } });
}

/** Provider: removes a saved account (payouts made to it keep pointing at it). */
export async function removePayoutAccount(deps: Deps, ctx: Ctx, accountId: number): Promise<void> {
  const userId = requireProvider(ctx);
  await deps.db.$transaction(async (tx) => {
    const n = await tx.payoutAccount.updateMany({ where: { id: accountId, userId, archivedAt: null }, data: { archivedAt: nowOf(deps) } });
    if (n.count !== 1) throw new NotFoundError("PayoutAccount", accountId);
    await writeAudit(tx, ctx, { action: "payout_account.remove", entity: "PayoutAccount", entityId: accountId });
  });
}

export const payoutRequestSchema = z.object({ accountId: z.number().int().positive(), amount: walletAmountSchema });

/** Provider: asks to be paid `amount` to a saved account; the amount is held at once. */
export async function requestPayout(deps: Deps, ctx: Ctx, input: z.input<typeof payoutRequestSchema>): Promise<Payout> {
  const userId = requireProvider(ctx);
  const { accountId, amount } = payoutRequestSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const account = await tx.payoutAccount.findFirst({ where: { id: accountId, userId, archivedAt: null }, include: { method: true } });
    if (!account) throw new NotFoundError("PayoutAccount", accountId);
    const m = account.method;
    if (!m.isEnabled) throw new DomainError("PAYOUT_METHOD_UNAVAILABLE", `${m.type} is not offered`, 422);
    if (amount < m.minAmount || amount > m.maxAmount) {
      throw new DomainError("PAYOUT_AMOUNT_OUT_OF_RANGE", `amount must be between ${m.minAmount} and ${m.maxAmount}`, 422, { min: m.minAmount, max: m.maxAmount, fields: { amount: "PAYOUT_AMOUNT_RANGE" } });
    }
    const payout = await tx.payout.create({
      data: { userId, methodId: m.id, payoutAccountId: account.id, receiver: account.iban ?? account.accountName, bankName: account.bankName, amount, currency: m.currency, status: "pending" },
    });
    // The hold refuses (WALLET_INSUFFICIENT_BALANCE) when the available balance is short: the payout row rolls back with it.
    const hold = await holdInTx(deps, ctx, tx, { userId, amount, reference: `payout:${payout.id}`, note: "payout requested" });
    await writeAudit(tx, ctx, { action: "payout.request", entity: "Payout", entityId: payout.id, meta: { amount, accountId } });
    return tx.payout.update({ where: { id: payout.id }, data: { walletTransactionId: hold.id } });
  }, TX);
}

/** The provider's payouts, newest first. */
export function listOwnPayouts(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  return deps.db.payout.findMany({ where: { userId, ...(page.afterId ? { id: { lt: page.afterId } } : {}) }, orderBy: { id: "desc" }, take: page.limit + 1 });
}

type Move = { to: PayoutStatus; action: string; data?: (before: Payout) => Record<string, unknown>; release?: string; meta?: Record<string, unknown> };

async function move(deps: Deps, ctx: Ctx, id: number, m: Move, tx?: Tx, guard?: (p: Payout) => void): Promise<Payout> {
  const run = (t: Tx) =>
    transition<PayoutStatus, Payout>(deps, ctx, {
      machine: payoutMachine, id, to: m.to, action: m.action, data: m.data, guard, auditMeta: m.meta,
      effects: m.release
        ? async (t2, { after }) => void (await releaseInTx(deps, ctx, t2, { userId: after.userId, amount: after.amount, reference: `payout:${id}`, note: m.release }))
        : undefined,
    }, t);
  return tx ? run(tx) : deps.db.$transaction(run, TX);
}

/** Finance: agrees to pay a requested payout (four eyes above the set amount: see approvals). */
export async function approvePayout(deps: Deps, ctx: Ctx, id: number, tx?: Tx): Promise<Payout> {
  const staffId = await requireStaff(deps, ctx);
  const now = nowOf(deps);
  return move(deps, ctx, id, { to: "approved", action: "payout.approve", data: () => ({ approvedById: staffId, approvedAt: now, addressedById: staffId, addressedAt: now }) }, tx);
}

/** Finance: refuses a payout with a reason; the held amount goes back to the wallet. */
export async function rejectPayout(deps: Deps, ctx: Ctx, id: number, reason: string): Promise<Payout> {
  const why = reasonSchema.parse(reason);
  const staffId = await requireStaff(deps, ctx);
  return move(deps, ctx, id, { to: "rejected", action: "payout.reject", release: "payout rejected", meta: { reason: why }, data: () => ({ rejectReason: why, addressedById: staffId, addressedAt: nowOf(deps) }) });
}

export const payoutPaidSchema = z.object({ reference: z.string().trim().min(2, "PAYMENT_REFERENCE_REQUIRED").max(100), paidAt: z.coerce.date().optional() });

/** Finance: the bank transfer went out (its reference and date). */
export async function markPayoutPaid(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof payoutPaidSchema>): Promise<Payout> {
  const { reference, paidAt } = payoutPaidSchema.parse(input);
  const staffId = await requireStaff(deps, ctx);
  const when = paidAt ?? nowOf(deps);
  if (when.getTime() > nowOf(deps).getTime() + 60_000) throw new ValidationError("paid in the future", { paidAt: "DATE_IN_FUTURE" });
  return move(deps, ctx, id, { to: "paid", action: "payout.paid", meta: { reference }, data: () => ({ transferReference: reference, paidAt: when, addressedById: staffId, addressedAt: nowOf(deps) }) });
}

/** Finance: the bank returned a paid transfer; its amount goes back to the wallet. */
export async function markPayoutFailed(deps: Deps, ctx: Ctx, id: number, reason: string): Promise<Payout> {
  const why = reasonSchema.parse(reason);
  await requireStaff(deps, ctx);
  return move(deps, ctx, id, { to: "failed", action: "payout.failed", release: "payout returned by the bank", meta: { reason: why }, data: () => ({ failureReason: why, failedAt: nowOf(deps) }) });
}

/** Provider: withdraws a request finance has not handled yet; the hold comes back. */
export function cancelPayout(deps: Deps, ctx: Ctx, id: number): Promise<Payout> {
  const userId = requireProvider(ctx);
  return move(deps, ctx, id, { to: "cancelled", action: "payout.cancel", release: "payout cancelled" }, undefined, (p) => {
    if (p.userId !== userId) throw new NotFoundError("Payout", id);
  });
}

/** A payout as its owner may see it. */
export async function getOwnPayout(deps: Deps, userId: number, id: number): Promise<Payout> {
  const p = await deps.db.payout.findFirst({ where: { id, userId } });
  if (!p) throw new NotFoundError("Payout", id);
  return p;
}

/** Locks and reads a payout (for approvals that describe one before it changes). */
export async function readPayout(db: Deps["db"] | Tx, id: number): Promise<Payout> {
  const p = await db.payout.findUnique({ where: { id } });
  if (!p) throw new NotFoundError("Payout", id);
  return p;
}

const cell = (v: unknown) => neutralise(v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v));

/** Approved bank-transfer payouts as a transfer batch CSV for the bank (UTF-8 with BOM; no cell runs as a formula). */
export async function approvedPayoutsCsv(deps: Deps): Promise<{ csv: string; count: number; total: number }> {
  const rows = await deps.db.payout.findMany({
    where: { status: "approved", method: { type: "bank_transfer" } },
    include: { payoutAccount: true, user: { select: { fullName: true } } },
    orderBy: { id: "asc" },
  });
  const header = ["payout_id", "beneficiary_name", "iban", "bank_name", "amount_sar", "amount_halalas", "currency", "reference", "approved_at"];
  const body = rows.map((p) => [
    p.id, p.payoutAccount?.accountName ?? p.user.fullName, p.payoutAccount?.iban ?? p.receiver, p.bankName, (p.amount / 100).toFixed(2), p.amount, p.currency, `NWF-PAYOUT-${p.id}`, p.approvedAt,
  ].map(cell));
  const csv = "\uFEFF" + stringify([header, ...body], { record_delimiter: "\r\n" });
  return { csv, count: rows.length, total: rows.reduce((s, p) => s + p.amount, 0) };
}
