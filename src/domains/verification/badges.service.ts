/**
 * Verified badges: issued when a request is approved, valid until they expire or are revoked.
 * A provider's "verified" flag (providers_providerprofile.is_verified, kept for the directory's
 * indexed filter) is never typed by anyone: it is recomputed from the badges in the same
 * transaction as every change to them. A daily job tells providers before a badge expires and
 * ends it when it does.
 */
import type { VerifiedBadge } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { emitEvents } from "../../platform/events.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";
import { VerificationEvents as E } from "./verification.status.js";

const DAY = 24 * 3600_000;

/** Where "valid" is decided: not revoked and not past its expiry. */
export const validBadgeWhere = (now: Date) => ({ revokedAt: null, expiresAt: { gt: now } });

/** Recomputes the provider's verified flag from their badges (inside the badge change's transaction). */
export async function refreshProviderVerified(tx: Tx, userId: number, now = new Date()): Promise<boolean> {
  const verified = (await tx.verifiedBadge.count({ where: { userId, ...validBadgeWhere(now) } })) > 0;
  await tx.providerProfile.updateMany({ where: { userId, isVerified: !verified }, data: { isVerified: verified } });
  return verified;
}

/** Issues the badge an approved request earns, valid for the badge_validity_days setting. */
export async function issueBadgeInTx(deps: Deps, ctx: Ctx, tx: Tx, r: { id: number; requesterId: number; badgeType: VerifiedBadge["badgeType"] }, now = new Date()): Promise<VerifiedBadge> {
  const days = (await readSetting(tx, "badge_validity_days")) ?? 365;
  const badge = await tx.verifiedBadge.create({ data: { userId: r.requesterId, requestId: r.id, badgeType: r.badgeType, issuedAt: now, expiresAt: new Date(now.getTime() + days * DAY) } });
  await refreshProviderVerified(tx, r.requesterId, now);
  await writeAudit(tx, ctx, { action: "verification.badge.issue", entity: "VerifiedBadge", entityId: badge.id, meta: { requestId: r.id, expiresAt: badge.expiresAt.toISOString() } });
  await emitEvents(deps, tx, ctx, [{ name: E.BADGE_ISSUED, entity: "VerifiedBadge", entityId: badge.id, payload: { badgeId: badge.id, userId: r.requesterId, badgeType: r.badgeType, expiresAt: badge.expiresAt.toISOString() } }]);
  return badge;
}

/**
 * Job: for each badge, the "expires in N days" notice for the smallest threshold it has crossed
 * (once each: a job that was down sends one notice, not a burst), and the end of badges past their
 * expiry (verified flag recomputed, event emitted). Safe to run any number of times.
 */
export async function runBadgeExpiry(deps: Deps, ctx: Ctx, now = new Date()): Promise<{ noticed: number; expired: number }> {
  const thresholds = [...((await readSetting(deps.db, "badge_expiry_notice_days")) ?? [30, 7])].sort((a, b) => b - a);
  const out = { noticed: 0, expired: 0 };
  const widest = thresholds[0] ?? 0;
  const soon = await deps.db.verifiedBadge.findMany({ where: { revokedAt: null, expiredAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + widest * DAY) } }, select: { id: true } });
  for (const { id } of soon) {
    await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "verification_verifiedbadge", id);
      const b = await tx.verifiedBadge.findUniqueOrThrow({ where: { id } });
      const daysLeft = (b.expiresAt.getTime() - now.getTime()) / DAY;
      const crossed = thresholds.filter((t) => daysLeft <= t).at(-1);
      if (crossed === undefined || (b.expiryNoticeDays !== null && b.expiryNoticeDays <= crossed)) return;
      await tx.verifiedBadge.update({ where: { id }, data: { expiryNoticeDays: crossed, expiryNotifiedAt: now } });
      await emitEvents(deps, tx, ctx, [{ name: E.BADGE_EXPIRING, entity: "VerifiedBadge", entityId: id, payload: { badgeId: id, userId: b.userId, badgeType: b.badgeType, daysBefore: crossed, expiresAt: b.expiresAt.toISOString() } }]);
      out.noticed++;
    });
  }
  const ended = await deps.db.verifiedBadge.findMany({ where: { revokedAt: null, expiredAt: null, expiresAt: { lte: now } }, select: { id: true } });
  for (const { id } of ended) {
    await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "verification_verifiedbadge", id);
      const b = await tx.verifiedBadge.findUniqueOrThrow({ where: { id } });
      if (b.expiredAt) return;
      await tx.verifiedBadge.update({ where: { id }, data: { expiredAt: now } });
      await refreshProviderVerified(tx, b.userId, now);
      await writeAudit(tx, ctx, { action: "verification.badge.expire", entity: "VerifiedBadge", entityId: id });
      await emitEvents(deps, tx, ctx, [{ name: E.BADGE_EXPIRED, entity: "VerifiedBadge", entityId: id, payload: { badgeId: id, userId: b.userId, badgeType: b.badgeType } }]);
      out.expired++;
    });
  }
  return out;
}
