/**
 * The one place that talks to Stripe. Everything goes through the official `stripe` SDK (v22):
 * it signs requests, retries with idempotency keys and paginates. STRIPE_API_BASE points the SDK
 * at another server (the local fake in tests); unset means api.stripe.com.
 *
 * No secret key means payments are switched off in this environment: `createStripe` answers
 * `undefined` and callers raise `paymentsNotConfigured()` (503) when a payment is attempted.
 */
import Stripe from "stripe";
import { DomainError } from "../errors.js";

export { Stripe };

export interface StripeSettings {
  secretKey?: string;
  webhookSecret?: string;
  /** e.g. http://127.0.0.1:12111 — scheme, host and port only (the SDK has no base path). */
  apiBase?: string;
}

/** Per request, in milliseconds. Stripe's own default (80 s) is far too long behind a web request. */
export const STRIPE_TIMEOUT_MS = 20_000;
/** Retries on connection errors, 409 and 5xx; the SDK adds an idempotency key to every POST so retries are safe. */
export const STRIPE_MAX_NETWORK_RETRIES = 2;

/** 503: this environment has no Stripe secret key. */
export function paymentsNotConfigured(): DomainError {
  return new DomainError(
    "PAYMENTS_NOT_CONFIGURED",
    "Payments are not configured in this environment (STRIPE_SECRET_KEY is not set)",
    503,
  );
}

/** Returns the client or throws PAYMENTS_NOT_CONFIGURED. */
export function requireStripe(stripe: Stripe | undefined): Stripe {
  if (!stripe) throw paymentsNotConfigured();
  return stripe;
}

/** host/port/protocol for the SDK from an API base URL such as http://127.0.0.1:12111. */
export function parseApiBase(apiBase: string): { host: string; port: number; protocol: "http" | "https" } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new Error(`STRIPE_API_BASE is not a URL: ${apiBase}`);
  }
  const protocol = url.protocol.replace(/:$/, "");
  if (protocol !== "http" && protocol !== "https") {
    throw new Error(`STRIPE_API_BASE must be http:// or https://, got ${url.protocol}`);
  }
  if (url.pathname !== "/" && url.pathname !== "") {
    throw new Error(`STRIPE_API_BASE must not have a path (the SDK always requests /v1/...), got ${url.pathname}`);
  }
  // URL keeps IPv6 literals in brackets; the http module wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port ? Number(url.port) : protocol === "https" ? 443 : 80;
  return { host, port, protocol };
}

/**
 * A configured client, or `undefined` when there is no secret key. `overrides` is for tests and
 * tools (e.g. `maxNetworkRetries: 0`).
 */
export function createStripe(settings: StripeSettings, overrides: Stripe.StripeConfig = {}): Stripe | undefined {
  const key = settings.secretKey?.trim();
  if (!key) return undefined;
  const config: Stripe.StripeConfig = {
    timeout: STRIPE_TIMEOUT_MS,
    maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
    appInfo: { name: "nawafeth-backoffice" },
    ...(settings.apiBase ? parseApiBase(settings.apiBase) : {}),
    ...overrides,
  };
  return new Stripe(key, config);
}

/** How far a webhook signature's timestamp may be from now, in seconds (Stripe's default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Checks the `Stripe-Signature` header against the raw request bytes (mount the route with
 * `express.raw({ type: "application/json" })`, before `express.json`) and returns the event.
 * A missing or bad signature, or a timestamp more than `toleranceSeconds` (default 300) away from
 * now, either way, is WEBHOOK_SIGNATURE_INVALID (400). A signed body that is not JSON is
 * WEBHOOK_EVENT_INVALID (400). No webhook secret configured is PAYMENTS_NOT_CONFIGURED.
 * What comes back is only known to be signed JSON: check its shape before using it.
 */
