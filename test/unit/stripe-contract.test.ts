/**
 * The Stripe contract check itself (test/support/stripe-schemas): its schemas are what the
 * installed stripe package defines, and it refuses what Stripe would not send or accept — so a
 * green stripe-contract integration test means something.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMAS_FILE, generateStripeSchemas, serialize, stripeDir } from "../support/stripe-schemas/generate.js";
import { stripeContract, type StripeContract } from "../support/stripe-schemas/contract.js";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe.js";

let contract: StripeContract;
let fake: FakeStripe;

beforeAll(async () => {
  contract = stripeContract();
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake?.close();
});

/** A deep copy of a valid object, changed by `edit`. */
function changed<T>(obj: T, edit: (o: any) => void): T {
  const copy = structuredClone(obj);
  edit(copy);
  return copy;
}

describe("the schemas", () => {
  it("are for the installed stripe package", () => {
    const pkg = JSON.parse(fs.readFileSync(`${stripeDir()}/package.json`, "utf8")) as { version: string };
    expect(contract.schemas.stripe.package, "stripe was upgraded: run `npx tsx test/support/stripe-schemas/generate.ts`").toBe(pkg.version);
  });

  it("are exactly what generate.ts makes from it today", () => {
    const fresh = serialize(generateStripeSchemas());
    expect(fresh === fs.readFileSync(SCHEMAS_FILE, "utf8"), "schemas.json is stale: run `npx tsx test/support/stripe-schemas/generate.ts`").toBe(true);
  }, 120_000);
});

