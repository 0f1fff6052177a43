/** The reviews domain's public surface: a client's rating of a completed request, provider ratings. */
export * from "./reviews.service.js";
export * from "./reviews.queries.js";
export * from "./reviews.schemas.js";
export { ReviewsEvents } from "./reviews.events.js";
export { reviewsMessages } from "./reviews.messages.js";
