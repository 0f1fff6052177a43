/** The support domain's public surface: tickets from the app, triage, the agents' workspace and queues, SLA, disputes. */
export * from "./support.status.js";
export * from "./support.schemas.js";
export * from "./sla.js";
export { moveTicket, slaTargets } from "./ticket-moves.js";
export * from "./triage.service.js";
export * from "./tickets.service.js";
export * from "./agent.service.js";
export * from "./merge.service.js";
export * from "./sla-sweep.service.js";
export * from "./disputes.service.js";
export * from "./support.queries.js";
export * from "./digest.queries.js";
export { supportMessages } from "./support.messages.js";
