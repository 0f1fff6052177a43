/** Inputs of the support commands (the API and the panel parse with these). */
import { z } from "zod";
import { dbId } from "../../platform/validation.js";
import { DISPUTE_OUTCOMES, PRIORITIES, TICKET_TYPES } from "./support.status.js";

const body = z.string().trim().min(1).max(10_000);

export const openTicketSchema = z.object({
  type: z.enum(TICKET_TYPES),
  subject: z.string().trim().min(3).max(200),
  body: z.string().trim().min(3).max(10_000),
  relatedRequestId: dbId.optional(),
  relatedMessageId: dbId.optional(),
  reportedUserId: dbId.optional(),
  /** A follow-up of one of the customer's own tickets that can no longer be reopened. */
  followUpOfId: dbId.optional(),
});

export const customerReplySchema = z.object({ body });

export const rateSchema = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() });

export const replySchema = z.object({
  body,
  /** Publish this draft (with the body as now written) instead of writing a new reply. */
  draftId: dbId.optional(),
  /** Where the ticket goes once the reply is sent. */
  then: z.enum(["in_progress", "waiting_on_customer", "resolved"]).optional(),
});

export const draftSchema = z.object({ body, draftId: dbId.optional() });
export const noteSchema = z.object({ body });

export const triageSchema = z
  .object({
    priority: z.enum(PRIORITIES).optional(),
    teamId: dbId.optional(),
    /** null: nobody. */
    assigneeId: dbId.nullable().optional(),
  })
  .refine((v) => v.priority !== undefined || v.teamId !== undefined || v.assigneeId !== undefined, "NOTHING_TO_CHANGE");

export const setStatusSchema = z.object({
  to: z.enum(["in_progress", "waiting_on_customer", "resolved", "closed"]),
  note: z.string().trim().max(1000).optional(),
});

export const bulkSchema = z.object({ ids: z.array(dbId).min(1).max(200) });

export const resolveDisputeSchema = z.object({
  outcome: z.enum(DISPUTE_OUTCOMES),
  resolution: z.string().trim().min(3, "REASON_TOO_SHORT").max(2000),
  invoiceId: dbId.optional(),
  /** Halalas, for a partial refund. */
  amount: z.number().int().min(1).max(100_000_000).optional(),
});
