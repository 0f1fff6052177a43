/**
 * The API contract: every operation of the served OpenAPI document is called at least once with a
 * valid request (and nearly all with an error case too), each answer checked against the document
 * by the test client (status listed, content type, body schema). The list of operations is taken
 * from the document itself, so a new route fails this file until it is covered here. Payments run
 * against the fake Stripe (billing rig) with signed webhooks.
 *
 * The two non-JSON answers (a portfolio image, an invoice PDF) are fetched directly and checked by
 * hand against the document; their JSON error answers still go through the client.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Extra, PromoCode, Subcategory, SubscriptionPlan } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { calledOperations, testPhone, type CallOptions, type RunningApi } from "../../support/api-client.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff, createSubcategory } from "../../support/factories.js";
import { samplePngOfSize } from "../../support/sample-files.js";
import type { Ctx } from "../../../src/platform/context.js";
import { riyadhDay } from "../../../src/platform/riyadh-time.js";
import { markInvoicePaidManually } from "../../../src/domains/billing/index.js";
import * as promotions from "../../../src/domains/promo/index.js";
import * as support from "../../../src/domains/support/index.js";
import { DATA_EXPORT_QUEUE } from "../../../src/domains/accounts/index.js";
import { handleDataExport } from "../../../jobs/privacy.job.js";
import { diskStorage } from "../../../src/platform/storage.js";
import { loadConfig } from "../../../src/platform/config.js";
import { drainQueues } from "../../support/jobs.js";
import { creditWallet } from "../../../src/domains/wallet/index.js";

type Operation = { summary?: string; tags?: string[]; security?: Record<string, string[]>[]; parameters?: { in: string; name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> };
type OpenApiDoc = {
  openapi: string;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
};

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the document as "METHOD /path" with its definition. */
function operationsOf(doc: OpenApiDoc) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
  );
}

let t: TestDatabase;
let rig: BillingRig;
let app: RunningApi;
let doc: OpenApiDoc;
let sub: Subcategory;
let plan: SubscriptionPlan;
let promo: PromoCode;
let extra: Extra;

beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  app = rig.app;
  doc = app.api.doc as unknown as OpenApiDoc;
  sub = await createSubcategory(t.db);
  ({ plan, promo } = await seedPlanAndPromo(t.db));
  extra = await t.db.extra.create({ data: { code: `contract-boost-${process.pid}`, nameAr: "تمييز", nameEn: "Boost", price: 2000, durationDays: 7 } });
  await t.db.appVersion.create({ data: { platform: "ios", version: "2.0.0", buildNumber: 200, minSupportedVersion: "1.5.0", releaseNotesEn: "Faster", releaseNotesAr: "أسرع" } });
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

/** Operations answered with a success status, and with a documented error, in this file. */
const succeeded = new Set<string>();
const refused = new Set<string>();

function keyOf(method: string, path: string): string {
  const tpl = app.api.operationFor(method.toLowerCase(), path);
  if (!tpl) throw new Error(`${method} ${path} is not in the document`);
  return `${method.toUpperCase()} ${tpl}`;
}

/** Calls through the validating client and requires `status`. */
async function call(status: number, method: string, path: string, o: CallOptions = {}) {
  const r = await app.api.call(method, path, o);
  expect(r.status, `${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`).toBe(status);
  (status < 400 ? succeeded : refused).add(keyOf(method, path));
  return r;
}

