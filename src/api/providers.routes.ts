/**
 * Providers in the public API: the category tree, the provider directory and profiles, follows
 * and likes, and a provider's own profile, services and portfolio (images as base64 JSON).
 */
import { z } from "zod";
import * as providers from "../domains/providers/index.js";
import { IMAGE_TYPES } from "../platform/storage.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { fileRoute } from "./stored-files.js";
import { fromApiJson } from "./serialize.js";
import { currency, dbId, dbIdFromString, dbInt, idParam, isoDateTime, money } from "./schemas/common.js";

const TAG = "Providers";
const id = dbId;

const subcategorySchema = z
  .object({ id, slug: z.string(), name_ar: z.string(), name_en: z.string(), icon: z.string().nullable() })
  .meta({ id: "Subcategory" });

const categorySchema = z
  .object({ id, slug: z.string(), name_ar: z.string(), name_en: z.string(), icon: z.string().nullable(), subcategories: z.array(subcategorySchema) })
  .meta({ id: "Category" });

const providerFields = {
  id,
  display_name: z.string(),
  city: z.string(),
  is_verified: z.boolean().meta({ description: "True while the provider holds a valid verified badge." }),
  rating: z.number().meta({ description: "Average rating, 0 to 5 with two decimals (e.g. 4.5).", example: 4.5 }),
  rating_count: z.number().int(),
  followers_count: z.number().int(),
  likes_count: z.number().int(),
  subcategory_ids: z.array(id),
};

const providerSummarySchema = z
  .object({
    ...providerFields,
    bio: z.string().nullable().meta({ description: `The first ${providers.LIST_BIO_CHARS} characters of the bio.` }),
    sponsored: z.boolean().meta({ description: "True for a provider put first by a live promotion (show it as sponsored); false otherwise." }),
  })
  .meta({ id: "ProviderSummary" });

const serviceSchema = z
  .object({
    id,
    subcategory_id: id,
    title: z.string(),
    description: z.string().nullable(),
    price_from: money.nullable(),
    price_to: money.nullable(),
    currency,
    price_unit: z.enum(providers.PRICE_UNITS).nullable(),
  })
  .meta({ id: "ProviderService" });

const portfolioItemSchema = z
  .object({
    id,
    title: z.string(),
    description: z.string().nullable(),
    image_url: z.string().meta({ description: "Path of the image (GET, public).", example: "/api/v1/portfolio/12/image" }),
    likes_count: z.number().int(),
    created_at: isoDateTime,
  })
  .meta({ id: "PortfolioItem" });

const providerSchema = z
  .object({
    ...providerFields,
    bio: z.string().nullable(),
    years_experience: z.number().int().nullable(),
    accepts_urgent: z.boolean(),
    created_at: isoDateTime,
    services: z.array(serviceSchema).meta({ description: "Active services." }),
    portfolio: z.array(portfolioItemSchema).meta({ description: `The newest ${providers.PROFILE_PORTFOLIO_LIMIT} portfolio items.` }),
    badge: z
      .object({ badge_type: z.enum(["identity", "business", "professional"]), expires_at: isoDateTime })
      .nullable()
      .meta({ description: "The provider's valid verified badge (not revoked, not expired), if any." }),
    followed_by_me: z.boolean().optional().meta({ description: "Only when the call carries a bearer token." }),
    liked_by_me: z.boolean().optional().meta({ description: "Only when the call carries a bearer token." }),
  })
  .meta({ id: "Provider" });

const followStateSchema = z.object({ following: z.boolean(), followers_count: z.number().int() }).meta({ id: "FollowState" });
const likeStateSchema = z.object({ liked: z.boolean(), likes_count: z.number().int() }).meta({ id: "LikeState" });

const serviceBody = z
  .object({
    id: id.optional().meta({ description: "One of your services to update; omit to create a new one." }),
    subcategory_id: id,
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    price_from: money.min(0).max(1_000_000_000).nullable().optional(),
    price_to: money.min(0).max(1_000_000_000).nullable().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "CURRENCY_CODE").optional().meta({ description: "Defaults to SAR." }),
    price_unit: z.enum(providers.PRICE_UNITS).nullable().optional(),
  })
  .strict()
  // The rule is the domain's (one home); checked here too so every failing field is reported at once.
  .refine((s) => providers.priceOrder({ priceFrom: s.price_from, priceTo: s.price_to }), { message: "PRICE_ORDER", path: ["price_to"] });

