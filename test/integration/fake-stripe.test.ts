/**
 * The real `stripe` SDK against the local fake (test/support/fake-stripe.ts), through the
 * helpers in src/platform/payments. Also the yardstick for the fake itself: idempotency, lists,
 * errors and webhook signatures must behave as Stripe's do, or tests built on it prove nothing.
 *
 * FAKE_STRIPE_BENCH=1 also runs the 100k planting + listing measurement.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  Stripe,
  createCheckoutSession,
  createPaymentIntent,
  createRefund,
  createStripe,
  listAll,
  parseApiBase,
  requireStripe,
  retrievePaymentIntent,
  verifyWebhook,
} from "../../src/platform/payments/index.js";
import { DomainError } from "../../src/platform/errors.js";
import { parseStripeForm, startFakeStripe, type FakeStripe } from "../support/fake-stripe.js";

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: "whsec_test_fake" });
  stripe = createStripe({ secretKey: "sk_test_123", apiBase: fake.url })!;
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

const invoice = { invoiceId: 42, invoiceNumber: "INV-2026-0042", userId: "u-7" };

async function rejection(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error("expected a rejection");
}

function expectDomainError(fn: () => unknown, code: string, status: number) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  expect((caught as DomainError).status).toBe(status);
}

describe("createStripe", () => {
  it("is undefined without a secret key, and requireStripe then raises PAYMENTS_NOT_CONFIGURED (503)", () => {
    expect(createStripe({})).toBeUndefined();
    expect(createStripe({ secretKey: "  ", apiBase: fake.url })).toBeUndefined();
    let caught: unknown;
    try {
      requireStripe(undefined);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe("PAYMENTS_NOT_CONFIGURED");
    expect((caught as DomainError).status).toBe(503);
    expect((caught as DomainError).message).toMatch(/not configured in this environment/);
  });

  it("parses the API base into host, port and protocol", () => {
    expect(parseApiBase("http://127.0.0.1:12111")).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" });
    expect(parseApiBase("https://api.stripe.com")).toEqual({ host: "api.stripe.com", port: 443, protocol: "https" });
    expect(parseApiBase("http://[::1]:9000/")).toEqual({ host: "::1", port: 9000, protocol: "http" });
    expect(() => parseApiBase("http://127.0.0.1:1/v1")).toThrow(/path/);
    expect(() => parseApiBase("ftp://x")).toThrow(/http/);
  });

  it("is refused with a key that is not a test key (401)", async () => {
    const live = createStripe({ secretKey: "sk_live_nope", apiBase: fake.url })!;
    const err = await rejection(live.paymentIntents.retrieve("pi_x"));
    expect(err.type).toBe("StripeAuthenticationError");
    expect(err.statusCode).toBe(401);
  });
});

describe("payment intents", () => {
  it("the same idempotency key returns the same intent; metadata and amounts round-trip", async () => {
    const input = { ...invoice, amount: 12_345, currency: "SAR", idempotencyKey: "invoice:42:pi:1" };
    const a = await createPaymentIntent(stripe, input);
    const b = await createPaymentIntent(stripe, input);
    expect(b.id).toBe(a.id);
    expect(a.id).toMatch(/^pi_/);
    expect(a).toMatchObject({
      object: "payment_intent",
      amount: 12_345,
      currency: "sar",
      status: "requires_payment_method",
      livemode: false,
      automatic_payment_methods: { enabled: true },
      metadata: { invoice_id: "42", invoice_number: "INV-2026-0042", user_id: "u-7" },
    });
    expect(Number.isInteger(a.created)).toBe(true);
    expect(a.client_secret).toMatch(new RegExp(`^${a.id}_secret_`));
    expect(fake.state.paymentIntents.size).toBe(1);

    const posts = fake.requestsTo("POST", "/v1/payment_intents");
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => r.idempotencyKey)).toEqual(["invoice:42:pi:1", "invoice:42:pi:1"]);
    expect(posts[1]!.replayed).toBe(true);
    // What the SDK put on the wire, decoded from bracket notation.
    expect(posts[0]!.params).toMatchObject({ amount: "12345", metadata: { invoice_id: "42" }, automatic_payment_methods: { enabled: "true" } });

    // Another request under the same key is Stripe's idempotency error.
    const err = await rejection(createPaymentIntent(stripe, { ...input, amount: 1 }));
    expect(err.type).toBe("StripeIdempotencyError");
  });

  it("a lost answer is retried by the SDK with the same key and creates one intent", async () => {
    fake.failNext({ method: "POST", path: "/v1/payment_intents", afterProcessing: true });
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 500, currency: "usd", idempotencyKey: "retry-1" });
    const posts = fake.requestsTo("POST", "/v1/payment_intents");
    expect(posts.map((r) => [r.status, r.replayed, r.injected])).toEqual([
      [500, false, true],
      [200, true, false],
    ]);
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(fake.state.paymentIntents.get(pi.id)).toBeDefined();
  });

  it("the SDK adds its own idempotency key to POSTs when none is given", async () => {
    await stripe.paymentIntents.create({ amount: 100, currency: "usd" });
    expect(fake.requestsTo("POST", "/v1/payment_intents")[0]!.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  it("retrieve, succeed (charge + latest_charge), expand, 404 shape", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 2_000, currency: "usd", idempotencyKey: "k1" });
    const event = fake.succeed(pi.id);
    expect(event).toMatchObject({ object: "event", type: "payment_intent.succeeded", livemode: false, data: { object: { id: pi.id, status: "succeeded" } } });
    expect(event.id).toMatch(/^evt_/);

    const again = await retrievePaymentIntent(stripe, pi.id);
    expect(again.status).toBe("succeeded");
    expect(again.amount_received).toBe(2_000);
    expect(again.latest_charge).toMatch(/^ch_/);
    const charge = await stripe.charges.retrieve(again.latest_charge as string);
    expect(charge).toMatchObject({ object: "charge", payment_intent: pi.id, amount: 2_000, amount_refunded: 0, currency: "usd", status: "succeeded", paid: true });
    expect(charge.metadata.invoice_id).toBe("42");

    const expanded = await retrievePaymentIntent(stripe, pi.id, { expandLatestCharge: true });
    expect((expanded.latest_charge as Stripe.Charge).id).toBe(charge.id);

    const err = await rejection(retrievePaymentIntent(stripe, "pi_missing"));
    expect(err).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing" });
    expect(err.message).toBe("No such payment_intent: 'pi_missing'");
  });

  it("a decline leaves a failed charge and last_payment_error", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 900, currency: "usd", idempotencyKey: "k-fail" });
    const event = fake.fail(pi.id, "insufficient_funds");
    expect(event.type).toBe("payment_intent.payment_failed");
    const again = await retrievePaymentIntent(stripe, pi.id);
    expect(again.status).toBe("requires_payment_method");
    expect(again.last_payment_error).toMatchObject({ code: "card_declined", decline_code: "insufficient_funds" });
    expect(fake.state.charges.get(again.latest_charge as string)?.status).toBe("failed");
  });

  it("unknown parameters and bad integers are refused like Stripe does", async () => {
    const unknown = await rejection(stripe.paymentIntents.create({ amount: 100, currency: "usd", nonsense: "x" } as never));
    expect(unknown).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, code: "parameter_unknown", param: "nonsense" });
    const bad = await rejection(stripe.paymentIntents.create({ amount: 1.5, currency: "usd" }));
    expect(bad).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "amount" });
  });
});

describe("refunds", () => {
  it("partial, then the rest; a further refund is refused", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 10_000, currency: "usd", idempotencyKey: "k-r" });
    fake.succeed(pi.id);
    const first = await createRefund(stripe, { paymentIntentId: pi.id, amount: 2_500, reason: "requested_by_customer", idempotencyKey: "refund-1", metadata: { refund_id: "1" } });
    expect(first).toMatchObject({ object: "refund", amount: 2_500, payment_intent: pi.id, status: "succeeded", reason: "requested_by_customer", metadata: { refund_id: "1" } });
    expect(first.id).toMatch(/^re_/);
    // Same key: the same refund, not a second one.
    const replay = await createRefund(stripe, { paymentIntentId: pi.id, amount: 2_500, reason: "requested_by_customer", idempotencyKey: "refund-1", metadata: { refund_id: "1" } });
    expect(replay.id).toBe(first.id);

    let charge = await stripe.charges.retrieve(first.charge as string);
    expect(charge.amount_refunded).toBe(2_500);
    expect(charge.refunded).toBe(false);

    const tooMuch = await rejection(createRefund(stripe, { paymentIntentId: pi.id, amount: 8_000, idempotencyKey: "refund-x" }));
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large" });

    const rest = await createRefund(stripe, { paymentIntentId: pi.id, idempotencyKey: "refund-2" });
    expect(rest.amount).toBe(7_500);
    charge = await stripe.charges.retrieve(first.charge as string);
    expect(charge.amount_refunded).toBe(10_000);
    expect(charge.refunded).toBe(true);

    const again = await rejection(createRefund(stripe, { paymentIntentId: pi.id, idempotencyKey: "refund-3" }));
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });

    const listed = [];
    for await (const r of listAll(stripe, "refunds")) listed.push(r.id);
    expect(listed).toEqual([rest.id, first.id]);
  });

  it("an unpaid intent cannot be refunded", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 100, currency: "usd", idempotencyKey: "k-u" });
    const err = await rejection(createRefund(stripe, { paymentIntentId: pi.id, idempotencyKey: "r-u" }));
    expect(err).toMatchObject({ statusCode: 400, code: "charge_not_refundable" });
  });

  it("Dashboard refunds and disputes from the simulators show up in the lists", async () => {
    const pi = fake.addPaymentIntent({ amount: 3_000, currency: "sar" });
    const refunded = fake.refund(pi.id, { amount: 1_000 });
    expect(refunded).toMatchObject({ type: "charge.refunded", data: { object: { amount_refunded: 1_000 } } });
    const disputed = fake.dispute(pi.id);
    expect(disputed).toMatchObject({ type: "charge.dispute.created", data: { object: { amount: 2_000, payment_intent: pi.id } } });
    expect(disputed.data.object.id).toMatch(/^dp_/);
    const disputes = [];
    for await (const d of listAll(stripe, "disputes")) disputes.push(d);
    expect(disputes.map((d) => d.id)).toEqual([disputed.data.object.id]);
    const closed = fake.closeDispute(disputed.data.object.id, "lost");
    expect(closed.data.previous_attributes).toEqual({ status: "needs_response" });
  });
});

describe("checkout sessions", () => {
  it("creates a payment session with one price_data line item and reads it back", async () => {
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000);
    const session = await createCheckoutSession(stripe, {
      ...invoice,
      amount: 45_000,
      currency: "SAR",
      successUrl: "https://app.example/pay/ok?session_id={CHECKOUT_SESSION_ID}",
      cancelUrl: "https://app.example/pay/cancel",
      expiresAt,
      idempotencyKey: "invoice:42:checkout:1",
      metadata: { source: "portal" },
      locale: "ar",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: 45_000,
      currency: "sar",
      client_reference_id: "42",
      expires_at: Math.floor(expiresAt.getTime() / 1000),
      locale: "ar",
      metadata: { invoice_id: "42", invoice_number: "INV-2026-0042", user_id: "u-7", source: "portal" },
    });
    expect(session.url).toContain(session.id);
    const sent = fake.requestsTo("POST", "/v1/checkout/sessions")[0]!.params;
    expect(sent).toMatchObject({
      line_items: [{ quantity: "1", price_data: { currency: "sar", unit_amount: "45000", product_data: { name: "Invoice INV-2026-0042" } } }],
      payment_intent_data: { metadata: { invoice_id: "42" } },
    });
    const read = await stripe.checkout.sessions.retrieve(session.id);
    expect(read.id).toBe(session.id);

    // Paying it creates a PaymentIntent that carries the invoice metadata.
    const completed = fake.completeCheckout(session.id);
    expect(completed).toMatchObject({ type: "checkout.session.completed", data: { object: { status: "complete", payment_status: "paid" } } });
    const pi = await retrievePaymentIntent(stripe, completed.data.object.payment_intent!);
    expect(pi).toMatchObject({ status: "succeeded", amount: 45_000, metadata: { invoice_id: "42" } });
  });

  it("refuses an expiry outside 30 minutes to 24 hours", async () => {
    const err = await rejection(
      createCheckoutSession(stripe, {
        ...invoice,
        amount: 100,
        currency: "usd",
        successUrl: "https://app.example/ok",
        cancelUrl: "https://app.example/cancel",
        expiresAt: new Date(Date.now() + 5 * 60 * 1000),
        idempotencyKey: "cs-short",
      }),
    );
    expect(err).toMatchObject({ statusCode: 400, param: "expires_at" });
  });
});

describe("lists", () => {
  it("listAll pages through 250 planted intents and honours the created range", async () => {
    const base = 1_760_000_000;
    // Three intents per second, planted out of order, so ties and sorting are both exercised.
    const planted = Array.from({ length: 250 }, (_, i) => ({ i, created: base + Math.floor(i / 3) }));
    for (const p of [...planted].reverse()) {
      fake.addPaymentIntent({ amount: 100 + p.i, created: p.created, metadata: { i: String(p.i) } });
    }
    const all = [];
    for await (const pi of listAll(stripe, "payment_intents")) all.push(pi);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((p) => p.id)).size).toBe(250);
    for (let k = 1; k < all.length; k++) expect(all[k - 1]!.created).toBeGreaterThanOrEqual(all[k]!.created);
    expect(fake.requestsTo("GET", "/v1/payment_intents")).toHaveLength(3);

    const gte = base + 20;
    const lt = base + 60;
    const inRange = [];
    for await (const pi of listAll(stripe, "payment_intents", { created: { gte, lt }, limit: 7 })) inRange.push(pi);
    const expected = fake.state.paymentIntents.all().filter((p) => p.created >= gte && p.created < lt);
    expect(expected).toHaveLength(120);
    expect(inRange.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(inRange.every((p) => p.created >= gte && p.created < lt)).toBe(true);

    const charges = [];
    for await (const c of listAll(stripe, "charges", { created: { gte, lt } })) charges.push(c);
    expect(charges.map((c) => c.payment_intent).sort()).toEqual(expected.map((p) => p.id).sort());
  });

  it("raw pages: default limit 10, has_more, starting_after and ending_before, limit capped at 100", async () => {
    for (let i = 0; i < 25; i++) fake.addPaymentIntent({ amount: 100, created: 1_700_000_000 + i });
    const first = await stripe.paymentIntents.list();
    expect(first).toMatchObject({ object: "list", has_more: true, url: "/v1/payment_intents" });
    expect(first.data).toHaveLength(10);
    expect(first.data[0]!.created).toBe(1_700_000_024);
    const second = await stripe.paymentIntents.list({ starting_after: first.data[9]!.id });
    expect(second.data[0]!.created).toBe(1_700_000_014);
    const back = await stripe.paymentIntents.list({ ending_before: second.data[0]!.id, limit: 3 });
    expect(back.data.map((p) => p.created)).toEqual([1_700_000_017, 1_700_000_016, 1_700_000_015]);
    expect(back.has_more).toBe(true);
    const last = await stripe.paymentIntents.list({ starting_after: second.data[9]!.id });
    expect(last.data).toHaveLength(5);
    expect(last.has_more).toBe(false);
    const tooBig = await rejection(stripe.paymentIntents.list({ limit: 101 }));
    expect(tooBig).toMatchObject({ statusCode: 400, param: "limit" });
  });

  it("decodes Stripe's bracket notation", () => {
    expect(parseStripeForm("a=1&metadata[invoice_id]=5&line_items[0][price_data][unit_amount]=700&line_items[1][quantity]=2&expand[]=x&expand[]=y")).toEqual({
      a: "1",
      metadata: { invoice_id: "5" },
      line_items: [{ price_data: { unit_amount: "700" } }, { quantity: "2" }],
      expand: ["x", "y"],
    });
    expect(parseStripeForm("metadata%5Bk%5D=v&__proto__[x]=1")).toEqual({ metadata: { k: "v" } });
  });
});

describe("webhooks", () => {
  it("a signed event verifies; tampered payload, wrong secret, stale or missing signature do not", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 700, currency: "usd", idempotencyKey: "k-w" });
    const event = fake.succeed(pi.id);
    const { payload, header } = fake.signEvent(event);
    const verified = verifyWebhook(stripe, Buffer.from(payload), header, fake.webhookSecret);
    expect(verified.id).toBe(event.id);
    expect(verified.type).toBe("payment_intent.succeeded");
    expect((verified.data.object as Stripe.PaymentIntent).metadata.invoice_id).toBe("42");

    const signed = fake.signedEvent("charge.refunded", { id: "ch_1", object: "charge" });
    expect(signed.event).toMatchObject({ object: "event", type: "charge.refunded", livemode: false, data: { object: { id: "ch_1" } } });
    expect(verifyWebhook(stripe, Buffer.from(signed.payload), signed.header, "whsec_test_fake").id).toBe(signed.event.id);

    const tampered = Buffer.from(payload.replace('"amount": 700', '"amount": 1'));
    expect(tampered.toString()).not.toBe(payload);
    expectDomainError(() => verifyWebhook(stripe, tampered, header, fake.webhookSecret), "WEBHOOK_SIGNATURE_INVALID", 400);
    expectDomainError(() => verifyWebhook(stripe, Buffer.from(payload), header, "whsec_other"), "WEBHOOK_SIGNATURE_INVALID", 400);
    expectDomainError(() => verifyWebhook(stripe, Buffer.from(payload), undefined, fake.webhookSecret), "WEBHOOK_SIGNATURE_INVALID", 400);
    expectDomainError(() => verifyWebhook(stripe, Buffer.from(payload), "garbage", fake.webhookSecret), "WEBHOOK_SIGNATURE_INVALID", 400);
    const stale = fake.signEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expectDomainError(() => verifyWebhook(stripe, Buffer.from(stale.payload), stale.header, fake.webhookSecret), "WEBHOOK_SIGNATURE_INVALID", 400);
    expectDomainError(() => verifyWebhook(stripe, Buffer.from(payload), header, undefined), "PAYMENTS_NOT_CONFIGURED", 503);
  });
});

describe("time and states, as Stripe keeps them", () => {
  const HOUR = 3_600_000;
  const checkout = (key: string, expiresAt: Date) =>
    createCheckoutSession(stripe, { ...invoice, amount: 2_000, currency: "sar", successUrl: "https://app.example/ok", cancelUrl: "https://app.example/no", expiresAt, idempotencyKey: key });

  it("forgets an idempotency key 24 hours after its first use: the same key then creates a new intent", async () => {
    const input = { ...invoice, amount: 4_000, currency: "sar", idempotencyKey: "invoice:42:pi:old" };
    const first = await createPaymentIntent(stripe, input);
    fake.advance(23 * HOUR);
    expect((await createPaymentIntent(stripe, input)).id).toBe(first.id);
    fake.advance(2 * HOUR);
    const later = await createPaymentIntent(stripe, input);
    expect(later.id).not.toBe(first.id);
    expect(fake.state.paymentIntents.size).toBe(2);
    expect(fake.requestsTo("POST", "/v1/payment_intents").map((r) => r.replayed)).toEqual([false, true, false]);
  });

  it("expires an open Checkout Session at its expires_at, with its event", async () => {
    const session = await checkout("cs-clock", new Date(fake.now() + HOUR));
    fake.advance(HOUR - 60_000);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    fake.advance(60_000);
    const read = await stripe.checkout.sessions.retrieve(session.id);
    expect(read).toMatchObject({ status: "expired", url: null });
    expect(fake.state.events.all().filter((e) => e.type === "checkout.session.expired").map((e) => (e.data.object as { id: string }).id)).toEqual([session.id]);
    expect(() => fake.completeCheckout(session.id)).toThrow(/expired/);
  });

  it("refuses to expire a session that is no longer open as Stripe does: a 400 invalid_request_error with no code", async () => {
    const done = await checkout("cs-done", new Date(Date.now() + HOUR));
    fake.completeCheckout(done.id);
    const err = await rejection(stripe.checkout.sessions.expire(done.id));
    expect(err).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, code: undefined });
    expect(err.message).toBe('Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `complete`.');
    const gone = await checkout("cs-gone", new Date(Date.now() + HOUR));
    await stripe.checkout.sessions.expire(gone.id);
    expect(await rejection(stripe.checkout.sessions.expire(gone.id))).toMatchObject({ statusCode: 400, code: undefined, message: expect.stringContaining("`expired`") });
  });

  it("keeps held refunds pending until they succeed or fail; a failed one goes back off the charge", async () => {
    const pi = await createPaymentIntent(stripe, { ...invoice, amount: 10_000, currency: "sar", idempotencyKey: "k-held" });
    fake.succeed(pi.id);
    fake.holdRefunds();
    const a = await createRefund(stripe, { paymentIntentId: pi.id, amount: 3_000, idempotencyKey: "held-a" });
    const b = await createRefund(stripe, { paymentIntentId: pi.id, amount: 2_000, idempotencyKey: "held-b" });
    expect([a.status, b.status]).toEqual(["pending", "pending"]);
    expect((await stripe.charges.retrieve(a.charge as string)).amount_refunded).toBe(5_000);

    const ok = fake.settleRefund(a.id, "succeeded");
    expect(ok).toMatchObject({ type: "refund.updated", data: { object: { id: a.id, status: "succeeded" }, previous_attributes: { status: "pending" } } });
    const failed = fake.settleRefund(b.id, "failed", { failureReason: "lost_or_stolen_card" });
    expect(failed).toMatchObject({ type: "refund.failed", data: { object: { id: b.id, status: "failed", failure_reason: "lost_or_stolen_card" } } });
    expect(fake.state.events.all().filter((e) => (e.data.object as { id?: string }).id === b.id).map((e) => e.type)).toEqual(["refund.created", "refund.failed", "refund.updated", "charge.refund.updated"]);
    expect(await stripe.refunds.retrieve(b.id)).toMatchObject({ status: "failed", failure_reason: "lost_or_stolen_card" });
    expect((await stripe.charges.retrieve(a.charge as string)).amount_refunded).toBe(3_000);
    expect(() => fake.settleRefund(b.id, "succeeded")).toThrow(/failed/);
    // The money that failed to go back can be refunded again.
    fake.holdRefunds(false);
    expect((await createRefund(stripe, { paymentIntentId: pi.id, amount: 7_000, idempotencyKey: "held-c" })).status).toBe("succeeded");
  });
});
