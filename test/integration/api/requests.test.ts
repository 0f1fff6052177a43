import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createSubcategory } from "../../support/factories.js";

let t: TestDatabase;
let app: RunningApi;
let subId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t);
  subId = (await createSubcategory(t.db)).id;
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function provider(city = "Riyadh", subs = [subId]) {
  const p = await app.login();
  const r = await app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: `Pro ${p.phone.slice(-4)}`, city, subcategory_ids: subs } });
  expect(r.status).toBe(201);
  return p;
}

const newRequest = (over: Record<string, unknown> = {}) => ({ title: "Fix the sink", description: "The kitchen sink leaks", subcategory_id: subId, city: "Riyadh", budget_min: 10000, budget_max: 30000, ...over });

describe("requests and offers", () => {
  it("should let a client post, a matching provider find and offer, and the client accept", async () => {
    const client = await app.login();
    const pro = await provider();
    const farPro = await provider("Jeddah");
    const created = await app.api.call("POST", "/requests", { token: client.token, body: newRequest() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "new", viewer_role: "client", offers: [], budget_min: 10000 });
    const id = created.body.id;

    const open = await app.api.call("GET", "/requests/open", { token: pro.token });
    expect(open.body.items.map((r: any) => r.id)).toContain(id);
    const far = await app.api.call("GET", "/requests/open", { token: farPro.token });
    expect(far.body.items.map((r: any) => r.id)).not.toContain(id);

    const asPro = await app.api.call("GET", `/requests/${id}`, { token: pro.token });
    expect(asPro.body).toMatchObject({ viewer_role: "provider", address: null });

    const offer = await app.api.call("POST", `/requests/${id}/offers`, { token: pro.token, body: { price: 25000, message: "Tomorrow morning", estimated_days: 1 } });
    expect(offer.status).toBe(201);
    expect((await app.api.call("GET", `/requests/${id}`, { token: client.token })).body).toMatchObject({ status: "has_offers", offers: [{ id: offer.body.id, price: 25000 }] });

    const accepted = await app.api.call("POST", `/offers/${offer.body.id}/accept`, { token: client.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "offer_accepted", provider: { display_name: expect.any(String) }, thread_id: expect.any(Number) });
    expect((await app.api.call("GET", `/requests/${id}`, { token: farPro.token })).status).toBe(404);
  });

  it("should answer 404, not 403, to a second user for another's request and offer", async () => {
    const client = await app.login();
    const other = await app.login();
    const pro = await provider();
    const { body: req } = await app.api.call("POST", "/requests", { token: client.token, body: newRequest() });
    const { body: offer } = await app.api.call("POST", `/requests/${req.id}/offers`, { token: pro.token, body: { price: 100, message: "ok" } });
    for (const [method, path, body] of [
      ["GET", `/requests/${req.id}`, undefined],
      ["POST", `/requests/${req.id}/cancel`, { reason: "not mine" }],
      ["POST", `/offers/${offer.id}/accept`, undefined],
    ] as const) {
      const r = await app.api.call(method, path, { token: other.token, body, lang: "en" });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body).toMatchObject({ code: "NOT_FOUND", detail: "We could not find it." });
    }
    const mine = await app.api.call("GET", "/requests", { token: other.token });
    expect(mine.body.items).toEqual([]);
  });

  it("should refuse provider actions to a client with 403 PROVIDER_ONLY in Arabic", async () => {
    const client = await app.login();
    const r = await app.api.call("GET", "/requests/open", { token: client.token, lang: "ar" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: "PROVIDER_ONLY", detail: "هذا متاح لمزودي الخدمة فقط. أنشئ ملف مزود خدمة أولًا." });
  });

  it("should answer 409 for a move the state does not allow and 422 for a broken rule", async () => {
    const client = await app.login();
    const pro = await provider();
    const { body: req } = await app.api.call("POST", "/requests", { token: client.token, body: newRequest() });
    const early = await app.api.call("POST", `/requests/${req.id}/start`, { token: pro.token });
    expect(early.status).toBe(404); // not chosen yet: the request is not theirs to start
    const { body: offer } = await app.api.call("POST", `/requests/${req.id}/offers`, { token: pro.token, body: { price: 100, message: "ok" } });
    const twice = await app.api.call("POST", `/requests/${req.id}/offers`, { token: pro.token, body: { price: 100, message: "again" } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("OFFER_EXISTS");
    await app.api.call("POST", `/offers/${offer.id}/accept`, { token: client.token });
    const complete = await app.api.call("POST", `/requests/${req.id}/complete`, { token: pro.token });
    expect(complete.status).toBe(409);
    expect(complete.body.code).toBe("INVALID_TRANSITION");
    const badSub = await app.api.call("POST", "/requests", { token: client.token, body: newRequest({ subcategory_id: 999999 }) });
    expect(badSub.status).toBe(422);
    expect(badSub.body.code).toBe("UNKNOWN_SUBCATEGORY");
  });

  it("should let a provider withdraw, returning the request to new, and let the client cancel with a reason", async () => {
    const client = await app.login();
    const pro = await provider();
    const { body: req } = await app.api.call("POST", "/requests", { token: client.token, body: newRequest() });
    const { body: offer } = await app.api.call("POST", `/requests/${req.id}/offers`, { token: pro.token, body: { price: 100, message: "ok" } });
    const w = await app.api.call("POST", `/offers/${offer.id}/withdraw`, { token: pro.token });
    expect(w.body.status).toBe("withdrawn");
    expect((await app.api.call("GET", `/requests/${req.id}`, { token: client.token })).body.status).toBe("new");
    const noReason = await app.api.call("POST", `/requests/${req.id}/cancel`, { token: client.token, body: { reason: "" } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toHaveProperty("reason");
    const c = await app.api.call("POST", `/requests/${req.id}/cancel`, { token: client.token, body: { reason: "Fixed it myself" } });
    expect(c.body).toMatchObject({ status: "cancelled", cancel_reason: "Fixed it myself" });
  });

  it("should create one request for a retried POST with the same Idempotency-Key", async () => {
    const client = await app.login();
    const headers = { "idempotency-key": "req-retry-1" };
    const [a, b] = await Promise.all([
      app.api.call("POST", "/requests", { token: client.token, body: newRequest(), headers }),
      app.api.call("POST", "/requests", { token: client.token, body: newRequest(), headers }).catch((e) => e),
    ]);
    const again = await app.api.call("POST", "/requests", { token: client.token, body: newRequest(), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]); // the loser of a true race is told to retry
    expect(await t.db.serviceRequest.count({ where: { clientId: client.user.id } })).toBe(1);
    // The replay is the first answer, byte for byte (keys in the same order).
    const first = [a, b].find((r) => r.status === 201)!;
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
  });

  it("should page my requests by cursor without gaps or repeats while new ones arrive", async () => {
    const client = await app.login();
    for (let i = 0; i < 5; i++) await app.api.call("POST", "/requests", { token: client.token, body: newRequest({ title: `Job ${i}` }) });
    const p1 = await app.api.call("GET", "/requests?limit=2", { token: client.token });
    expect(p1.body.items).toHaveLength(2);
    await app.api.call("POST", "/requests", { token: client.token, body: newRequest({ title: "Newest" }) });
    const seen = [...p1.body.items.map((r: any) => r.title)];
    let cursor = p1.body.next_cursor;
    while (cursor) {
      const p = await app.api.call("GET", `/requests?limit=2&cursor=${cursor}`, { token: client.token });
      seen.push(...p.body.items.map((r: any) => r.title));
      cursor = p.body.next_cursor;
    }
    expect(seen).toEqual(["Job 4", "Job 3", "Job 2", "Job 1", "Job 0"]);
    const bad = await app.api.call("GET", "/requests?cursor=zzz", { token: client.token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_CURSOR");
    const tooMany = await app.api.call("GET", "/requests?limit=101", { token: client.token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toHaveProperty("limit");
  });
});
