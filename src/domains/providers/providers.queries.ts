/**
 * What anyone may read of providers: the category tree, the provider directory, a provider's
 * public profile, and a provider's own portfolio. Only live records are shown: a soft-deleted
 * profile, or one whose user is inactive or deleted, does not exist for the public.
 */
import { createHash } from "node:crypto";
import type { QueryResultRow } from "pg";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { sponsoredProviderIds } from "../promo/promo-live.queries.js";
import { LIST_BIO_CHARS, listProvidersSchema, type ListProvidersInput, type ProviderListAfter } from "./providers.schemas.js";

type Db = PrismaClient | Tx;

/** Path of a portfolio item's image in the public API (served by GET /portfolio/{id}/image). */
export const portfolioImageUrl = (id: number) => `/api/v1/portfolio/${id}/image`;

/** How many portfolio items a profile page carries (newest first). */
export const PROFILE_PORTFOLIO_LIMIT = 100;

/** Active categories with their active subcategories, both by sort order. */
export function listCategories(deps: Deps) {
  return deps.db.category.findMany({
    where: { isActive: true, deletedAt: null },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true, slug: true, nameAr: true, nameEn: true, icon: true,
      subcategories: {
        where: { isActive: true, deletedAt: null },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: { id: true, slug: true, nameAr: true, nameEn: true, icon: true },
      },
    },
  });
}

export interface ProviderListItem {
  id: number;
  displayName: string;
  city: string;
  bio: string | null;
  isVerified: boolean;
  /** 0..5 with two decimals (ratingAvg is stored in hundredths). */
  rating: number;
  ratingAvg: number;
  ratingCount: number;
  followersCount: number;
  likesCount: number;
  subcategoryIds: number[];
}

/** A directory entry and whether a live promotion put it there. */
export type DirectoryItem = ProviderListItem & { sponsored: boolean };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/**
 * The public provider directory, one keyset page (`limit + 1` rows, so the caller knows whether
 * there is a next page). One round trip: the inner query picks the page's ids through the indexes
 * (subcategory: (subcategory_id, provider_id); city: (city, id); rating: (rating_avg, id)); the
 * outer one loads only those rows. `city` is an exact, case-sensitive match, which keeps it indexable.
 *
 * `q` matches the name or an active service title. The two are separate branches, each with the
 * page's order and limit, merged after: PostgreSQL then walks the order index for a common term
 * and the trigram index (pg_trgm) for a rare one, where one OR across both tables scanned every
 * provider (about 100 ms at 100k providers, now 0.5–16 ms).
 */
