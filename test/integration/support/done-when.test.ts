/**
 * The support issue's "Done when", walked once on one manual clock shared by the API app and the
 * agents' domain commands: a rule routes a customer's complaint to a team and round robin gives
 * it (and the next one) an agent; the agent takes it, drafts, answers and waits on the customer
 * (the SLA clock stops); five hours later the customer answers through the API and both deadlines
 * move back by the time stopped; an unanswered ticket breaches exactly at its deadline and is
 * escalated to the team lead; the first ticket is resolved, rated in the app and closed by the job
 * after support_auto_close_days. The customer only ever sees public replies; the agent's timeline
 * holds the whole story in order.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import * as support from "../../../src/domains/support/index.js";
import { runSupportSlaJob } from "../../../jobs/support.job.js";
import { manualClock } from "../../../src/platform/clock.js";
import { logger } from "../../../src/platform/logger.js";
import type { Ctx } from "../../../src/platform/context.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createStaff } from "../../support/factories.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const clock = manualClock();
const log = logger("silent");
let t: TestDatabase;
let deps: TestDatabase & { clock: typeof clock };
let app: RunningApi;

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { ...t, clock };
  app = await startApi(t, {}, { clock });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const staffCtx = (id: number): Ctx => ({ actor: { type: "staff", id } });
const ticketRow = (id: number) => t.db.supportTicket.findUniqueOrThrow({ where: { id } });
/** Jumps the shared clock to `at` and runs one pass of the every-minute SLA job there. */
const jobAt = (at: Date) => {
  clock.set(at);
  return runSupportSlaJob(deps, log, at);
};

