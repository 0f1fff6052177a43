/**
 * The payout state machine (the only place its moves are declared).
 *
 * pending (requested) → approved → paid (transfer reference and date) → failed (returned by the bank)
 * pending | approved | processing → rejected (reason; the hold is released)
 * pending → cancelled (by the provider; the hold is released)
 * approved → processing → paid | failed   (processing: sent, not yet confirmed — kept for older rows)
 */
import { defineMachine } from "../../platform/transitions.js";

export const PAYOUT_STATUSES = ["pending", "approved", "processing", "paid", "rejected", "cancelled", "failed"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const payoutMachine = defineMachine<PayoutStatus>({
  entity: "Payout",
  model: "payout",
  table: "billing_payout",
  transitions: {
    pending: ["approved", "rejected", "cancelled"], // requested by the provider; the amount is held
    approved: ["processing", "paid", "rejected"], // finance agreed; goes in the next bank batch
    processing: ["paid", "failed", "rejected"], // sent to the bank, not yet confirmed
    paid: ["failed"], // money left; the bank may still return it
    rejected: [], // refused with a reason; the hold was released
    cancelled: [], // withdrawn by the provider; the hold was released
    failed: [], // returned by the bank; the amount went back to the wallet
  },
});

/** Payouts whose amount is still held (not yet paid or given back). */
export const HELD: readonly PayoutStatus[] = ["pending", "approved", "processing"];
