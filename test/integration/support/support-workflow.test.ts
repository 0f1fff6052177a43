/**
 * The support domain against a real database with a clock the test moves: every transition
 * and its log, triage by rule with round robin under the cap, drafts and notes kept from the
 * customer, the SLA clock pausing and breaching, reopen windows, merge, Next, and a dispute
 * refunded through billing (Stripe fake).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupportTeam, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../../support/factories.js";
import { manualClock } from "../../../src/platform/clock.js";
import type { Ctx } from "../../../src/platform/context.js";
import * as support from "../../../src/domains/support/index.js";
import { purchaseExtra } from "../../../src/domains/extras/extras.service.js";

const HOUR = 3_600_000;
const MIN = 60_000;
let t: TestDatabase;
let rig: BillingRig;
const clock = manualClock(new Date("2026-12-01T06:00:00Z"));
let deps: BillingRig["deps"] & { clock: typeof clock };
let team: SupportTeam;
let lead: User;
let agents: User[];
let n = 0;

const as = (u: User, type: "client" | "provider" | "staff" = "staff"): Ctx => ({ actor: { type, id: u.id } });

beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  deps = { ...rig.deps, clock };
  lead = await createStaff(t.db, "support", "pw-support-lead");
  agents = [await createStaff(t.db, "support", "pw-agent-a"), await createStaff(t.db, "support", "pw-agent-b")];
  team = await t.db.supportTeam.create({ data: { code: `wf-${process.pid}`, nameAr: "فريق", nameEn: "Workflow team", leadId: lead.id } });
  await t.db.supportTeamMember.createMany({ data: agents.map((a) => ({ teamId: team.id, userId: a.id })) });
  await t.db.supportTriageRule.create({ data: { nameAr: "شكاوى", nameEn: "Complaints", category: "complaint", teamId: team.id, priority: "high", sortOrder: 10 } });
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

async function customer() {
  return createUser(t.db, { fullName: `Customer ${++n}` });
}
const open = (u: User, o: Partial<Parameters<typeof support.openTicket>[2]> = {}) =>
  support.openTicket(deps, as(u, "client"), { type: "complaint", subject: `Late provider ${++n}`, body: "The provider came three hours late.", ...o });
const ticket = (id: number) => t.db.supportTicket.findUniqueOrThrow({ where: { id } });
const logOf = async (id: number) => (await t.db.supportStatusLog.findMany({ where: { ticketId: id }, orderBy: { id: "asc" } })).map((l) => [l.fromStatus, l.toStatus, l.actorType]);

describe("opening and triage", () => {
  it("should route a complaint by rule to the team with its priority, and share tickets round robin", async () => {
    const c = await customer();
    const a = await open(c);
    const b = await open(c);
    expect(a).toMatchObject({ status: "triaged", assignedTeamId: team.id, priority: "high", code: `TCK-${String(a.id).padStart(6, "0")}` });
    expect(new Set([a.assignedToId, b.assignedToId])).toEqual(new Set(agents.map((x) => x.id)));
    expect(a.firstResponseDueAt!.getTime() - a.createdAt.getTime()).toBe(4 * HOUR); // high: 4 h
    expect(a.slaDueAt).toEqual(a.firstResponseDueAt);
    expect(await logOf(a.id)).toEqual([[null, "new", "client"], ["new", "triaged", "system"]]);
    const events = await t.db.eventLog.findMany({ where: { entity: "SupportTicket", entityId: String(a.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.name)).toEqual(["support.ticket.created", "support.ticket.status_changed", "support.ticket.assigned"]);
  });

  it("should skip an agent at the open-ticket cap and leave the ticket to the team when all are full", async () => {
    await t.db.setting.upsert({ where: { key: "support_agent_open_cap" }, create: { key: "support_agent_open_cap", value: 1 }, update: { value: 1 } });
    try {
      const c = await customer();
      const r = await open(c);
      expect(r).toMatchObject({ status: "triaged", assignedTeamId: team.id, assignedToId: null });
    } finally {
      await t.db.setting.delete({ where: { key: "support_agent_open_cap" } });
    }
  });

  it("should leave a ticket no rule matches as new and unassigned", async () => {
    const r = await open(await customer(), { type: "suggestion" });
    expect(r).toMatchObject({ status: "new", assignedTeamId: null, assignedToId: null, priority: "normal" });
  });

  it("should refuse a related request that is not the customer's, and a dispute without one, writing nothing", async () => {
    const c = await customer();
    const other = await customer();
    const sub = await createSubcategory(t.db);
    const req = await t.db.serviceRequest.create({ data: { title: "Fix AC", description: "x", subcategoryId: sub.id, clientId: other.id, city: "Riyadh" } });
    const before = await t.db.supportTicket.count();
    await expect(open(c, { relatedRequestId: req.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { related_request_id: "RELATED_REQUEST_NOT_YOURS" } } });
    await expect(open(c, { type: "dispute" })).rejects.toMatchObject({ details: { fields: { related_request_id: "DISPUTE_NEEDS_REQUEST" } } });
    expect(await t.db.supportTicket.count()).toBe(before);
  });
});

describe("the conversation and the SLA clock", () => {
  it("should keep drafts and notes from the customer, pause while waiting on them and resume on their reply", async () => {
    const c = await customer();
    const tk = await open(c);
    const agent = agents.find((a) => a.id === tk.assignedToId)!;
    const draft = await support.saveDraft(deps, as(agent), tk.id, { body: "Draft: we are checking." });
    await support.addNote(deps, as(agent), tk.id, { body: "Provider has two earlier complaints." });
    let own = await support.getOwnTicket(deps, c.id, tk.id);
    expect(own.comments).toEqual([]);
    // Saving again updates the same draft.
    expect((await support.saveDraft(deps, as(agent), tk.id, { body: "We are checking with the provider." })).id).toBe(draft.id);
    // Another agent may not send it.
    const other = agents.find((a) => a.id !== agent.id)!;
    await expect(support.sendReply(deps, as(other), tk.id, { body: "x", draftId: draft.id })).rejects.toMatchObject({ code: "DRAFT_NOT_YOURS" });

    clock.advance(30 * MIN);
    await support.sendReply(deps, as(agent), tk.id, { body: "We are checking with the provider.", draftId: draft.id, then: "waiting_on_customer" });
    let row = await ticket(tk.id);
    expect(row).toMatchObject({ status: "waiting_on_customer", slaDueAt: null, firstRespondedAt: clock() });
    expect(row.slaPausedAt).toEqual(clock());
    own = await support.getOwnTicket(deps, c.id, tk.id);
    expect(own.comments.map((x) => [x.body, x.authorId])).toEqual([["We are checking with the provider.", agent.id]]);

    const dueBefore = row.resolutionDueAt!.getTime();
    clock.advance(5 * HOUR);
    await support.replyAsCustomer(deps, as(c, "client"), tk.id, { body: "Any news?" });
    row = await ticket(tk.id);
    expect(row).toMatchObject({ status: "in_progress", slaPausedAt: null, slaPausedSeconds: 5 * 3600 });
    expect(row.resolutionDueAt!.getTime() - dueBefore).toBe(5 * HOUR);
    expect(row.slaDueAt).toEqual(row.resolutionDueAt);
    expect(await logOf(tk.id)).toEqual([[null, "new", "client"], ["new", "triaged", "system"], ["triaged", "waiting_on_customer", "staff"], ["waiting_on_customer", "in_progress", "client"]]);
  });

  it("should breach on time, not before, raise the priority one step and tell the team lead", async () => {
    const tk = await open(await customer(), { type: "complaint" });
    const due = tk.slaDueAt!.getTime();
    clock.set(new Date(due - MIN));
    await support.sweepSlaBreaches(deps, clock());
    expect(await ticket(tk.id)).toMatchObject({ escalationLevel: 0, firstResponseBreachedAt: null, priority: "high" });
    clock.set(new Date(due));
    expect(await support.sweepSlaBreaches(deps, clock())).toBeGreaterThanOrEqual(1);
    const row = await ticket(tk.id);
    expect(row).toMatchObject({ priority: "urgent", escalationLevel: 1, firstResponseBreachedAt: clock(), slaDueAt: row.resolutionDueAt });
    const ev = await t.db.eventLog.findFirstOrThrow({ where: { name: "support.ticket.breached", entityId: String(tk.id) } });
    expect(ev.payload).toMatchObject({ deadline: "first_response", teamLeadId: lead.id, priority: "urgent" });
    // A second run does nothing more.
    await support.sweepSlaBreaches(deps, clock());
    expect((await ticket(tk.id)).escalationLevel).toBe(1);
    const counts = await support.ticketQueueCounts(deps, tk.assignedToId!);
    expect(counts.breached).toBeGreaterThanOrEqual(1);
    const q = await support.listTicketQueue(deps, tk.assignedToId!, "breached");
    expect(q.rows.map((r) => r.id)).toContain(tk.id);
  });

  it("should resolve, take one rating, close after the auto-close days, and refuse a reply after the reopen window", async () => {
    const c = await customer();
    const tk = await open(c);
    const agent = as(agents.find((a) => a.id === tk.assignedToId)!);
    await expect(support.rateTicket(deps, as(c, "client"), tk.id, { rating: 5 })).rejects.toMatchObject({ code: "TICKET_NOT_RATABLE" });
    await support.sendReply(deps, agent, tk.id, { body: "Refunded the visit fee.", then: "resolved" });
    expect(await ticket(tk.id)).toMatchObject({ status: "resolved", resolvedAt: clock(), slaDueAt: null });
    await support.rateTicket(deps, as(c, "client"), tk.id, { rating: 4, comment: "Quick" });
    await expect(support.rateTicket(deps, as(c, "client"), tk.id, { rating: 5 })).rejects.toMatchObject({ code: "TICKET_ALREADY_RATED" });
    clock.advance(6 * 24 * HOUR);
    expect(await support.autoCloseResolved(deps, clock())).toBe(0);
    clock.advance(24 * HOUR + MIN);
    expect(await support.autoCloseResolved(deps, clock())).toBeGreaterThanOrEqual(1);
    expect(await ticket(tk.id)).toMatchObject({ status: "closed", rating: 4 });
    // Within 14 days of resolution a reply reopens it; after, the customer is told to open a follow-up.
    await support.replyAsCustomer(deps, as(c, "client"), tk.id, { body: "It happened again" });
    expect(await ticket(tk.id)).toMatchObject({ status: "in_progress", resolvedAt: null, closedAt: null });
    await support.setTicketStatus(deps, agent, tk.id, { to: "resolved" });
    clock.advance(15 * 24 * HOUR);
    await expect(support.replyAsCustomer(deps, as(c, "client"), tk.id, { body: "And again" })).rejects.toMatchObject({ code: "TICKET_REOPEN_WINDOW_PASSED", details: { days: 14, code: tk.code } });
    const follow = await open(c, { followUpOfId: tk.id });
    expect(follow.followUpOfId).toBe(tk.id);
  });

  it("should refuse moves the machine does not allow and leave the ticket as it was", async () => {
    const tk = await open(await customer());
    const agent = as(agents[0]!);
    await support.setTicketStatus(deps, agent, tk.id, { to: "closed", note: "spam" });
    await expect(support.setTicketStatus(deps, agent, tk.id, { to: "waiting_on_customer" })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect((await ticket(tk.id)).status).toBe("closed");
  });
});

describe("merge and next", () => {
  it("should move comments and attachments into the other ticket and close the merged one with a link", async () => {
    const c = await customer();
    const a = await open(c);
    const b = await open(c);
    await support.replyAsCustomer(deps, as(c, "client"), b.id, { body: "Same problem as my other ticket" });
    await t.db.supportAttachment.create({ data: { ticketId: b.id, fileName: "photo.jpg", mimeType: "image/jpeg", sizeBytes: 10, storageKey: "x/photo.jpg", uploadedById: c.id } });
    await expect(support.mergeTicket(deps, as(agents[0]!), b.id, (await open(await customer())).id)).rejects.toMatchObject({ code: "TICKET_MERGE_OTHER_CUSTOMER" });
    await support.mergeTicket(deps, as(agents[0]!), b.id, a.id);
    expect(await ticket(b.id)).toMatchObject({ status: "closed", mergedIntoId: a.id });
    expect(await t.db.supportComment.count({ where: { ticketId: b.id } })).toBe(0);
    expect(await t.db.supportAttachment.count({ where: { ticketId: a.id } })).toBe(1);
    const bodies = (await t.db.supportComment.findMany({ where: { ticketId: a.id } })).map((x) => x.body);
    expect(bodies).toContain("Same problem as my other ticket");
    expect(bodies.some((x) => x.startsWith(`${b.code} merged into this ticket`))).toBe(true);
    await expect(support.replyAsCustomer(deps, as(c, "client"), b.id, { body: "hello?" })).rejects.toMatchObject({ code: "TICKET_MERGED", details: { code: a.code } });
    expect((await t.db.supportStatusLog.findFirstOrThrow({ where: { ticketId: b.id, toStatus: "closed" } })).note).toBe(`merged into ${a.code}`);
  });

  it("should give Next the most urgent ticket in my queues and make an unassigned one mine", async () => {
    const solo = await createStaff(t.db, "support", "pw-solo");
    const soloTeam = await t.db.supportTeam.create({ data: { code: `solo-${process.pid}`, nameAr: "منفرد", nameEn: "Solo" } });
    await t.db.supportTeamMember.create({ data: { teamId: soloTeam.id, userId: solo.id } });
    // Clear the shared pool of unassigned tickets so the choice is between these two.
    await t.db.supportTicket.updateMany({ where: { assignedToId: null, status: { in: ["new", "triaged", "in_progress"] } }, data: { status: "closed" } });
    const c = await customer();
    const later = await open(c, { type: "suggestion" }); // normal: 8 h
    await support.triageTicket(deps, as(solo), later.id, { teamId: soloTeam.id });
    const sooner = await open(c, { type: "inquiry" });
    await support.triageTicket(deps, as(solo), sooner.id, { teamId: soloTeam.id, priority: "urgent" }); // 1 h
    const next = await support.takeNextTicket(deps, as(solo));
    expect(next).toMatchObject({ id: sooner.id, assignedToId: solo.id });
    expect((await support.takeNextTicket(deps, as(solo)))!.id).toBe(sooner.id); // mine now, still the most urgent
  });
});

describe("a dispute about a request", () => {
  it("should review it, refund part of what the platform charged through billing, resolve the ticket and close the dispute with it", async () => {
    const client = await createUser(t.db, { fullName: "Disputing client" });
    const provider = await createProvider(t.db);
    const sub = await createSubcategory(t.db);
    const req = await t.db.serviceRequest.create({ data: { title: "Paint the villa", description: "x", subcategoryId: sub.id, clientId: client.id, providerId: provider.id, city: "Riyadh", status: "in_progress" } });
    const extra = await t.db.extra.create({ data: { code: `disp-${process.pid}`, nameAr: "إضافة", nameEn: "Urgent visit", price: 10_000, durationDays: 30 } });
    const { invoice } = await purchaseExtra(deps, as(client, "client"), { extraId: extra.id });
    const pi = rig.stripe.addPaymentIntent({ amount: invoice.total, currency: "sar", metadata: { invoice_id: String(invoice.id) } });
    await rig.post(rig.stripe.signedEvent("payment_intent.succeeded", rig.stripe.state.paymentIntents.get(pi.id)));
    await rig.drain();

    const tk = await open(client, { type: "dispute", relatedRequestId: req.id, subject: "Provider left the job half done" });
    const dispute = await t.db.dispute.findUniqueOrThrow({ where: { ticketId: tk.id } });
    expect(dispute).toMatchObject({ status: "open", requestId: req.id, openedById: client.id });
    await expect(open(client, { type: "dispute", relatedRequestId: req.id })).rejects.toMatchObject({ code: "DISPUTE_ALREADY_OPEN" });

    // Signed in (or re-entered the password) just now: a refund is a money action.
    const agent: Ctx = { ...as(agents[0]!), reauthenticatedAt: clock() };
    await expect(support.resolveDispute(deps, agent, tk.id, { outcome: "no_action", resolution: "Nothing wrong" })).rejects.toMatchObject({ code: "DISPUTE_NOT_UNDER_REVIEW" });
    await support.startDisputeReview(deps, agent, tk.id);
    const ws = await support.getTicketWorkspace(deps, tk.id, agents[0]!.id);
    expect(ws.dispute?.request?.title).toBe("Paint the villa");
    expect(ws.dispute?.invoices?.map((i) => i.id)).toContain(invoice.id);
    await expect(support.resolveDispute(deps, agent, tk.id, { outcome: "refund_partial", resolution: "Half the work was done", invoiceId: invoice.id })).rejects.toMatchObject({ details: { fields: { amount: "DISPUTE_PARTIAL_NEEDS_AMOUNT" } } });

    // The same money rules as the invoice's own Refund: a recent password, and four eyes above the set amount.
    await expect(support.resolveDispute(deps, as(agents[0]!), tk.id, { outcome: "refund_partial", resolution: "Half the work was done", invoiceId: invoice.id, amount: 5_000 })).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    const before = await t.db.setting.findUnique({ where: { key: "four_eyes" } });
    await t.db.setting.upsert({ where: { key: "four_eyes" }, create: { key: "four_eyes", value: { "invoice.refund": 4_999 } }, update: { value: { "invoice.refund": 4_999 } } });
    try {
      await expect(support.resolveDispute(deps, agent, tk.id, { outcome: "refund_partial", resolution: "Half the work was done", invoiceId: invoice.id, amount: 5_000 })).rejects.toMatchObject({ code: "DISPUTE_REFUND_NEEDS_APPROVAL", status: 409 });
      expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === pi.id)).toEqual([]);
      expect((await t.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status).toBe("under_review");
    } finally {
      if (before) await t.db.setting.update({ where: { key: "four_eyes" }, data: { value: before.value as never } });
      else await t.db.setting.delete({ where: { key: "four_eyes" } });
    }
    const resolved = await support.resolveDispute(deps, agent, tk.id, { outcome: "refund_partial", resolution: "Half the work was done", invoiceId: invoice.id, amount: 5_000 });
    expect(resolved).toMatchObject({ status: "resolved", outcome: "refund_partial", refundInvoiceId: invoice.id, refundAmount: 5_000, resolvedById: agents[0]!.id });
    expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === pi.id).map((r) => r.amount)).toEqual([5_000]);
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "partially_refunded", amountRefunded: 5_000 });
    expect((await ticket(tk.id)).status).toBe("resolved");
    const ev = await t.db.eventLog.findFirstOrThrow({ where: { name: "support.dispute.resolved", entityId: String(dispute.id) } });
    expect(ev.payload).toMatchObject({ outcome: "refund_partial", providerId: provider.userId, userId: client.id, refundAmount: 5_000 });

    clock.advance(8 * 24 * HOUR);
    await support.autoCloseResolved(deps, clock());
    expect((await t.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status).toBe("closed");
  });
});
