/**
 * Request threads through the API: only the two parties see a thread (404 for anyone else),
 * cursor pages stay stable while messages arrive, unread counts follow read receipts, and a
 * cancelled request closes its thread.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import * as marketplace from "../../../src/domains/marketplace/index.js";
import { MessagingEvents } from "../../../src/domains/messaging/index.js";
import type { Ctx } from "../../../src/platform/context.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createSubcategory } from "../../support/factories.js";

let t: TestDatabase;
let app: RunningApi;
let sub: Subcategory;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t);
  sub = await createSubcategory(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const as = (type: Ctx["actor"]["type"], id: number): Ctx => ({ actor: { type, id } });

type Login = Awaited<ReturnType<RunningApi["login"]>>;

/** OTP login; its code row is removed so the per-IP OTP budget does not run out in this file. */
async function login(): Promise<Login> {
  const l = await app.login();
  await t.db.otp.deleteMany({ where: { phone: l.phone } });
  return l;
}

async function becomeProvider(l: Login, name: string) {
  const r = await app.api.call("POST", "/me/become-provider", { token: l.token, body: { display_name: name, city: "Riyadh", subcategory_ids: [sub.id] } });
  expect(r.status).toBe(201);
  return r.body as { id: number };
}

/** A request of `client` with `provider`'s offer accepted: its thread is open. */
async function openThread(client: Login, provider: Login, title = "Fix the AC") {
  const req = await marketplace.createRequest(t, as("client", client.user.id), { title, description: "Not cooling", subcategoryId: sub.id, city: "Riyadh" });
  const offer = await marketplace.submitOffer(t, as("provider", provider.user.id), req.id, { price: 25000, message: "Tomorrow" });
  await marketplace.acceptOffer(t, as("client", client.user.id), offer.id);
  const thread = await t.db.thread.findUniqueOrThrow({ where: { requestId: req.id } });
  return { req, thread };
}

async function send(l: Login, threadId: number, body: string) {
  const r = await app.api.call("POST", `/threads/${threadId}/messages`, { token: l.token, body: { body } });
  expect(r.status).toBe(201);
  return r.body as { id: number };
}

let client: Login;
let provider: Login;
let stranger: Login;

beforeAll(async () => {
  client = await login();
  provider = await login();
  stranger = await login();
  await app.api.call("PATCH", "/me", { token: client.token, body: { full_name: "Sara Ali" } });
  await becomeProvider(provider, "Cool Air Co");
});

describe("threads", () => {
  it("should list the thread for both parties with the other party, the last message and unread counts", async () => {
    const { req, thread } = await openThread(client, provider, "Leaking tap");
    await send(client, thread.id, "Hello, are you coming today?");
    await send(client, thread.id, "  Please bring a ladder  ");

    const forProvider = await app.api.call("GET", "/threads", { token: provider.token });
    expect(forProvider.status).toBe(200);
    const item = forProvider.body.items.find((i: { id: number }) => i.id === thread.id);
    expect(item).toMatchObject({
      request_id: req.id,
      request_title: "Leaking tap",
      other_party: { id: client.user.id, name: "Sara Ali" },
      last_message: "Please bring a ladder",
      unread_count: 2,
    });
    expect(item.last_message_at).not.toBeNull();

    const forClient = await app.api.call("GET", "/threads", { token: client.token });
    expect(forClient.body.items.find((i: { id: number }) => i.id === thread.id)).toMatchObject({
      other_party: { id: provider.user.id, name: "Cool Air Co" },
      unread_count: 0,
    });
  });

  it("should page the caller's threads newest first and never show them to another user", async () => {
    const c = await login();
    const threads = [];
    for (const title of ["One", "Two", "Three"]) threads.push((await openThread(c, provider, title)).thread);
    const first = await app.api.call("GET", "/threads?limit=2", { token: c.token });
    expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([threads[2]!.id, threads[1]!.id]);
    expect(first.body.items[0].last_message).toBeNull();
    const second = await app.api.call("GET", `/threads?limit=2&cursor=${first.body.next_cursor}`, { token: c.token });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: threads[0]!.id })], next_cursor: null });
    const other = await app.api.call("GET", "/threads", { token: stranger.token });
    expect(other.body).toEqual({ items: [], next_cursor: null });
  });

  it("should answer 404 to a third user on the messages, posting and reading", async () => {
    const { thread } = await openThread(client, provider);
    await send(provider, thread.id, "Hi");
    const list = await app.api.call("GET", `/threads/${thread.id}/messages`, { token: stranger.token, lang: "en" });
    expect(list.status).toBe(404);
    expect(list.body).toMatchObject({ code: "NOT_FOUND", detail: "We could not find it." });
    const post = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: stranger.token, body: { body: "let me in" } });
    expect(post.status).toBe(404);
    const read = await app.api.call("POST", `/threads/${thread.id}/read`, { token: stranger.token, body: {} });
    expect(read.status).toBe(404);
    expect(await t.db.message.count({ where: { threadId: thread.id } })).toBe(1);
    expect(await t.db.messageRead.count({ where: { userId: stranger.user.id } })).toBe(0);
    expect((await app.api.call("GET", "/threads/999999/messages", { token: client.token })).status).toBe(404);
    expect((await app.api.call("GET", `/threads/${thread.id}/messages`)).status).toBe(401);
  });
});

