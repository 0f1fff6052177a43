/**
 * Support tickets through the API: a customer opens, lists, reads, replies, attaches and rates
 * their own tickets and downloads their files; anyone else gets 404; what agents write for
 * themselves (internal notes, drafts, files on notes) never reaches the customer; a reply after
 * the reopen window is refused with the code the app turns into a follow-up ticket; bad input is
 * refused in the request's language with nothing written. Agents act through the domain's
 * commands, on the same manual clock as the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import * as support from "../../../src/domains/support/index.js";
import * as marketplace from "../../../src/domains/marketplace/index.js";
import { manualClock } from "../../../src/platform/clock.js";
import type { Ctx } from "../../../src/platform/context.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createStaff, createSubcategory } from "../../support/factories.js";
import { samplePdf, samplePng } from "../../support/sample-files.js";

const DAY = 86_400_000;
const clock = manualClock();
let t: TestDatabase;
let app: RunningApi;
let deps: TestDatabase & { clock: typeof clock };
let sub: Subcategory;
let agent: Ctx;
let agentName: string;

type Login = Awaited<ReturnType<RunningApi["login"]>>;
let customer: Login;
let stranger: Login;

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { ...t, clock };
  app = await startApi(t, {}, { clock });
  sub = await createSubcategory(t.db);
  const staff = await createStaff(t.db, "support", "support-agent-pw");
  agent = { actor: { type: "staff", id: staff.id } };
  agentName = staff.fullName;
  customer = await login();
  stranger = await login();
  await app.api.call("PATCH", "/me", { token: customer.token, body: { full_name: "Sara Ali" } });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** OTP login; its code row is removed so the per-IP OTP budget lasts the file. */
async function login(): Promise<Login> {
  const l = await app.login();
  await t.db.otp.deleteMany({ where: { phone: l.phone } });
  return l;
}

async function open(l: Login, body: Record<string, unknown> = {}) {
  const r = await app.api.call("POST", "/me/tickets", { token: l.token, body: { type: "inquiry", subject: "Where is my refund?", body: "I cancelled last week.", ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; code: string };
}

/** An agent resolves it (a ticket no rule routed is still new: worked on first). */
async function resolve(id: number) {
  const { status } = await t.db.supportTicket.findUniqueOrThrow({ where: { id } });
  if (status === "new") await support.setTicketStatus(deps, agent, id, { to: "in_progress" });
  await support.setTicketStatus(deps, agent, id, { to: "resolved" });
}

const get = (l: Login, id: number) => app.api.call("GET", `/me/tickets/${id}`, { token: l.token, lang: "en" });
const reply = (l: Login, id: number, body: string, lang: "ar" | "en" = "en") => app.api.call("POST", `/me/tickets/${id}/replies`, { token: l.token, body: { body }, lang });
const download = (path: string, token: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe("opening, listing and reading tickets", () => {
  it("should open a ticket once per Idempotency-Key and show it with only what a customer may see", async () => {
    const body = { type: "complaint", subject: "The provider never came", body: "I waited all day on Sunday." };
    const headers = { "idempotency-key": `open-${process.pid}` };
    const first = await app.api.call("POST", "/me/tickets", { token: customer.token, body, headers });
    expect(first.status).toBe(201);
    const again = await app.api.call("POST", "/me/tickets", { token: customer.token, body, headers });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await t.db.supportTicket.count({ where: { requesterId: customer.user.id, subject: body.subject } })).toBe(1);

    expect(first.body).toMatchObject({
      code: expect.stringMatching(/^TCK-\d{6}$/), type: "complaint", status: "new", subject: body.subject, body: body.body,
      replies: [], attachments: [], can_reply: true, can_rate: false, rating: null, merged_into: null, follow_up_of_id: null, dispute: null, resolved_at: null, closed_at: null,
    });
    expect(Object.keys(first.body).sort()).toEqual([
      "attachments", "body", "can_rate", "can_reply", "closed_at", "code", "created_at", "dispute", "follow_up_of_id", "id", "merged_into", "rated_at",
      "rating", "rating_comment", "related_request_id", "replies", "resolved_at", "status", "subject", "type", "updated_at",
    ]);
  });

  it("should page my tickets newest first, filter open and done, and never list anyone else's", async () => {
    const l = await login();
    const a = await open(l, { subject: "First one" });
    const b = await open(l, { subject: "Second one" });
    const c = await open(l, { subject: "Third one" });
    await resolve(a.id);

    const page1 = await app.api.call("GET", "/me/tickets?limit=2", { token: l.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((i: { id: number }) => i.id)).toEqual([c.id, b.id]);
    const page2 = await app.api.call("GET", `/me/tickets?limit=2&cursor=${page1.body.next_cursor}`, { token: l.token });
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: a.id, status: "resolved", subject: "First one", merged_into: null })], next_cursor: null });

    expect((await app.api.call("GET", "/me/tickets?status=open", { token: l.token })).body.items.map((i: { id: number }) => i.id)).toEqual([c.id, b.id]);
    expect((await app.api.call("GET", "/me/tickets?status=done", { token: l.token })).body.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect((await app.api.call("GET", "/me/tickets?status=closed", { token: l.token })).status).toBe(400);
    expect((await app.api.call("GET", "/me/tickets", { token: stranger.token })).body.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
  });

  it("should open a dispute about my own request and show where the dispute stands", async () => {
    const req = await marketplace.createRequest(deps, { actor: { type: "client", id: customer.user.id } }, { title: "Paint the door", description: "White, both sides", subcategoryId: sub.id, city: "Riyadh" });
    const d = await open(customer, { type: "dispute", subject: "Charged twice", body: "I paid twice for one visit.", related_request_id: req.id });
    expect(d).toMatchObject({ related_request_id: req.id, dispute: { status: "open", outcome: null, refund_amount: null } });
    const again = await app.api.call("POST", "/me/tickets", { token: customer.token, lang: "en", body: { type: "dispute", subject: "Again", body: "Still charged twice.", related_request_id: req.id } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "DISPUTE_ALREADY_OPEN", detail: expect.stringContaining(d.code) });
    const notMine = await app.api.call("POST", "/me/tickets", { token: stranger.token, lang: "en", body: { type: "dispute", subject: "Not mine", body: "Someone else's request.", related_request_id: req.id } });
    expect(notMine.status).toBe(400);
    expect(notMine.body.errors).toEqual({ related_request_id: "not one of your requests" });
  });
});

