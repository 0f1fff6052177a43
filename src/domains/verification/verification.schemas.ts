/** Inputs of the verification commands (the API and the panel parse with these). */
import { z } from "zod";
import { dbId, reasonSchema } from "../../platform/validation.js";
import { BADGE_TYPES, DOC_TYPES } from "./verification.status.js";

export const createRequestSchema = z.object({
  badgeType: z.enum(BADGE_TYPES),
  note: z.string().trim().max(1000).nullable().optional(),
});

/** The text fields sent with a document file. */
export const uploadFieldsSchema = z.object({
  docType: z.enum(DOC_TYPES),
  /** The expiry printed on the document, if it has one (YYYY-MM-DD). */
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "DATE_FORMAT_YMD")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "DATE_INVALID")
    .optional(),
});

export const DOCUMENT_DECISIONS = ["approved", "rejected", "needs_review"] as const;

export const reviewDocumentSchema = z
  .object({
    decision: z.enum(DOCUMENT_DECISIONS),
    reasonCode: z.string().trim().min(1).max(50).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.decision !== "rejected" || !!r.reasonCode, { message: "REJECTION_REASON_REQUIRED", path: ["reasonCode"] });

export const rejectRequestSchema = z.object({ reasonCode: z.string().trim().min(1).max(50).optional(), reason: reasonSchema });

export const requestChangesSchema = z.object({
  message: reasonSchema,
  docTypes: z.array(z.enum(DOC_TYPES)).min(1, "DOCUMENTS_NONE_NAMED").max(DOC_TYPES.length),
});

export { QUEUE_VIEWS, type QueueView } from "../../platform/review-queue.js";

export const assignSchema = z.object({ ids: z.array(dbId).min(1).max(200), reviewerId: dbId });
