/**
 * Wires the domains' reactions to each other at start: which domain an invoice purpose belongs to
 * (billing's registry). Called by the web process, the worker, the demo seed and the tests; safe to
 * call more than once.
 */
import { registerSubscriptionInvoices } from "./subscriptions/subscriptions.service.js";
import { registerExtraInvoices } from "./extras/extras.service.js";
import { registerVerificationInvoices } from "./verification/verification.service.js";
import { registerPromoInvoices } from "./promo/promo.service.js";

export function registerDomainHooks(): void {
  registerSubscriptionInvoices();
  registerExtraInvoices();
  registerVerificationInvoices();
  registerPromoInvoices();
}
