/**
 * Reconciliation state machines (the only places their moves are declared).
 *
 * run:   pending → running → completed | failed;  failed → running (the job retries, or staff re-run)
 * item:  open → resolved (by a note, by applying Stripe's facts, or when its extra money was refunded)
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

/** What a reconciliation run compares and totals. */
export const RUN_ITEM_KINDS = ["missing_local", "missing_remote", "amount_mismatch", "currency_mismatch", "refund_not_recorded", "disputed"] as const;
/** Raised by payment processing as the webhook facts arrive, or by a paying domain refusing what was paid for (items without a run). */
export const PAYMENT_ITEM_KINDS = ["duplicate_payment", "overpaid", "refund_failed", "refund_due"] as const;
export const RECONCILIATION_ITEM_KINDS = [...RUN_ITEM_KINDS, ...PAYMENT_ITEM_KINDS] as const;
export type ReconciliationItemKind = (typeof RECONCILIATION_ITEM_KINDS)[number];
export type RunItemKind = (typeof RUN_ITEM_KINDS)[number];

/** Kinds whose money finance gives back through Stripe from the item itself (the payment's excess). */
export const REFUNDABLE_ITEM_KINDS: readonly ReconciliationItemKind[] = ["duplicate_payment", "overpaid"];

/** Kinds that "apply from Stripe" can fix: Stripe's facts are missing here, and merging them is what a webhook would have done. */
export const APPLICABLE_FROM_STRIPE: readonly ReconciliationItemKind[] = ["missing_local", "refund_not_recorded"];
