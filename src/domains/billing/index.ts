/** The billing domain's public surface. */
export * from "./billing.status.js";
export * from "./invoices.service.js";
export * from "./payments.service.js";
export * from "./refunds.service.js";
export * from "./webhooks.service.js";
export * from "./promo-codes.service.js";
export * from "./payment-links.service.js";
export * from "./invoice-document.service.js";
export * from "./invoice-totals.js";
export * from "./reminders.service.js";
export { factsFromEvent, refundFactOf, type RefundFact, type StripeFacts } from "./stripe-facts.js";
export { BillingEvents } from "./billing.events.js";
export { billingMessages } from "./billing.messages.js";
export * from "./wallet-payments.service.js";
