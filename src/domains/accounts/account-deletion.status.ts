/**
 * Account deletion state machine.
 *   pending (grace period: tokens revoked, profile hidden) → cancelled (the user signs in again,
 *     or staff cancel) | completed (personal data erased after the grace period, or by staff now)
 */
import { defineMachine } from "../../platform/transitions.js";

export const DELETION_STATUSES = ["pending", "cancelled", "completed"] as const;
export type DeletionStatus = (typeof DELETION_STATUSES)[number];

export const deletionMachine = defineMachine<DeletionStatus>({
  entity: "AccountDeletion",
  model: "accountDeletion",
  table: "accounts_accountdeletion",
  transitions: {
    pending: ["cancelled", "completed"], // waiting out the grace period
    cancelled: [], // stopped; a new request starts a new deletion
    completed: [], // erased for good
  },
});
