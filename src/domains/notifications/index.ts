/** The notifications domain: events → templates → per-channel deliveries, preferences, broadcasts. */
export * from "./channels.js";
export * from "./catalog.js";
export * from "./templates.js";
export * from "./preferences.js";
export * from "./email-layout.js";
export * from "./notify.service.js";
export * from "./delivery.service.js";
export * from "./delivery.status.js";
export * from "./inbox.service.js";
export * from "./templates.service.js";
export * from "./event-map.queries.js";
export * from "./broadcast.status.js";
export * from "./broadcasts.service.js";
export * from "./scheduled.service.js";
export { notificationsMessages } from "./notifications.messages.js";