/** A non-JSON GET: status and content type checked against the document by hand, recorded by hand. */
async function fetchBinary(path: string, token?: string) {
  const res = await fetch(`${app.url}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const key = keyOf("GET", path);
  const tpl = key.slice(4);
  const spec = doc.paths[tpl]!.get!.responses[String(res.status)];
  expect(spec, `GET ${path} answered ${res.status}, not in the document`).toBeDefined();
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
  expect(Object.keys(spec!.content ?? {}), `GET ${path} ${res.status} content type`).toContain(type);
  calledOperations.add(key);
  if (res.ok) succeeded.add(key);
  return { status: res.status, type, bytes: Buffer.from(await res.arrayBuffer()) };
}

type Login = { token: string; user: { id: number }; phone: string };

/** OTP login through the API; the code row is removed so the per-IP OTP budget lasts the file. */
async function login(phone?: string): Promise<Login> {
  const l = await app.login(phone);
  await t.db.otp.deleteMany({ where: { phone: l.phone } });
  return l;
}

/** A valid 1x1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const MISSING = 99_999_999;

let client: Login;
let pro: Login & { providerId: number };
let stranger: Login;

describe("the OpenAPI document", () => {
  it("should be OpenAPI 3.1.0 with a bearer security scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(operationsOf(doc).length).toBeGreaterThan(40);
  });

  it("should give every operation a summary and tags, and list 400, 429 and 500 (and 404 with a path parameter)", () => {
    for (const { key, path, op } of operationsOf(doc)) {
      expect(op.summary?.trim(), `${key} summary`).toBeTruthy();
      expect(op.tags?.length, `${key} tags`).toBeGreaterThan(0);
      expect(op.tags!.every((tag) => typeof tag === "string" && tag.length > 0), `${key} tags`).toBe(true);
      for (const s of ["400", "429", "500"]) expect(op.responses, `${key} lists ${s}`).toHaveProperty(s);
      if (path.includes("{")) expect(op.responses, `${key} lists 404`).toHaveProperty("404");
    }
  });

  it("should declare bearerAuth and list 401 on every operation that declares security", () => {
    for (const { key, op } of operationsOf(doc).filter((o) => o.op.security)) {
      expect(op.security, key).toEqual([{ bearerAuth: [] }]);
      expect(op.responses, `${key} lists 401`).toHaveProperty("401");
    }
  });

  it("should answer 401 without a token exactly where the document declares bearerAuth", async () => {
    const needsAuth: string[] = [];
    for (const { key, method, path, op } of operationsOf(doc)) {
      const concrete = path.replace(/\{\w+\}/g, String(MISSING));
      const body = method === "post" || method === "patch" || method === "put" ? {} : undefined;
      const r = await app.api.call(method, concrete, { body, lang: "en" }); // validated against the document
      refused.add(key);
      if (r.status === 401) needsAuth.push(key);
      if (op.security) {
        expect(r.status, `${key} without a token`).toBe(401);
        expect(r.body.code).toBe("UNAUTHENTICATED");
      } else {
        expect(r.status, `${key} is public: ${JSON.stringify(r.body)}`).not.toBe(401);
      }
    }
    expect(needsAuth.sort()).toEqual(operationsOf(doc).filter((o) => o.op.security).map((o) => o.key).sort());
    // A token that is not ours counts as no token.
    const bad = await app.api.call("GET", "/me", { token: "not-a-real-token" });
    expect(bad.status).toBe(401);
  });
});

describe("auth and me", () => {
  it("should log in with an OTP, refuse bad codes and phones, and revoke a token on logout", async () => {
    const phone = testPhone();
    await call(400, "POST", "/auth/otp/request", { body: { phone: "12345" } });
    const asked = await call(202, "POST", "/auth/otp/request", { body: { phone, language: "en" } });
    expect(asked.body.expires_in_seconds).toBeGreaterThan(0);
    const code = /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
    const wrong = await call(401, "POST", "/auth/otp/verify", { body: { phone, code: code === "000000" ? "111111" : "000000" } });
    expect(wrong.body.code).toBe("OTP_INVALID");
    await call(400, "POST", "/auth/otp/verify", { body: { phone } });
    const ok = await call(200, "POST", "/auth/otp/verify", { body: { phone, code, device_name: "Contract test" } });
    expect(ok.body).toMatchObject({ created: true, user: { phone, user_type: "client" } });
    await t.db.otp.deleteMany({ where: { phone } });
    client = { token: ok.body.token, user: ok.body.user, phone };

    const second = await login(phone);
    await call(204, "POST", "/auth/logout", { token: second.token });
    await call(401, "GET", "/me", { token: second.token });
    await call(200, "GET", "/me", { token: client.token });
  });

  it("should edit me, refuse a taken email, and make a provider once", async () => {
    stranger = await login();
    await call(200, "PATCH", "/me", { token: stranger.token, body: { email: `taken.${process.pid}@example.com` } });
    const me = await call(200, "PATCH", "/me", { token: client.token, body: { full_name: "Sara Al Qahtani", language: "en", city: "Riyadh" } });
    expect(me.body).toMatchObject({ full_name: "Sara Al Qahtani", language: "en", city: "Riyadh" });
    const taken = await call(409, "PATCH", "/me", { token: client.token, body: { email: `taken.${process.pid}@example.com` } });
    expect(taken.body.code).toBe("EMAIL_TAKEN");
    await call(400, "PATCH", "/me", { token: client.token, body: { email: "not an email" } });

    const p = await login();
    const became = await call(201, "POST", "/me/become-provider", { token: p.token, body: { display_name: "Cool Air Co", city: "Riyadh", subcategory_ids: [sub.id] } });
    pro = { ...p, providerId: became.body.id };
    const again = await call(409, "POST", "/me/become-provider", { token: p.token, body: { display_name: "Again", city: "Riyadh" } });
    expect(again.body.code).toBe("ALREADY_PROVIDER");
  });
});

describe("catalog, providers and app version", () => {
  it("should list categories, find providers and show a profile", async () => {
    const cats = await call(200, "GET", "/categories");
    expect(cats.body.items.some((c: { subcategories: { id: number }[] }) => c.subcategories.some((s) => s.id === sub.id))).toBe(true);
    const list = await call(200, "GET", `/providers?subcategory=${sub.id}&city=Riyadh&sort=rating&limit=5`);
    expect(list.body.items.map((p: { id: number }) => p.id)).toContain(pro.providerId);
    await call(400, "GET", "/providers?verified=maybe");
    const profile = await call(200, "GET", `/providers/${pro.providerId}`, { token: client.token });
    expect(profile.body).toMatchObject({ id: pro.providerId, followed_by_me: false, liked_by_me: false });
    await call(404, "GET", `/providers/${MISSING}`);
  });

  it("should say whether to update the app", async () => {
    const r = await call(200, "GET", "/app-version?platform=ios&current_version=1.0.0", { lang: "en" });
    expect(r.body).toMatchObject({ latest_version: "2.0.0", force_update: true, update_available: true, release_notes: "Faster" });
    await call(404, "GET", "/app-version?platform=android");
    await call(400, "GET", "/app-version?platform=web");
  });

  it("should follow and like a provider, and refuse your own profile and unknown ones", async () => {
    for (const what of ["follow", "like"] as const) {
      const path = `/providers/${pro.providerId}/${what}`;
      const on = await call(200, "POST", path, { token: client.token });
      expect(on.body).toMatchObject(what === "follow" ? { following: true, followers_count: 1 } : { liked: true, likes_count: 1 });
      const off = await call(200, "DELETE", path, { token: client.token });
      expect(off.body).toMatchObject(what === "follow" ? { following: false, followers_count: 0 } : { liked: false, likes_count: 0 });
      expect((await call(422, "POST", path, { token: pro.token })).body.code).toBe("OWN_PROFILE");
      await call(404, "DELETE", `/providers/${MISSING}/${what}`, { token: client.token });
    }
  });
});

describe("provider profile and portfolio", () => {
  it("should edit the provider profile, refuse clients and unknown subcategories", async () => {
    const r = await call(200, "PATCH", "/me/provider", {
      token: pro.token,
      body: { bio: "Since 2015", years_experience: 9, accepts_urgent: true, services: [{ subcategory_id: sub.id, title: "AC repair", price_from: 15000, price_unit: "per_visit" }] },
    });
    expect(r.body).toMatchObject({ id: pro.providerId, years_experience: 9, services: [{ title: "AC repair", price_from: 15000 }] });
    expect((await call(403, "PATCH", "/me/provider", { token: client.token, body: { bio: "x" } })).body.code).toBe("PROVIDER_ONLY");
    expect((await call(422, "PATCH", "/me/provider", { token: pro.token, body: { subcategory_ids: [MISSING] } })).body.code).toBe("UNKNOWN_SUBCATEGORY");
  });

  it("should add, list, serve, like, edit and remove a portfolio item", async () => {
    const added = await call(201, "POST", "/me/provider/portfolio", { token: pro.token, body: { title: "Split unit", image_base64: PNG.toString("base64") } });
    const id = added.body.id as number;
    expect(added.body.image_url).toBe(`/api/v1/portfolio/${id}/image`);
    expect((await call(415, "POST", "/me/provider/portfolio", { token: pro.token, body: { title: "x", image_base64: Buffer.from("plain text").toString("base64") } })).body.code).toBe("FILE_TYPE_NOT_ALLOWED");

    const list = await call(200, "GET", "/me/provider/portfolio?limit=10", { token: pro.token });
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([id]);
    await call(403, "GET", "/me/provider/portfolio", { token: client.token });

    const image = await fetchBinary(`/portfolio/${id}/image`);
    expect(image).toMatchObject({ status: 200, type: "image/png" });
    expect(image.bytes.equals(PNG)).toBe(true);
    await call(404, "GET", `/portfolio/${MISSING}/image`);
    await call(400, "GET", "/portfolio/abc/image");

    expect((await call(200, "POST", `/portfolio/${id}/like`, { token: client.token })).body).toEqual({ liked: true, likes_count: 1 });
    expect((await call(200, "DELETE", `/portfolio/${id}/like`, { token: client.token })).body).toEqual({ liked: false, likes_count: 0 });
    expect((await call(422, "POST", `/portfolio/${id}/like`, { token: pro.token })).body.code).toBe("OWN_PROFILE");
    await call(404, "DELETE", `/portfolio/${MISSING}/like`, { token: client.token });

    const edited = await call(200, "PATCH", `/me/provider/portfolio/${id}`, { token: pro.token, body: { title: "Split unit, after", description: "Cleaned" } });
    expect(edited.body).toMatchObject({ id, title: "Split unit, after", description: "Cleaned" });
    await call(404, "PATCH", `/me/provider/portfolio/${MISSING}`, { token: pro.token, body: { title: "nope" } });

    await call(204, "DELETE", `/me/provider/portfolio/${id}`, { token: pro.token });
    await call(404, "DELETE", `/me/provider/portfolio/${id}`, { token: pro.token });
    await call(404, "GET", `/portfolio/${id}/image`);
  });
});

describe("requests, offers, messages and reviews", () => {
  const newRequest = (over: Record<string, unknown> = {}) => ({ title: "AC not cooling", description: "Blows warm air", subcategory_id: sub.id, city: "Riyadh", budget_max: 50000, ...over });
  let cancelledId: number;
  let requestId: number;
  let threadId: number;

  it("should post, list, find, offer on, withdraw from and cancel a request", async () => {
    const created = await call(201, "POST", "/requests", { token: client.token, body: newRequest() });
    cancelledId = created.body.id;
    expect((await call(422, "POST", "/requests", { token: client.token, body: newRequest({ subcategory_id: MISSING }) })).body.code).toBe("UNKNOWN_SUBCATEGORY");
    await call(400, "POST", "/requests", { token: client.token, body: newRequest({ title: "" }) });

    const mine = await call(200, "GET", "/requests?limit=5&status=new", { token: client.token });
    expect(mine.body.items.map((r: { id: number }) => r.id)).toContain(cancelledId);
    expect((await call(400, "GET", "/requests?cursor=zzz", { token: client.token })).body.code).toBe("INVALID_CURSOR");
    const open = await call(200, "GET", "/requests/open", { token: pro.token });
    expect(open.body.items.map((r: { id: number }) => r.id)).toContain(cancelledId);
    await call(403, "GET", "/requests/open", { token: client.token });
    await call(200, "GET", `/requests/${cancelledId}`, { token: pro.token });
    await call(404, "GET", `/requests/${cancelledId}`, { token: stranger.token });

    const offer = await call(201, "POST", `/requests/${cancelledId}/offers`, { token: pro.token, body: { price: 20000, message: "Tomorrow", estimated_days: 1 } });
    expect((await call(409, "POST", `/requests/${cancelledId}/offers`, { token: pro.token, body: { price: 1, message: "again" } })).body.code).toBe("OFFER_EXISTS");
    expect((await call(200, "POST", `/offers/${offer.body.id}/withdraw`, { token: pro.token })).body.status).toBe("withdrawn");
    await call(409, "POST", `/offers/${offer.body.id}/withdraw`, { token: pro.token });

    await call(400, "POST", `/requests/${cancelledId}/cancel`, { token: client.token, body: { reason: "" } });
    expect((await call(200, "POST", `/requests/${cancelledId}/cancel`, { token: client.token, body: { reason: "Fixed it myself" } })).body).toMatchObject({ status: "cancelled" });
    await call(409, "POST", `/requests/${cancelledId}/cancel`, { token: client.token, body: { reason: "Twice" } });
  });

  it("should accept an offer, start and complete the work", async () => {
    requestId = (await call(201, "POST", "/requests", { token: client.token, body: newRequest({ title: "Install a unit" }) })).body.id;
    const offer = await call(201, "POST", `/requests/${requestId}/offers`, { token: pro.token, body: { price: 30000, message: "Can do" } });
    await call(404, "POST", `/offers/${offer.body.id}/accept`, { token: stranger.token });
    const accepted = await call(200, "POST", `/offers/${offer.body.id}/accept`, { token: client.token });
    expect(accepted.body).toMatchObject({ status: "offer_accepted", thread_id: expect.any(Number) });
    threadId = accepted.body.thread_id;
    await call(409, "POST", `/offers/${offer.body.id}/accept`, { token: client.token });

    await call(409, "POST", `/requests/${requestId}/complete`, { token: pro.token });
    expect((await call(200, "POST", `/requests/${requestId}/start`, { token: pro.token })).body.status).toBe("in_progress");
    await call(409, "POST", `/requests/${requestId}/start`, { token: pro.token });
    expect((await call(200, "POST", `/requests/${requestId}/complete`, { token: pro.token })).body.status).toBe("completed");
  });

  it("should chat in the request's thread", async () => {
    const threads = await call(200, "GET", "/threads", { token: pro.token });
    expect(threads.body.items.map((th: { id: number }) => th.id)).toContain(threadId);
    await call(400, "GET", "/threads?limit=0", { token: pro.token });
    const sent = await call(201, "POST", `/threads/${threadId}/messages`, { token: client.token, body: { body: "Thanks!" } });
    expect(sent.body).toMatchObject({ body: "Thanks!", is_mine: true });
    await call(400, "POST", `/threads/${threadId}/messages`, { token: client.token, body: { body: "   " } });
    await call(404, "POST", `/threads/${threadId}/messages`, { token: stranger.token, body: { body: "hi" } });
    const messages = await call(200, "GET", `/threads/${threadId}/messages?limit=10`, { token: pro.token });
    expect(messages.body.items.map((m: { id: number }) => m.id)).toEqual([sent.body.id]);
    await call(404, "GET", `/threads/${MISSING}/messages`, { token: pro.token });
    expect((await call(200, "POST", `/threads/${threadId}/read`, { token: pro.token, body: {} })).body).toEqual({ marked: 1, unread_count: 0 });
    await call(404, "POST", `/threads/${threadId}/read`, { token: stranger.token, body: {} });
  });

  it("should take one review of a completed request and list it publicly", async () => {
    expect((await call(422, "POST", `/requests/${cancelledId}/review`, { token: client.token, body: { rating: 3 } })).body.code).toBe("REQUEST_NOT_COMPLETED");
    const review = await call(201, "POST", `/requests/${requestId}/review`, { token: client.token, body: { rating: 4, comment: "Good" } });
    expect((await call(409, "POST", `/requests/${requestId}/review`, { token: client.token, body: { rating: 5 } })).body.code).toBe("REVIEW_EXISTS");
    await call(400, "POST", `/requests/${requestId}/review`, { token: client.token, body: { rating: 6 } });
    const list = await call(200, "GET", `/providers/${pro.providerId}/reviews?limit=5`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: review.body.id, rating: 4, client_name: "Sara" })]);
    await call(404, "GET", `/providers/${MISSING}/reviews`);
    expect((await call(200, "GET", `/providers/${pro.providerId}`)).body).toMatchObject({ rating: 4, rating_count: 1 });
  });
});

describe("notifications, preferences and devices", () => {
  it("should list, count and mark the caller's notifications, read and change preferences, and register and remove a device", async () => {
    const note = await t.db.notification.create({ data: { userId: client.user.id, titleAr: "عرض جديد", titleEn: "New offer", bodyAr: "على طلبك", bodyEn: "On your request", category: "offers", data: { screen: "request", requestId: 1 } } });
    const list = await call(200, "GET", "/notifications?limit=5&unread_only=true", { token: client.token, lang: "en" });
    expect(list.body.items[0]).toMatchObject({ id: note.id, title: "New offer", read: false, data: { screen: "request", request_id: 1 } });
    expect((await call(400, "GET", "/notifications?cursor=nope", { token: client.token })).body.code).toBe("INVALID_CURSOR");
    expect((await call(200, "GET", "/notifications/unread-count", { token: client.token })).body.unread_count).toBeGreaterThanOrEqual(1);
    expect((await call(200, "POST", "/notifications/read", { token: client.token, body: { ids: [note.id] } })).body).toMatchObject({ marked: 1 });
    expect((await call(200, "POST", "/notifications/read", { token: stranger.token, body: { all: true } })).body).toEqual({ marked: 0, unread_count: 0 });
    await call(400, "POST", "/notifications/read", { token: client.token, body: { ids: [note.id], all: true } });

    expect((await call(200, "GET", "/me/notification-preferences", { token: client.token })).body).toMatchObject({ timezone: "Asia/Riyadh", quiet_hours_start: null });
    const prefs = await call(200, "PATCH", "/me/notification-preferences", { token: client.token, body: { choices: { marketing: { push: true } }, quiet_hours_start: "22:00", quiet_hours_end: "07:00" } });
    expect(prefs.body).toMatchObject({ quiet_hours_start: "22:00", choices: { marketing: { push: true } } });
    await call(400, "PATCH", "/me/notification-preferences", { token: client.token, body: { quiet_hours_start: "25:00", quiet_hours_end: "07:00" } });

    const device = `contract-${process.pid}:APA91b`;
    expect((await call(201, "POST", "/devices", { token: client.token, body: { token: device, platform: "android" } })).body).toMatchObject({ platform: "android" });
    await call(400, "POST", "/devices", { token: client.token, body: { token: device, platform: "symbian" } });
    await call(204, "POST", "/devices/remove", { token: client.token, body: { token: device } });
    await call(400, "POST", "/devices/remove", { token: client.token, body: {} });
  });
});

describe("billing against the fake Stripe", () => {
  it("should subscribe, show the invoice and its PDF, start a payment, and cancel before paying", async () => {
    const plans = await call(200, "GET", "/plans");
    expect(plans.body.items).toContainEqual(expect.objectContaining({ id: plan.id, prices: { monthly: 9900, quarterly: 27900, half_yearly: 53900, yearly: 99900 } }));
    expect((await call(403, "POST", "/subscriptions", { token: client.token, body: { plan_id: plan.id, cycle: "monthly" } })).body.code).toBe("PROVIDER_ONLY");
    expect((await call(422, "POST", "/subscriptions", { token: pro.token, body: { plan_id: MISSING, cycle: "monthly" } })).body.code).toBe("PLAN_NOT_AVAILABLE");
    const subscribed = await call(201, "POST", "/subscriptions", { token: pro.token, body: { plan_id: plan.id, cycle: "monthly", promo_code: promo.code } });
    expect(subscribed.body).toMatchObject({ status: "pending_payment", invoice: { status: "issued", subtotal: 9900, discount: 1980, total: 9108 } });
    const invoiceId = subscribed.body.invoice.id as number;
    expect((await call(409, "POST", "/subscriptions", { token: pro.token, body: { plan_id: plan.id, cycle: "yearly" } })).body.code).toBe("SUBSCRIPTION_EXISTS");
    const mine = await call(200, "GET", "/subscriptions", { token: pro.token });
    expect(mine.body.items.map((s: { id: number }) => s.id)).toEqual([subscribed.body.id]);

    const invoices = await call(200, "GET", "/invoices?limit=5", { token: pro.token });
    expect(invoices.body.items.map((i: { id: number }) => i.id)).toEqual([invoiceId]);
    await call(400, "GET", "/invoices?cursor=nope", { token: pro.token });
    expect((await call(200, "GET", `/invoices/${invoiceId}`, { token: pro.token })).body.pdf_url).toBe(`/api/v1/invoices/${invoiceId}/pdf`);
    await call(404, "GET", `/invoices/${invoiceId}`, { token: stranger.token });

    const pdf = await fetchBinary(`/invoices/${invoiceId}/pdf`, pro.token);
    expect(pdf).toMatchObject({ status: 200, type: "application/pdf" });
    expect(pdf.bytes.subarray(0, 4).toString()).toBe("%PDF");
    await call(404, "GET", `/invoices/${invoiceId}/pdf`, { token: stranger.token });
    await call(400, "GET", "/invoices/abc/pdf", { token: pro.token });

    const pay = await call(200, "POST", `/invoices/${invoiceId}/pay`, { token: pro.token });
    expect(pay.body).toMatchObject({ invoice_id: invoiceId, amount: 9108, currency: "SAR", client_secret: expect.any(String) });
    expect(rig.stripe.state.paymentIntents.get(pay.body.payment_intent_id)).toBeDefined();
    await call(404, "POST", `/invoices/${invoiceId}/pay`, { token: stranger.token });

    await call(404, "POST", `/subscriptions/${subscribed.body.id}/cancel`, { token: stranger.token });
    const cancelled = await call(200, "POST", `/subscriptions/${subscribed.body.id}/cancel`, { token: pro.token });
    expect(cancelled.body).toMatchObject({ status: "cancelled", invoice: { status: "void" } });
    expect((await call(409, "POST", `/subscriptions/${subscribed.body.id}/cancel`, { token: pro.token })).body.code).toBe("INVALID_TRANSITION");
    expect((await call(409, "POST", `/invoices/${invoiceId}/pay`, { token: pro.token })).body.code).toBe("INVOICE_NOT_PAYABLE");
  });

  it("should buy an extra, pay it through Stripe and the signed webhook, and show it active", async () => {
    const catalog = await call(200, "GET", "/extras");
    expect(catalog.body.items).toContainEqual(expect.objectContaining({ id: extra.id, price: 2000, duration_days: 7 }));
    expect((await call(422, "POST", "/extras/purchases", { token: client.token, body: { extra_id: MISSING } })).body.code).toBe("EXTRA_NOT_AVAILABLE");
    const bought = await call(201, "POST", "/extras/purchases", { token: client.token, body: { extra_id: extra.id } });
    expect(bought.body).toMatchObject({ status: "pending_payment", invoice: { status: "issued", total: 2300 } });
    const invoiceId = bought.body.invoice.id as number;

    const pay = await call(200, "POST", `/invoices/${invoiceId}/pay`, { token: client.token });
    const hook = await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)));
    expect(hook).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await rig.drain()).toBe(1);

    const purchases = await call(200, "GET", "/extras/purchases", { token: client.token });
    expect(purchases.body.items).toEqual([expect.objectContaining({ id: bought.body.id, status: "active", invoice: expect.objectContaining({ status: "paid", amount_paid: 2300 }) })]);
    expect((await call(200, "GET", `/invoices/${invoiceId}`, { token: client.token })).body.status).toBe("paid");
    expect((await call(409, "POST", `/invoices/${invoiceId}/pay`, { token: client.token })).body.code).toBe("INVOICE_NOT_PAYABLE");
  });
});

describe("verification", () => {
  it("should open a request, upload a document as multipart, submit it for payment, read it, fetch the file and withdraw it", async () => {
    const reqs = await call(200, "GET", "/verification/requirements");
    expect(reqs.body.items.map((i: { badge_type: string }) => i.badge_type)).toEqual(["identity", "business", "professional"]);
    const created = await call(201, "POST", "/me/verification-requests", { token: pro.token, body: { badge_type: "business", note: "CR attached" } });
    const id = created.body.id as number;
    expect((await call(409, "POST", "/me/verification-requests", { token: pro.token, body: { badge_type: "business" } })).body.code).toBe("VERIFICATION_REQUEST_OPEN");
    const up = await app.api.upload(`/me/verification-requests/${id}/documents`, { token: pro.token, fields: { doc_type: "commercial_registration" }, file: { name: "cr.png", bytes: PNG } });
    expect(up.status).toBe(201);
    succeeded.add(keyOf("POST", `/me/verification-requests/${id}/documents`));
    expect(up.body.documents).toEqual([expect.objectContaining({ doc_type: "commercial_registration", status: "pending", current_version: 1 })]);
    await t.db.setting.upsert({ where: { key: "verification_fees" }, create: { key: "verification_fees", value: { business: 10_000 } }, update: { value: { business: 10_000 } } });
    const submitted = await call(200, "POST", `/me/verification-requests/${id}/submit`, { token: pro.token });
    expect(submitted.body).toMatchObject({ status: "pending_payment", invoice: { status: "issued", total: 11_500 } });
    expect((await call(200, "GET", "/me/verification-requests", { token: pro.token })).body.items[0].id).toBe(id);
    expect((await call(403, "GET", `/me/verification-requests/${id}`, { token: stranger.token })).body.code).toBe("PROVIDER_ONLY");
    const one = await call(200, "GET", `/me/verification-requests/${id}`, { token: pro.token });
    const file = await fetchBinary(one.body.documents[0].versions[0].file_url.replace("/api/v1", ""), pro.token);
    expect(file).toMatchObject({ status: 200, type: "image/png" });
    expect(file.bytes.equals(PNG)).toBe(true);
    const withdrawn = await call(200, "POST", `/me/verification-requests/${id}/cancel`, { token: pro.token });
    expect(withdrawn.body).toMatchObject({ status: "cancelled", invoice: { status: "void" } });
  });
});

describe("promotions", () => {
  it("should show placements, open a draft, upload and remove images, submit it for payment, withdraw one, and serve a live one with a signed image link", async () => {
    const placements = await call(200, "GET", "/promotions/placements");
    expect(placements.body.items.map((i: { placement: string }) => i.placement)).toEqual(["home_banner", "category_top", "search_boost"]);
    const today = riyadhDay(new Date());
    const inDays = (d: number) => riyadhDay(new Date(Date.now() + d * 86_400_000));
    const body = { title: "Cool air all summer", placement: "category_top", city: "Riyadh", subcategory_id: sub.id, starts_on: today, ends_on: inDays(7) };
    expect((await call(422, "POST", "/me/promotions", { token: pro.token, body: { ...body, starts_on: inDays(-2) } })).body.code).toBe("PROMO_START_PASSED");
    const created = await call(201, "POST", "/me/promotions", { token: pro.token, body });
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ status: "draft", starts_on: today, subcategory_id: sub.id });
    const image = samplePngOfSize(800, 400);
    const up = await app.api.upload(`/me/promotions/${id}/assets`, { token: pro.token, file: { name: "banner.png", bytes: image } });
    expect(up.status).toBe(201);
    succeeded.add(keyOf("POST", `/me/promotions/${id}/assets`));
    expect((await app.api.upload(`/me/promotions/${id}/assets`, { token: pro.token, file: { name: "small.png", bytes: PNG } })).body.code).toBe("PROMO_ASSET_TOO_SMALL");
    const second = await app.api.upload(`/me/promotions/${id}/assets`, { token: pro.token, file: { name: "banner-2.png", bytes: samplePngOfSize(900, 450) } });
    const removed = await call(200, "DELETE", `/me/promotions/${id}/assets/${second.body.assets[1].id}`, { token: pro.token });
    expect(removed.body.assets).toHaveLength(1);
    const file = await fetchBinary(up.body.assets[0].file_url.replace("/api/v1", ""), pro.token);
    expect(file).toMatchObject({ status: 200, type: "image/png" });
    expect(file.bytes.equals(image)).toBe(true);

    const submitted = await call(200, "POST", `/me/promotions/${id}/submit`, { token: pro.token, body: {} });
    expect(submitted.body).toMatchObject({ status: "pending_payment", days: 7, amount: 17_500, invoice: { status: "issued", total: 20_125 } });
    expect((await call(409, "POST", `/me/promotions/${id}/submit`, { token: pro.token, body: {} })).body.code).toBe("INVALID_TRANSITION");
    expect((await call(200, "GET", "/me/promotions", { token: pro.token })).body.items[0].id).toBe(id);
    await call(200, "GET", `/me/promotions/${id}`, { token: pro.token });
    const rival = await login();
    await call(201, "POST", "/me/become-provider", { token: rival.token, body: { display_name: "Rival Cooling", city: "Riyadh" } });
    await call(404, "GET", `/me/promotions/${id}`, { token: rival.token });

    const staff: Ctx = { actor: { type: "staff", id: (await createStaff(t.db, "admin", "contract-admin-pw")).id } };
    await markInvoicePaidManually(rig.deps, staff, submitted.body.invoice.id, { reason: "bank transfer", reference: `TRX-${id}` });
    expect((await call(409, "POST", `/me/promotions/${id}/cancel`, { token: pro.token })).body.code).toBe("PROMO_NOT_WITHDRAWABLE");
    await promotions.approvePromoRequest(rig.deps, staff, id);
    await promotions.runPromoSchedule(rig.deps, staff);
    const live = await call(200, "GET", `/promotions/live?placement=category_top&city=Riyadh&subcategory=${sub.id}`);
    const shown = live.body.items.find((i: { id: number }) => i.id === id);
    expect(shown.provider.id).toBe(pro.providerId);
    const signed = await fetchBinary(shown.assets[0].url.replace("/api/v1", ""));
    expect(signed).toMatchObject({ status: 200, type: "image/png" });
    await call(403, "GET", shown.assets[0].url.replace("/api/v1", "").replace(/sig=[^&]+/, "sig=AAAA"));
    await call(400, "GET", "/promotions/live?placement=billboard");

    const other = await call(201, "POST", "/me/promotions", { token: pro.token, body: { ...body, placement: "search_boost", subcategory_id: null } });
    expect((await call(200, "POST", `/me/promotions/${other.body.id}/cancel`, { token: pro.token })).body.status).toBe("cancelled");
  });
});

describe("support", () => {
  it("should open a ticket, list and read it, reply, attach a file and fetch it, and rate it once resolved", async () => {
    const opened = await call(201, "POST", "/me/tickets", { token: pro.token, body: { type: "inquiry", subject: "Copy of my invoice", body: "Please send the May invoice again." } });
    const id = opened.body.id as number;
    expect(opened.body).toMatchObject({ status: "new", replies: [], can_reply: true, can_rate: false });
    await call(400, "POST", "/me/tickets", { token: pro.token, body: { type: "praise", subject: "Thanks", body: "Great app." } });
    expect((await call(200, "GET", "/me/tickets?status=open&limit=5", { token: pro.token })).body.items[0].id).toBe(id);
    await call(400, "GET", "/me/tickets?status=closed", { token: pro.token });
    await call(200, "GET", `/me/tickets/${id}`, { token: pro.token });
    await call(404, "GET", `/me/tickets/${id}`, { token: stranger.token });

    const replied = await call(201, "POST", `/me/tickets/${id}/replies`, { token: pro.token, body: { body: "It is invoice INV-0042." } });
    expect(replied.body.replies).toEqual([expect.objectContaining({ from: "me", body: "It is invoice INV-0042." })]);
    await call(404, "POST", `/me/tickets/${id}/replies`, { token: stranger.token, body: { body: "Me too" } });

    const up = await app.api.upload(`/me/tickets/${id}/attachments`, { token: pro.token, file: { name: "invoice.png", bytes: PNG } });
    expect(up.status).toBe(201);
    succeeded.add(keyOf("POST", `/me/tickets/${id}/attachments`));
    const notAnImage = await app.api.upload(`/me/tickets/${id}/attachments`, { token: pro.token, file: { name: "invoice.png", bytes: Buffer.from("plain text") } });
    expect(notAnImage.status).toBe(415);
    refused.add(keyOf("POST", `/me/tickets/${id}/attachments`));
    const file = await fetchBinary(up.body.attachments[0].file_url.replace("/api/v1", ""), pro.token);
    expect(file).toMatchObject({ status: 200, type: "image/png" });
    expect(file.bytes.equals(PNG)).toBe(true);
    await call(404, "GET", up.body.attachments[0].file_url.replace("/api/v1", ""), { token: stranger.token });

    expect((await call(409, "POST", `/me/tickets/${id}/rating`, { token: pro.token, body: { rating: 5 } })).body.code).toBe("TICKET_NOT_RATABLE");
    const agent: Ctx = { actor: { type: "staff", id: (await createStaff(t.db, "support", "contract-support-pw")).id } };
    await support.sendReply(rig.deps, agent, id, { body: "Sent to your email.", then: "resolved" });
    const rated = await call(200, "POST", `/me/tickets/${id}/rating`, { token: pro.token, body: { rating: 5, comment: "Fast" } });
    expect(rated.body).toMatchObject({ status: "resolved", rating: 5, can_rate: false });
    await call(400, "POST", `/me/tickets/${id}/rating`, { token: pro.token, body: { rating: 6 } });
  });
});

describe("privacy", () => {
  it("should export my data as a ZIP behind a signed link, and delete an account with a fresh code (refused while a request is open)", async () => {
    const me = await login();
    const started = await call(202, "POST", "/me/export", { token: me.token });
    // The export job, as a worker runs it, over the app's own uploads folder (the test config's).
    const storage = diskStorage(loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "x".repeat(40) }).uploadsDir);
    await drainQueues(t.boss, [[DATA_EXPORT_QUEUE, (job) => handleDataExport({ ...rig.deps, storage }, job.data)]]);
    const ready = await call(200, "GET", `/me/exports/${started.body.id}`, { token: me.token });
    expect(ready.body.status).toBe("ready");
    await call(404, "GET", `/me/exports/${started.body.id}`, { token: stranger.token });
    const zip = await fetchBinary(ready.body.download_url.replace("/api/v1", ""));
    expect(zip).toMatchObject({ status: 200, type: "application/zip" });
    expect((await call(403, "GET", ready.body.download_url.replace("/api/v1", "").replace(/sig=[^&]+/, "sig=AAAA"))).body.code).toBe("DATA_EXPORT_LINK_INVALID");

    expect((await call(200, "GET", "/me/deletion", { token: me.token })).body).toEqual({ blockers: [], grace_days: 14 });
    await call(202, "POST", "/me/delete/code", { token: me.token });
    const code = /(\d{6})/.exec(app.sms.lastTo(me.phone)!.text)![1]!;
    await call(400, "POST", "/me/delete", { token: me.token, body: { code: "12" } });
    const open = await t.db.serviceRequest.create({ data: { title: "Still open", description: "d", subcategoryId: sub.id, clientId: me.user.id, city: "Riyadh" } });
    expect((await call(409, "POST", "/me/delete", { token: me.token, body: { code } })).body.code).toBe("ACCOUNT_HAS_OPEN_REQUESTS");
    await t.db.serviceRequest.update({ where: { id: open.id }, data: { status: "cancelled" } });
    const deleted = await call(202, "POST", "/me/delete", { token: me.token, body: { code } });
    expect(deleted.body).toMatchObject({ status: "pending" });
    await call(401, "GET", "/me", { token: me.token });
    await t.db.otp.deleteMany({ where: { phone: me.phone } });
  });
});

describe("wallet and payouts", () => {
  it("should show the wallet, pay part of an invoice and then the rest from it, and refuse more than is due", async () => {
    await creditWallet(t, { actor: { type: "system", label: "contract" } }, { userId: client.user.id, amount: 10_000, reference: "test" });
    const w = await call(200, "GET", "/me/wallet", { token: client.token });
    expect(w.body).toMatchObject({ balance: 10_000, currency: "SAR", transactions: { items: [expect.objectContaining({ amount: 10_000, kind: "credit", balance_after: 10_000 })] } });
    await call(400, "GET", "/me/wallet?limit=0", { token: client.token });
    const bought = await call(201, "POST", "/extras/purchases", { token: client.token, body: { extra_id: extra.id } });
    const invoiceId = bought.body.invoice.id as number;
    const part = await call(200, "POST", `/invoices/${invoiceId}/pay-from-wallet`, { token: client.token, body: { amount: 1_000 } });
    expect(part.body).toMatchObject({ status: "issued", amount_paid: 1_000, amount_due: 1_300, paid_now: 1_000, wallet_balance: 9_000 });
    expect((await call(422, "POST", `/invoices/${invoiceId}/pay-from-wallet`, { token: client.token, body: { amount: 5_000 } })).body.code).toBe("WALLET_PAYMENT_TOO_LARGE");
    await call(404, "POST", `/invoices/${invoiceId}/pay-from-wallet`, { token: stranger.token, body: {} });
    const rest = await call(200, "POST", `/invoices/${invoiceId}/pay-from-wallet`, { token: client.token, body: {} });
    expect(rest.body).toMatchObject({ status: "paid", amount_paid: 2_300, amount_due: 0, wallet_balance: 7_700 });
  });

  it("should save a checked IBAN, request a payout within the method's limits with the amount held, cancel it, and remove the account", async () => {
    await t.db.withdrawMethod.upsert({ where: { type: "bank_transfer" }, create: { type: "bank_transfer", nameAr: "تحويل بنكي", nameEn: "Bank transfer", minAmount: 10_000, maxAmount: 5_000_000, isEnabled: true }, update: {} });
    await creditWallet(t, { actor: { type: "system", label: "contract" } }, { userId: pro.user.id, amount: 50_000, reference: "test" });
    const bad = await call(400, "POST", "/me/payout-accounts", { token: pro.token, body: { method: "bank_transfer", iban: "SA0380000000608010167518", account_name: "Shop" } });
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    await call(403, "POST", "/me/payout-accounts", { token: client.token, body: { method: "bank_transfer", iban: "SA0380000000608010167519", account_name: "Shop" } });
    const acc = await call(201, "POST", "/me/payout-accounts", { token: pro.token, body: { method: "bank_transfer", iban: "SA03 8000 0000 6080 1016 7519", account_name: "Shop LLC", bank_name: "Al Rajhi" } });
    expect(acc.body).toMatchObject({ iban: "SA0380000000608010167519", account_name: "Shop LLC", min_amount: 10_000 });
    expect((await call(200, "GET", "/me/payout-accounts", { token: pro.token })).body.items).toHaveLength(1);
    await call(403, "GET", "/me/payout-accounts", { token: client.token });
    expect((await call(422, "POST", "/me/payouts", { token: pro.token, body: { payout_account_id: acc.body.id, amount: 5_000 } })).body.code).toBe("PAYOUT_AMOUNT_OUT_OF_RANGE");
    const payout = await call(201, "POST", "/me/payouts", { token: pro.token, body: { payout_account_id: acc.body.id, amount: 30_000 } });
    expect(payout.body).toMatchObject({ status: "pending", amount: 30_000 });
    expect((await call(200, "GET", "/me/wallet", { token: pro.token })).body.balance).toBe(20_000);
    expect((await call(200, "GET", "/me/payouts", { token: pro.token })).body.items).toHaveLength(1);
    await call(403, "GET", "/me/payouts", { token: client.token });
    expect((await call(200, "POST", `/me/payouts/${payout.body.id}/cancel`, { token: pro.token })).body.status).toBe("cancelled");
    expect((await call(409, "POST", `/me/payouts/${payout.body.id}/cancel`, { token: pro.token })).body.code).toBe("INVALID_TRANSITION");
    expect((await call(200, "GET", "/me/wallet", { token: pro.token })).body.balance).toBe(50_000);
    await call(204, "DELETE", `/me/payout-accounts/${acc.body.id}`, { token: pro.token });
    await call(404, "DELETE", `/me/payout-accounts/${acc.body.id}`, { token: pro.token });
  });
});

describe("coverage", () => {
  it("should have called every operation of the document, each with a valid request and with an error case", () => {
    const all = operationsOf(doc).map((o) => o.key).sort();
    expect(all.filter((k) => !calledOperations.has(k)), "never called").toEqual([]);
    expect(all.filter((k) => !succeeded.has(k)), "never called with a valid request").toEqual([]);
    expect(all.filter((k) => !refused.has(k)), "never refused").toEqual([]);
    // Nothing was called that the document does not have (api.call throws on those already).
    expect([...calledOperations].filter((k) => !all.includes(k))).toEqual([]);
  });
});