export function verifyWebhook(
  stripe: Stripe,
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secret: string | undefined,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
  now: () => number = Date.now,
): Stripe.Event {
  if (!secret) {
    throw new DomainError(
      "PAYMENTS_NOT_CONFIGURED",
      "Payments are not configured in this environment (STRIPE_WEBHOOK_SECRET is not set)",
      503,
    );
  }
  if (!Buffer.isBuffer(rawBody)) {
    // A parsed body cannot be verified: the route is mounted behind express.json. A bug, not a bad request.
    throw new TypeError("verifyWebhook needs the raw request body as a Buffer (mount express.raw before express.json)");
  }
  if (!signatureHeader) {
    throw new DomainError("WEBHOOK_SIGNATURE_INVALID", "The Stripe-Signature header is missing", 400);
  }
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, toleranceSeconds, undefined, now()); // receivedAt in ms
  } catch (err) {
    if (err instanceof SyntaxError) throw new DomainError("WEBHOOK_EVENT_INVALID", "The signed webhook body is not JSON", 400);
    throw new DomainError(
      "WEBHOOK_SIGNATURE_INVALID",
      `The webhook signature is invalid: ${err instanceof Error ? err.message : String(err)}`,
      400,
    );
  }
  // constructEvent only refuses old timestamps. One dated ahead would stay replayable until then.
  const signedAt = signatureTimestamp(signatureHeader);
  if (!Number.isFinite(signedAt) || signedAt > Math.floor(now() / 1000) + toleranceSeconds) {
    throw new DomainError("WEBHOOK_SIGNATURE_INVALID", `The webhook signature is dated in the future (t=${signedAt})`, 400);
  }
  return event;
}

/** The `t=` of a Stripe-Signature header, read the way the Stripe SDK reads it (the last one wins). */
function signatureTimestamp(header: string): number {
  let t = -1;
  for (const item of header.split(",")) {
    const [k, v] = item.split("=");
    if (k === "t") t = parseInt(v ?? "", 10);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Typed helpers for the billing domain. Amounts are integers in the currency's minor unit.

type Id = string | number | bigint;

function assertAmount(amount: number, what = "amount"): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`${what} must be a positive integer in minor units, got ${amount}`);
  }
}

function assertIdempotencyKey(key: string): void {
  if (!key || key.length > 255) throw new RangeError("idempotencyKey must be 1-255 characters");
}

function unixSeconds(at: Date | number): number {
  return at instanceof Date ? Math.floor(at.getTime() / 1000) : Math.floor(at);
}

export interface CreatePaymentIntentInput {
  amount: number;
  /** ISO code, any case (sent lower-case). */
  currency: string;
  invoiceId: Id;
  invoiceNumber: string;
  userId: Id;
  /** Stable per business attempt (e.g. `invoice:<id>:pi:<attempt>`): the same key returns the same intent. */
  idempotencyKey: string;
  description?: string;
  receiptEmail?: string;
  /** Extra metadata; invoice_id, invoice_number and user_id always win. */
  metadata?: Record<string, string>;
}

export async function createPaymentIntent(stripe: Stripe, input: CreatePaymentIntentInput): Promise<Stripe.PaymentIntent> {
  assertAmount(input.amount);
  assertIdempotencyKey(input.idempotencyKey);
  return stripe.paymentIntents.create(
    {
      amount: input.amount,
      currency: input.currency.toLowerCase(),
      automatic_payment_methods: { enabled: true },
      description: input.description ?? `Invoice ${input.invoiceNumber}`,
      ...(input.receiptEmail ? { receipt_email: input.receiptEmail } : {}),
      metadata: {
        ...input.metadata,
        invoice_id: String(input.invoiceId),
        invoice_number: input.invoiceNumber,
        user_id: String(input.userId),
      },
    },
    { idempotencyKey: input.idempotencyKey },
  );
}

export async function retrievePaymentIntent(
  stripe: Stripe,
  id: string,
  opts: { expandLatestCharge?: boolean } = {},
): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.retrieve(id, opts.expandLatestCharge ? { expand: ["latest_charge"] } : {});
}

/** Cancels an intent that has not succeeded (Stripe refuses a succeeded or already cancelled one with `payment_intent_unexpected_state`). */
export async function cancelPaymentIntent(stripe: Stripe, id: string, idempotencyKey: string): Promise<Stripe.PaymentIntent> {
  assertIdempotencyKey(idempotencyKey);
  return stripe.paymentIntents.cancel(id, { cancellation_reason: "abandoned" }, { idempotencyKey });
}

/**
 * Expires an open Checkout session. Stripe refuses one that is complete or expired with a plain
 * 400 invalid_request_error that carries no error code (only a message), so callers decide from
 * the session's status (`retrieveCheckoutSession`) rather than from the error.
 */
export async function expireCheckoutSession(stripe: Stripe, id: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.expire(id);
}

export async function retrieveCheckoutSession(stripe: Stripe, id: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.retrieve(id);
}

