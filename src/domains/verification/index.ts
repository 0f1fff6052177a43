/** The verification domain's public surface: provider requests, the review workflow, badges. */
export * from "./verification.status.js";
export * from "./verification.schemas.js";
export * from "./verification.service.js";
export * from "./verification-review.service.js";
export * from "./verification.queries.js";
export * from "./badges.service.js";
export { BADGE_NAMES, DOC_NAMES } from "./verification.names.js";
export { verificationMessages } from "./verification.messages.js";
