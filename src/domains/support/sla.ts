/**
 * SLA arithmetic, pure: deadlines per priority from the settings, the deadline still running,
 * the clock stopping while the customer is asked something, and the one-step escalation.
 * Stored on the ticket: first_response_due_at, resolution_due_at (both already include every
 * pause), sla_due_at (the running one; null while paused or done), sla_paused_at.
 */
import type { TicketPriority, TicketStatus } from "./support.status.js";
import { CLOCK_RUNNING, PRIORITIES } from "./support.status.js";

const HOUR = 3_600_000;

export interface SlaTargets {
  firstResponseHours: Record<TicketPriority, number>;
  resolutionHours: Record<TicketPriority, number>;
}

export interface SlaState {
  createdAt: Date;
  priority: TicketPriority;
  status: TicketStatus;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  slaPausedAt: Date | null;
  slaPausedSeconds: number;
}

export interface SlaFields {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  slaDueAt: Date | null;
}

/** Due times for a ticket of this priority opened at `createdAt`, pushed back by the time its clock stood still. */
export function dueTimes(t: Pick<SlaState, "createdAt" | "priority" | "slaPausedSeconds">, targets: SlaTargets): Pick<SlaFields, "firstResponseDueAt" | "resolutionDueAt"> {
  const start = t.createdAt.getTime() + t.slaPausedSeconds * 1000;
  return {
    firstResponseDueAt: new Date(start + targets.firstResponseHours[t.priority] * HOUR),
    resolutionDueAt: new Date(start + targets.resolutionHours[t.priority] * HOUR),
  };
}

/**
 * The deadline still running: the first response until an agent answered publicly, then the
 * resolution; none while the clock is stopped, once done, or once both deadlines were missed.
 */
export function runningDue(t: SlaState, due: Pick<SlaFields, "firstResponseDueAt" | "resolutionDueAt">): Date | null {
  if (!CLOCK_RUNNING.includes(t.status) || t.slaPausedAt) return null;
  if (!t.firstRespondedAt && !t.firstResponseBreachedAt) return due.firstResponseDueAt;
  if (!t.resolutionBreachedAt) return due.resolutionDueAt;
  return null;
}

/** All three stored SLA fields for the ticket as it now is. */
export function slaFields(t: SlaState, targets: SlaTargets): SlaFields {
  const due = dueTimes(t, targets);
  return { ...due, slaDueAt: runningDue(t, due) };
}

/** Whole seconds the clock stood still between `pausedAt` and `now`. */
export function pausedSecondsSince(pausedAt: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - pausedAt.getTime()) / 1000));
}

/** One step up (urgent stays urgent). */
export function raisedPriority(p: TicketPriority): TicketPriority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;
}

/** Which deadline a ticket whose running deadline passed has missed. */
export function missedDeadline(t: Pick<SlaState, "firstRespondedAt" | "firstResponseBreachedAt">): "first_response" | "resolution" {
  return !t.firstRespondedAt && !t.firstResponseBreachedAt ? "first_response" : "resolution";
}
