/** Billing domain event names. */
export const BillingEvents = {
  INVOICE_ISSUED: "billing.invoice.issued",
  INVOICE_PAID: "billing.invoice.paid",
  INVOICE_VOIDED: "billing.invoice.voided",
  INVOICE_REFUNDED: "billing.invoice.refunded",
  PAYMENT_FAILED: "billing.payment.failed",
  PAYMENT_DISPUTED: "billing.payment.disputed",
  /** Money arrived for an invoice that is no longer payable (voided): finance refunds it. */
  PAYMENT_ON_CLOSED_INVOICE: "billing.payment.on_closed_invoice",
  RECONCILIATION_COMPLETED: "billing.reconciliation.completed",
} as const;
