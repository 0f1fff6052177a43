/**
 * Support ticket state machine.
 *   new → triaged (team, priority and maybe an assignee set by a rule or an agent)
 *   triaged → in_progress (an agent works on it, or answers it) ⇄ waiting_on_customer (SLA clock stopped)
 *   in_progress | waiting_on_customer | triaged → resolved → closed (by an agent, or after
 *     support_auto_close_days by a job)
 *   resolved | closed → in_progress (reopened: the customer replies within support_reopen_days, or an agent reopens)
 *   any open status → closed (spam, duplicate, or merged into another ticket)
 */
import { defineMachine } from "../../platform/transitions.js";

export const TICKET_STATUSES = ["new", "triaged", "in_progress", "waiting_on_customer", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const ticketMachine = defineMachine<TicketStatus>({
  entity: "SupportTicket",
  model: "supportTicket",
  table: "support_supportticket",
  transitions: {
    new: ["triaged", "in_progress", "closed"], // just received
    triaged: ["in_progress", "waiting_on_customer", "resolved", "closed"], // routed to a team, maybe an agent
    in_progress: ["waiting_on_customer", "resolved", "closed"], // an agent works on it
    waiting_on_customer: ["in_progress", "resolved", "closed"], // clock stopped until the customer answers
    resolved: ["closed", "in_progress"], // done; may be reopened
    closed: ["in_progress"], // finished; reopened only within the reopen window, never once merged
  },
});

/** Open: someone on the support side still owes the customer something. */
export const OPEN_STATUSES: readonly TicketStatus[] = ["new", "triaged", "in_progress", "waiting_on_customer"];
/** The SLA clock runs in these (it stops while waiting on the customer). */
export const CLOCK_RUNNING: readonly TicketStatus[] = ["new", "triaged", "in_progress"];
/** Done: resolved or closed. */
export const DONE_STATUSES: readonly TicketStatus[] = ["resolved", "closed"];

export const TICKET_TYPES = ["complaint", "inquiry", "suggestion", "dispute", "report_content", "report_user"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Lowest to highest; a breach raises a ticket one step. */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof PRIORITIES)[number];

/** What the app may attach: photos, screenshots and PDFs, decided from the bytes. */
export const ATTACHMENT_MIME_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;

/** What a reported piece of content may be (report_content). */
export const REPORTABLE_ENTITIES = ["Message", "Review", "PortfolioItem"] as const;

export const SupportEvents = {
  CREATED: "support.ticket.created",
  ASSIGNED: "support.ticket.assigned",
  REPLIED: "support.ticket.replied",
  CUSTOMER_REPLIED: "support.ticket.customer_replied",
  STATUS_CHANGED: "support.ticket.status_changed",
  BREACHED: "support.ticket.breached",
  RATED: "support.ticket.rated",
  MERGED: "support.ticket.merged",
  DISPUTE_RESOLVED: "support.dispute.resolved",
} as const;

/**
 * Dispute outcome machine (a dispute ticket about a service request).
 *   open → under_review → resolved (with an outcome) → closed;  open | under_review → dismissed → closed
 */
export const DISPUTE_STATUSES = ["open", "under_review", "resolved", "dismissed", "closed"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const disputeMachine = defineMachine<DisputeStatus>({
  entity: "Dispute",
  model: "dispute",
  table: "marketplace_dispute",
  transitions: {
    open: ["under_review", "dismissed"], // opened with its ticket
    under_review: ["resolved", "dismissed"], // staff look at the request, offers, messages and payments
    resolved: ["closed"], // decided with an outcome
    dismissed: ["closed"], // unfounded or withdrawn
    closed: [],
  },
});

export const DISPUTE_OUTCOMES = ["no_action", "provider_warning", "refund_full", "refund_partial"] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
