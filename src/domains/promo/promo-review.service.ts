/**
 * The reviewers' side (content staff): claim and release a promotion, take the next one from the
 * queue (oldest paid first), then approve it (scheduled: the schedule shows it at its start),
 * reject it with a reason (a paid invoice is raised for finance to refund), ask for new images, or
 * cancel it. A claim lapses after the promo_claim_idle_minutes setting without activity; two
 * reviewers deciding at once: one wins and the other is told who did (platform/review-queue).
 */
import type { PromoRequest } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { claimForReview, claimNext, lockForDecision, releaseClaim, type ReviewQueue } from "../../platform/review-queue.js";
import { reasonSchema } from "../../platform/validation.js";
import { readSetting } from "../backoffice/settings.js";
import { placementRule, slotsTakenBeside } from "./promo-rules.js";
import { rejectPromoSchema, requestPromoChangesSchema } from "./promo.schemas.js";
import { cancelPromoInTx, movePromo, promoFacts, refundDueInTx } from "./promo.service.js";
import { PromoEvents as E, SCHEDULED, type Placement } from "./promo.status.js";

const MINUTE = 60_000;

/** The reviewers' queue of paid promotions (claims, next, who decided). */
export const promoQueue: ReviewQueue = {
  entity: "PromoRequest", table: "promo_promorequest", model: "promoRequest", logModel: "promoStatusLog",
  reviewStatus: "in_review", auditPrefix: "promo",
  codes: { decided: "PROMO_ALREADY_DECIDED", claimed: "PROMO_CLAIMED", notClaimed: "PROMO_NOT_CLAIMED" },
  idleMs: async (db) => ((await readSetting(db, "promo_claim_idle_minutes")) ?? 30) * MINUTE,
};

const lockForReview = (tx: Tx, ctx: Ctx, id: number) => lockForDecision<PromoRequest>(tx, ctx, promoQueue, id);
const decided = (ctx: Ctx, now: Date, reason: string | null) => ({ decidedById: ctx.actor.id, decidedAt: now, decisionReason: reason, claimedById: null, claimedAt: null });

/** A reviewer takes a promotion in review (refreshing their own claim is fine). */
export function claimPromoRequest(deps: Deps, ctx: Ctx, id: number): Promise<PromoRequest> {
  return claimForReview<PromoRequest>(deps, ctx, promoQueue, id);
}

/** The reviewer hands a promotion back to the queue. */
export function releasePromoRequest(deps: Deps, ctx: Ctx, id: number): Promise<PromoRequest> {
  return releaseClaim<PromoRequest>(deps, ctx, promoQueue, id);
}

/** "Next": claims the promotion paid longest ago that nobody holds (or whose claim lapsed); null when the queue is empty. */
export function claimNextPromoRequest(deps: Deps, ctx: Ctx): Promise<PromoRequest | null> {
  return claimNext<PromoRequest>(deps, ctx, promoQueue);
}

/**
 * Refuses a placement with a fixed number of slots (the home banner) when approving `r` would
 * put more approved-or-live promotions of it in one city at one instant than the rule allows.
 * Approvals of that placement take one lock, so two reviewers cannot both fill the last slot.
 */
async function checkSlots(tx: Tx, r: PromoRequest): Promise<void> {
  const rule = await placementRule(tx, r.placement as Placement);
  if (!rule.maxLivePerCity) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`promo-slots:${r.placement}`}))`;
  const taken = await tx.promoRequest.findMany({
    where: {
      id: { not: r.id }, placement: r.placement, status: { in: [...SCHEDULED] }, startsAt: { lt: r.endsAt }, endsAt: { gt: r.startsAt },
      ...(r.targetCity !== null ? { OR: [{ targetCity: r.targetCity }, { targetCity: null }] } : {}),
    },
    select: { startsAt: true, endsAt: true, targetCity: true },
  });
  if (slotsTakenBeside(taken, r) + 1 > rule.maxLivePerCity) {
    throw new DomainError("PROMO_SLOTS_FULL", "no free slot for these dates", 422, { limit: rule.maxLivePerCity, city: r.targetCity ?? "*" });
  }
}

/** Approves a promotion: scheduled to go live at its start (refused once its end has passed, or with no free slot). */
export async function approvePromoRequest(deps: Deps, ctx: Ctx, id: number, now = new Date()): Promise<PromoRequest> {
  return deps.db.$transaction(async (tx) => {
    const r = await lockForReview(tx, ctx, id);
    if (r.endsAt <= now) throw new DomainError("PROMO_PERIOD_OVER", "its dates have passed", 422);
    await checkSlots(tx, r);
    return movePromo(deps, ctx, tx, id, "approved", {
      action: "promo.approve", data: decided(ctx, now, null),
      events: (a) => [{ name: E.APPROVED, payload: promoFacts(a) }],
    });
  });
}

/** Rejects a promotion with a reason; its paid invoice is raised for finance to refund. */
export async function rejectPromoRequest(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof rejectPromoSchema>): Promise<PromoRequest> {
  const { reason } = rejectPromoSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    await lockForReview(tx, ctx, id);
    let refundItemId: number | null = null;
    return movePromo(deps, ctx, tx, id, "rejected", {
      action: "promo.reject", note: reason, data: decided(ctx, new Date(), reason),
      effects: async (t, after) => void (refundItemId = await refundDueInTx(t, ctx, after, "promotion_rejected", reason)),
      events: (a) => [{ name: E.REJECTED, payload: { ...promoFacts(a), reason, refundItemId } }],
    });
  });
}

/** Asks the provider for new images, with a message; the claim is released. */
export async function requestPromoChanges(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof requestPromoChangesSchema>): Promise<PromoRequest> {
  const { message } = requestPromoChangesSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    await lockForReview(tx, ctx, id);
    return movePromo(deps, ctx, tx, id, "changes_requested", {
      action: "promo.request_changes", note: message, data: decided(ctx, new Date(), message),
      events: (a) => [{ name: E.CHANGES_REQUESTED, payload: { ...promoFacts(a), message } }],
    });
  });
}

/** Staff cancel a promotion not showing yet, with a reason (unpaid: its invoice is voided; paid: raised for a refund). */
export async function cancelPromoRequestByStaff(deps: Deps, ctx: Ctx, id: number, reason: string): Promise<PromoRequest> {
  const why = reasonSchema.parse(reason);
  return deps.db.$transaction(async (tx) => {
    if (!(await lockRow(tx, "promo_promorequest", id))) throw new NotFoundError("PromoRequest", id);
    return cancelPromoInTx(deps, ctx, tx, await tx.promoRequest.findUniqueOrThrow({ where: { id } }), why);
  });
}
