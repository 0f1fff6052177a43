/**
 * The approval state machine (the only place its moves are declared).
 *
 * pending → approved (a second staff member agreed; the action ran) | rejected (with a note) | expired (nobody decided in time)
 *         | failed (agreed, but the action was refused when it ran, e.g. the invoice changed meanwhile: nothing of it happened)
 * approved → failed (an action that calls out, a Stripe refund, was refused after the approval was recorded)
 */
import { defineMachine } from "../../platform/transitions.js";

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "failed"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const approvalMachine = defineMachine<ApprovalStatus>({
  entity: "ApprovalRequest",
  model: "approvalRequest",
  table: "backoffice_approvalrequest",
  transitions: {
    pending: ["approved", "rejected", "expired", "failed"],
    approved: ["failed"],
    rejected: [],
    expired: [],
    failed: [],
  },
});
