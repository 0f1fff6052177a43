/** The marketplace domain's public surface. */
export * from "./marketplace.service.js";
export * from "./marketplace.status.js";
export * from "./marketplace.schemas.js";
export * from "./marketplace.queries.js";
export { MarketplaceEvents } from "./marketplace.events.js";
export { marketplaceMessages } from "./marketplace.messages.js";
