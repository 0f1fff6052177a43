/** Names of the marketplace's domain events. */
export const MarketplaceEvents = {
  REQUEST_CREATED: "marketplace.request.created",
  OFFER_SUBMITTED: "marketplace.offer.submitted",
  OFFER_WITHDRAWN: "marketplace.offer.withdrawn",
  OFFER_ACCEPTED: "marketplace.offer.accepted",
  REQUEST_STARTED: "marketplace.request.started",
  REQUEST_COMPLETED: "marketplace.request.completed",
  REQUEST_CANCELLED: "marketplace.request.cancelled",
} as const;