describe("objects the fake returns", () => {
  it("pass when they have Stripe's shape", () => {
    const pi = fake.addPaymentIntent({ amount: 1000, currency: "sar" });
    const charge = fake.state.charges.get(pi.latest_charge!)!;
    expect(contract.checkObject(pi)).toEqual([]);
    expect(contract.checkObject(charge)).toEqual([]);
    expect(contract.checkObject({ ...pi, latest_charge: charge }), "an expanded field").toEqual([]);
  });

  it("fail on a missing required field, a wrongly typed one, an unknown one, or a wrong object name", () => {
    const pi = fake.addPaymentIntent({ amount: 1000, currency: "sar" });
    expect(contract.checkObject(changed(pi, (o) => delete o.currency))).toEqual(['object: /: missing required field "currency"']);
    expect(contract.checkObject(changed(pi, (o) => delete o.statement_descriptor))).toEqual(['object: /: missing required field "statement_descriptor"']);
    expect(contract.checkObject(changed(pi, (o) => (o.amount = "1000"))).join("\n")).toMatch(/\/amount: must be number/);
    expect(contract.checkObject(changed(pi, (o) => (o.status = "cancelled"))).join("\n")).toMatch(/\/status: must be one of/);
    expect(contract.checkObject(changed(pi, (o) => (o.amount_cents = 1000)))).toEqual(['object: /: unknown field "amount_cents"']);
    expect(contract.checkObject(changed(pi, (o) => (o.object = "paymentintent")))).toEqual(['object: "paymentintent" is not an object this check models']);
    const refund = fake.refund(pi.id).data.object;
    const re = fake.state.refunds.last()!;
    expect(refund.object).toBe("charge");
    expect(contract.checkObject(changed(re, (o) => (o.livemode = false)))).toEqual(['object: /: unknown field "livemode"']);
  });

  it("fail when a nested object lacks a field, or an object Stripe only names by id comes expanded", () => {
    const charge = fake.state.charges.get(fake.addPaymentIntent({ amount: 500, currency: "sar" }).latest_charge!)!;
    expect(contract.checkObject(changed(charge, (o) => delete o.outcome.network_status))).toEqual(['object: /outcome: missing required field "network_status"']);
    expect(contract.checkObject(changed(charge, (o) => (o.customer = { id: "cus_1", object: "customer" }))).join("\n")).toMatch(/\/customer: Stripe's customer object, not modelled/);
  });

  it("check lists, error bodies and events", () => {
    const pi = fake.addPaymentIntent({ amount: 700, currency: "sar" });
    const list = { object: "list", data: [pi], has_more: false, url: "/v1/payment_intents" };
    expect(contract.checkResponse("GET", "/v1/payment_intents", 200, list)).toEqual([]);
    expect(contract.checkResponse("GET", "/v1/payment_intents", 200, changed(list, (l) => delete l.has_more))).toEqual(['GET /v1/payment_intents → 200 list: /: missing required field "has_more"']);
    expect(contract.checkResponse("GET", "/v1/payment_intents", 200, { ...list, url: "/v1/charges" }).join("\n")).toMatch(/url is "\/v1\/charges"/);
    expect(contract.checkResponse("GET", "/v1/payment_intents", 200, changed(list, (l) => delete l.data[0].amount))).toEqual(['GET /v1/payment_intents → 200 data[0]: /: missing required field "amount"']);

    const error = { error: { type: "invalid_request_error", code: "resource_missing", message: "No such payment_intent: 'pi_x'", param: "id" } };
    expect(contract.checkResponse("GET", "/v1/payment_intents/pi_x", 404, error)).toEqual([]);
    expect(contract.checkResponse("GET", "/v1/payment_intents/pi_x", 404, { error: { message: "no type" } })).toEqual(['GET /v1/payment_intents/pi_x → 404 error body: /error: missing required field "type"']);
    expect(contract.checkResponse("GET", "/v1/payment_intents/pi_x", 404, { message: "not wrapped" }).join("\n")).toMatch(/missing required field "error"/);

    const event = fake.succeed(fake.addPaymentIntent({ amount: 800, currency: "sar", status: "requires_payment_method" }).id);
    expect(contract.checkObject(event)).toEqual([]);
    expect(contract.checkObject(changed(event, (e) => (e.data.object.object = "charge"))).join("\n")).toMatch(/\/data\/object\/object: must be "payment_intent"/);
    expect(contract.checkObject(changed(event, (e) => (e.type = "payment_intent.paid")))).toEqual(['object: event type "payment_intent.paid" is not one Stripe sends about a modelled object']);
  });
});

describe("requests our code sends", () => {
  const create = { amount: "9108", currency: "sar", automatic_payment_methods: { enabled: "true" }, description: "Invoice NWF-1", metadata: { invoice_id: "1" } };

  it("pass with Stripe's parameters, form-encoded as the SDK sends them", () => {
    expect(contract.checkRequest("POST", "/v1/payment_intents", create)).toEqual([]);
    expect(contract.checkRequest("GET", "/v1/payment_intents", { limit: "100", created: { gte: "1700000000", lt: "1700086400" }, starting_after: "pi_1" })).toEqual([]);
    expect(contract.checkRequest("GET", "/v1/payment_intents/pi_1", { expand: ["latest_charge"] })).toEqual([]);
  });

  it("fail on an unknown parameter, a nested one, a wrong type or a value Stripe does not list", () => {
    expect(contract.checkRequest("POST", "/v1/payment_intents", { ...create, amount_cents: "9108" })).toEqual([
      'POST /v1/payment_intents (paymentIntents.create) params: /: unknown field "amount_cents"',
    ]);
    expect(contract.checkRequest("POST", "/v1/payment_intents", { ...create, automatic_payment_methods: { enable: "true" } }).join("\n")).toMatch(
      /\/automatic_payment_methods: unknown field "enable"/,
    );
    expect(contract.checkRequest("POST", "/v1/payment_intents", { ...create, amount: "ten" }).join("\n")).toMatch(/\/amount: must match pattern/);
    expect(contract.checkRequest("POST", "/v1/payment_intents", changed(create, (c) => delete c.currency))).toEqual([
      'POST /v1/payment_intents (paymentIntents.create) params: /: missing required field "currency"',
    ]);
    expect(contract.checkRequest("POST", "/v1/payment_intents/pi_1/cancel", { cancellation_reason: "void_invoice" }).join("\n")).toMatch(/\/cancellation_reason: must be one of/);
    expect(contract.checkRequest("POST", "/v1/refunds", { payment_intent: "pi_1", reason: "goodwill" }).join("\n")).toMatch(/\/reason: must be one of/);
  });

  it("fail on an endpoint the check does not know", () => {
    expect(contract.checkRequest("POST", "/v1/payment_intents/pi_1/capture", {})).toEqual(["POST /v1/payment_intents/pi_1/capture: not an endpoint the fake is checked for"]);
  });
});
