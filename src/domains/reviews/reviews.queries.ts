/** Public reads of reviews: a provider's visible reviews, newest first. */
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";

export interface ReviewPage {
  limit: number;
  /** Continue after this id (newest first). */
  afterId?: number;
}

/** Only the first name of a reviewer is shown publicly. */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? "";
}

/** The non-hidden, non-deleted reviews of an existing provider; `limit + 1` rows for `paginate`. */
export async function listProviderReviews(deps: Deps, providerId: number, page: ReviewPage) {
  const provider = await deps.db.providerProfile.findFirst({ where: { id: providerId, deletedAt: null }, select: { id: true } });
  if (!provider) throw new NotFoundError("ProviderProfile", providerId);
  const rows = await deps.db.review.findMany({
    where: { providerId, isHidden: false, deletedAt: null, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    select: { id: true, rating: true, comment: true, providerReply: true, createdAt: true, client: { select: { fullName: true } } },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  return rows.map(({ client, ...r }) => ({ ...r, clientName: firstName(client.fullName) }));
}
