/** Input schemas of the marketplace commands (shared by the API, the panel and tests). */
import { z } from "zod";
import { dbDate, dbId, dbInt } from "../../platform/validation.js";

export const cancelReasonSchema = z.string().trim().min(3, "REASON_TOO_SHORT").max(500);

export const createRequestSchema = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(3).max(5000),
  subcategoryId: dbId,
  city: z.string().trim().min(2).max(100),
  address: z.string().trim().max(500).optional(),
  budgetMin: dbInt.min(0).optional(),
  budgetMax: dbInt.min(0).optional(),
  priority: z.enum(["low", "normal", "high", "urgent"]).default("normal"),
  preferredDate: dbDate.optional(),
}).refine((v) => v.budgetMin === undefined || v.budgetMax === undefined || v.budgetMin <= v.budgetMax, {
  message: "BUDGET_ORDER",
  path: ["budgetMin"],
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;

export const submitOfferSchema = z.object({
  price: dbInt.positive(),
  message: z.string().trim().min(1).max(2000),
  estimatedDays: z.number().int().min(1).max(365).optional(),
});
export type SubmitOfferInput = z.input<typeof submitOfferSchema>;