/** HTTP status of an error from the Stripe API (404 for an id Stripe does not know). */
export function stripeErrorStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Stripe's error code, when `err` is an error from the Stripe API. */
export function stripeErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown; raw?: { code?: unknown } } | null)?.code ?? (err as { raw?: { code?: unknown } } | null)?.raw?.code;
  return typeof code === "string" ? code : undefined;
}

export interface CreateRefundInput {
  paymentIntentId: string;
  /** Omitted: the whole remaining amount. */
  amount?: number;
  reason?: "duplicate" | "fraudulent" | "requested_by_customer";
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

export async function createRefund(stripe: Stripe, input: CreateRefundInput): Promise<Stripe.Refund> {
  if (input.amount !== undefined) assertAmount(input.amount);
  assertIdempotencyKey(input.idempotencyKey);
  return stripe.refunds.create(
    {
      payment_intent: input.paymentIntentId,
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
    { idempotencyKey: input.idempotencyKey },
  );
}

/** Every refund of a payment intent or of a charge, with its current status (auto-paginated). */
export async function listRefunds(stripe: Stripe, of: { paymentIntent: string } | { charge: string }): Promise<Stripe.Refund[]> {
  const out: Stripe.Refund[] = [];
  const query = "charge" in of ? { charge: of.charge, limit: 100 } : { payment_intent: of.paymentIntent, limit: 100 };
  for await (const r of stripe.refunds.list(query)) out.push(r);
  return out;
}

export interface CreateCheckoutSessionInput {
  invoiceId: Id;
  invoiceNumber: string;
  userId?: Id;
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  /** Stripe accepts 30 minutes to 24 hours from now. */
  expiresAt: Date | number;
  idempotencyKey: string;
  /** Extra metadata, copied to the session and its PaymentIntent; invoice_id/number/user_id always win. */
  metadata?: Record<string, string>;
  /** The line item's name (default "Invoice <number>"). */
  productName?: string;
  customerEmail?: string;
  locale?: Stripe.Checkout.SessionCreateParams.Locale;
}

export async function createCheckoutSession(
  stripe: Stripe,
  input: CreateCheckoutSessionInput,
): Promise<Stripe.Checkout.Session> {
  assertAmount(input.amount);
  assertIdempotencyKey(input.idempotencyKey);
  const metadata: Record<string, string> = {
    ...input.metadata,
    invoice_id: String(input.invoiceId),
    invoice_number: input.invoiceNumber,
    ...(input.userId !== undefined ? { user_id: String(input.userId) } : {}),
  };
  const currency = input.currency.toLowerCase();
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: String(input.invoiceId),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency,
            unit_amount: input.amount,
            product_data: { name: input.productName ?? `Invoice ${input.invoiceNumber}` },
          },
        },
      ],
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      expires_at: unixSeconds(input.expiresAt),
      metadata,
      // So payment_intent.* webhooks carry the invoice too, not only checkout.session.*.
      payment_intent_data: { metadata },
      ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    },
    { idempotencyKey: input.idempotencyKey },
  );
}

export interface ListableKinds {
  payment_intents: Stripe.PaymentIntent;
  charges: Stripe.Charge;
  refunds: Stripe.Refund;
  disputes: Stripe.Dispute;
}
export type ListableKind = keyof ListableKinds;

export interface ListAllParams {
  /** Unix seconds. */
  created?: { gte?: number; gt?: number; lt?: number; lte?: number };
  /** Page size, 1-100 (default 100). */
  limit?: number;
}

/**
 * Every object of a kind in a created range, newest first, across all pages (the SDK's
 * auto-pagination: one request per `limit` objects).
 */
export async function* listAll<K extends ListableKind>(
  stripe: Stripe,
  kind: K,
  params: ListAllParams = {},
): AsyncGenerator<ListableKinds[K], void, undefined> {
  const query = { limit: params.limit ?? 100, ...(params.created ? { created: params.created } : {}) };
  // Each branch is typed by its own resource; the cast only joins them back to the kind's object type.
  let iterable: AsyncIterable<unknown>;
  switch (kind) {
    case "payment_intents":
      iterable = stripe.paymentIntents.list(query);
      break;
    case "charges":
      iterable = stripe.charges.list(query);
      break;
    case "refunds":
      iterable = stripe.refunds.list(query);
      break;
    case "disputes":
      iterable = stripe.disputes.list(query);
      break;
    default:
      throw new RangeError(`listAll: unknown kind ${String(kind)}`);
  }
  for await (const item of iterable) yield item as ListableKinds[K];
}
