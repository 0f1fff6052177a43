/**
 * Reviews commands: the client of a completed request rates its provider, once. The provider's
 * rating aggregate is recomputed from their visible reviews under a row lock in the same
 * transaction. Callers: the public API (and moderation, through `recomputeProviderRating`).
 */
import { lockRow } from "../../platform/database/transaction.js";
import { Prisma, type Review } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import type { Tx } from "../../platform/database/transaction.js";
import { ReviewsEvents as E } from "./reviews.events.js";
import { createReviewSchema, type CreateReviewInput } from "./reviews.schemas.js";

function requireUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

/** Average in hundredths, rounded (5, 4, 4 → 433); 0 when there are no ratings. */
export function ratingAverage(sum: number, count: number): number {
  return count === 0 ? 0 : Math.round((sum * 100) / count);
}

/**
 * Recomputes ratingAvg and ratingCount of a provider from their non-hidden, non-deleted reviews.
 * Run inside a transaction that already holds the provider row lock (`lockProvider`).
 */
export async function recomputeProviderRating(tx: Tx, providerId: number): Promise<{ ratingAvg: number; ratingCount: number }> {
  const agg = await tx.review.aggregate({ where: { providerId, isHidden: false, deletedAt: null }, _sum: { rating: true }, _count: { _all: true } });
  const ratingCount = agg._count._all;
  const ratingAvg = ratingAverage(agg._sum.rating ?? 0, ratingCount);
  await tx.providerProfile.update({ where: { id: providerId }, data: { ratingAvg, ratingCount } });
  return { ratingAvg, ratingCount };
}

/** Locks a provider profile row for the rest of the transaction (serialises rating updates). */
export async function lockProvider(tx: Tx, providerId: number): Promise<void> {
  await lockRow(tx, "providers_providerprofile", providerId);
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** The client of a completed request reviews its provider (once per request). */
export async function createReview(deps: Deps, ctx: Ctx, requestId: number, input: CreateReviewInput): Promise<Review> {
  const userId = requireUser(ctx);
  const data = createReviewSchema.parse(input);
  try {
    return await deps.db.$transaction(async (tx) => {
      const request = await tx.serviceRequest.findFirst({ where: { id: requestId, deletedAt: null } });
      if (!request || request.clientId !== userId) throw new NotFoundError("ServiceRequest", requestId);
      if (request.status !== "completed" || request.providerId === null) {
        throw new DomainError("REQUEST_NOT_COMPLETED", `request ${requestId} is ${request.status}`, 422);
      }
      const providerId = request.providerId;
      await lockProvider(tx, providerId);
      // After the lock, a review committed by a concurrent call is visible here.
      if (await tx.review.findUnique({ where: { requestId }, select: { id: true } })) {
        throw new ConflictError("REVIEW_EXISTS", `request ${requestId} already has a review`);
      }
      const review = await tx.review.create({ data: { requestId, providerId, clientId: userId, rating: data.rating, comment: data.comment ?? null } });
      const before = await tx.providerProfile.findUniqueOrThrow({ where: { id: providerId }, select: { ratingAvg: true, ratingCount: true, userId: true } });
      const after = await recomputeProviderRating(tx, providerId);
      await writeAudit(tx, ctx, {
        action: "review.create", entity: "Review", entityId: review.id,
        meta: { requestId, providerId, rating: review.rating, ratingAvg: { before: before.ratingAvg, after: after.ratingAvg }, ratingCount: { before: before.ratingCount, after: after.ratingCount } },
      });
      await emitEvents(deps, tx, ctx, [{
        name: E.REVIEW_CREATED, entity: "Review", entityId: review.id,
        payload: { reviewId: review.id, requestId, providerId, providerUserId: before.userId, clientId: userId, rating: review.rating },
      }]);
      return review;
    });
  } catch (e) {
    // The unique index on requestId is the last line of defence against a double review.
    if (isUniqueViolation(e)) throw new ConflictError("REVIEW_EXISTS", `request ${requestId} already has a review`);
    throw e;
  }
}
