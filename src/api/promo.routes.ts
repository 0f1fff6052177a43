/**
 * Promotions in the public API: what each placement takes and costs; a provider's own promotions
 * — open a draft, upload images (multipart, streamed, typed from the bytes, checked against the
 * placement's rules), submit (the answer carries the invoice to pay through /invoices/{id}/pay),
 * withdraw, and read status and reasons; and, for everyone, what is live now with signed image
 * links that expire.
 */
import { z } from "zod";
import * as promo from "../domains/promo/index.js";
import { riyadhDay } from "../platform/riyadh-time.js";
import { urlSigner } from "../platform/signed-urls.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { fileRoute } from "./stored-files.js";
import { currency, dbId, dbIdFromString, idParam, isoDateTime, money } from "./schemas/common.js";

const TAG = "Promotions";
const names = z.object({ ar: z.string(), en: z.string() });
const placement = z.enum(promo.PLACEMENTS);
const day = z.string().meta({ format: "date", example: "2026-12-10" });

const ruleSchema = z
  .object({
    placement,
    name: names,
    daily_price: money,
    currency,
    max_days: z.number().int(),
    types: z.array(z.string()).meta({ description: "Image types taken, decided from the bytes." }),
    max_bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    fit: z.enum(["exact", "min"]).meta({ description: "exact: the image must be width×height pixels; min: at least that big." }),
    max_live_per_city: z.number().int().nullable().meta({ description: "How many of this placement one city shows at once (null: no limit)." }),
  })
  .meta({ id: "PromoPlacement" });

const ownAssetSchema = z
  .object({
    id: dbId,
    file_name: z.string().nullable(),
    mime_type: z.string().nullable(),
    size_bytes: z.number().int().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    uploaded_at: isoDateTime,
    file_url: z.string().meta({ description: "GET with your bearer token to download the image." }),
  })
  .meta({ id: "PromoAsset" });

const requestSchema = z
  .object({
    id: dbId,
    title: z.string(),
    placement,
    status: z.enum(promo.PROMO_STATUSES),
    city: z.string().nullable(),
    subcategory_id: dbId.nullable(),
    category_id: dbId.nullable(),
    starts_on: day.meta({ description: "First day shown (Riyadh)." }),
    ends_on: day.meta({ description: "The day after the last day shown (Riyadh)." }),
    starts_at: isoDateTime,
    ends_at: isoDateTime,
    days: z.number().int().nullable().meta({ description: "Priced at submission: days × daily_rate = amount (before VAT)." }),
    daily_rate: money.nullable(),
    amount: money.nullable(),
    decision_reason: z.string().nullable().meta({ description: "Why it was rejected, or what the reviewer asks you to change." }),
    invoice: z.object({ id: dbId, number: z.string(), status: z.string(), total: money, currency }).nullable(),
    assets: z.array(ownAssetSchema),
    submitted_at: isoDateTime.nullable(),
    decided_at: isoDateTime.nullable(),
    went_live_at: isoDateTime.nullable(),
    ended_at: isoDateTime.nullable(),
    created_at: isoDateTime,
  })
  .meta({ id: "PromoRequest" });

