/**
 * Promotion request state machine.
 *   draft → pending_payment (submitted: priced, its invoice issued) → in_review (paid)
 *   in_review → approved | rejected (reason) | changes_requested (message)
 *   changes_requested → in_review (the provider uploads new assets and resubmits)
 *   approved → live (at its start, by the schedule) → ended (at its end, by the schedule)
 *   draft | pending_payment | in_review | changes_requested | approved → cancelled
 */
import { defineMachine } from "../../platform/transitions.js";
import { IMAGE_TYPES } from "../../platform/storage.js";

export const PROMO_STATUSES = ["draft", "pending_payment", "in_review", "changes_requested", "approved", "live", "ended", "rejected", "cancelled"] as const;
export type PromoStatus = (typeof PROMO_STATUSES)[number];

export const promoMachine = defineMachine<PromoStatus>({
  entity: "PromoRequest",
  model: "promoRequest",
  table: "promo_promorequest",
  transitions: {
    draft: ["pending_payment", "cancelled"], // the provider sets dates and uploads images
    pending_payment: ["in_review", "cancelled"], // waiting for its invoice to be paid
    in_review: ["approved", "rejected", "changes_requested", "cancelled"], // in the reviewers' queue
    changes_requested: ["in_review", "cancelled"], // waiting for the provider's new images
    approved: ["live", "cancelled"], // scheduled; the schedule shows it at its start
    live: ["ended"], // shown in the app now
    ended: [], // its end passed
    rejected: [], // refused with a reason
    cancelled: [], // withdrawn, cancelled by staff, or its invoice voided
  },
});

/** Statuses in which the provider may add or remove images. */
export const EDITABLE: readonly PromoStatus[] = ["draft", "changes_requested"];
/** Statuses in which the provider may withdraw (nothing paid yet). */
export const WITHDRAWABLE: readonly PromoStatus[] = ["draft", "pending_payment"];
/** Statuses that hold a slot in the schedule. */
export const SCHEDULED: readonly PromoStatus[] = ["approved", "live"];

export const PLACEMENTS = ["home_banner", "category_top", "search_boost"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** What an asset can be, decided from its bytes; each placement's rule narrows it. */
export const ASSET_MIME_TYPES = IMAGE_TYPES;
/** How many images one promotion carries at most. */
export const MAX_ASSETS = 5;

export const PromoEvents = {
  SUBMITTED: "promo.request.submitted",
  QUEUED: "promo.request.queued",
  APPROVED: "promo.request.approved",
  REJECTED: "promo.request.rejected",
  CHANGES_REQUESTED: "promo.request.changes_requested",
  LIVE: "promo.request.live",
  ENDED: "promo.request.ended",
  CANCELLED: "promo.request.cancelled",
} as const;
