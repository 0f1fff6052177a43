/**
 * The wallet ledger. Every change of `accounts_wallet.balance` is one `accounts_wallettransaction`
 * row written in the same transaction, under a row lock on the wallet, with the balance right
 * after it: the sum of a wallet's rows always equals its balance, and two concurrent debits
 * serialise on the lock, so the second sees what the first left and a balance never goes below
 * zero (refused with WALLET_INSUFFICIENT_BALANCE instead).
 *
 * The balance is the *available* money: a payout request holds its amount (a `hold` row takes it
 * out); a rejected or returned payout gives it back (a `release` row).
 */
import type { WalletTransaction, WalletTransactionKind } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, ForbiddenError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { writeAudit } from "../../platform/audit.js";
import { reasonSchema } from "../../platform/validation.js";
import { requireRecentReauth } from "../backoffice/reauth.js";

/** A positive whole number of halalas (at most one million riyals in one movement). */
export const walletAmountSchema = z.number().int("AMOUNT_NOT_POSITIVE").min(1, "AMOUNT_NOT_POSITIVE").max(100_000_000);

/** Kinds that add money, and kinds that take it. */
const INCOMING: readonly WalletTransactionKind[] = ["credit", "refund", "release", "adjustment"];
const OUTGOING: readonly WalletTransactionKind[] = ["debit", "hold", "payout"];

export interface Movement {
  userId: number;
  /** Positive halalas; the kind says which way it goes. */
  amount: number;
  kind: WalletTransactionKind;
  /** What it relates to, e.g. "invoice:12", "payout:4", "goodwill:approval:7". */
  reference?: string;
  note?: string;
}

/** Locks (creating it at zero if needed) the user's wallet; returns its id, balance and currency. */
export async function lockWalletOf(tx: Tx, userId: number): Promise<{ id: number; balance: number; currency: string }> {
  // ON CONFLICT: two first movements of the same user at once create one wallet.
  await tx.$executeRaw`INSERT INTO accounts_wallet (user_id, balance, currency, created_at, updated_at) VALUES (${userId}, 0, 'SAR', now(), now()) ON CONFLICT (user_id) DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: number; balance: number; currency: string }[]>`SELECT id, balance, currency FROM accounts_wallet WHERE user_id = ${userId} FOR UPDATE`;
  return rows[0]!;
}

/**
 * Moves money in or out of a wallet inside the caller's transaction: the balance and its ledger row
 * together, under the wallet's row lock; refuses to go below zero. Audited.
 */
export async function moveInTx(deps: Deps, ctx: Ctx, tx: Tx, m: Movement): Promise<WalletTransaction> {
  const amount = walletAmountSchema.parse(m.amount);
  const sign = INCOMING.includes(m.kind) ? 1 : OUTGOING.includes(m.kind) ? -1 : 0;
  if (!sign) throw new Error(`unknown wallet movement ${m.kind}`);
  const wallet = await lockWalletOf(tx, m.userId);
  const after = wallet.balance + sign * amount;
  if (after < 0) {
    throw new DomainError("WALLET_INSUFFICIENT_BALANCE", `wallet ${wallet.id} has ${wallet.balance}, cannot take ${amount}`, 409, { balance: wallet.balance, amount });
  }
  await tx.wallet.update({ where: { id: wallet.id }, data: { balance: after } });
  const row = await tx.walletTransaction.create({
    data: { walletId: wallet.id, amount: sign * amount, balanceAfter: after, kind: m.kind, reference: m.reference ?? null, note: m.note ?? null, currency: wallet.currency, actorId: ctx.actor.id ?? null },
  });
  await writeAudit(tx, ctx, {
    action: `wallet.${m.kind}`, entity: "Wallet", entityId: wallet.id,
    changes: { balance: { before: wallet.balance, after } },
    meta: { userId: m.userId, amount: sign * amount, reference: m.reference, note: m.note, transactionId: row.id },
  });
  return row;
}

/** Adds money to a wallet (its own transaction). */
export function creditWallet(deps: Deps, ctx: Ctx, m: Omit<Movement, "kind"> & { kind?: "credit" | "refund" | "adjustment" }): Promise<WalletTransaction> {
  return deps.db.$transaction((tx) => moveInTx(deps, ctx, tx, { ...m, kind: m.kind ?? "credit" }), { maxWait: 10_000, timeout: 20_000 });
}

/** Takes money from a wallet (its own transaction); WALLET_INSUFFICIENT_BALANCE when there is not enough. */
export function debitWallet(deps: Deps, ctx: Ctx, m: Omit<Movement, "kind">): Promise<WalletTransaction> {
  return deps.db.$transaction((tx) => moveInTx(deps, ctx, tx, { ...m, kind: "debit" }), { maxWait: 10_000, timeout: 20_000 });
}

/** Sets money aside (a payout request) inside the caller's transaction. */
export function holdInTx(deps: Deps, ctx: Ctx, tx: Tx, m: Omit<Movement, "kind">): Promise<WalletTransaction> {
  return moveInTx(deps, ctx, tx, { ...m, kind: "hold" });
}

/** Gives held money back inside the caller's transaction. */
export function releaseInTx(deps: Deps, ctx: Ctx, tx: Tx, m: Omit<Movement, "kind">): Promise<WalletTransaction> {
  return moveInTx(deps, ctx, tx, { ...m, kind: "release" });
}

export const goodwillCreditSchema = z.object({ userId: z.number().int().positive(), amount: walletAmountSchema, reason: reasonSchema });

/**
 * Staff: a goodwill credit to a client's or provider's wallet, with a reason (the only way staff add
 * money: the balance itself is never typed in). Callers that need four eyes go through approvals.
 */
export async function grantGoodwillCredit(deps: Deps, ctx: Ctx, input: z.input<typeof goodwillCreditSchema>, reference = "goodwill", tx?: Tx): Promise<WalletTransaction> {
  const { userId, amount, reason } = goodwillCreditSchema.parse(input);
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new ForbiddenError("staff only");
  await requireRecentReauth(deps, ctx);
  const run = async (t: Tx) => {
    const user = await t.user.findUnique({ where: { id: userId }, select: { userType: true, deletedAt: true } });
    if (!user || user.deletedAt || user.userType === "staff") throw new DomainError("WALLET_OWNER_INVALID", `user ${userId} cannot hold a wallet`, 422);
    return moveInTx(deps, ctx, t, { userId, amount, kind: "credit", reference, note: reason });
  };
  return tx ? run(tx) : deps.db.$transaction(run);
}

/** The user's wallet: balance and the newest ledger rows (a user without one has a zero balance). */
export async function getOwnWallet(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  const wallet = await deps.db.wallet.findUnique({ where: { userId } });
  const rows = wallet
    ? await deps.db.walletTransaction.findMany({ where: { walletId: wallet.id, ...(page.afterId ? { id: { lt: page.afterId } } : {}) }, orderBy: { id: "desc" }, take: page.limit + 1 })
    : [];
  return { balance: wallet?.balance ?? 0, currency: wallet?.currency ?? "SAR", rows };
}

/** Wallets whose ledger does not add up to their balance (should be none; finance can check). */
export async function walletsOutOfBalance(db: Deps["db"]): Promise<{ id: number; balance: number; ledger: number }[]> {
  return db.$queryRaw`
    SELECT w.id, w.balance, COALESCE(SUM(t.amount), 0)::int AS ledger
    FROM accounts_wallet w LEFT JOIN accounts_wallettransaction t ON t.wallet_id = w.id
    GROUP BY w.id HAVING w.balance <> COALESCE(SUM(t.amount), 0)`;
}