describe("messages", () => {
  it("should create a message with 201, move last_message_at and emit message.sent in the same transaction", async () => {
    const { thread } = await openThread(client, provider);
    const r = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: provider.token, body: { body: "On my way" } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sender_id: provider.user.id, body: "On my way", is_mine: true, read_by_other: false });
    const row = await t.db.message.findUniqueOrThrow({ where: { id: r.body.id } });
    const after = await t.db.thread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(after.lastMessageAt!.toISOString()).toBe(row.createdAt.toISOString());
    const events = await t.db.eventLog.findMany({ where: { name: MessagingEvents.MESSAGE_SENT, entityId: String(row.id) } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ threadId: thread.id, messageId: row.id, senderId: provider.user.id, recipientId: client.user.id });
    const jobs = await t.db.$queryRawUnsafe<unknown[]>(`SELECT id FROM pgboss.job WHERE name = 'domain-events' AND (data->>'eventId')::int = $1`, events[0]!.id);
    expect(jobs).toHaveLength(1);
  });

  it("should replay a send with the same Idempotency-Key and store one message", async () => {
    const { thread } = await openThread(client, provider);
    const headers = { "idempotency-key": `msg-${thread.id}` };
    const a = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: client.token, body: { body: "Once" }, headers });
    const b = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: client.token, body: { body: "Once" }, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(await t.db.message.count({ where: { threadId: thread.id } })).toBe(1);
  });

  it("should refuse an empty, blank or too long body with 400", async () => {
    const { thread } = await openThread(client, provider);
    for (const body of [{}, { body: "   " }, { body: "x".repeat(4001) }, { body: "hi", extra: 1 }]) {
      const r = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: client.token, body });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("VALIDATION_FAILED");
    }
    expect((await app.api.call("POST", `/threads/${thread.id}/messages`, { token: client.token, body: { body: "x".repeat(4000) } })).status).toBe(201);
  });

  it("should keep pages stable when messages arrive between them", async () => {
    const { thread } = await openThread(client, provider);
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await send(i % 2 ? client : provider, thread.id, `m${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const r: { body: { items: { body: string }[]; next_cursor: string | null } } = await app.api.call("GET", `/threads/${thread.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: client.token });
      seen.push(...r.body.items.map((m) => m.body));
      cursor = r.body.next_cursor;
      if (page++ === 0) {
        await send(provider, thread.id, "late 1");
        await send(client, thread.id, "late 2");
      }
    } while (cursor);
    expect(seen).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    const fresh = await app.api.call("GET", `/threads/${thread.id}/messages?limit=3`, { token: client.token });
    expect(fresh.body.items.map((m: { body: string; is_mine: boolean }) => [m.body, m.is_mine])).toEqual([["late 2", true], ["late 1", false], ["m5", true]]);
    const bad = await app.api.call("GET", `/threads/${thread.id}/messages?cursor=nonsense`, { token: client.token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_CURSOR");
  });
});

