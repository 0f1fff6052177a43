/** Billing domain event names. */
export const BillingEvents = {
  INVOICE_ISSUED: "billing.invoice.issued",
  INVOICE_PAID: "billing.invoice.paid",
  INVOICE_VOIDED: "billing.invoice.voided",
  INVOICE_REFUNDED: "billing.invoice.refunded",
  PAYMENT_FAILED: "billing.payment.failed",
  PAYMENT_DISPUTED: "billing.payment.disputed",
  RECONCILIATION_COMPLETED: "billing.reconciliation.completed",
} as const;