export async function listProviders(deps: Deps, input: ListProvidersInput, after?: ProviderListAfter, onlyIds?: readonly number[]): Promise<ProviderListItem[]> {
  const f = listProvidersSchema.parse(input);
  const values: unknown[] = [];
  const $ = (v: unknown) => (values.push(v), `$${values.length}`);
  const where = ["p.deleted_at IS NULL", "u.is_active", "u.deleted_at IS NULL"];
  if (onlyIds) where.push(`p.id = ANY(${$(onlyIds)}::int[])`);
  if (f.subcategoryId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM providers_providercategory pc WHERE pc.provider_id = p.id AND pc.subcategory_id = ${$(f.subcategoryId)}::int)`);
  }
  if (f.city !== undefined) where.push(`p.city = ${$(f.city)}::text`);
  if (f.verified !== undefined) where.push(`p.is_verified = ${$(f.verified)}::boolean`);
  if (after) {
    if (after.sort !== f.sort) throw new DomainError("INVALID_CURSOR", "the cursor belongs to another sort", 400, { fields: { cursor: "INVALID_CURSOR" } });
    where.push(after.sort === "rating" ? `(p.rating_avg, p.id) < (${$(after.ratingAvg)}::int, ${$(after.id)}::int)` : `p.id < ${$(after.id)}::int`);
  }
  const rating = f.sort === "rating";
  const order = rating ? "p.rating_avg DESC, p.id DESC" : "p.id DESC";
  const take = $(f.limit + 1);
  const branch = (extra?: string) => `
    SELECT p.id, p.rating_avg FROM providers_providerprofile p JOIN accounts_user u ON u.id = p.user_id
    WHERE ${(extra ? [...where, extra] : where).join(" AND ")}
    ORDER BY ${order} LIMIT ${take}::int`;

  let page = branch();
  if (f.q !== undefined) {
    const pattern = $(`%${escapeLike(f.q)}%`);
    page = `
      SELECT id, rating_avg FROM (
        (${branch(`p.display_name ILIKE ${pattern}::text`)})
        UNION
        (${branch(`EXISTS (SELECT 1 FROM providers_providerservice s
                           WHERE s.provider_id = p.id AND s.is_active AND s.deleted_at IS NULL AND s.title ILIKE ${pattern}::text)`)})
      ) matched
      ORDER BY ${rating ? "rating_avg DESC, id DESC" : "id DESC"} LIMIT ${take}::int`;
  }

  const rows = await readQuery<Omit<ProviderListItem, "rating">>(deps, `
    SELECT p.id, p.display_name AS "displayName", p.city, left(p.bio, ${LIST_BIO_CHARS}) AS bio,
           p.is_verified AS "isVerified", p.rating_avg AS "ratingAvg", p.rating_count AS "ratingCount",
           p.followers_count AS "followersCount", p.likes_count AS "likesCount",
           ARRAY(SELECT pc.subcategory_id FROM providers_providercategory pc
                 JOIN providers_subcategory s ON s.id = pc.subcategory_id AND s.is_active AND s.deleted_at IS NULL
                 WHERE pc.provider_id = p.id ORDER BY pc.subcategory_id) AS "subcategoryIds"
    FROM (${page}) page
    JOIN providers_providerprofile p ON p.id = page.id
    ORDER BY ${order}`, values);
  return rows.map((r) => ({ ...r, rating: r.ratingAvg / 100 }));
}

/**
 * A read on the hot path of the public API. With `deps.sql` (the web process's plain pg pool) it
 * is a named statement: PostgreSQL plans each distinct query text once per connection instead of
 * at every call (Prisma's driver adapter sends unnamed statements), and Prisma's query pipeline is
 * skipped. The text is built only from fixed fragments; every value is a parameter.
 */
async function readQuery<R>(deps: Deps, text: string, values: unknown[]): Promise<R[]> {
  if (!deps.sql) return deps.db.$queryRawUnsafe<R[]>(text, ...values);
  const name = `providers_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  return (await deps.sql.query<R & QueryResultRow>({ name, text, values })).rows;
}

/**
 * The directory as the app lists it: `listProviders`' keyset rows, and on the first page (no
 * cursor) the providers a live promotion puts first — category_top for the list's subcategory,
 * search_boost on any search — when they match the list's other filters (city, subcategory,
 * verified; not the search text). Later pages are the plain list, which leaves out nobody.
 */
export async function listProviderDirectory(deps: Deps, input: ListProvidersInput, after?: ProviderListAfter, now = new Date()): Promise<{ rows: ProviderListItem[]; sponsored: ProviderListItem[] }> {
  const f = listProvidersSchema.parse(input);
  const rows = await listProviders(deps, f, after);
  if (after) return { rows, sponsored: [] };
  const ids = await sponsoredProviderIds(deps.db, { subcategoryId: f.subcategoryId, city: f.city, searching: f.q !== undefined }, now);
  if (!ids.length) return { rows, sponsored: [] };
  const { q: _searchText, ...filters } = f;
  const found = await listProviders(deps, { ...filters, limit: ids.length }, undefined, ids);
  return { rows, sponsored: ids.map((id) => found.find((p) => p.id === id)).filter((p): p is ProviderListItem => !!p) };
}

/** One page as shown: sponsored providers first (marked), then the page's own rows without them, so nobody appears twice. */
export function sponsoredFirst(sponsored: readonly ProviderListItem[], page: readonly ProviderListItem[]): DirectoryItem[] {
  const ids = new Set(sponsored.map((p) => p.id));
  return [...sponsored.map((p) => ({ ...p, sponsored: true })), ...page.filter((p) => !ids.has(p.id)).map((p) => ({ ...p, sponsored: false }))];
}

/** A live provider profile (not deleted, user active), or NotFound. */
export async function findLiveProvider(db: Db, providerId: number) {
  const p = await db.providerProfile.findFirst({
    where: { id: providerId, deletedAt: null, user: { isActive: true, deletedAt: null } },
    select: { id: true, userId: true },
  });
  if (!p) throw new NotFoundError("ProviderProfile", providerId);
  return p;
}