describe("the conversation", () => {
  it("should show support's published replies by the agent's name and never an internal note or a draft", async () => {
    const { id } = await open(customer, { subject: "App crashes on login", body: "Every time I open it." });
    await support.addNote(deps, agent, id, { body: "SECRET NOTE: customer is on an old build" });
    await support.saveDraft(deps, agent, id, { body: "DRAFT: have you tried reinstalling?" });
    const before = await get(customer, id);
    expect(before.body.replies).toEqual([]);

    await support.sendReply(deps, agent, id, { body: "Please update to version 2.1 and tell us if it still happens.", then: "waiting_on_customer" });
    await support.saveDraft(deps, agent, id, { body: "DRAFT 2: closing soon" });
    const waiting = await get(customer, id);
    expect(waiting.body).toMatchObject({
      status: "waiting_on_customer",
      replies: [{ from: "support", author_name: agentName, body: "Please update to version 2.1 and tell us if it still happens.", attachments: [] }],
    });

    const answered = await reply(customer, id, "  Updated, it works now.  ");
    expect(answered.status).toBe(201);
    expect(answered.body.status).toBe("in_progress");
    expect(answered.body.replies.map((r: { from: string; author_name: string; body: string }) => [r.from, r.author_name, r.body])).toEqual([
      ["support", agentName, "Please update to version 2.1 and tell us if it still happens."],
      ["me", "Sara Ali", "Updated, it works now."],
    ]);
    for (const r of [before, waiting, answered]) expect(JSON.stringify(r.body)).not.toMatch(/SECRET|DRAFT/);
  });

  it("should refuse a reply after the reopen window with the code the app answers with a follow-up ticket", async () => {
    const { id, code } = await open(customer, { subject: "Invoice is wrong", body: "The VAT line is doubled." });
    await resolve(id);
    // Within the window the reply reopens it.
    expect((await reply(customer, id, "Still doubled on the new one.")).body).toMatchObject({ status: "in_progress", resolved_at: null });
    await support.setTicketStatus(deps, agent, id, { to: "closed" });
    const nothingAfter = await t.db.supportComment.count({ where: { ticketId: id } });
    clock.advance(15 * DAY);
    try {
      expect((await get(customer, id)).body).toMatchObject({ status: "closed", can_reply: false, can_rate: true });
      const late = await reply(customer, id, "It happened again.");
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: "TICKET_REOPEN_WINDOW_PASSED", detail: `This ticket was resolved more than 14 days ago. Open a new ticket and mention ${code}.` });
      const lateAr = await reply(customer, id, "It happened again.", "ar");
      expect(lateAr.body.detail).toContain(code);
      expect(lateAr.body.detail).toMatch(/[\u0600-\u06FF]/);
      expect(await t.db.supportComment.count({ where: { ticketId: id } })).toBe(nothingAfter);

      const followUp = await open(customer, { subject: "Invoice is wrong again", body: `Same as ${code}.`, follow_up_of_id: id });
      expect(followUp).toMatchObject({ follow_up_of_id: id, status: "new", can_reply: true });
      const foreign = await app.api.call("POST", "/me/tickets", { token: stranger.token, lang: "en", body: { type: "inquiry", subject: "Follow up", body: "Of someone else's.", follow_up_of_id: id } });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual({ follow_up_of_id: "not one of your tickets" });
    } finally {
      clock.set(new Date());
    }
  });

  it("should send a merged ticket's customer to the ticket it was merged into", async () => {
    const a = await open(customer, { subject: "Wrong charge", body: "Charged 200 instead of 150." });
    const b = await open(customer, { subject: "Wrong charge (again)", body: "Same charge, asking again." });
    await support.mergeTicket(deps, agent, b.id, a.id);
    const merged = await get(customer, b.id);
    expect(merged.body).toMatchObject({ status: "closed", merged_into: { id: a.id, code: a.code }, can_reply: false, can_rate: false });
    const r = await reply(customer, b.id, "Any news?");
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: "TICKET_MERGED", detail: `This ticket was merged into ${a.code}. Continue there.` });
    // The merge note is the agents' own.
    expect(JSON.stringify((await get(customer, a.id)).body)).not.toContain("merged into this ticket");
  });
});