describe("read receipts", () => {
  it("should count the other party's unread messages and clear them up to a message, then all", async () => {
    const { thread } = await openThread(client, provider);
    await send(client, thread.id, "mine, never unread for me");
    const p1 = await send(provider, thread.id, "p1");
    const p2 = await send(provider, thread.id, "p2");
    await send(provider, thread.id, "p3");
    const unread = async () => (await app.api.call("GET", "/threads", { token: client.token })).body.items.find((i: { id: number }) => i.id === thread.id).unread_count;
    expect(await unread()).toBe(3);

    const upTo = await app.api.call("POST", `/threads/${thread.id}/read`, { token: client.token, body: { up_to_message_id: p2.id } });
    expect(upTo.status).toBe(200);
    expect(upTo.body).toEqual({ marked: 2, unread_count: 1 });
    expect(await unread()).toBe(1);

    const rest = await app.api.call("POST", `/threads/${thread.id}/read`, { token: client.token, body: {} });
    expect(rest.body).toEqual({ marked: 1, unread_count: 0 });
    expect((await app.api.call("POST", `/threads/${thread.id}/read`, { token: client.token, body: {} })).body).toEqual({ marked: 0, unread_count: 0 });
    expect(await unread()).toBe(0);

    // The provider sees which of their messages the client read; the provider's own unread count is the client's one message.
    const forProvider = await app.api.call("GET", `/threads/${thread.id}/messages`, { token: provider.token });
    expect(forProvider.body.items.map((m: { body: string; read_by_other: boolean }) => [m.body, m.read_by_other])).toEqual([
      ["p3", true], ["p2", true], ["p1", true], ["mine, never unread for me", false],
    ]);
    expect(await t.db.messageRead.count({ where: { messageId: p1.id, userId: client.user.id } })).toBe(1);
    const providerThreads = await app.api.call("GET", "/threads", { token: provider.token });
    expect(providerThreads.body.items.find((i: { id: number }) => i.id === thread.id).unread_count).toBe(1);
  });

  it("should mark each message once when two reads run at the same time", async () => {
    const { thread } = await openThread(client, provider);
    for (let i = 0; i < 4; i++) await send(provider, thread.id, `p${i}`);
    const rs = await Promise.all([1, 2].map(() => app.api.call("POST", `/threads/${thread.id}/read`, { token: client.token, body: {} })));
    expect(rs.map((r) => r.status)).toEqual([200, 200]);
    expect(rs.reduce((n, r) => n + r.body.marked, 0)).toBe(4);
    expect(rs.map((r) => r.body.unread_count)).toEqual([0, 0]);
    expect(await t.db.messageRead.count({ where: { userId: client.user.id, message: { threadId: thread.id } } })).toBe(4);
  });
});

describe("closed threads", () => {
  it("should refuse new messages with 409 THREAD_CLOSED once the request is cancelled, and still show the history", async () => {
    const { req, thread } = await openThread(client, provider);
    await send(client, thread.id, "Before");
    await marketplace.cancelRequest(t, as("client", client.user.id), req.id, "Found someone else");
    const r = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: provider.token, body: { body: "Wait!" }, lang: "en" });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: "THREAD_CLOSED", detail: "This conversation is closed because the request was cancelled." });
    const ar = await app.api.call("POST", `/threads/${thread.id}/messages`, { token: client.token, body: { body: "x" }, lang: "ar" });
    expect(ar.body.detail).toBe("هذه المحادثة مغلقة لأن الطلب أُلغي.");
    const list = await app.api.call("GET", `/threads/${thread.id}/messages`, { token: provider.token });
    expect(list.body.items.map((m: { body: string }) => m.body)).toEqual(["Before"]);
    expect((await app.api.call("POST", `/threads/${thread.id}/read`, { token: provider.token, body: {} })).body).toEqual({ marked: 1, unread_count: 0 });
  });
});
