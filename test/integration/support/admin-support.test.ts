/**
 * The support desk in the panel over HTTP: an agent reads the queues with their counts, takes the
 * next ticket, saves a draft (which only they see), sends it as the reply and waits on the
 * customer; notes, triage and the moves the machine allows; the bulk close reports what it
 * skipped; finance and content are refused every desk action; the generic forms no longer write
 * a ticket's triage fields nor create comments.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApp, type RunningApp } from "../../support/app-server.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../../support/factories.js";
import * as marketplace from "../../../src/domains/marketplace/index.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import * as support from "../../../src/domains/support/index.js";
import { diskStorage } from "../../../src/platform/storage.js";
import { loadConfig } from "../../../src/platform/config.js";
import { samplePngOfSize } from "../../support/sample-files.js";

let t: TestDatabase;
let app: RunningApp;
let agent: User;
let colleague: User;
let customer: User;
let teamId: number;
const PASSWORD = "support-desk-password";
const agents = new Map<string, AdminAgent>();

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  agent = await createStaff(t.db, "support", PASSWORD);
  colleague = await createStaff(t.db, "support", PASSWORD);
  const team = await t.db.supportTeam.create({ data: { code: "desk", nameAr: "الدعم العام", nameEn: "General Support" } });
  teamId = team.id;
  await t.db.supportTeamMember.createMany({ data: [{ teamId, userId: agent.id }, { teamId, userId: colleague.id }] });
  customer = await createUser(t.db, { language: "ar" });
  for (const [key, user] of [["agent", agent], ["colleague", colleague], ["finance", await createStaff(t.db, "finance", PASSWORD)], ["content", await createStaff(t.db, "content", PASSWORD)]] as const) {
    agents.set(key, await signIn(app.url, user.email!, PASSWORD));
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

let n = 0;
/** A ticket the customer opens in the app: new, unassigned (no triage rule matches). */
const openTicket = (subject = `Cannot change my phone number ${++n}`) =>
  support.openTicket(t, { actor: { type: "client", id: customer.id } }, { type: "inquiry", subject, body: "I changed my number and want to keep my requests and reviews." });

const queue = "/admin/api/resources/SupportTicket/actions/queue";
const review = (id: number) => `/admin/api/resources/SupportTicket/records/${id}/review`;
const bulk = (action: string, ids: number[]) => `/admin/api/resources/SupportTicket/bulk/${action}?recordIds=${ids.join(",")}`;
const forbidden = (body: unknown) => /ForbiddenError/.test(JSON.stringify(body));
const as = (key: string) => agents.get(key)!;

