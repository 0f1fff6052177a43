/**
 * Reconciliation state machines (the only places their moves are declared).
 *
 * run:   pending → running → completed | failed;  failed → running (the job retries, or staff re-run)
 * item:  open → resolved
 */
import { defineMachine } from "../../platform/transitions.js";

export const RECONCILIATION_RUN_STATUSES = ["pending", "running", "completed", "failed"] as const;
export type ReconciliationRunStatus = (typeof RECONCILIATION_RUN_STATUSES)[number];

export const reconciliationRunMachine = defineMachine<ReconciliationRunStatus>({
  entity: "ReconciliationRun",
  model: "reconciliationRun",
  table: "billing_reconciliationrun",
  transitions: {
    pending: ["running"], // created, its job is queued
    running: ["completed", "failed"], // the job is comparing Stripe with local records
    completed: [], // items list every mismatch found; final
    failed: ["running"], // error kept on the run; pg-boss retries the job
  },
});

export const RECONCILIATION_ITEM_STATUSES = ["open", "resolved"] as const;
export type ReconciliationItemStatus = (typeof RECONCILIATION_ITEM_STATUSES)[number];

export const reconciliationItemMachine = defineMachine<ReconciliationItemStatus>({
  entity: "ReconciliationItem",
  model: "reconciliationItem",
  table: "billing_reconciliationitem",
  transitions: {
    open: ["resolved"], // waiting for finance
    resolved: [], // handled (note, who and when kept on the item)
  },
});

export const RECONCILIATION_ITEM_KINDS = ["missing_local", "missing_remote", "amount_mismatch", "currency_mismatch", "refund_not_recorded", "disputed"] as const;
export type ReconciliationItemKind = (typeof RECONCILIATION_ITEM_KINDS)[number];

/** Kinds that "apply from Stripe" can fix: Stripe's facts are missing here, and merging them is what a webhook would have done. */
export const APPLICABLE_FROM_STRIPE: readonly ReconciliationItemKind[] = ["missing_local", "refund_not_recorded"];
