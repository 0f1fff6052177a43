/**
 * The "Done when", entirely through the public API (every call goes through `api.call`,
 * so every answer is checked against the served OpenAPI document): a client logs in with an OTP,
 * a provider signs up and fills in the profile, the client posts a request, the provider offers,
 * the client accepts, both chat, the provider starts and completes, the client reviews and the
 * rating shows on the public profile. Then a third user, and a second provider of the same city
 * and subcategory, can read or touch none of it (404, or empty lists), the provider's invoice
 * included. Only the catalog (category, plan) is seeded with Prisma: it has no public API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory, SubscriptionPlan } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { testPhone, type RunningApi } from "../../support/api-client.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createSubcategory } from "../../support/factories.js";

let t: TestDatabase;
let rig: BillingRig;
let app: RunningApi;
let seededSub: Subcategory;
let plan: SubscriptionPlan;

beforeAll(async () => {
  t = await createTestDatabase();
  // The billing rig is the same app over a fake Stripe: POST /invoices/{id}/pay needs payments configured.
  rig = await startBillingRig(t);
  app = rig.app;
  seededSub = await createSubcategory(t.db);
  plan = await t.db.subscriptionPlan.create({
    data: { code: `done-when-${process.pid}`, nameAr: "أساسي", nameEn: "Basic", priceMonthly: 4900, priceYearly: 49900 },
  });
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

type Session = { token: string; userId: number; phone: string };

/** The OTP login a person does in the app: ask for a code, read the SMS, send the code back. */
async function otpLogin(phone = testPhone()): Promise<Session> {
  const asked = await app.api.call("POST", "/auth/otp/request", { body: { phone, language: "en" } });
  expect(asked.status).toBe(202);
  expect(asked.body.expires_in_seconds).toBeGreaterThan(0);
  // What the development log SMS provider would print: "Your Nawafeth login code is 123456. …"
  const sms = app.sms.lastTo(phone);
  expect(sms?.text).toMatch(/\b\d{6}\b/);
  const code = /(\d{6})/.exec(sms!.text)![1]!;
  const verified = await app.api.call("POST", "/auth/otp/verify", { body: { phone, code, device_name: "Test phone" } });
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ created: true, user: { phone, user_type: "client", provider_id: null } });
  return { token: verified.body.token, userId: verified.body.user.id, phone };
}

const CITY = "Riyadh";

let client: Session;
let provider: Session & { providerId: number };
let rival: Session & { providerId: number };
let stranger: Session;
let subcategoryId: number;
let requestId: number;
let offerId: number;
let threadId: number;
let invoiceId: number;
let subscriptionId: number;
let messageIds: number[] = [];

async function becomeProvider(s: Session, name: string) {
  const r = await app.api.call("POST", "/me/become-provider", { token: s.token, body: { display_name: name, city: CITY, subcategory_ids: [subcategoryId] } });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ display_name: name, city: CITY, is_verified: false });
  const me = await app.api.call("GET", "/me", { token: s.token });
  expect(me.body).toMatchObject({ user_type: "provider", provider_id: r.body.id });
  return { ...s, providerId: r.body.id as number };
}

