/**
 * Reviews through the API: only the client of a completed request reviews it, once (also under
 * concurrency); the provider's rating aggregate is exact; the public list hides what it must.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import * as marketplace from "../../../src/domains/marketplace/index.js";
import { ReviewsEvents } from "../../../src/domains/reviews/index.js";
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
type Provider = Login & { providerId: number };

/** OTP login; its code row is removed so the per-IP OTP budget does not run out in this file. */
async function login(fullName?: string): Promise<Login> {
  const l = await app.login();
  await t.db.otp.deleteMany({ where: { phone: l.phone } });
  if (fullName) await app.api.call("PATCH", "/me", { token: l.token, body: { full_name: fullName } });
  return l;
}

async function loginProvider(): Promise<Provider> {
  const l = await login();
  const r = await app.api.call("POST", "/me/become-provider", { token: l.token, body: { display_name: "Handy Co", city: "Riyadh", subcategory_ids: [sub.id] } });
  expect(r.status).toBe(201);
  return { ...l, providerId: r.body.id };
}

/** A request of `client` done by `provider` up to `until`. */
async function requestUpTo(client: Login, provider: Login, until: "offer_accepted" | "in_progress" | "completed" = "completed") {
  const req = await marketplace.createRequest(t, as("client", client.user.id), { title: "Paint the wall", description: "Two rooms", subcategoryId: sub.id, city: "Riyadh" });
  const offer = await marketplace.submitOffer(t, as("provider", provider.user.id), req.id, { price: 50000, message: "Can do" });
  await marketplace.acceptOffer(t, as("client", client.user.id), offer.id);
  if (until !== "offer_accepted") await marketplace.startRequest(t, as("provider", provider.user.id), req.id);
  if (until === "completed") await marketplace.completeRequest(t, as("provider", provider.user.id), req.id);
  return req;
}

const review = (l: Login, requestId: number, body: unknown, headers?: Record<string, string>) =>
  app.api.call("POST", `/requests/${requestId}/review`, { token: l.token, body, headers, lang: "en" });

let client: Login;
let stranger: Login;

beforeAll(async () => {
  client = await login("Sara Al Qahtani");
  stranger = await login();
});