describe("attachments", () => {
  it("should attach a photo and a PDF, serve them back byte for byte to me only, and never a file on a note", async () => {
    const { id } = await open(customer, { subject: "Broken tile", body: "See the photo." });
    const png = await samplePng("broken tile");
    const pdf = await samplePdf("Receipt 4411");
    const up1 = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, file: { name: "tile.png", bytes: png } });
    expect(up1.status, JSON.stringify(up1.body)).toBe(201);
    const up2 = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, file: { name: "إيصال.pdf", bytes: pdf } });
    expect(up2.body.attachments).toEqual([
      expect.objectContaining({ file_name: "tile.png", mime_type: "image/png", size_bytes: png.length }),
      expect.objectContaining({ file_name: "إيصال.pdf", mime_type: "application/pdf", size_bytes: pdf.length }),
    ]);
    const [photo, receipt] = up2.body.attachments as { id: number; file_url: string }[];

    const got = await download(photo!.file_url, customer.token);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    const gotPdf = await download(receipt!.file_url, customer.token);
    expect(gotPdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await gotPdf.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await download(photo!.file_url, stranger.token)).status).toBe(404);

    // Files the panel puts on a reply or a note (no domain command yet): only the reply's reach the customer.
    const stored = await t.db.supportAttachment.findUniqueOrThrow({ where: { id: photo!.id } });
    const note = await support.addNote(deps, agent, id, { body: "Looks like water damage" });
    const sent = await support.sendReply(deps, agent, id, { body: "Here is the repair checklist." });
    const copy = (commentId: number, fileName: string) =>
      t.db.supportAttachment.create({ data: { ticketId: id, commentId, fileName, mimeType: "image/png", sizeBytes: png.length, storageKey: stored.storageKey, uploadedById: agent.actor.id! } });
    const onNote = await copy(note.id, "internal.png");
    const onReply = await copy(sent.id, "checklist.png");
    const read = await get(customer, id);
    expect(read.body.attachments.map((a: { id: number }) => a.id)).toEqual([photo!.id, receipt!.id]);
    expect(read.body.replies).toEqual([expect.objectContaining({ id: sent.id, from: "support", attachments: [expect.objectContaining({ id: onReply.id, file_name: "checklist.png" })] })]);
    expect(JSON.stringify(read.body)).not.toContain("internal.png");
    expect((await download(`/api/v1/me/ticket-attachments/${onReply.id}/file`, customer.token)).status).toBe(200);
    expect((await download(`/api/v1/me/ticket-attachments/${onNote.id}/file`, customer.token)).status).toBe(404);
  });

  it("should refuse a text file named .png (415) and a file over the setting's size (413) and store nothing", async () => {
    const { id } = await open(customer, { subject: "Screenshot", body: "Of the error." });
    const disguised = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, lang: "en", file: { name: "shot.png", bytes: Buffer.from("just some text, honest"), type: "image/png" } });
    expect(disguised.status).toBe(415);
    expect(disguised.body).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED", errors: { file: expect.any(String) } });

    await t.db.setting.upsert({ where: { key: "support_upload_max_bytes" }, create: { key: "support_upload_max_bytes", value: 100_000 }, update: { value: 100_000 } });
    try {
      const big = Buffer.concat([await samplePng("big"), Buffer.alloc(120_000, 7)]);
      const tooBig = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, lang: "ar", file: { name: "big.png", bytes: big } });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.code).toBe("FILE_TOO_LARGE");
      expect(tooBig.body.detail).toMatch(/[\u0600-\u06FF]/);
    } finally {
      await t.db.setting.delete({ where: { key: "support_upload_max_bytes" } });
    }
    const missing = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, fields: { note: "no file" } });
    expect(missing.status).toBe(400);
    expect(await t.db.supportAttachment.count({ where: { ticketId: id } })).toBe(0);
  });
});

