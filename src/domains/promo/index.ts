/** The promo domain's public surface: provider requests, the review workflow, the schedule and what the app shows. */
export * from "./promo.status.js";
export * from "./promo.schemas.js";
export * from "./promo-rules.js";
export * from "./promo.service.js";
export * from "./promo-review.service.js";
export * from "./promo-schedule.service.js";
export * from "./promo.queries.js";
export * from "./promo-live.queries.js";
export { PLACEMENT_NAMES } from "./promo.names.js";
export { promoMessages } from "./promo.messages.js";
