/**
 * Deleting an account (PDPL erasure, app-store rule): the user confirms with a fresh OTP; at once
 * their tokens are revoked and the account is inactive (hidden from the directory and every public
 * read); after `account_deletion_grace_days` their personal data is erased (account-erasure.ts)
 * unless they signed in again meanwhile. Refused while obligations are open (account-obligations.ts).
 * Staff see deletions in the panel and can erase one now or cancel it; every move is audited.
 */
import { randomBytes } from "node:crypto";
import type { AccountDeletion } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Storage } from "../../platform/storage.js";
import { nowOf } from "../../platform/clock.js";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { lockRow } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";
import { cancelSubscription } from "../subscriptions/subscriptions.service.js";
import { deletionMachine } from "./account-deletion.status.js";
import { isUserHeld, OBLIGATION_CODES, openObligations, type Obligation } from "./account-obligations.js";
import { eraseUserData } from "./account-erasure.js";
import { checkOtpCode, consumeOtp, requestOtp } from "./otp.service.js";

const DAY_MS = 24 * 3600_000;
const TX = { maxWait: 10_000, timeout: 60_000 };

function signedInUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

/** A pseudonym: random, so nothing about the person can be read back from it. */
export const newPseudonym = () => `deleted-${randomBytes(8).toString("hex")}`;

/** What would block deleting the account now, and how long the grace period is. */
export async function getDeletionStatus(deps: Deps, userId: number): Promise<{ obligations: Obligation[]; graceDays: number }> {
  return { obligations: await openObligations(deps.db, userId), graceDays: (await readSetting(deps.db, "account_deletion_grace_days"))! };
}

/** Sends the signed-in user a fresh code to confirm deleting their account. */
export async function requestDeletionCode(deps: Deps, ctx: Ctx): Promise<{ expiresInSeconds: number }> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: signedInUser(ctx) }, select: { phone: true, language: true } });
  if (!user.phone) throw new DomainError("PHONE_REQUIRED", "no phone to send the code to", 422);
  return requestOtp(deps, ctx, { phone: user.phone, language: user.language, purpose: "account_deletion" });
}

/**
 * The user deletes their account: the code is checked, obligations too; then, in one
 * transaction, the deletion starts, the account becomes inactive and every token is revoked.
 * A renewing subscription is set to end with its period (after commit).
 */
export async function requestAccountDeletion(deps: Deps, ctx: Ctx, input: { code: string }): Promise<AccountDeletion> {
  const userId = signedInUser(ctx);
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true } });
  if (!user.phone) throw new DomainError("PHONE_REQUIRED", "no phone to confirm with", 422);
  // Obligations first: a refused request leaves the code usable for a retry once they are settled.
  await refuseWithObligations(deps, userId);
  const otpId = await checkOtpCode(deps, user.phone, input.code, "account_deletion");
  const now = nowOf(deps);
  const graceDays = (await readSetting(deps.db, "account_deletion_grace_days"))!;
  const deletion = await deps.db.$transaction(async (tx) => {
    await lockRow(tx, "accounts_user", userId);
    await consumeOtp(tx, otpId);
    if (await tx.accountDeletion.findFirst({ where: { userId, status: "pending" } })) throw new ConflictError("ACCOUNT_DELETION_PENDING", "a deletion is already pending");
    await refuseWithObligations(deps, userId, tx);
    const row = await tx.accountDeletion.create({ data: { userId, source: "app", eraseAfter: new Date(now.getTime() + graceDays * DAY_MS), pseudonym: newPseudonym() } });
    await tx.user.update({ where: { id: userId }, data: { isActive: false } });
    const revoked = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.deviceToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "account.deletion_requested", entity: "AccountDeletion", entityId: row.id, meta: { userId, eraseAfter: row.eraseAfter.toISOString(), tokensRevoked: revoked.count } });
    return row;
  }, TX);
  const renewing = await deps.db.subscription.findMany({ where: { userId, status: { in: ["active", "past_due"] }, cancelAtPeriodEnd: false }, select: { id: true } });
  for (const s of renewing) await cancelSubscription(deps, ctx, s.id).catch(() => undefined); // best effort: an erased account's renewal is refused anyway
  return deletion;
}

async function refuseWithObligations(deps: Deps, userId: number, tx?: Parameters<typeof openObligations>[0]): Promise<void> {
  const open = await openObligations(tx ?? deps.db, userId);
  if (open.length) throw new ConflictError(OBLIGATION_CODES[open[0]!], `account has open obligations: ${open.join(", ")}`, { obligations: open });
}

