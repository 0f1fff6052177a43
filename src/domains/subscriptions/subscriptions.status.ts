/**
 * Subscription state machine.
 *   pending_payment → active (first invoice paid) | cancelled (invoice voided or user cancels)
 *   active → active (renewal paid: next period) | past_due (period ended unpaid) | cancelled (at period end) | expired
 *   past_due → active (renewal paid within grace) | expired (grace over) | cancelled
 */
import { defineMachine } from "../../platform/transitions.js";

export const SUBSCRIPTION_STATUSES = ["pending_payment", "active", "past_due", "cancelled", "expired"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const subscriptionMachine = defineMachine<SubscriptionStatus>({
  entity: "Subscription",
  model: "subscription",
  table: "subscriptions_subscription",
  transitions: {
    pending_payment: ["active", "cancelled"], // first invoice issued, waiting for payment
    active: ["active", "past_due", "cancelled", "expired"], // paid for the current period
    past_due: ["active", "expired", "cancelled"], // renewal unpaid, inside the grace period
    cancelled: [], // ended by the user or staff
    expired: [], // ended unpaid
  },
});

export const CYCLES = ["monthly", "quarterly", "half_yearly", "yearly"] as const;
export type Cycle = (typeof CYCLES)[number];
export const CYCLE_MONTHS: Record<Cycle, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/** Renewal invoices are issued this long before a period ends. */
export const RENEW_AHEAD_MS = 3 * 24 * 3600_000;
/** How long an unpaid renewal keeps the subscription (past_due) before it expires. */
export const GRACE_MS = 3 * 24 * 3600_000;

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}
