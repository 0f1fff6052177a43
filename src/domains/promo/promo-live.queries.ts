/**
 * What the app shows of promotions: the ones live now for a placement, city and subcategory, with
 * image links that work without a token for a while (signed, expiring); the sponsored providers
 * that lead the provider directory; and the image behind a signed link. A promotion targeted at a
 * city or subcategory shows only where that city or subcategory is asked for; an untargeted one
 * shows everywhere. Only status live counts, and only until its end, so a schedule that runs late
 * never shows a promotion past its dates.
 */
import type { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import type { UrlSigner } from "../../platform/signed-urls.js";
import { liveQuerySchema } from "./promo.schemas.js";
import type { Placement } from "./promo.status.js";

type Db = Deps["db"] | Tx;

/** How long a signed image link works: at least LINK_TTL_S, up to LINK_STEP_S more. */
const LINK_TTL_S = 3600;
/** Links expire on a 10-minute grid, so every answer in those 10 minutes carries the same cacheable URL. */
const LINK_STEP_S = 600;
/** How many sponsored providers lead one directory list. */
export const SPONSORED_PER_LIST = 3;

/** Purpose of the signer for promotion images (see platform/signed-urls). */
export const PROMO_ASSET_LINK = "promo-asset";

const liveAt = (now: Date): Prisma.PromoRequestWhereInput => ({
  status: "live", startsAt: { lte: now }, endsAt: { gt: now },
  requester: { isActive: true, deletedAt: null, providerProfile: { is: { deletedAt: null } } },
});
const targeted = (field: "targetCity" | "targetSubcategoryId", value: string | number | undefined): Prisma.PromoRequestWhereInput =>
  value === undefined ? { [field]: null } : { OR: [{ [field]: null }, { [field]: value }] };

/** The signed path of a promotion image, valid for about an hour. */
export function signedAssetPath(signer: UrlSigner, assetId: number, now = new Date()): string {
  const exp = Math.ceil((now.getTime() / 1000 + LINK_TTL_S) / LINK_STEP_S) * LINK_STEP_S;
  return `/api/v1/promotions/assets/${assetId}?exp=${exp}&sig=${signer.sign(assetId, exp)}`;
}

/** Promotions live now for what the app asks (placement, city, subcategory), with signed image links. */
export async function listLivePromotions(deps: Deps, signer: UrlSigner, input: { placement?: Placement; city?: string; subcategoryId?: number }, now = new Date()) {
  const f = liveQuerySchema.parse(input);
  const rows = await deps.db.promoRequest.findMany({
    where: { AND: [liveAt(now), targeted("targetCity", f.city), targeted("targetSubcategoryId", f.subcategoryId), f.placement ? { placement: f.placement } : {}] },
    orderBy: [{ wentLiveAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true, title: true, placement: true, targetCity: true, targetSubcategoryId: true, startsAt: true, endsAt: true,
      requester: { select: { providerProfile: { select: { id: true, displayName: true } } } },
      assets: { where: { removedAt: null, kind: "image" }, orderBy: { id: "asc" }, select: { id: true, mimeType: true, widthPx: true, heightPx: true } },
    },
  });
  return rows.map(({ requester, assets, ...r }) => ({
    ...r,
    provider: requester.providerProfile!,
    assets: assets.map((a) => ({ ...a, url: signedAssetPath(signer, a.id, now) })),
  }));
}

/**
 * The provider profiles that lead a directory list now: category_top of the list's subcategory,
 * and search_boost on any search (q). At most SPONSORED_PER_LIST, earliest booked first.
 */
export async function sponsoredProviderIds(db: Db, f: { subcategoryId?: number; city?: string; searching: boolean }, now = new Date()): Promise<number[]> {
  const placements: Prisma.PromoRequestWhereInput[] = [];
  if (f.subcategoryId !== undefined) placements.push({ placement: "category_top", targetSubcategoryId: f.subcategoryId });
  if (f.searching) placements.push({ placement: "search_boost", ...targeted("targetSubcategoryId", f.subcategoryId) });
  if (!placements.length) return [];
  const rows = await db.promoRequest.findMany({
    where: { AND: [liveAt(now), targeted("targetCity", f.city), { OR: placements }] },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { requester: { select: { providerProfile: { select: { id: true } } } } },
  });
  return [...new Set(rows.map((r) => r.requester.providerProfile!.id))].slice(0, SPONSORED_PER_LIST);
}

/**
 * The image behind a signed link: the signature must be this server's for this image and expiry
 * (403 PROMO_ASSET_LINK_INVALID), not expired (403 PROMO_ASSET_LINK_EXPIRED), and the image must
 * belong to a promotion live now (404 otherwise).
 */
export async function openSignedAsset(deps: Deps, signer: UrlSigner, link: { id: number; exp: number; sig: string }, now = new Date()) {
  const check = signer.check(link.id, link.exp, link.sig, now);
  if (check === "invalid") throw new DomainError("PROMO_ASSET_LINK_INVALID", "bad signature", 403);
  if (check === "expired") throw new DomainError("PROMO_ASSET_LINK_EXPIRED", "link expired", 403);
  const asset = await deps.db.promoAsset.findFirst({ where: { id: link.id, removedAt: null, kind: "image", request: liveAt(now) }, select: { storageKey: true } });
  // Only keys the promotion upload wrote: a key pointing elsewhere in storage is never served.
  if (!asset?.storageKey?.startsWith("promo/")) throw new NotFoundError("PromoAsset", link.id);
  return { storageKey: asset.storageKey, expiresAt: new Date(link.exp * 1000) };
}
