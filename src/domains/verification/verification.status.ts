/**
 * Verification request state machine.
 *   draft → submitted → pending_payment (a priced badge: its invoice is issued) → in_review (paid)
 *                     ↘ in_review (free badge)
 *   in_review → approved (badge issued) | rejected (reason) | changes_requested (message, documents named)
 *   changes_requested → in_review (the provider uploads new versions and resubmits)
 *   any open status → cancelled (the provider withdraws, staff cancel, or the invoice is voided)
 */
import { defineMachine } from "../../platform/transitions.js";

export const VERIFICATION_STATUSES = ["draft", "submitted", "pending_payment", "in_review", "changes_requested", "approved", "rejected", "cancelled"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const verificationMachine = defineMachine<VerificationStatus>({
  entity: "VerificationRequest",
  model: "verificationRequest",
  table: "verification_verificationrequest",
  transitions: {
    draft: ["submitted", "cancelled"], // the provider is adding documents
    submitted: ["pending_payment", "in_review", "cancelled"], // sent; priced or free decides the next step at once
    pending_payment: ["in_review", "cancelled"], // waiting for the badge invoice to be paid
    in_review: ["approved", "rejected", "changes_requested", "cancelled"], // in the reviewers' queue
    changes_requested: ["in_review", "cancelled"], // waiting for the provider's new versions
    approved: [], // a badge was issued
    rejected: [], // refused with a reason
    cancelled: [], // withdrawn or cancelled
  },
});

/** Statuses in which the provider may upload documents. */
export const UPLOADABLE: readonly VerificationStatus[] = ["draft", "changes_requested"];
/** Statuses that count as "open" (one open request per badge type and provider). */
export const OPEN: readonly VerificationStatus[] = ["draft", "submitted", "pending_payment", "in_review", "changes_requested"];

export const BADGE_TYPES = ["identity", "business", "professional"] as const;
export type BadgeKind = (typeof BADGE_TYPES)[number];

export const DOC_TYPES = ["national_id", "iqama", "commercial_registration", "professional_license", "freelance_certificate", "other"] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** What a document can be: JPEG, PNG or PDF, decided from the bytes. */
export const DOCUMENT_MIME_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;

export const VerificationEvents = {
  SUBMITTED: "verification.request.submitted",
  QUEUED: "verification.request.queued",
  APPROVED: "verification.request.approved",
  REJECTED: "verification.request.rejected",
  CHANGES_REQUESTED: "verification.request.changes_requested",
  CANCELLED: "verification.request.cancelled",
  BADGE_ISSUED: "verification.badge.issued",
  BADGE_EXPIRING: "verification.badge.expiring",
  BADGE_EXPIRED: "verification.badge.expired",
} as const;

/**
 * A document's review state follows the decision on its latest version.
 *   pending → approved | rejected | needs_review (the reviewer's decision on the latest version)
 *   needs_review → approved | rejected
 *   approved ⇄ rejected (the reviewer changes their mind while the request is in review)
 *   approved | rejected | needs_review → pending (the provider uploads a new version)
 */
export const DOCUMENT_STATUSES = ["pending", "approved", "rejected", "needs_review"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const documentMachine = defineMachine<DocumentStatus>({
  entity: "VerificationDocument",
  model: "verificationDocument",
  table: "verification_verificationdocument",
  transitions: {
    pending: ["approved", "rejected", "needs_review"], // a version waits for its review
    needs_review: ["approved", "rejected", "pending"], // flagged for a closer look
    approved: ["rejected", "pending"], // accepted
    rejected: ["approved", "pending"], // refused; the provider uploads a new version
  },
});