it("should route, answer, pause, resume, breach, escalate, resolve, rate and auto-close tickets, showing the customer only public replies", async () => {
  // A team of two agents with a lead, and a rule: complaints go to it at high priority.
  const pw = "support-walk-pw";
  const [lead, alice, bob] = [await createStaff(t.db, "support", pw), await createStaff(t.db, "support", pw), await createStaff(t.db, "support", pw)];
  const team = await t.db.supportTeam.create({ data: { code: "care", nameAr: "خدمة العملاء", nameEn: "Customer Care", leadId: lead.id } });
  for (const agent of [alice, bob]) await t.db.supportTeamMember.create({ data: { teamId: team.id, userId: agent.id } });
  await t.db.supportTriageRule.create({ data: { nameAr: "الشكاوى", nameEn: "Complaints", category: "complaint", teamId: team.id, priority: "high" } });

  const customer = await app.login();
  const other = await app.login();
  // Audit rows (the timeline's assignments) are stamped by the database's clock: start from it.
  const t0 = new Date();
  clock.set(t0);

  // The customer opens a complaint: routed by the rule, given to the first agent in turn.
  const opened = await app.api.call("POST", "/me/tickets", { token: customer.token, body: { type: "complaint", subject: "The cleaner left early", body: "Booked four hours, stayed two." } });
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({ status: "triaged", replies: [] });
  const id = opened.body.id as number;
  const routed = await ticketRow(id);
  expect(routed).toMatchObject({ status: "triaged", assignedTeamId: team.id, assignedToId: alice.id, priority: "high" });
  expect(routed.firstResponseDueAt).toEqual(new Date(t0.getTime() + 4 * HOUR));
  expect(routed.resolutionDueAt).toEqual(new Date(t0.getTime() + 24 * HOUR));
  // The next complaint goes to the other agent (a provider's: both kinds of account raise tickets).
  expect((await app.api.call("POST", "/me/become-provider", { token: other.token, body: { display_name: "Shiny Homes", city: "Riyadh" } })).status).toBe(201);
  const second = await app.api.call("POST", "/me/tickets", { token: other.token, body: { type: "complaint", subject: "Client never opened the door", body: "Drove 40 km for nothing." } });
  const unanswered = second.body.id as number;
  expect(await ticketRow(unanswered)).toMatchObject({ status: "triaged", assignedTeamId: team.id, assignedToId: bob.id, priority: "high", escalationLevel: 0 });

  // Ten minutes later Alice presses Next, writes a note for colleagues and a draft, then sends it and waits on the customer.
  clock.advance(10 * MINUTE);
  expect((await support.takeNextTicket(deps, staffCtx(alice.id)))?.id).toBe(id);
  await support.addNote(deps, staffCtx(alice.id), id, { body: "Note: second complaint about this cleaner" });
  const draft = await support.saveDraft(deps, staffCtx(alice.id), id, { body: "Sorry about that: how long did the cleaner stay?" });
  const customerView = async () => {
    const r = await app.api.call("GET", `/me/tickets/${id}`, { token: customer.token });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain("Note: second complaint");
    return r.body;
  };
  expect((await customerView()).replies).toEqual([]);
  await support.sendReply(deps, staffCtx(alice.id), id, { draftId: draft.id, body: "Sorry about that. How long exactly did the cleaner stay?", then: "waiting_on_customer" });
  const paused = await ticketRow(id);
  expect(paused).toMatchObject({ status: "waiting_on_customer", slaPausedAt: clock(), slaDueAt: null, firstRespondedAt: clock() });
  expect(await customerView()).toMatchObject({
    status: "waiting_on_customer", can_reply: true,
    replies: [{ from: "support", author_name: alice.fullName, body: "Sorry about that. How long exactly did the cleaner stay?" }],
  });

  // The other complaint, unanswered, breaches at its first-response deadline and not a minute before.
  const due = (await ticketRow(unanswered)).slaDueAt!;
  expect(due).toEqual(new Date(t0.getTime() + 4 * HOUR));
  expect(await jobAt(new Date(due.getTime() - MINUTE))).toEqual({ breached: 0, closed: 0 });
  expect(await ticketRow(unanswered)).toMatchObject({ priority: "high", escalationLevel: 0, firstResponseBreachedAt: null });
  expect(await jobAt(due)).toEqual({ breached: 1, closed: 0 });
  expect(await ticketRow(unanswered)).toMatchObject({ priority: "urgent", escalationLevel: 1, escalatedAt: due, firstResponseBreachedAt: due });
  const breach = await t.db.eventLog.findMany({ where: { name: "support.ticket.breached" } });
  expect(breach).toEqual([expect.objectContaining({ entityId: String(unanswered), payload: expect.objectContaining({ deadline: "first_response", priority: "urgent", teamLeadId: lead.id, assigneeId: bob.id }) })]);
  // The paused ticket was never at risk.
  expect(await ticketRow(id)).toMatchObject({ firstResponseBreachedAt: null, resolutionBreachedAt: null, escalationLevel: 0 });

  // Five hours after Alice asked, the customer answers in the app: back to her, deadlines pushed back by five hours.
  clock.set(new Date(paused.slaPausedAt!.getTime() + 5 * HOUR));
  const answered = await app.api.call("POST", `/me/tickets/${id}/replies`, { token: customer.token, body: { body: "About two hours, from 9 to 11." } });
  expect(answered.status).toBe(201);
  expect(answered.body.status).toBe("in_progress");
  const resumed = await ticketRow(id);
  expect(resumed).toMatchObject({ status: "in_progress", slaPausedAt: null, slaPausedSeconds: 5 * 3600 });
  expect(resumed.firstResponseDueAt).toEqual(new Date(paused.firstResponseDueAt!.getTime() + 5 * HOUR));
  expect(resumed.resolutionDueAt).toEqual(new Date(paused.resolutionDueAt!.getTime() + 5 * HOUR));
  expect(resumed.slaDueAt).toEqual(resumed.resolutionDueAt);

  // An hour later Alice resolves it; the customer rates it in the app.
  clock.advance(HOUR);
  await support.setTicketStatus(deps, staffCtx(alice.id), id, { to: "resolved" });
  const resolvedAt = clock();
  expect(await customerView()).toMatchObject({ status: "resolved", can_rate: true, resolved_at: resolvedAt.toISOString() });
  const rated = await app.api.call("POST", `/me/tickets/${id}/rating`, { token: customer.token, body: { rating: 5, comment: "Refunded quickly" } });
  expect(rated.status).toBe(200);
  expect(rated.body).toMatchObject({ rating: 5, can_rate: false });

  // The job closes it support_auto_close_days (7) after it was resolved, not a minute earlier.
  const closeAt = new Date(resolvedAt.getTime() + 7 * DAY);
  expect((await jobAt(new Date(closeAt.getTime() - MINUTE))).closed).toBe(0);
  expect((await ticketRow(id)).status).toBe("resolved");
  expect((await jobAt(closeAt)).closed).toBe(1);
  expect(await ticketRow(id)).toMatchObject({ status: "closed", closedAt: closeAt, rating: 5 });
  const final = await customerView();
  expect(final).toMatchObject({ status: "closed", closed_at: closeAt.toISOString(), rating: 5, can_rate: false });
  expect(final.replies.map((r: { from: string; body: string }) => [r.from, r.body])).toEqual([
    ["support", "Sorry about that. How long exactly did the cleaner stay?"],
    ["me", "About two hours, from 9 to 11."],
  ]);

  // Alice's timeline: the assignment, her reply, the customer's message and every status change, in order.
  const { timeline } = await support.getTicketWorkspace(deps, id, alice.id);
  const story = timeline.map((e) =>
    e.kind === "comment" ? `${e.visibility} by ${e.author.name}${e.draft ? " (draft)" : ""}` : e.kind === "status" ? `status ${e.from ?? "-"} → ${e.to}` : `assigned to ${e.assignee} in ${e.team} at ${e.priority}`,
  );
  expect(story).toEqual([
    "status - → new",
    "status new → triaged",
    `assigned to ${alice.fullName} in Customer Care at high`,
    `internal_note by ${alice.fullName}`,
    `public_reply by ${alice.fullName}`,
    "status triaged → waiting_on_customer",
    `public_reply by ${customer.user.full_name}`,
    "status waiting_on_customer → in_progress",
    "status in_progress → resolved",
    "status resolved → closed",
  ]);
});
