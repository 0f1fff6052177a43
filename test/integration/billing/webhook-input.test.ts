/**
 * POST /webhooks/stripe with input that is signed but not acceptable: a signature dated too far
 * ahead (replayable later), and events whose envelope the database cannot store. Each is a 400
 * problem+json with a stable code, and nothing is stored or queued.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";

let t: TestDatabase;
let rig: BillingRig;
beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const nowS = () => Math.floor(Date.now() / 1000);
const eventId = () => `evt_${randomBytes(8).toString("hex")}`;
const event = (over: Record<string, unknown> = {}) => ({
  id: eventId(),
  object: "event",
  type: "customer.created",
  created: nowS(),
  livemode: false,
  data: { object: { id: "cus_1", object: "customer", metadata: {} } },
  ...over,
});

/** Signs `payload` with the rig's secret at `timestamp` and posts it as Stripe would. */
async function post(payload: string, o: { timestamp?: number; lang?: string } = {}) {
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: rig.stripe.webhookSecret, timestamp: o.timestamp ?? nowS() });
  const res = await fetch(rig.app.url + "/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header, ...(o.lang ? { "accept-language": o.lang } : {}) },
    body: payload,
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.json() };
}

/** Rows and queued jobs: one transaction writes both. */
const stored = async () => {
  const [{ jobs }] = await t.db.$queryRaw<[{ jobs: number }]>`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'billing-webhooks'`;
  return { events: await t.db.webhookEvent.count(), jobs };
};

describe("the signature's timestamp", () => {
  it("should refuse a signature dated more than 5 minutes ahead, as it refuses one more than 5 minutes old, and take clock skew within", async () => {
    const before = await stored();
    for (const offset of [600, 360, -360]) {
      const r = await post(JSON.stringify(event()), { timestamp: nowS() + offset });
      expect(r.status, `t=now${offset > 0 ? "+" : ""}${offset}s: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe("WEBHOOK_SIGNATURE_INVALID");
    }
    expect(await stored()).toEqual(before);
    for (const offset of [240, -240]) {
      const e = event();
      expect((await post(JSON.stringify(e), { timestamp: nowS() + offset })).status, `t=now${offset}s`).toBe(200);
      expect(await t.db.webhookEvent.count({ where: { eventId: e.id } })).toBe(1);
    }
  });
});

describe("the event envelope", () => {
  const { id: _omit, ...withoutId } = event();
  const cases: Record<string, { payload: string; field?: string }> = {
    "no id": { payload: JSON.stringify(withoutId), field: "id" },
    "an empty id": { payload: JSON.stringify(event({ id: "" })), field: "id" },
    "a numeric id": { payload: JSON.stringify(event({ id: 42 })), field: "id" },
    "an id of 256 characters": { payload: JSON.stringify(event({ id: "evt_" + "x".repeat(252) })), field: "id" },
    "a NUL in the id": { payload: JSON.stringify(event({ id: "evt_\u0000x" })), field: "id" },
    "no type": { payload: JSON.stringify(event({ type: undefined })), field: "type" },
    "a type of 101 characters": { payload: JSON.stringify(event({ type: "x".repeat(101) })), field: "type" },
    "a type of 256 characters": { payload: JSON.stringify(event({ type: "payment_intent." + "x".repeat(241) })), field: "type" },
    "no data": { payload: JSON.stringify(event({ data: undefined })), field: "data" },
    "data.object that is not an object": { payload: JSON.stringify(event({ data: { object: "pi_1" } })), field: "data.object" },
    "a NUL deep in the object": { payload: JSON.stringify(event({ data: { object: { id: "cus_1", metadata: { note: "a\u0000b" } } } })), field: "data.object.metadata.note" },
    "a lone surrogate in a value": { payload: JSON.stringify(event({ data: { object: { id: "cus_1", name: "\ud800" } } })), field: "data.object.name" },
    "a lone surrogate in a key": { payload: JSON.stringify(event({ data: { object: { id: "cus_1", "\udc00": 1 } } })) },
    "null": { payload: "null" },
    "an array": { payload: "[]" },
    "not JSON": { payload: "{ not json" },
  };

  it("should answer 400 WEBHOOK_EVENT_INVALID to a signed event it cannot store, and store nothing", async () => {
    const before = await stored();
    for (const [what, { payload, field }] of Object.entries(cases)) {
      const r = await post(payload, { lang: "en" });
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.type, what).toMatch(/^application\/problem\+json/);
      expect(r.body, what).toMatchObject({ status: 400, code: "WEBHOOK_EVENT_INVALID", detail: "The webhook event is malformed." });
      if (field) expect(r.body.errors, `${what} names ${field}`).toHaveProperty([field]);
    }
    expect(await stored()).toEqual(before);
  });

  it("should explain in the language asked for", async () => {
    const r = await post(JSON.stringify(withoutId), { lang: "ar" });
    expect(r.body).toMatchObject({ code: "WEBHOOK_EVENT_INVALID", detail: "إشعار الدفع غير صالح البنية." });
  });

  it("should still take a well-formed event whose type we do not act on", async () => {
    const e = event({ type: "x".repeat(100) });
    const r = await post(JSON.stringify(e));
    expect(r).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: e.id } })).toMatchObject({ type: e.type, status: "received" });
  });
});
