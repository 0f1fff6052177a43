/** Extra purchase state machine: pending_payment → active (paid) → expired; pending_payment → cancelled (invoice voided). */
import { defineMachine } from "../../platform/transitions.js";

export const EXTRA_PURCHASE_STATUSES = ["pending_payment", "active", "expired", "cancelled"] as const;
export type ExtraPurchaseStatus = (typeof EXTRA_PURCHASE_STATUSES)[number];

export const extraPurchaseMachine = defineMachine<ExtraPurchaseStatus>({
  entity: "ExtraPurchase",
  model: "extraPurchase",
  table: "extras_extrapurchase",
  transitions: {
    pending_payment: ["active", "cancelled"], // invoice issued
    active: ["expired", "cancelled"], // paid; runs until expiresAt (or forever when the extra has no duration)
    expired: [],
    cancelled: [],
  },
});
