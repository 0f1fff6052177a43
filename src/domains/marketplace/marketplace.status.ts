/**
 * The service-request and offer state machines (the only places their moves are declared).
 *
 * request: new → has_offers → offer_accepted → in_progress → completed
 *          any open status → cancelled (with a reason); has_offers → new when every offer is withdrawn
 */
import { defineMachine } from "../../platform/transitions.js";

export const REQUEST_STATUSES = ["new", "has_offers", "offer_accepted", "in_progress", "completed", "cancelled"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const requestMachine = defineMachine<RequestStatus>({
  entity: "ServiceRequest",
  model: "serviceRequest",
  table: "marketplace_servicerequest",
  transitions: {
    new: ["has_offers", "cancelled"], // waiting for offers
    has_offers: ["offer_accepted", "new", "cancelled"], // offers received, client choosing
    offer_accepted: ["in_progress", "cancelled"], // provider chosen, thread open
    in_progress: ["completed", "cancelled"], // provider working
    completed: [], // done; the client may review
    cancelled: [], // closed without completion; reason kept
  },
});

/** Statuses in which a client (not staff) may still cancel: before the work starts. */
export const CLIENT_CANCELLABLE: readonly RequestStatus[] = ["new", "has_offers", "offer_accepted"];

export const OFFER_STATUSES = ["pending", "accepted", "rejected", "withdrawn"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const offerMachine = defineMachine<OfferStatus>({
  entity: "Offer",
  model: "offer",
  table: "marketplace_offer",
  transitions: {
    pending: ["accepted", "rejected", "withdrawn"], // waiting for the client
    accepted: [], // the client chose it
    rejected: [], // another offer was chosen or the request closed
    withdrawn: [], // the provider took it back
  },
});
