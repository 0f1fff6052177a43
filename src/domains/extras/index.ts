/** The extras domain's public surface. */
export * from "./extras.service.js";
export * from "./extras.status.js";
