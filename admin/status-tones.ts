/**
 * The colour of every status badge, by meaning, one mapping per state machine (Prisma enum):
 * waiting on us (info), waiting on someone else (warning), done well (success), failed or refused
 * (danger), closed without outcome (muted). A new status without a tone fails the panel test.
 */
export type Tone = "info" | "warning" | "success" | "danger" | "muted" | "neutral";

export const STATUS_TONES: Record<string, Record<string, Tone>> = {
  AccountDeletionStatus: { pending: "warning", cancelled: "muted", completed: "success" },
  DataExportStatus: { queued: "neutral", running: "info", ready: "success", failed: "danger", expired: "muted" },
  ExportJobStatus: { queued: "neutral", running: "info", completed: "success", failed: "danger", expired: "muted" },
  InvoiceStatus: { draft: "neutral", issued: "warning", paid: "success", void: "muted", refunded: "danger", partially_refunded: "warning" },
  PaymentAttemptStatus: { requires_payment: "neutral", processing: "info", succeeded: "success", failed: "danger", cancelled: "muted", refunded: "danger", partially_refunded: "warning", disputed: "danger" },
  WebhookEventStatus: { received: "neutral", processing: "info", processed: "success", failed: "danger", ignored: "muted" },
  ReconciliationRunStatus: { pending: "neutral", running: "info", completed: "success", failed: "danger" },
  ReconciliationItemStatus: { open: "danger", resolved: "success" },
  RefundStatus: { pending: "warning", requires_action: "warning", succeeded: "success", failed: "danger", canceled: "muted" },
  PayoutStatus: { pending: "warning", approved: "info", processing: "info", paid: "success", rejected: "danger", cancelled: "muted", failed: "danger" },
  ApprovalStatus: { pending: "warning", approved: "success", rejected: "danger", expired: "muted", failed: "danger" },
  ExtraPurchaseStatus: { pending_payment: "warning", active: "success", expired: "muted", cancelled: "muted" },
  ServiceRequestStatus: { new: "info", has_offers: "info", offer_accepted: "warning", in_progress: "warning", completed: "success", cancelled: "muted" },
  OfferStatus: { pending: "info", accepted: "success", rejected: "danger", withdrawn: "muted" },
  DisputeStatus: { open: "danger", under_review: "warning", resolved: "success", dismissed: "muted", closed: "muted" },
  DeliveryStatus: { queued: "neutral", sent: "success", failed: "danger", skipped: "muted" },
  PromoRequestStatus: { draft: "neutral", pending_payment: "warning", in_review: "info", changes_requested: "warning", approved: "success", live: "success", ended: "muted", rejected: "danger", cancelled: "muted" },
  SubscriptionStatus: { pending_payment: "warning", active: "success", past_due: "danger", cancelled: "muted", expired: "muted" },
  SupportTicketStatus: { new: "info", triaged: "info", in_progress: "warning", waiting_on_customer: "warning", resolved: "success", closed: "muted" },
  VerificationRequestStatus: { draft: "neutral", submitted: "info", pending_payment: "warning", in_review: "info", changes_requested: "warning", approved: "success", rejected: "danger", cancelled: "muted" },
  DocumentReviewStatus: { pending: "info", approved: "success", rejected: "danger", needs_review: "warning" },
  BroadcastStatus: { draft: "neutral", sending: "info", completed: "success", cancelled: "muted" },
};

export function toneOf(enumName: string | undefined, value: unknown): Tone {
  return (enumName && STATUS_TONES[enumName]?.[String(value)]) || "neutral";
}