describe("the support desk", () => {
  it("should list the queues with their counts, take the next ticket, keep a draft for its author, send it and wait on the customer", async () => {
    const ticket = await openTicket();
    const q = await as("agent").get(`${queue}?view=unassigned`);
    expect(q.body.views).toEqual(["unassigned", "mine", "team", "breached", "waiting"]);
    expect(q.body.rows).toContainEqual(expect.objectContaining({ id: ticket.id, code: ticket.code, customer: customer.fullName, priority: "normal", breached: false, paused: false, assignee: null }));
    expect(q.body.counts.unassigned).toBe(await t.db.supportTicket.count({ where: { assignedToId: null, status: { in: ["new", "triaged", "in_progress", "waiting_on_customer"] } } }));

    // Next: the most urgent ticket waiting for support; an unassigned one becomes the agent's, in their team.
    const next = await as("agent").post(queue).send({ op: "next" });
    expect(next.body.notice).toMatchObject({ type: "success", message: "ticketTaken" });
    const takenId = Number(/records\/(\d+)\/review$/.exec(next.body.redirectUrl)?.[1]);
    const taken = await t.db.supportTicket.findUniqueOrThrow({ where: { id: takenId } });
    expect(taken).toMatchObject({ assignedToId: agent.id, assignedTeamId: teamId, status: "triaged" });
    expect((await as("agent").get(`${queue}?view=mine`)).body.rows.map((r: { id: number }) => r.id)).toContain(takenId);

    const ws = (await as("agent").get(review(takenId))).body.workspace;
    expect(ws.ticket).toMatchObject({ code: taken.code, status: "triaged", assignee: { id: agent.id }, team: { id: teamId, name: "General Support" } });
    expect(ws.timeline[0]).toMatchObject({ kind: "comment", author: { id: customer.id, staff: false }, body: taken.description });
    expect(ws.sla).toMatchObject({ kind: "first_response", paused: false, breached: false });
    expect(ws.options.statuses).toEqual(["in_progress", "waiting_on_customer", "resolved", "closed"]);

    // A GET changes nothing; a draft is the agent's alone, whatever author the form names.
    const draft = await as("agent").post(review(takenId)).send({ op: "saveDraft", body: "Hello, we are checking your number change.", authorId: String(colleague.id) });
    expect(draft.body.notice).toMatchObject({ type: "success", message: "ticketDraftSaved" });
    expect(draft.body.workspace.myDraft).toMatchObject({ body: "Hello, we are checking your number change." });
    expect(draft.body.workspace.timeline.some((i: { body?: string }) => i.body?.startsWith("Hello, we are checking"))).toBe(false);
    const row = await t.db.supportComment.findFirstOrThrow({ where: { ticketId: takenId, isDraft: true } });
    expect(row.authorId).toBe(agent.id);
    const theirs = (await as("colleague").get(review(takenId))).body.workspace;
    expect(theirs).toMatchObject({ myDraft: null, othersDrafts: 1 });

    const sent = await as("agent").post(review(takenId)).send({ op: "reply", body: "Hello, your number is updated. Please confirm it works.", draftId: String(row.id), then: "waiting_on_customer" });
    expect(sent.body.notice).toMatchObject({ type: "success", message: "ticketReplySent" });
    const after = await t.db.supportTicket.findUniqueOrThrow({ where: { id: takenId } });
    expect(after.status).toBe("waiting_on_customer");
    expect(after.slaPausedAt).not.toBeNull();
    expect(after.firstRespondedAt).not.toBeNull();
    expect(await t.db.supportComment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ isDraft: false, authorId: agent.id, body: "Hello, your number is updated. Please confirm it works." });
    expect(sent.body.workspace).toMatchObject({ myDraft: null, sla: { paused: true } });
    expect(sent.body.workspace.timeline).toContainEqual(expect.objectContaining({ kind: "comment", visibility: "public_reply", author: expect.objectContaining({ id: agent.id, staff: true }) }));
    expect(sent.body.workspace.timeline).toContainEqual(expect.objectContaining({ kind: "status", to: "waiting_on_customer" }));
    const waiting = await as("agent").get(`${queue}?view=waiting`);
    expect(waiting.body.rows).toContainEqual(expect.objectContaining({ id: takenId, paused: true }));
  });

  it("should keep a GET of the workspace or the queue free of changes", async () => {
    const ticket = await openTicket();
    await as("agent").get(review(ticket.id));
    await as("agent").get(`${queue}?view=unassigned`);
    expect(await t.db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "new", assignedToId: null });
    expect(await t.db.supportComment.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("should add an internal note, triage with a recomputed deadline, and answer a refused move in the agent's language", async () => {
    const ticket = await openTicket();
    const note = await as("agent").post(review(ticket.id)).send({ op: "note", body: "Customer called twice about this." });
    expect(note.body.notice.type).toBe("success");
    expect(note.body.workspace.timeline).toContainEqual(expect.objectContaining({ kind: "comment", visibility: "internal_note", body: "Customer called twice about this." }));
    const triage = await as("agent").post(review(ticket.id)).send({ op: "triage", priority: "urgent", teamId: String(teamId), assigneeId: String(colleague.id) });
    expect(triage.body.notice).toMatchObject({ type: "success", message: "ticketTriaged" });
    const after = await t.db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toMatchObject({ priority: "urgent", assignedTeamId: teamId, assignedToId: colleague.id, status: "triaged" });
    expect(after.firstResponseDueAt!.getTime() - after.createdAt.getTime()).toBe(3_600_000);
    // Someone outside the team cannot be given the ticket; the reason names the rule (English staff).
    const outsider = await createStaff(t.db, "support", PASSWORD);
    const refused = await as("agent").post(review(ticket.id)).send({ op: "triage", assigneeId: String(outsider.id) });
    expect(refused.body.notice).toEqual({ type: "error", message: "not an active member of the ticket's team" });
    const moved = await as("agent").post(review(ticket.id)).send({ op: "setStatus", to: "resolved", note: "Handled by phone" });
    expect(moved.body.notice.type).toBe("success");
    expect(moved.body.workspace.options).toMatchObject({ statuses: ["closed"], canReopen: true, canTriage: false });
    const reopened = await as("agent").post(review(ticket.id)).send({ op: "reopen" });
    expect(reopened.body.workspace.ticket.status).toBe("in_progress");
  });

  it("should merge a duplicate into the customer's other open ticket", async () => {
    const [a, b] = [await openTicket("Duplicate ticket one"), await openTicket("Duplicate ticket two")];
    const ws = (await as("agent").get(review(a.id))).body.workspace;
    expect(ws.options.mergeTargets.map((m: { id: number }) => m.id)).toContain(b.id);
    const merged = await as("agent").post(review(a.id)).send({ op: "merge", targetId: String(b.id) });
    expect(merged.body.notice).toMatchObject({ type: "success", message: "ticketMerged" });
    expect(await t.db.supportTicket.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "closed", mergedIntoId: b.id });
    expect(merged.body.workspace.options).toMatchObject({ canWrite: false, statuses: [], canReopen: false, mergeTargets: [] });
  });

  it("should show a dispute's request and offers, start its review and decide it, resolving the ticket", async () => {
    const sub = await createSubcategory(t.db);
    const provider = await createProvider(t.db);
    const req = await marketplace.createRequest(t, { actor: { type: "client", id: customer.id } }, { title: "AC maintenance", description: "The AC stopped cooling", subcategoryId: sub.id, city: "Riyadh" });
    const offer = await marketplace.submitOffer(t, { actor: { type: "provider", id: provider.user.id } }, req.id, { price: 25_000, message: "Visit and repair" });
    const ticket = await support.openTicket(t, { actor: { type: "client", id: customer.id } }, { type: "dispute", subject: "Paid the visit, nothing repaired", body: "The provider charged the visit and left.", relatedRequestId: req.id });
    const ws = (await as("agent").get(review(ticket.id))).body.workspace;
    expect(ws.dispute).toMatchObject({ status: "open", canStartReview: true, canResolve: false, request: { id: req.id, offers: [expect.objectContaining({ id: offer.id, price: 25_000 })] } });
    expect(ws.options.mergeTargets).toEqual([]);
    const early = await as("agent").post(review(ticket.id)).send({ op: "resolveDispute", outcome: "provider_warning", resolution: "Warned the provider" });
    expect(early.body.notice).toEqual({ type: "error", message: "Start reviewing the dispute before deciding it." });
    expect((await as("agent").post(review(ticket.id)).send({ op: "startDisputeReview" })).body.workspace.dispute).toMatchObject({ status: "under_review", canResolve: true });
    const decided = await as("agent").post(review(ticket.id)).send({ op: "resolveDispute", outcome: "provider_warning", resolution: "Warned the provider about charging without repair" });
    expect(decided.body.notice).toMatchObject({ type: "success", message: "disputeResolved" });
    expect(decided.body.workspace).toMatchObject({ ticket: { status: "resolved" }, dispute: { status: "resolved", outcome: "provider_warning" } });
  });

  it("should close in bulk and report the tickets it skipped", async () => {
    const [open1, open2, done] = [await openTicket(), await openTicket(), await openTicket()];
    await support.setTicketStatus(t, { actor: { type: "staff", id: agent.id } }, done.id, { to: "closed" });
    const form = await as("agent").get(bulk("bulkClose", [open1.id, open2.id, done.id]));
    expect(form.body.records).toHaveLength(3);
    const res = await as("agent").post(bulk("bulkClose", [open1.id, open2.id, done.id])).send({ note: "Spam" });
    expect(res.body.result.done.map((d: { id: number }) => d.id).sort()).toEqual([open1.id, open2.id].sort());
    expect(res.body.result.skipped).toEqual([{ id: done.id, code: done.code, reason: expect.any(String) }]);
    expect(res.body.notice).toMatchObject({ type: "info", message: "bulkPartlyDone" });
    expect((await t.db.supportTicket.findMany({ where: { id: { in: [open1.id, open2.id] } } })).map((x) => x.status)).toEqual(["closed", "closed"]);
  });

  it("should assign and set the priority in bulk through triage", async () => {
    const [a, b] = [await openTicket(), await openTicket()];
    await support.triageTicket(t, { actor: { type: "staff", id: agent.id } }, a.id, { teamId });
    const assign = await as("agent").post(bulk("bulkAssign", [a.id, b.id])).send({ assigneeId: String(colleague.id) });
    // b has no team, so nobody in a team can be given it.
    expect(assign.body.result.done).toEqual([{ id: a.id, code: a.code }]);
    expect(assign.body.result.skipped).toEqual([{ id: b.id, code: b.code, reason: "not an active member of the ticket's team" }]);
    const priority = await as("agent").post(bulk("bulkPriority", [a.id, b.id])).send({ priority: "high" });
    expect(priority.body.result.done).toHaveLength(2);
    expect((await t.db.supportTicket.findMany({ where: { id: { in: [a.id, b.id] } } })).map((x) => x.priority)).toEqual(["high", "high"]);
  });

  it("should refuse finance and content every desk action and change nothing", async () => {
    const ticket = await openTicket();
    for (const role of ["finance", "content"]) {
      const who = as(role);
      expect(forbidden((await who.get(queue)).body), `${role} queue`).toBe(true);
      expect(forbidden((await who.post(queue).send({ op: "next" })).body), `${role} next`).toBe(true);
      expect(forbidden((await who.get(review(ticket.id))).body), `${role} workspace`).toBe(true);
      expect(forbidden((await who.post(review(ticket.id)).send({ op: "reply", body: "Hijacked reply" })).body), `${role} reply`).toBe(true);
      expect(forbidden((await who.post(review(ticket.id)).send({ op: "saveDraft", body: "Hijacked draft" })).body), `${role} draft`).toBe(true);
      for (const action of ["bulkAssign", "bulkPriority", "bulkClose"]) {
        expect(forbidden((await who.get(bulk(action, [ticket.id]))).body), `${role} ${action} form`).toBe(true);
        expect(forbidden((await who.post(bulk(action, [ticket.id])).send({ assigneeId: String(agent.id), priority: "urgent" })).body), `${role} ${action}`).toBe(true);
      }
    }
    expect(await t.db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "new", priority: "normal", assignedToId: null });
    expect(await t.db.supportComment.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("should not write triage fields through the generic ticket form, nor create a comment through the generic form", async () => {
    const ticket = await openTicket();
    const edit = await as("agent").post(`/admin/api/resources/SupportTicket/records/${ticket.id}/edit`).type("form").send({ priority: "urgent", assignedTo: String(agent.id) });
    expect(forbidden(edit.body)).toBe(true);
    const created = await as("agent").post("/admin/api/resources/SupportComment/actions/new").type("form").send({ ticket: String(ticket.id), author: String(colleague.id), body: "Written in someone's name", visibility: "public_reply" });
    expect(forbidden(created.body)).toBe(true);
    expect(await t.db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ priority: "normal", assignedToId: null });
    expect(await t.db.supportComment.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("should show the customer's attachment in the timeline and serve it to agents only, typed from its bytes", async () => {
    const ticket = await openTicket();
    // Stored where the app's storage reads (the test app's uploads folder), as the API's upload would.
    const storage = diskStorage(loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "x".repeat(40) }).uploadsDir);
    const bytes = samplePngOfSize(40, 30, { seed: 3 });
    const file = await t.db.supportAttachment.create({ data: { ticketId: ticket.id, fileName: "screenshot.png", mimeType: "image/png", sizeBytes: bytes.length, storageKey: await storage.put(`support/${ticket.id}`, bytes, "png"), uploadedById: customer.id } });
    const ws = (await as("agent").get(review(ticket.id))).body.workspace;
    expect(ws.timeline[0].attachments).toEqual([expect.objectContaining({ id: file.id, fileName: "screenshot.png", url: `/admin/support/attachments/${file.id}` })]);
    const res = await as("agent").get(`/admin/support/attachments/${file.id}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect((await as("finance").get(`/admin/support/attachments/${file.id}`)).status).toBe(403);
    expect((await as("agent").get("/admin/support/attachments/99999999")).status).toBe(404);
  });

  it("should let support keep triage rules, canned replies and availability through the generic forms, and only admin name a team lead", async () => {
    const rule = await as("agent").post("/admin/api/resources/SupportTriageRule/actions/new").type("form").send({ nameAr: "الاسترداد", nameEn: "Refunds", category: "complaint", "keywords.0": "refund", "keywords.1": "استرداد", team: String(teamId), priority: "high", sortOrder: "5", isActive: "true" });
    expect(rule.body.notice?.type, JSON.stringify(rule.body.notice)).toBe("success");
    expect(await t.db.supportTriageRule.findFirstOrThrow({ where: { nameEn: "Refunds" } })).toMatchObject({ category: "complaint", keywords: ["refund", "استرداد"], teamId, priority: "high", sortOrder: 5 });
    // The rule routes the next matching ticket to its team at once.
    const routed = await support.openTicket(t, { actor: { type: "client", id: customer.id } }, { type: "complaint", subject: "I want a refund", body: "The provider never came." });
    expect(routed).toMatchObject({ status: "triaged", assignedTeamId: teamId, priority: "high" });

    const reply = await as("agent").post("/admin/api/resources/SupportCannedReply/actions/new").type("form").send({ code: "thanks", titleAr: "شكر", titleEn: "Thanks", bodyAr: "شكرًا {{customer_name}}", bodyEn: "Thanks {{customer_name}}", isActive: "true" });
    expect(reply.body.notice?.type).toBe("success");
    const canned = (await as("agent").get(review(routed.id))).body.workspace.canned;
    expect(canned).toContainEqual(expect.objectContaining({ title: "Thanks", bodyEn: `Thanks ${customer.fullName}`, bodyAr: `شكرًا ${customer.fullName}` }));

    const member = await t.db.supportTeamMember.findFirstOrThrow({ where: { teamId, userId: colleague.id } });
    await as("agent").post(`/admin/api/resources/SupportTeamMember/records/${member.id}/edit`).type("form").send({ isActive: "false" });
    expect((await t.db.supportTeamMember.findUniqueOrThrow({ where: { id: member.id } })).isActive).toBe(false);
    await t.db.supportTeamMember.update({ where: { id: member.id }, data: { isActive: true } });

    await as("agent").post(`/admin/api/resources/SupportTeam/records/${teamId}/edit`).type("form").send({ lead: String(agent.id), nameEn: "General Support" });
    expect((await t.db.supportTeam.findUniqueOrThrow({ where: { id: teamId } })).leadId).toBeNull();
    await t.db.supportTriageRule.deleteMany({});
  });

  it("should show the desk's queues on the agent's home, each opening its queue", async () => {
    const home = await as("agent").get("/admin/api/dashboard");
    const desk = home.body.groups[0];
    expect(desk.group).toBe("desk");
    const counts = (await as("agent").get(queue)).body.counts;
    for (const item of desk.items) {
      const view = item.key.replace("desk_", "");
      expect(item).toMatchObject({ href: `/admin/resources/SupportTicket/actions/queue?view=${view}`, count: counts[view] });
    }
  });
});
