/**
 * The approval state machine (the only place its moves are declared).
 *
 * pending → approved (a second staff member agreed; the action ran) | rejected (with a note) | expired (nobody decided in time)
 * approved → failed (the action was refused when it ran, e.g. the invoice changed meanwhile)
 */
import { defineMachine } from "../../platform/transitions.js";

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "failed"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const approvalMachine = defineMachine<ApprovalStatus>({
  entity: "ApprovalRequest",
  model: "approvalRequest",
  table: "backoffice_approvalrequest",
  transitions: {
    pending: ["approved", "rejected", "expired"],
    approved: ["failed"],
    rejected: [],
    expired: [],
    failed: [],
  },
});
