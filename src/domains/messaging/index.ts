/** The messaging domain's public surface: request threads between a client and a provider. */
export * from "./messaging.service.js";
export * from "./messaging.queries.js";
export * from "./messaging.schemas.js";
export { MessagingEvents } from "./messaging.events.js";
export { messagingMessages } from "./messaging.messages.js";
