/** Inputs of the promotion commands (the API and, later, the panel parse with these). */
import { z } from "zod";
import { dbId, reasonSchema } from "../../platform/validation.js";
import { riyadhDayStart } from "../../platform/riyadh-time.js";
import { PLACEMENTS } from "./promo.status.js";

/** A calendar day (YYYY-MM-DD, Riyadh). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "DATE_FORMAT_YMD")
  .refine((v) => !Number.isNaN(riyadhDayStart(v).getTime()), "DATE_INVALID");

export const createPromoSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    placement: z.enum(PLACEMENTS),
    /** Shown only to people looking at this city; absent: every city. */
    city: z.string().trim().min(1).max(100).nullable().optional(),
    /** The subcategory whose provider list it leads (category_top: required). */
    subcategoryId: dbId.nullable().optional(),
    /** First day shown. */
    startsOn: daySchema,
    /** The day after the last day shown: the promotion runs startsOn … endsOn − 1 (endsOn − startsOn days). */
    endsOn: daySchema,
  })
  .strict()
  .refine((d) => d.endsOn > d.startsOn, { message: "DATE_AFTER_START", path: ["endsOn"] });

export const submitPromoSchema = z.object({ promoCode: z.string().trim().min(1).max(50).optional() }).strict();

export const rejectPromoSchema = z.object({ reason: reasonSchema });
export const requestPromoChangesSchema = z.object({ message: reasonSchema });

/** What the app asks the live promotions for. */
export const liveQuerySchema = z.object({
  placement: z.enum(PLACEMENTS).optional(),
  city: z.string().trim().min(1).max(100).optional(),
  subcategoryId: dbId.optional(),
});
