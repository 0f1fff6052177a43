/**
 * Invoice → activation (seed 000 §10). A paid invoice moves what it pays for through that
 * domain's own transition, inside the payment's transaction; a voided one releases it.
 * Verification and promotion requests hook in here the same way when those domains land.
 */
import type { Invoice } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/jobs.js";
import { activateSubscriptionForInvoice, cancelPendingSubscriptionForInvoice } from "../subscriptions/subscriptions.service.js";
import { activateExtraForInvoice, cancelPendingExtraForInvoice } from "../extras/extras.service.js";

type Hook = (deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice) => Promise<void>;

const onPaid: Partial<Record<Invoice["purpose"], Hook>> = {
  subscription: activateSubscriptionForInvoice,
  extra: activateExtraForInvoice,
  // verification: → in review, promotion: → in review (their domains register here)
};

const onVoided: Partial<Record<Invoice["purpose"], Hook>> = {
  subscription: cancelPendingSubscriptionForInvoice,
  extra: cancelPendingExtraForInvoice,
};

export async function activateForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  await onPaid[invoice.purpose]?.(deps, ctx, tx, invoice);
}

export async function releaseForVoidedInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  await onVoided[invoice.purpose]?.(deps, ctx, tx, invoice);
}