describe("done when: request to review through the API", () => {
  it("should let a phone number log in with the code from the SMS", async () => {
    client = await otpLogin();
    const me = await app.api.call("GET", "/me", { token: client.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: client.userId, phone: client.phone, user_type: "client" });
    const named = await app.api.call("PATCH", "/me", { token: client.token, body: { full_name: "Sara Al Qahtani", city: CITY } });
    expect(named.body).toMatchObject({ full_name: "Sara Al Qahtani", city: CITY });
  });

  it("should let a second phone become a provider in a subcategory from GET /categories and set its profile", async () => {
    const categories = await app.api.call("GET", "/categories");
    expect(categories.status).toBe(200);
    const category = categories.body.items.find((c: { subcategories: { id: number }[] }) => c.subcategories.some((s) => s.id === seededSub.id));
    expect(category).toBeDefined();
    subcategoryId = category.subcategories.find((s: { id: number }) => s.id === seededSub.id).id;

    provider = await becomeProvider(await otpLogin(), "Cool Air Co");
    const profile = await app.api.call("PATCH", "/me/provider", {
      token: provider.token,
      body: {
        bio: "AC installation and repair since 2015.",
        years_experience: 9,
        accepts_urgent: true,
        services: [{ subcategory_id: subcategoryId, title: "AC repair", price_from: 15000, price_to: 40000, price_unit: "per_visit" }],
      },
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      id: provider.providerId, display_name: "Cool Air Co", city: CITY, years_experience: 9, accepts_urgent: true,
      subcategory_ids: [subcategoryId], rating: 0, rating_count: 0,
      services: [{ subcategory_id: subcategoryId, title: "AC repair", price_from: 15000, price_to: 40000, currency: "SAR", price_unit: "per_visit" }],
    });

    // Another provider in the same city and subcategory, and a plain user: the outsiders of the story.
    rival = await becomeProvider(await otpLogin(), "Rival Cooling");
    stranger = await otpLogin();
  });

  it("should let the client post a request that the provider finds among open requests and answers", async () => {
    const created = await app.api.call("POST", "/requests", {
      token: client.token,
      body: {
        title: "AC not cooling", description: "The living room split unit blows warm air.", subcategory_id: subcategoryId, city: CITY,
        address: "Al Olaya, building 12", budget_min: 10000, budget_max: 50000, priority: "high",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "new", viewer_role: "client", city: CITY, subcategory: { id: subcategoryId }, offers: [], thread_id: null });
    requestId = created.body.id;

    const open = await app.api.call("GET", "/requests/open", { token: provider.token });
    expect(open.status).toBe(200);
    expect(open.body.items.find((r: { id: number }) => r.id === requestId)).toMatchObject({ title: "AC not cooling", my_offer: null });
    const seen = await app.api.call("GET", `/requests/${requestId}`, { token: provider.token });
    expect(seen.body).toMatchObject({ viewer_role: "provider", address: null }); // no address before being chosen

    const offer = await app.api.call("POST", `/requests/${requestId}/offers`, { token: provider.token, body: { price: 30000, message: "I can come tomorrow at 9.", estimated_days: 1 } });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ request_id: requestId, price: 30000, currency: "SAR", status: "pending" });
    offerId = offer.body.id;
    const mine = await app.api.call("GET", "/requests/open", { token: provider.token });
    expect(mine.body.items.find((r: { id: number }) => r.id === requestId).my_offer).toEqual({ id: offerId, status: "pending" });
  });

  it("should show the offer to the client, who accepts it and opens the thread", async () => {
    const detail = await app.api.call("GET", `/requests/${requestId}`, { token: client.token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: "has_offers",
      offers: [{ id: offerId, price: 30000, message: "I can come tomorrow at 9.", status: "pending", provider: { id: provider.providerId, display_name: "Cool Air Co" } }],
    });
    const accepted = await app.api.call("POST", `/offers/${offerId}/accept`, { token: client.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "offer_accepted", provider: { id: provider.providerId, display_name: "Cool Air Co" }, thread_id: expect.any(Number) });
    threadId = accepted.body.thread_id;
    const chosen = await app.api.call("GET", `/requests/${requestId}`, { token: provider.token });
    expect(chosen.body).toMatchObject({ viewer_role: "provider", address: "Al Olaya, building 12", offers: [{ id: offerId, status: "accepted" }] });
  });

  it("should let both parties find the thread and exchange messages with read receipts", async () => {
    for (const [s, other] of [[client, "Cool Air Co"], [provider, "Sara Al Qahtani"]] as const) {
      const threads = await app.api.call("GET", "/threads", { token: s.token });
      expect(threads.status).toBe(200);
      expect(threads.body.items.find((th: { id: number }) => th.id === threadId)).toMatchObject({ request_id: requestId, request_title: "AC not cooling", other_party: { name: other } });
    }
    const hello = await app.api.call("POST", `/threads/${threadId}/messages`, { token: client.token, body: { body: "Hello, please bring a ladder." } });
    expect(hello.status).toBe(201);
    expect(hello.body).toMatchObject({ sender_id: client.userId, is_mine: true, read_by_other: false });
    const reply = await app.api.call("POST", `/threads/${threadId}/messages`, { token: provider.token, body: { body: "Sure, see you at 9." } });
    expect(reply.status).toBe(201);
    messageIds = [hello.body.id, reply.body.id];

    const forProvider = await app.api.call("GET", "/threads", { token: provider.token });
    expect(forProvider.body.items.find((th: { id: number }) => th.id === threadId)).toMatchObject({ last_message: "Sure, see you at 9.", unread_count: 1 });
    const read = await app.api.call("POST", `/threads/${threadId}/read`, { token: provider.token, body: {} });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ marked: 1, unread_count: 0 });

    const asClient = await app.api.call("GET", `/threads/${threadId}/messages`, { token: client.token });
    expect(asClient.status).toBe(200);
    expect(asClient.body.items.map((m: { body: string; is_mine: boolean; read_by_other: boolean }) => [m.body, m.is_mine, m.read_by_other])).toEqual([
      ["Sure, see you at 9.", false, false],
      ["Hello, please bring a ladder.", true, true],
    ]);
    expect((await app.api.call("POST", `/threads/${threadId}/read`, { token: client.token, body: { up_to_message_id: reply.body.id } })).body).toEqual({ marked: 1, unread_count: 0 });
    const asProvider = await app.api.call("GET", `/threads/${threadId}/messages`, { token: provider.token });
    expect(asProvider.body.items.map((m: { id: number }) => m.id)).toEqual([...messageIds].reverse());
  });

  it("should let the provider start and complete the work", async () => {
    const started = await app.api.call("POST", `/requests/${requestId}/start`, { token: provider.token });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "in_progress", started_at: expect.any(String), completed_at: null });
    const done = await app.api.call("POST", `/requests/${requestId}/complete`, { token: provider.token });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", completed_at: expect.any(String) });
  });

  it("should let the client review, and show the rating on the provider's public profile", async () => {
    const review = await app.api.call("POST", `/requests/${requestId}/review`, { token: client.token, body: { rating: 5, comment: "Fast and tidy." } });
    expect(review.status).toBe(201);
    expect(review.body).toMatchObject({ request_id: requestId, provider_id: provider.providerId, rating: 5, comment: "Fast and tidy." });

    const profile = await app.api.call("GET", `/providers/${provider.providerId}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: provider.providerId, rating: 5, rating_count: 1 });
    const reviews = await app.api.call("GET", `/providers/${provider.providerId}/reviews`);
    expect(reviews.body.items).toEqual([expect.objectContaining({ id: review.body.id, rating: 5, comment: "Fast and tidy.", client_name: "Sara" })]);
    const detail = await app.api.call("GET", `/requests/${requestId}`, { token: client.token });
    expect(detail.body.review).toEqual({ id: review.body.id, rating: 5 });
  });

  it("should give the provider an invoice when subscribing to a plan", async () => {
    const sub = await app.api.call("POST", "/subscriptions", { token: provider.token, body: { plan_id: plan.id, cycle: "monthly" } });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ status: "pending_payment", plan: { id: plan.id }, invoice: { status: "issued", subtotal: 4900, total: 5635, purpose: "subscription" } });
    invoiceId = sub.body.invoice.id;
    subscriptionId = sub.body.id;
    expect((await app.api.call("GET", `/invoices/${invoiceId}`, { token: provider.token })).status).toBe(200);
    const pay = await app.api.call("POST", `/invoices/${invoiceId}/pay`, { token: provider.token });
    expect(pay.status).toBe(200);
    expect(pay.body).toMatchObject({ invoice_id: invoiceId, amount: 5635, currency: "SAR" });
  });
});

describe("done when: nobody else can read any of it", () => {
  const outsiders = () => [["a third user", stranger], ["a second provider of the same city and subcategory", rival]] as const;

  it("should answer 404 on the request, its offer, the thread, its messages, posting and reviewing", async () => {
    for (const [who, s] of outsiders()) {
      const calls: [string, string, unknown?][] = [
        ["GET", `/requests/${requestId}`],
        ["POST", `/requests/${requestId}/cancel`, { reason: "not mine to cancel" }],
        ["POST", `/offers/${offerId}/accept`],
        ["GET", `/threads/${threadId}/messages`],
        ["POST", `/threads/${threadId}/messages`, { body: "let me in" }],
        ["POST", `/threads/${threadId}/read`, {}],
        ["POST", `/requests/${requestId}/review`, { rating: 1, comment: "never hired them" }],
      ];
      for (const [method, path, body] of calls) {
        const r = await app.api.call(method, path, { token: s.token, body, lang: "en" });
        expect(r.status, `${who}: ${method} ${path}`).toBe(404);
        expect(r.body, `${who}: ${method} ${path}`).toMatchObject({ code: "NOT_FOUND", detail: "We could not find it." });
      }
    }
  });

  it("should answer 404 to the second provider on the provider-only moves, and 403 PROVIDER_ONLY to a plain user", async () => {
    const providerOnly: [string, string, unknown?][] = [
      ["POST", `/offers/${offerId}/withdraw`],
      ["POST", `/requests/${requestId}/offers`, { price: 100, message: "cheaper" }],
      ["POST", `/requests/${requestId}/start`],
      ["POST", `/requests/${requestId}/complete`],
    ];
    for (const [method, path, body] of providerOnly) {
      const asRival = await app.api.call(method, path, { token: rival.token, body, lang: "en" });
      expect(asRival.status, `rival: ${method} ${path}`).toBe(404);
      expect(asRival.body.code).toBe("NOT_FOUND");
      // A client is refused before any lookup: the same answer for any id, so it reveals nothing.
      const asStranger = await app.api.call(method, path, { token: stranger.token, body });
      expect(asStranger.status, `stranger: ${method} ${path}`).toBe(403);
      expect(asStranger.body.code).toBe("PROVIDER_ONLY");
    }
  });

  it("should show them empty lists of requests and threads, and not the request among open ones", async () => {
    for (const [who, s] of outsiders()) {
      expect((await app.api.call("GET", "/requests", { token: s.token })).body, who).toEqual({ items: [], next_cursor: null });
      expect((await app.api.call("GET", "/threads", { token: s.token })).body, who).toEqual({ items: [], next_cursor: null });
    }
    const open = await app.api.call("GET", "/requests/open", { token: rival.token });
    expect(open.body.items.map((r: { id: number }) => r.id)).not.toContain(requestId);
  });

  it("should answer 404 on the provider's invoice and subscription, and show them none", async () => {
    for (const [who, s] of [...outsiders(), ["the client", client] as const]) {
      for (const [method, path] of [["GET", `/invoices/${invoiceId}`], ["POST", `/invoices/${invoiceId}/pay`], ["GET", `/invoices/${invoiceId}/pdf`], ["POST", `/subscriptions/${subscriptionId}/cancel`]] as const) {
        const r = await app.api.call(method, path, { token: s.token, lang: "en" });
        expect(r.status, `${who}: ${method} ${path}`).toBe(404);
        expect(r.body.code).toBe("NOT_FOUND");
      }
      expect((await app.api.call("GET", "/invoices", { token: s.token })).body, who).toEqual({ items: [], next_cursor: null });
      expect((await app.api.call("GET", "/subscriptions", { token: s.token })).body, who).toEqual({ items: [] });
    }
  });

  // Support tickets: not in the API yet (no /tickets routes) — add their 404 checks here when they land.

  it("should have changed nothing the parties see", async () => {
    const detail = await app.api.call("GET", `/requests/${requestId}`, { token: client.token });
    expect(detail.body).toMatchObject({ status: "completed", cancel_reason: null, offers: [{ id: offerId, status: "accepted" }], review: { rating: 5 } });
    const messages = await app.api.call("GET", `/threads/${threadId}/messages`, { token: provider.token });
    expect(messages.body.items.map((m: { id: number }) => m.id)).toEqual([...messageIds].reverse());
    expect((await app.api.call("GET", `/providers/${provider.providerId}`)).body).toMatchObject({ rating: 5, rating_count: 1 });
    const invoice = await app.api.call("GET", `/invoices/${invoiceId}`, { token: provider.token });
    expect(invoice.body).toMatchObject({ id: invoiceId, status: "issued" });
    expect((await app.api.call("GET", "/subscriptions", { token: provider.token })).body.items).toEqual([expect.objectContaining({ id: subscriptionId, status: "pending_payment" })]);
  });
});