const liveSchema = z
  .object({
    id: dbId,
    title: z.string(),
    placement,
    city: z.string().nullable(),
    subcategory_id: dbId.nullable(),
    starts_at: isoDateTime,
    ends_at: isoDateTime,
    provider: z.object({ id: dbId, display_name: z.string() }),
    assets: z.array(
      z.object({
        id: dbId,
        mime_type: z.string().nullable(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
        url: z.string().meta({ description: "Signed link to the image; works without a token for about an hour." }),
      }),
    ),
  })
  .meta({ id: "LivePromotion" });

type OwnRequest = Awaited<ReturnType<typeof promo.getOwnPromoRequest>>;

function requestOut(r: OwnRequest) {
  return {
    ...r,
    city: r.targetCity,
    subcategoryId: r.targetSubcategoryId,
    categoryId: r.targetCategoryId,
    startsOn: riyadhDay(r.startsAt),
    endsOn: riyadhDay(r.endsAt),
    assets: r.assets.map((a) => ({ ...a, width: a.widthPx, height: a.heightPx, uploadedAt: a.createdAt, fileUrl: `/api/v1/me/promo-assets/${a.id}/file` })),
  };
}

/** Registers the promotion routes (tag "Promotions"). */
export function promoRoutes(api: Api, c: ApiContext): void {
  const withStorage = { ...c.deps, storage: c.storage };
  const signer = urlSigner(c.cfg.sessionSecret, promo.PROMO_ASSET_LINK);
  const detail = async (id: number, userId: number) => requestOut(await promo.getOwnPromoRequest(c.deps, userId, id));

  api.route(
    {
      method: "get", path: "/promotions/placements", tag: TAG, auth: "none", summary: "What each placement takes and costs",
      description: "Per placement: the price per day in halalas, the longest booking, and the images it takes (types, bytes, pixel size).",
      response: z.object({ items: z.array(ruleSchema) }).meta({ id: "PromoPlacementList" }),
    },
    async () => {
      const { rules, prices, maxDays } = await promo.placementCatalog(c.deps.db);
      return {
        items: promo.PLACEMENTS.map((p) => ({ placement: p, name: promo.PLACEMENT_NAMES[p], dailyPrice: prices[p], currency: "SAR", maxDays, ...rules[p], maxLivePerCity: rules[p].maxLivePerCity ?? null })),
      };
    },
  );

  api.route(
    {
      method: "post", path: "/me/promotions", tag: TAG, auth: "provider", summary: "Open a promotion (a draft)",
      description:
        "Whole days in Riyadh time: shown from `starts_on` (today or later) until the day before `ends_on`, at most the placement list's `max_days` " +
        "(422 PROMO_START_PASSED, PROMO_TOO_LONG). category_top needs `subcategory_id`. Without `city` it shows in every city.",
      body: z
        .object({
          title: z.string().trim().min(3).max(200),
          placement,
          city: z.string().trim().min(1).max(100).nullable().optional(),
          subcategory_id: dbId.nullable().optional(),
          starts_on: day,
          ends_on: day,
        })
        .strict(),
      response: requestSchema, status: 201, idempotent: true,
    },
    async ({ body, ctx, user }) => {
      const r = await promo.createPromoRequest(c.deps, ctx, { title: body.title, placement: body.placement, city: body.city, subcategoryId: body.subcategory_id, startsOn: body.starts_on, endsOn: body.ends_on });
      return detail(r.id, user.id);
    },
  );

  api.route(
    { method: "get", path: "/me/promotions", tag: TAG, auth: "provider", summary: "My promotions, newest first", query: z.object(pageQuery), response: pageOf(requestSchema, "PromoRequestPage") },
    async ({ query, user }) => {
      const rows = await promo.listOwnPromoRequests(c.deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      const page = paginate(rows, query.limit, (r) => r.id);
      return { ...page, items: page.items.map(requestOut) };
    },
  );

  api.route(
    { method: "get", path: "/me/promotions/{id}", tag: TAG, auth: "provider", summary: "One of my promotions", params: idParam, response: requestSchema },
    ({ params, user }) => detail(params.id, user.id),
  );

  api.route(
    {
      method: "post", path: "/me/promotions/{id}/assets", tag: TAG, auth: "provider", summary: "Upload an image",
      description:
        "multipart/form-data with `file`: checked against the placement's rules (GET /promotions/placements) — type from the bytes (415 PROMO_ASSET_TYPE_NOT_ALLOWED), " +
        "size (413 PROMO_ASSET_TOO_LARGE), pixel size from the image header (422 PROMO_ASSET_DIMENSIONS, PROMO_ASSET_TOO_SMALL). At most 5 images; " +
        "only while the promotion is a draft or changes were asked for (409 PROMO_NOT_EDITABLE).",
      params: idParam,
      multipart: {
        fields: z.object({}).strict(),
        allowed: promo.ASSET_MIME_TYPES,
        // The largest any placement takes; the placement's own limit is checked once the promotion is known.
        maxBytes: async () => Math.max(...Object.values((await promo.placementCatalog(c.deps.db)).rules).map((r) => r.maxBytes)),
        tempDir: () => c.storage.tempDir(),
        fileDescription: "The image: JPEG, PNG or WebP.",
      },
      response: requestSchema, status: 201, errors: [409, 422],
    },
    async ({ params, file, ctx, user }) => {
      await promo.uploadPromoAsset(withStorage, ctx, params.id, file);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "delete", path: "/me/promotions/{id}/assets/{asset_id}", tag: TAG, auth: "provider", summary: "Remove an image",
      description: "Only while the promotion is a draft or changes were asked for (409 PROMO_NOT_EDITABLE).",
      params: z.object({ id: dbIdFromString.meta({ description: "Promotion id" }), asset_id: dbIdFromString.meta({ description: "Image id" }) }),
      response: requestSchema, errors: [409],
    },
    async ({ params, ctx, user }) => {
      await promo.removePromoAsset(c.deps, ctx, params.id, params.asset_id);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/promotions/{id}/submit", tag: TAG, auth: "provider", summary: "Submit for review (or resubmit after changes)",
      description:
        "From a draft: at least one image (422 PROMO_ASSETS_MISSING). Priced days × the placement's daily price (a `promo_code` may discount it); " +
        "answers with status pending_payment and its `invoice`: pay it with POST /invoices/{id}/pay, and once paid it is in review. " +
        "After changes_requested: upload a new image first; it returns to review.",
      params: idParam,
      body: z.object({ promo_code: z.string().trim().min(1).max(50).optional() }).strict(),
      response: requestSchema, errors: [409, 422],
    },
    async ({ params, body, ctx, user }) => {
      await promo.submitPromoRequest(c.deps, ctx, params.id, { promoCode: body.promo_code });
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/promotions/{id}/cancel", tag: TAG, auth: "provider", summary: "Withdraw a promotion before paying (its invoice is voided)",
      description: "Only a draft or one waiting for payment (409 PROMO_NOT_WITHDRAWABLE); a paid one is cancelled by support.",
      params: idParam, response: requestSchema, errors: [409],
    },
    async ({ params, ctx, user }) => {
      await promo.cancelOwnPromoRequest(c.deps, ctx, params.id);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "get", path: "/promotions/live", tag: TAG, auth: "none", summary: "Promotions showing now",
      description:
        "Live now, oldest first. A promotion targeted at a city (or subcategory) is listed only when that `city` (or `subcategory`) is asked for; " +
        "an untargeted one is listed for any. Image `url`s are signed and work without a token for about an hour: load the list again for fresh ones.",
      query: z.object({
        placement: placement.optional(),
        city: z.string().trim().min(1).max(100).optional().meta({ description: "The viewer's city, exactly as on profiles.", example: "Riyadh" }),
        subcategory: dbIdFromString.optional().meta({ description: "The subcategory being browsed." }),
      }),
      response: z.object({ items: z.array(liveSchema) }).meta({ id: "LivePromotionList" }),
    },
    async ({ query }) => {
      const rows = await promo.listLivePromotions(c.deps, signer, { placement: query.placement, city: query.city, subcategoryId: query.subcategory });
      return { items: rows.map((r) => ({ ...r, city: r.targetCity, subcategoryId: r.targetSubcategoryId, assets: r.assets.map((a) => ({ ...a, width: a.widthPx, height: a.heightPx })) })) };
    },
  );

  fileRoute(api, c.storage, {
    path: "/promotions/assets/{id}", tag: TAG, auth: "none", summary: "A live promotion's image (signed link)",
    description: "The `url` of GET /promotions/live. 403 PROMO_ASSET_LINK_INVALID for a signature this server did not make, PROMO_ASSET_LINK_EXPIRED once `exp` passed; 404 once the promotion is no longer live.",
    params: idParam,
    query: z.object({ exp: z.coerce.number().int().min(0).max(2_147_483_647).meta({ description: "Expiry, Unix seconds." }), sig: z.string().min(1).max(100).meta({ description: "Signature." }) }),
    allowed: promo.ASSET_MIME_TYPES,
    errors: { 403: "The link's signature is not valid, or it expired" },
    load: async ({ params, query }) => {
      const a = await promo.openSignedAsset(c.deps, signer, { id: params.id, exp: query.exp, sig: query.sig });
      const maxAge = Math.max(0, Math.min(3600, Math.floor((a.expiresAt.getTime() - Date.now()) / 1000)));
      return { key: a.storageKey, disposition: "inline", cacheControl: `public, max-age=${maxAge}`, entity: "PromoAsset", id: params.id };
    },
  });

  fileRoute(api, c.storage, {
    path: "/me/promo-assets/{id}/file", tag: TAG, auth: "user", summary: "Download one of my promotion images",
    description: "Only the provider who uploaded it (404 for anyone else). Served with the type detected from the bytes, `nosniff` and a `sandbox` CSP.",
    params: z.object({ id: dbIdFromString.meta({ description: "Image id" }) }),
    allowed: promo.ASSET_MIME_TYPES,
    load: async ({ params, userId }) => {
      const a = await promo.getOwnPromoAssetFile(c.deps, userId!, params.id);
      return { key: a.storageKey, disposition: "inline", filename: a.fileName, entity: "PromoAsset", id: params.id };
    },
  });
}
