/** The subscriptions domain's public surface. */
export * from "./subscriptions.service.js";
export * from "./subscriptions.status.js";
export { subscriptionsMessages } from "./subscriptions.messages.js";
