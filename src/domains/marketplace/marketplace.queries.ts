/**
 * What app users may read of the marketplace. Visibility is decided here, once: a client sees
 * their own requests with every offer; a provider sees open requests in their subcategories and
 * city, and afterwards only requests they offered on, with their own offer. Anyone else gets
 * NotFound — the same answer as for a request that does not exist.
 */
import type { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";

const OPEN = ["new", "has_offers"] as const;

const offerInclude = {
  provider: { select: { id: true, displayName: true, ratingAvg: true, ratingCount: true, isVerified: true } },
} satisfies Prisma.OfferInclude;

const requestInclude = {
  subcategory: { select: { id: true, nameAr: true, nameEn: true } },
  provider: { select: { id: true, displayName: true, userId: true } },
  thread: { select: { id: true } },
  review: { select: { id: true, rating: true } },
} satisfies Prisma.ServiceRequestInclude;

async function providerOf(deps: Deps, userId: number) {
  return deps.db.providerProfile.findFirst({
    where: { userId, deletedAt: null },
    select: { id: true, city: true, categories: { select: { subcategoryId: true } } },
  });
}

export interface ListPage {
  limit: number;
  /** Continue after this id (newest first). */
  afterId?: number;
}

/** The caller's own requests as a client, newest first. */
export function listOwnRequests(deps: Deps, userId: number, page: ListPage, status?: string) {
  return deps.db.serviceRequest.findMany({
    where: { clientId: userId, deletedAt: null, ...(status ? { status: status as never } : {}), ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    include: requestInclude,
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
}

/** Open requests a provider can answer: their subcategories, their city, not their own. */
export async function listOpenRequestsForProvider(deps: Deps, userId: number, page: ListPage) {
  const provider = await providerOf(deps, userId);
  if (!provider) return [];
  const rows = await deps.db.serviceRequest.findMany({
    where: {
      status: { in: [...OPEN] },
      deletedAt: null,
      clientId: { not: userId },
      subcategoryId: { in: provider.categories.map((c) => c.subcategoryId) },
      city: { equals: provider.city, mode: "insensitive" },
      ...(page.afterId ? { id: { lt: page.afterId } } : {}),
    },
    include: { ...requestInclude, offers: { where: { providerId: provider.id }, select: { id: true, status: true } } },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  return rows.map(({ offers, ...r }) => ({ ...r, myOffer: offers[0] ?? null }));
}

/** One request as its client or a provider may see it; NotFound for anyone else. */
export async function getRequestFor(deps: Deps, userId: number, requestId: number) {
  const request = await deps.db.serviceRequest.findFirst({ where: { id: requestId, deletedAt: null }, include: requestInclude });
  if (!request) throw new NotFoundError("ServiceRequest", requestId);
  if (request.clientId === userId) {
    const offers = await deps.db.offer.findMany({ where: { requestId, deletedAt: null }, include: offerInclude, orderBy: { id: "asc" } });
    return { ...request, viewerRole: "client" as const, offers };
  }
  const provider = await providerOf(deps, userId);
  if (provider) {
    const own = await deps.db.offer.findMany({ where: { requestId, providerId: provider.id, deletedAt: null }, include: offerInclude });
    const matchesOpen =
      (OPEN as readonly string[]).includes(request.status) &&
      provider.categories.some((c) => c.subcategoryId === request.subcategoryId) &&
      provider.city.toLowerCase() === request.city.toLowerCase();
    if (own.length || request.providerId === provider.id || matchesOpen) {
      // A provider never sees the client's address before being chosen.
      const address = request.providerId === provider.id ? request.address : null;
      return { ...request, address, viewerRole: "provider" as const, offers: own };
    }
  }
  throw new NotFoundError("ServiceRequest", requestId);
}