const portfolioSelect = { id: true, title: true, description: true, likesCount: true, createdAt: true } satisfies Prisma.ProviderPortfolioItemSelect;

const withImageUrl = <T extends { id: number }>(item: T) => ({ ...item, imageUrl: portfolioImageUrl(item.id) });

/**
 * A provider's public profile: services, portfolio (newest PROFILE_PORTFOLIO_LIMIT), valid badge.
 * With a viewer, also whether they follow and like the provider.
 */
export async function getProvider(deps: Deps, providerId: number, viewerUserId?: number) {
  const p = await deps.db.providerProfile.findFirst({
    where: { id: providerId, deletedAt: null, user: { isActive: true, deletedAt: null } },
    include: {
      categories: { where: { subcategory: { isActive: true, deletedAt: null } }, select: { subcategoryId: true }, orderBy: { subcategoryId: "asc" } },
      services: {
        where: { isActive: true, deletedAt: null },
        orderBy: { id: "asc" },
        select: { id: true, subcategoryId: true, title: true, description: true, priceFrom: true, priceTo: true, currency: true, priceUnit: true },
      },
      portfolioItems: { where: { deletedAt: null }, orderBy: { id: "desc" }, take: PROFILE_PORTFOLIO_LIMIT, select: portfolioSelect },
    },
  });
  if (!p) throw new NotFoundError("ProviderProfile", providerId);
  const now = new Date();
  const [badge, followed, liked] = await Promise.all([
    deps.db.verifiedBadge.findFirst({
      where: { userId: p.userId, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { expiresAt: "desc" },
      select: { badgeType: true, expiresAt: true },
    }),
    viewerUserId ? deps.db.providerFollow.count({ where: { userId: viewerUserId, providerId } }) : undefined,
    viewerUserId ? deps.db.providerLike.count({ where: { userId: viewerUserId, providerId } }) : undefined,
  ]);
  const { categories, portfolioItems, ...profile } = p;
  return {
    ...profile,
    rating: p.ratingAvg / 100,
    subcategoryIds: categories.map((c) => c.subcategoryId),
    portfolio: portfolioItems.map(withImageUrl),
    badge,
    ...(viewerUserId ? { followedByMe: followed! > 0, likedByMe: liked! > 0 } : {}),
  };
}

/** The live provider profile of a user; refuses accounts without one. */
export async function ownProviderProfile(db: Db, userId: number) {
  const p = await db.providerProfile.findFirst({ where: { userId, deletedAt: null }, select: { id: true, userId: true } });
  if (!p) throw new DomainError("NOT_A_PROVIDER", "this account has no provider profile", 403);
  return p;
}

/** The caller's own portfolio, newest first (`limit + 1` rows, keyset on id). */
export async function listOwnPortfolio(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  const provider = await ownProviderProfile(deps.db, userId);
  const items = await deps.db.providerPortfolioItem.findMany({
    where: { providerId: provider.id, deletedAt: null, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    select: portfolioSelect,
  });
  return items.map(withImageUrl);
}

/** One of the caller's own portfolio items; NotFound for others' items. */
export async function getOwnPortfolioItem(deps: Deps, userId: number, itemId: number) {
  const provider = await ownProviderProfile(deps.db, userId);
  const item = await deps.db.providerPortfolioItem.findFirst({ where: { id: itemId, providerId: provider.id, deletedAt: null }, select: portfolioSelect });
  if (!item) throw new NotFoundError("ProviderPortfolioItem", itemId);
  return withImageUrl(item);
}

/** Where a public portfolio image is stored; NotFound when the item or its provider is gone. */
export async function getPortfolioImage(deps: Deps, itemId: number): Promise<{ imageKey: string; mimeType: string; updatedAt: Date }> {
  const item = await deps.db.providerPortfolioItem.findFirst({
    where: { id: itemId, deletedAt: null, provider: { deletedAt: null, user: { isActive: true, deletedAt: null } } },
    select: { imageKey: true, mimeType: true, updatedAt: true },
  });
  // Only keys the portfolio upload wrote: a key pointing elsewhere in storage is never served.
  if (!item || !item.imageKey.startsWith("portfolio/")) throw new NotFoundError("ProviderPortfolioItem", itemId);
  return item;
}