/** Staff cancel a pending deletion (reason audited); the account is active again. */
export async function cancelAccountDeletion(deps: Deps, ctx: Ctx, deletionId: number, reason: string): Promise<AccountDeletion> {
  return transition<"pending" | "cancelled" | "completed", AccountDeletion & { id: number; status: string }>(deps, ctx, {
    machine: deletionMachine, id: deletionId, to: "cancelled", action: "account.deletion_cancelled",
    data: { cancelledAt: nowOf(deps), cancelledBy: ctx.actor.type },
    effects: async (tx, { before }) => void (await tx.user.update({ where: { id: before.userId }, data: { isActive: true } })),
    auditMeta: { reason },
  });
}

export type EraseOutcome = { status: "completed"; counts: Record<string, number>; files: number } | { status: "blocked"; reason: string };

/**
 * Erases a pending deletion's account now (the job when the grace period ended, or staff). Refuses
 * to erase while an obligation opened meanwhile or a legal hold covers the user: the deletion stays
 * pending with `blockedReason` for staff to see. Files are removed after the commit.
 */
export async function eraseAccount(deps: Deps & { storage: Storage }, ctx: Ctx, deletionId: number): Promise<EraseOutcome> {
  const now = nowOf(deps);
  const d = await deps.db.accountDeletion.findUnique({ where: { id: deletionId } });
  if (!d) throw new NotFoundError("AccountDeletion", deletionId);
  const blocked = await blockReason(deps, d.userId);
  if (blocked) {
    await deps.db.accountDeletion.updateMany({ where: { id: deletionId, status: "pending" }, data: { blockedReason: blocked } });
    return { status: "blocked", reason: blocked };
  }
  let files: string[] = [];
  let counts: Record<string, number> = {};
  await transition(deps, ctx, {
    machine: deletionMachine, id: deletionId, to: "completed", action: "account.erased",
    // Re-checked under the deletion's lock, in the erasing transaction.
    guard: async () => {
      const again = await blockReason(deps, d.userId);
      if (again) throw new DomainError("ACCOUNT_DELETION_BLOCKED", `cannot erase: ${again}`, 409, { reason: again });
    },
    data: { completedAt: now, blockedReason: null },
    effects: async (tx, { after }) => {
      ({ counts, files } = await eraseUserData(tx, d.userId, d.pseudonym, now));
      await tx.accountDeletion.update({ where: { id: after.id }, data: { erasedCounts: counts } });
    },
    auditMeta: { userId: d.userId },
  });
  await removeFiles(deps.storage, files);
  return { status: "completed", counts, files: files.length };
}

/**
 * A soft-deleted user past the retention rule's age: erased the same way, as a deletion of source
 * "retention" that completes at once (the retention rule's protection checks ran before).
 */
export async function eraseSoftDeletedUser(deps: Deps & { storage: Storage }, ctx: Ctx, userId: number): Promise<EraseOutcome> {
  const now = nowOf(deps);
  const d = await deps.db.$transaction(async (tx) => {
    await lockRow(tx, "accounts_user", userId);
    const pending = await tx.accountDeletion.findFirst({ where: { userId, status: "pending" } });
    return pending ?? tx.accountDeletion.create({ data: { userId, source: "retention", eraseAfter: now, pseudonym: newPseudonym() } });
  });
  return eraseAccount(deps, ctx, d.id);
}

/** Every pending deletion whose grace period ended, erased one by one; returns how many went and how many wait. */
export async function eraseDueAccounts(deps: Deps & { storage: Storage }, ctx: Ctx): Promise<{ completed: number; blocked: number }> {
  const due = await deps.db.accountDeletion.findMany({ where: { status: "pending", eraseAfter: { lte: nowOf(deps) } }, orderBy: { id: "asc" }, select: { id: true } });
  let completed = 0;
  let blocked = 0;
  for (const { id } of due) {
    try {
      const r = await eraseAccount(deps, ctx, id);
      if (r.status === "completed") completed++;
      else blocked++;
    } catch (e) {
      // A sign-in that cancelled it meanwhile wins; anything else is retried by the next run.
      if (e instanceof ConflictError) continue;
      if (e instanceof DomainError && e.code === "ACCOUNT_DELETION_BLOCKED") {
        blocked++;
        continue;
      }
      throw e;
    }
  }
  return { completed, blocked };
}

async function blockReason(deps: Deps, userId: number): Promise<string | null> {
  const open = await openObligations(deps.db, userId);
  if (open.length) return `open obligations: ${open.join(", ")}`;
  if (await isUserHeld(deps.db, userId)) return "legal hold";
  return null;
}

/** Removes files after the rows naming them are gone; a file already missing is fine. */
export async function removeFiles(storage: Storage, keys: readonly string[]): Promise<void> {
  for (const k of new Set(keys)) await storage.remove(k).catch(() => undefined);
}
