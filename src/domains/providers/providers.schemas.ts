/** Input schemas of the providers commands and queries (camelCase; the API has its snake_case twins). */
import { z } from "zod";
import { dbId, isBase64 } from "../../platform/validation.js";

export const PRICE_UNITS = ["fixed", "hourly", "daily", "per_visit", "per_sqm"] as const;

/** Portfolio images: decided by their bytes, at most 5 MB. */
export const PORTFOLIO_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Base64 of PORTFOLIO_IMAGE_MAX_BYTES, rounded up (4 characters per 3 bytes). */
export const PORTFOLIO_IMAGE_MAX_BASE64 = Math.ceil(PORTFOLIO_IMAGE_MAX_BYTES / 3) * 4;

/** How long the `bio` of a list item may be; the profile page has the whole text. */
export const LIST_BIO_CHARS = 160;

/** A service's price range: the upper price is never below the starting one. */
export const priceOrder = (s: { priceFrom?: number | null; priceTo?: number | null }) => s.priceFrom == null || s.priceTo == null || s.priceFrom <= s.priceTo;

/** One service in PATCH /me/provider: with `id` it updates that service, without it creates one. */
export const serviceInputSchema = z
  .object({
    id: dbId.optional(),
    subcategoryId: dbId,
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    priceFrom: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    priceTo: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "CURRENCY_CODE").optional(),
    priceUnit: z.enum(PRICE_UNITS).nullable().optional(),
  })
  .strict()
  .refine(priceOrder, { message: "PRICE_ORDER", path: ["priceTo"] });
export type ServiceInput = z.input<typeof serviceInputSchema>;

export const updateProviderSchema = z
  .object({
    displayName: z.string().trim().min(2).max(150),
    bio: z.string().trim().max(2000).nullable(),
    city: z.string().trim().min(2).max(100),
    yearsExperience: z.number().int().min(0).max(80).nullable(),
    acceptsUrgent: z.boolean(),
    /** Replaces the set of subcategories. */
    subcategoryIds: z.array(dbId).max(30),
    /** Replaces the list of services (see serviceInputSchema). */
    services: z.array(serviceInputSchema).max(50),
  })
  .partial()
  .strict();
export type UpdateProviderInput = z.input<typeof updateProviderSchema>;

/** Plain base64 (no data: prefix, no whitespace), checked in one linear pass: a regex overflows the stack on megabytes. */
export const base64ImageSchema = z.string().max(PORTFOLIO_IMAGE_MAX_BASE64 + 4).refine(isBase64, "NOT_BASE64");

export const addPortfolioItemSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    imageBase64: base64ImageSchema,
  })
  .strict();
export type AddPortfolioItemInput = z.input<typeof addPortfolioItemSchema>;

export const updatePortfolioItemSchema = addPortfolioItemSchema.partial().strict();
export type UpdatePortfolioItemInput = z.input<typeof updatePortfolioItemSchema>;

export const PROVIDER_SORTS = ["newest", "rating"] as const;
export type ProviderSort = (typeof PROVIDER_SORTS)[number];

/** Where the next page of the provider list starts (the sort key of the last item seen). */
export type ProviderListAfter = { sort: "newest"; id: number } | { sort: "rating"; ratingAvg: number; id: number };

export const listProvidersSchema = z
  .object({
    subcategoryId: dbId.optional(),
    /** Exact match on the stored city (case-sensitive, so the (city, id) index serves it). */
    city: z.string().trim().min(1).max(100).optional(),
    verified: z.boolean().optional(),
    /** Case-insensitive "contains" over the display name and active service titles. */
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(PROVIDER_SORTS).default("newest"),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListProvidersInput = z.input<typeof listProvidersSchema>;
