/** Billing domain event names. */
export const BillingEvents = {
  INVOICE_ISSUED: "billing.invoice.issued",
  INVOICE_PAID: "billing.invoice.paid",
  INVOICE_VOIDED: "billing.invoice.voided",
  INVOICE_REFUNDED: "billing.invoice.refunded",
  /** An issued invoice is still unpaid N days on (one per reminder step). */
  INVOICE_REMINDER: "billing.invoice.reminder",
  /** A refund that had succeeded failed after all: less is refunded than before. */
  INVOICE_REFUND_REVERSED: "billing.invoice.refund_reversed",
  PAYMENT_FAILED: "billing.payment.failed",
  PAYMENT_DISPUTED: "billing.payment.disputed",
  /** Money arrived for an invoice that is no longer payable (voided): finance refunds it. */
  PAYMENT_ON_CLOSED_INVOICE: "billing.payment.on_closed_invoice",
  /** Money arrived for an invoice already paid (a second payment): finance refunds it from its item. */
  PAYMENT_DUPLICATE: "billing.payment.duplicate",
  /** A payment larger than what the invoice owed: finance refunds the extra from its item. */
  PAYMENT_OVERPAID: "billing.payment.overpaid",
  /** A refund failed at Stripe: the customer did not get that money back. */
  REFUND_FAILED: "billing.refund.failed",
  RECONCILIATION_COMPLETED: "billing.reconciliation.completed",
} as const;