describe("rating", () => {
  it("should take one rating from 1 to 5 once the ticket is resolved", async () => {
    const { id } = await open(customer, { subject: "Thanks", body: "Just checking the rating." });
    const early = await app.api.call("POST", `/me/tickets/${id}/rating`, { token: customer.token, lang: "en", body: { rating: 5 } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: "TICKET_NOT_RATABLE", detail: "You can rate the support once the ticket is resolved." });
    await resolve(id);
    expect((await get(customer, id)).body.can_rate).toBe(true);

    for (const rating of [0, 6, 4.5, "5"]) {
      const bad = await app.api.call("POST", `/me/tickets/${id}/rating`, { token: customer.token, body: { rating } });
      expect(bad.status, `rating ${rating}`).toBe(400);
      expect(bad.body.errors).toHaveProperty("rating");
    }
    expect((await t.db.supportTicket.findUniqueOrThrow({ where: { id } })).ratedAt).toBeNull();

    const rated = await app.api.call("POST", `/me/tickets/${id}/rating`, { token: customer.token, body: { rating: 4, comment: " Quick and kind " } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 4, rating_comment: "Quick and kind", rated_at: expect.any(String), can_rate: false, status: "resolved" });
    const twice = await app.api.call("POST", `/me/tickets/${id}/rating`, { token: customer.token, body: { rating: 1 } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("TICKET_ALREADY_RATED");
  });
});

describe("someone else's ticket", () => {
  it("should answer 404 to another customer on every ticket route and change nothing", async () => {
    const { id } = await open(customer, { subject: "Private matter", body: "Only for me." });
    const up = await app.api.upload(`/me/tickets/${id}/attachments`, { token: customer.token, file: { name: "a.png", bytes: await samplePng("private") } });
    await resolve(id);
    const answers = [
      await app.api.call("GET", `/me/tickets/${id}`, { token: stranger.token, lang: "en" }),
      await app.api.call("POST", `/me/tickets/${id}/replies`, { token: stranger.token, body: { body: "let me in" } }),
      await app.api.call("POST", `/me/tickets/${id}/rating`, { token: stranger.token, body: { rating: 1 } }),
      await app.api.upload(`/me/tickets/${id}/attachments`, { token: stranger.token, file: { name: "b.png", bytes: await samplePng("intruder") } }),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([404, "NOT_FOUND"]));
    expect(answers[0]!.body.detail).toBe("We could not find it.");
    expect((await download(up.body.attachments[0].file_url, stranger.token)).status).toBe(404);
    const after = await t.db.supportTicket.findUniqueOrThrow({ where: { id }, include: { comments: true, attachments: true } });
    expect(after).toMatchObject({ status: "resolved", rating: null, comments: [], attachments: [expect.objectContaining({ uploadedById: customer.user.id })] });
  });
});

describe("bad input", () => {
  it("should refuse an unknown type, a NUL, a short subject and an unknown field in the request's language, writing nothing", async () => {
    const count = () => t.db.supportTicket.count({ where: { requesterId: customer.user.id } });
    const before = await count();
    const base = { type: "inquiry", subject: "Question", body: "About my invoice." };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, type: "praise" }, "type"],
      [{ ...base, subject: "Ques\u0000tion" }, "subject"],
      [{ ...base, body: "a\ud800b" }, "body"],
      [{ ...base, subject: "Hi" }, "subject"],
      [{ ...base, related_request_id: 2 ** 31 }, "related_request_id"],
      [{ ...base, priority: "urgent" }, "body"],
      [{ type: "inquiry", subject: "Question" }, "body"],
    ];
    for (const [body, field] of cases) {
      const r = await app.api.call("POST", "/me/tickets", { token: customer.token, body, lang: "ar" });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe("VALIDATION_FAILED");
      expect(r.body.errors, JSON.stringify(r.body)).toHaveProperty([field]);
      expect(r.body.errors[field]).toMatch(/[\u0600-\u06FF]/);
    }
    const reportNobody = await app.api.call("POST", "/me/tickets", { token: customer.token, lang: "en", body: { ...base, type: "report_user" } });
    expect(reportNobody.body.errors).toEqual({ reported_user_id: "name the user you report" });
    expect(await count()).toBe(before);

    const { id } = await open(customer);
    for (const body of [{ body: "" }, { body: "   " }, { body: "x\u0000" }, {}]) {
      expect((await app.api.call("POST", `/me/tickets/${id}/replies`, { token: customer.token, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await t.db.supportComment.count({ where: { ticketId: id } })).toBe(0);
    expect((await app.api.call("GET", "/me/tickets/abc", { token: customer.token })).status).toBe(400);
    expect((await app.api.call("GET", "/me/ticket-attachments/0/file", { token: customer.token })).status).toBe(400);
  });
});
