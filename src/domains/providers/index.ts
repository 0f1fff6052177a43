/** The providers domain's public surface: categories, the provider directory and profiles, follows and likes, portfolio. */
export * from "./providers.service.js";
export * from "./providers.queries.js";
export * from "./providers.schemas.js";
export { providersMessages } from "./providers.messages.js";
