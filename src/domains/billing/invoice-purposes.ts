/**
 * What an invoice pays for is another domain's business. Each paying domain registers its
 * purpose here at start (`registerInvoicePurpose`): a paid invoice moves what it pays for through
 * that domain's own transition inside the payment's transaction, a voided one releases it.
 * Billing imports none of those domains.
 */
import type { Invoice } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";

export type InvoiceHook = (deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice) => Promise<void>;

export interface InvoicePurposeHandlers {
  /** In the transaction that marks the invoice paid. */
  onPaid?: InvoiceHook;
  /** In the transaction that voids the invoice. */
  onVoided?: InvoiceHook;
}

const registry = new Map<Invoice["purpose"], InvoicePurposeHandlers>();

/** A paying domain says what happens when its invoices are paid or voided (once per purpose). */
export function registerInvoicePurpose(purpose: Invoice["purpose"], handlers: InvoicePurposeHandlers): void {
  registry.set(purpose, handlers);
}

/** The purposes with handlers (for start-up checks and tests). */
export function registeredInvoicePurposes(): Invoice["purpose"][] {
  return [...registry.keys()];
}

export async function activateForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  await registry.get(invoice.purpose)?.onPaid?.(deps, ctx, tx, invoice);
}

export async function releaseForVoidedInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  await registry.get(invoice.purpose)?.onVoided?.(deps, ctx, tx, invoice);
}
