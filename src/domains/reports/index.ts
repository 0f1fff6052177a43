/** Exports of panel lists and the management reports (the only import surface of this domain). */
export * from "./export-writers.js";
export * from "./export-query.js";
export * from "./export-stream.js";
export * from "./exports.service.js";
export * from "./exports.status.js";
export * from "./reports.queries.js";
export * from "./report-schedules.service.js";
export { reportsMessages } from "./reports.messages.js";
