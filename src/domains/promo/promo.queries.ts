/**
 * Reads for the provider (own promotions with status, reason, invoice and images) and the
 * reviewers' queue (paid promotions waiting, oldest first).
 */
import type { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";
import { queueViews, type QueueView } from "../../platform/review-queue.js";
import { promoQueue } from "./promo-review.service.js";
import { nextStatuses } from "../../platform/transitions.js";
import { placementRule } from "./promo-rules.js";
import { promoMachine, SCHEDULED, type Placement, type PromoStatus } from "./promo.status.js";

const ownInclude = {
  assets: {
    where: { removedAt: null },
    orderBy: { id: "asc" as const },
    select: { id: true, fileName: true, mimeType: true, sizeBytes: true, widthPx: true, heightPx: true, createdAt: true },
  },
  invoice: { select: { id: true, number: true, status: true, total: true, currency: true } },
} as const;

/** A provider's promotions, newest first (`limit + 1` rows, keyset on id). */
export function listOwnPromoRequests(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  return deps.db.promoRequest.findMany({
    where: { requesterId: userId, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    include: ownInclude,
  });
}

/** One of the provider's promotions with its images and invoice (404 for anyone else's). */
export async function getOwnPromoRequest(deps: Deps, userId: number, id: number) {
  const r = await deps.db.promoRequest.findFirst({ where: { id, requesterId: userId }, include: ownInclude });
  if (!r) throw new NotFoundError("PromoRequest", id);
  return r;
}

/** The storage key of one of the provider's own images (404 for anyone else's). */
export async function getOwnPromoAssetFile(deps: Deps, userId: number, assetId: number) {
  const a = await deps.db.promoAsset.findFirst({ where: { id: assetId, request: { requesterId: userId } }, select: { storageKey: true, fileName: true } });
  if (!a?.storageKey?.startsWith("promo/")) throw new NotFoundError("PromoAsset", assetId);
  return { storageKey: a.storageKey, fileName: a.fileName ?? `promo-asset-${assetId}` };
}

/** Promotions in review, paid longest ago first: unclaimed (or lapsed), mine, or all, with each view's count. */
export async function listPromoReviewQueue(deps: Deps, staffId: number, view: QueueView, limit = 100) {
  const liveSince = new Date(Date.now() - (await promoQueue.idleMs(deps.db)));
  const views = queueViews(promoQueue, staffId, liveSince) as Record<QueueView, Prisma.PromoRequestWhereInput>;
  const [rows, unclaimed, mine, all] = await Promise.all([
    deps.db.promoRequest.findMany({
      where: views[view], orderBy: [{ queuedAt: "asc" }, { id: "asc" }], take: limit,
      include: {
        requester: { select: { fullName: true, providerProfile: { select: { displayName: true } } } },
        claimedBy: { select: { fullName: true } },
        assets: { where: { removedAt: null }, orderBy: { id: "asc" }, take: 1, select: { id: true } },
      },
    }),
    deps.db.promoRequest.count({ where: views.unclaimed }),
    deps.db.promoRequest.count({ where: views.mine }),
    deps.db.promoRequest.count({ where: views.all }),
  ]);
  return {
    counts: { unclaimed, mine, all },
    rows: rows.map((r) => ({
      id: r.id, placement: r.placement, title: r.title, provider: r.requester.providerProfile?.displayName ?? r.requester.fullName,
      startsAt: r.startsAt, endsAt: r.endsAt, queuedAt: r.queuedAt,
      claimedBy: r.claimedBy?.fullName ?? null, claimedById: r.claimedById, claimLive: !!r.claimedAt && r.claimedAt >= liveSince,
      firstAssetId: r.assets[0]?.id ?? null,
    })),
  };
}

/**
 * Everything a reviewer needs to decide one promotion: its images with their pixel sizes, the
 * provider and their earlier promotions, the invoice, the timeline, and what else is booked for
 * the same placement and city over its dates (with the placement's slot limit).
 */
export async function getPromoWorkspace(deps: Deps, id: number, staffId: number) {
  const r = await deps.db.promoRequest.findUnique({
    where: { id },
    include: {
      requester: { select: { id: true, fullName: true, phone: true, createdAt: true, providerProfile: { select: { id: true, displayName: true, city: true, ratingAvg: true, ratingCount: true } } } },
      claimedBy: { select: { id: true, fullName: true } },
      decidedBy: { select: { fullName: true } },
      targetSubcategory: { select: { nameAr: true, nameEn: true } },
      invoice: { select: { id: true, number: true, status: true, total: true, currency: true, paidAt: true } },
      assets: { where: { removedAt: null }, orderBy: { id: "asc" }, select: { id: true, fileName: true, mimeType: true, sizeBytes: true, widthPx: true, heightPx: true, createdAt: true } },
      statusLogs: { orderBy: { id: "asc" }, include: { actor: { select: { fullName: true } } } },
    },
  });
  if (!r) throw new NotFoundError("PromoRequest", id);
  const [earlier, overlapping, rule, idle] = await Promise.all([
    deps.db.promoRequest.findMany({ where: { requesterId: r.requesterId, id: { not: id } }, orderBy: { id: "desc" }, take: 10, select: { id: true, title: true, placement: true, status: true, startsAt: true, endsAt: true } }),
    deps.db.promoRequest.findMany({
      where: {
        id: { not: id }, placement: r.placement, status: { in: [...SCHEDULED] }, startsAt: { lt: r.endsAt }, endsAt: { gt: r.startsAt },
        ...(r.targetCity !== null ? { OR: [{ targetCity: r.targetCity }, { targetCity: null }] } : {}),
        // A category's top is shared only by promotions of the same subcategory.
        ...(r.placement === "category_top" && r.targetSubcategoryId !== null ? { targetSubcategoryId: r.targetSubcategoryId } : {}),
      },
      orderBy: { startsAt: "asc" },
      take: 20,
      select: { id: true, title: true, status: true, startsAt: true, endsAt: true, targetCity: true, requester: { select: { providerProfile: { select: { displayName: true } } } } },
    }),
    placementRule(deps.db, r.placement as Placement),
    promoQueue.idleMs(deps.db),
  ]);
  const claimLive = !!r.claimedAt && Date.now() - r.claimedAt.getTime() < idle;
  return {
    request: r,
    rule,
    earlier,
    overlapping,
    claim: { byId: claimLive ? r.claimedById : null, by: claimLive ? (r.claimedBy?.fullName ?? null) : null, mine: claimLive && r.claimedById === staffId },
    moves: nextStatuses(promoMachine, r.status as PromoStatus),
  };
}

/** Approved and live promotions overlapping [from, to), by placement then city then start (the schedule view). */
export function listPromoSchedule(deps: Deps, from: Date, to: Date) {
  return deps.db.promoRequest.findMany({
    where: { status: { in: [...SCHEDULED] }, startsAt: { lt: to }, endsAt: { gt: from } },
    orderBy: [{ placement: "asc" }, { targetCity: "asc" }, { startsAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true, title: true, placement: true, status: true, targetCity: true, startsAt: true, endsAt: true,
      targetSubcategory: { select: { nameAr: true, nameEn: true } },
      requester: { select: { fullName: true, providerProfile: { select: { displayName: true } } } },
    },
  });
}

/** Any promotion image, for staff (the panel route checks the role). */
export async function getPromoAssetFile(deps: Deps, assetId: number) {
  const a = await deps.db.promoAsset.findUnique({ where: { id: assetId }, select: { storageKey: true, fileName: true } });
  if (!a?.storageKey) throw new NotFoundError("PromoAsset", assetId);
  return { storageKey: a.storageKey, fileName: a.fileName ?? `promo-asset-${assetId}` };
}