describe("POST /requests/{id}/review", () => {
  it("should create the review with 201, update the provider's rating, and write an audit row and an event", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    const r = await review(client, req.id, { rating: 4, comment: "  Clean work  " });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ request_id: req.id, provider_id: provider.providerId, rating: 4, comment: "Clean work" });
    const profile = await t.db.providerProfile.findUniqueOrThrow({ where: { id: provider.providerId } });
    expect(profile).toMatchObject({ ratingAvg: 400, ratingCount: 1 });
    const audit = await t.db.auditLog.findMany({ where: { entity: "Review", entityId: String(r.body.id) } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["review.create", client.user.id]]);
    const events = await t.db.eventLog.findMany({ where: { name: ReviewsEvents.REVIEW_CREATED, entityId: String(r.body.id) } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ requestId: req.id, providerId: provider.providerId, providerUserId: provider.user.id, clientId: client.user.id, rating: 4 });
  });

  it("should answer 404 to anyone but the request's client, and for an unknown request", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    expect((await review(provider, req.id, { rating: 5 })).status).toBe(404);
    const other = await review(stranger, req.id, { rating: 1 });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("NOT_FOUND");
    expect((await review(client, 999999, { rating: 5 })).status).toBe(404);
    expect(await t.db.review.count({ where: { requestId: req.id } })).toBe(0);
  });

  it("should refuse a request that is not completed with 422 REQUEST_NOT_COMPLETED", async () => {
    const provider = await loginProvider();
    for (const until of ["offer_accepted", "in_progress"] as const) {
      const req = await requestUpTo(client, provider, until);
      const r = await review(client, req.id, { rating: 5 });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: "REQUEST_NOT_COMPLETED", detail: "You can review a request only after it is completed." });
    }
    expect(await t.db.review.count({ where: { providerId: provider.providerId } })).toBe(0);
  });

  it("should refuse a second review with 409 REVIEW_EXISTS", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    expect((await review(client, req.id, { rating: 5 })).status).toBe(201);
    const again = await review(client, req.id, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "REVIEW_EXISTS", detail: "You already reviewed this request." });
    expect(await t.db.providerProfile.findUniqueOrThrow({ where: { id: provider.providerId } })).toMatchObject({ ratingAvg: 500, ratingCount: 1 });
  });

  it("should accept exactly one of two parallel reviews of the same request", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    const rs = await Promise.all([review(client, req.id, { rating: 5 }), review(client, req.id, { rating: 2 })]);
    expect(rs.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(rs.find((r) => r.status === 409)!.body.code).toBe("REVIEW_EXISTS");
    expect(await t.db.review.count({ where: { requestId: req.id } })).toBe(1);
    expect((await t.db.providerProfile.findUniqueOrThrow({ where: { id: provider.providerId } })).ratingCount).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "review.create", entityId: String(rs.find((r) => r.status === 201)!.body.id) } })).toBe(1);
  });

  it("should replay the answer for a repeated Idempotency-Key", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    const headers = { "idempotency-key": `review-${req.id}` };
    const a = await review(client, req.id, { rating: 3 }, headers);
    const b = await review(client, req.id, { rating: 3 }, headers);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
  });

  it("should refuse a rating outside 1..5, a fraction and a comment over 2000 characters with 400", async () => {
    const provider = await loginProvider();
    const req = await requestUpTo(client, provider);
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 4.5 }, { rating: 4, comment: "x".repeat(2001) }, {}]) {
      const r = await review(client, req.id, body);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("VALIDATION_FAILED");
    }
    expect((await review(client, req.id, { rating: 4, comment: "x".repeat(2000) })).status).toBe(201);
  });

  it("should keep the rating aggregate exact over several reviews and leave hidden ones out", async () => {
    const provider = await loginProvider();
    const ids: number[] = [];
    for (const rating of [5, 4, 4]) {
      const req = await requestUpTo(client, provider);
      ids.push((await review(client, req.id, { rating })).body.id);
    }
    expect(await t.db.providerProfile.findUniqueOrThrow({ where: { id: provider.providerId } })).toMatchObject({ ratingAvg: 433, ratingCount: 3 });
    // Moderation hides the 5; the next review recomputes from the visible ones only: (4 + 4 + 2) / 3.
    await t.db.review.update({ where: { id: ids[0]! }, data: { isHidden: true } });
    const req = await requestUpTo(client, provider);
    expect((await review(client, req.id, { rating: 2 })).status).toBe(201);
    expect(await t.db.providerProfile.findUniqueOrThrow({ where: { id: provider.providerId } })).toMatchObject({ ratingAvg: 333, ratingCount: 3 });
  });
});

describe("GET /providers/{id}/reviews", () => {
  it("should list visible reviews newest first with the client's first name only, page by cursor, without a token", async () => {
    const provider = await loginProvider();
    const ids: number[] = [];
    for (const [rating, comment] of [[5, "Great"], [3, null], [4, "Good"], [1, "Rude"], [2, "Late"]] as const) {
      const req = await requestUpTo(client, provider);
      ids.push((await review(client, req.id, { rating, ...(comment ? { comment } : {}) })).body.id);
    }
    await t.db.review.update({ where: { id: ids[3]! }, data: { isHidden: true, hiddenReason: "abusive" } });
    await t.db.review.update({ where: { id: ids[4]! }, data: { deletedAt: new Date() } });
    await t.db.review.update({ where: { id: ids[0]! }, data: { providerReply: "Thank you!", providerRepliedAt: new Date() } });

    const first = await app.api.call("GET", `/providers/${provider.providerId}/reviews?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { id: ids[2], rating: 4, comment: "Good", client_name: "Sara", provider_reply: null, created_at: expect.any(String) },
      { id: ids[1], rating: 3, comment: null, client_name: "Sara", provider_reply: null, created_at: expect.any(String) },
    ]);
    const second = await app.api.call("GET", `/providers/${provider.providerId}/reviews?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body).toEqual({
      items: [{ id: ids[0], rating: 5, comment: "Great", client_name: "Sara", provider_reply: "Thank you!", created_at: expect.any(String) }],
      next_cursor: null,
    });
  });

  it("should answer 404 for a provider that does not exist and an empty list for one without reviews", async () => {
    const missing = await app.api.call("GET", "/providers/999999/reviews", { lang: "en" });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("NOT_FOUND");
    const provider = await loginProvider();
    expect((await app.api.call("GET", `/providers/${provider.providerId}/reviews`)).body).toEqual({ items: [], next_cursor: null });
  });
});