const imageBase64 = providers.base64ImageSchema.meta({ description: "The image file in base64: JPEG, PNG or WebP, at most 5 MB. The type is decided from the bytes.", contentEncoding: "base64" });

const portfolioBody = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  image_base64: imageBase64,
});

const RATING_CURSOR = z.tuple([dbInt.min(0), dbId]);

export function providersRoutes(api: Api, c: ApiContext): void {
  const withStorage = { ...c.deps, storage: c.storage };

  api.route(
    {
      method: "get", path: "/categories", tag: TAG, auth: "none", cache: true, summary: "Service categories and their subcategories",
      description: "Active categories by sort order, each with its active subcategories.",
      response: z.object({ items: z.array(categorySchema) }).meta({ id: "CategoryList" }),
    },
    async () => ({ items: await providers.listCategories(c.deps) }),
  );

  api.route(
    {
      method: "get", path: "/providers", tag: TAG, auth: "none", cache: true, summary: "Find providers",
      description:
        "Newest first, or by rating. Pages are keyset-based: providers added meanwhile never shift a page. " +
        "Sponsored providers: on the first page only (no `cursor`), up to 3 providers with a live promotion come first, marked `sponsored: true` — " +
        "a category_top promotion for the `subcategory` asked for, a search_boost promotion on any search (`q`), each only if the provider also matches " +
        "`city`, `subcategory` and `verified`. They are extra to `limit` and not repeated on that page; the following pages are the plain list " +
        "(`sponsored: false`), which leaves out nobody, so a sponsored provider appears again at its own place.",
      query: z.object({
        subcategory: dbIdFromString.optional().meta({ description: "Only providers working in this subcategory." }),
        city: z.string().trim().min(1).max(100).optional().meta({ description: "Exact city name as shown on profiles (case-sensitive).", example: "Riyadh" }),
        verified: z.enum(["true", "false"]).optional().meta({ description: "Only verified (true) or unverified (false) providers." }),
        q: z.string().trim().min(1).max(100).optional().meta({ description: "Text in the display name or a service title (case-insensitive)." }),
        sort: z.enum(providers.PROVIDER_SORTS).default("newest").meta({ description: "newest: newest profiles first; rating: best rated first." }),
        ...pageQuery,
      }),
      response: pageOf(providerSummarySchema, "ProviderPage"),
    },
    async ({ query }) => {
      let after: providers.ProviderListAfter | undefined;
      if (query.sort === "rating") {
        const k = decodeCursor(query.cursor, RATING_CURSOR);
        after = k && { sort: "rating", ratingAvg: k[0], id: k[1] };
      } else {
        const k = decodeCursor(query.cursor, idCursor);
        after = k === undefined ? undefined : { sort: "newest", id: k };
      }
      const { rows, sponsored } = await providers.listProviderDirectory(
        c.deps,
        {
          subcategoryId: query.subcategory,
          city: query.city,
          verified: query.verified === undefined ? undefined : query.verified === "true",
          q: query.q,
          sort: query.sort,
          limit: query.limit,
        },
        after,
      );
      const page = paginate(rows, query.limit, (r) => (query.sort === "rating" ? [r.ratingAvg, r.id] : r.id));
      return { ...page, items: providers.sponsoredFirst(sponsored, page.items) };
    },
  );

  api.route(
    {
      method: "get", path: "/providers/{id}", tag: TAG, auth: "none", cache: true, summary: "A provider's profile",
      description: "Public. With a bearer token the answer also says whether the caller follows and likes the provider (and is not cached).",
      params: idParam,
      response: providerSchema,
    },
    ({ params, user }) => providers.getProvider(c.deps, params.id, user?.id),
  );

  const link = <R extends z.ZodType>(path: string, summary: string, response: R, cmd: (id: number, ctx: Parameters<typeof providers.followProvider>[1]) => Promise<unknown>, method: "post" | "delete") =>
    api.route(
      {
        method, path, tag: TAG, auth: "user", summary, params: idParam, response, errors: method === "post" ? [422] : [],
        description: "Idempotent: repeating it changes nothing and answers the same. You cannot follow or like your own profile or work (422 OWN_PROFILE).",
      },
      ({ params, ctx }) => cmd(params.id, ctx),
    );
  link("/providers/{id}/follow", "Follow a provider", followStateSchema, (id, ctx) => providers.followProvider(c.deps, ctx, id), "post");
  link("/providers/{id}/follow", "Stop following a provider", followStateSchema, (id, ctx) => providers.unfollowProvider(c.deps, ctx, id), "delete");
  link("/providers/{id}/like", "Like a provider", likeStateSchema, (id, ctx) => providers.likeProvider(c.deps, ctx, id), "post");
  link("/providers/{id}/like", "Take back a like of a provider", likeStateSchema, (id, ctx) => providers.unlikeProvider(c.deps, ctx, id), "delete");
  link("/portfolio/{id}/like", "Like a portfolio item", likeStateSchema, (id, ctx) => providers.likePortfolioItem(c.deps, ctx, id), "post");
  link("/portfolio/{id}/like", "Take back a like of a portfolio item", likeStateSchema, (id, ctx) => providers.unlikePortfolioItem(c.deps, ctx, id), "delete");

  api.route(
    {
      method: "patch", path: "/me/provider", tag: TAG, auth: "provider", summary: "Edit your provider profile, categories and services",
      description:
        "`subcategory_ids` replaces the set of subcategories. `services` replaces the list: an item with `id` updates that service " +
        "(omitted fields are cleared), an item without creates one, and your services not listed are removed. Answers the public profile.",
      body: z
        .object({
          display_name: z.string().trim().min(2).max(150),
          bio: z.string().trim().max(2000).nullable(),
          city: z.string().trim().min(2).max(100),
          years_experience: z.number().int().min(0).max(80).nullable(),
          accepts_urgent: z.boolean(),
          subcategory_ids: z.array(id).max(30),
          services: z.array(serviceBody).max(50),
        })
        .partial()
        .strict(),
      response: providerSchema,
      errors: [422],
    },
    async ({ body, ctx, user }) => {
      const { id } = await providers.updateOwnProvider(c.deps, ctx, fromApiJson(body));
      return providers.getProvider(c.deps, id, user.id);
    },
  );

  api.route(
    {
      method: "get", path: "/me/provider/portfolio", tag: TAG, auth: "provider", summary: "Your portfolio", description: "Newest first.",
      query: z.object(pageQuery),
      response: pageOf(portfolioItemSchema, "PortfolioItemPage"),
    },
    async ({ query, user }) => {
      const rows = await providers.listOwnPortfolio(c.deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/provider/portfolio", tag: TAG, auth: "provider", summary: "Add a picture of your work",
      body: portfolioBody.strict(),
      response: portfolioItemSchema,
      status: 201,
      idempotent: true,
      errors: [413, 415],
    },
    async ({ body, ctx, user }) => {
      const item = await providers.addPortfolioItem(withStorage, ctx, fromApiJson(body));
      return providers.getOwnPortfolioItem(c.deps, user.id, item.id);
    },
  );

  api.route(
    {
      method: "patch", path: "/me/provider/portfolio/{id}", tag: TAG, auth: "provider", summary: "Edit a portfolio item or replace its image",
      params: idParam,
      body: portfolioBody.partial().strict(),
      response: portfolioItemSchema,
      errors: [413, 415],
    },
    async ({ params, body, ctx, user }) => {
      await providers.updatePortfolioItem(withStorage, ctx, params.id, fromApiJson(body));
      return providers.getOwnPortfolioItem(c.deps, user.id, params.id);
    },
  );

  api.route(
    { method: "delete", path: "/me/provider/portfolio/{id}", tag: TAG, auth: "provider", summary: "Remove a portfolio item", params: idParam },
    ({ params, ctx }) => providers.deletePortfolioItem(c.deps, ctx, params.id),
  );

  fileRoute(api, c.storage, {
    path: "/portfolio/{id}/image", tag: TAG, auth: "none", summary: "A portfolio item's image",
    description: "Public. The bytes as uploaded, served with the type detected from them (JPEG, PNG or WebP), `nosniff` and a `sandbox` CSP.",
    params: idParam,
    allowed: IMAGE_TYPES,
    load: async ({ params }) => {
      const image = await providers.getPortfolioImage(c.deps, params.id);
      return { key: image.imageKey, disposition: "inline", cacheControl: "public, max-age=300", entity: "ProviderPortfolioItem", id: params.id };
    },
  });
}
