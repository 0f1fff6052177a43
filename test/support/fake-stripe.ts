/**
 * A local fake of the parts of Stripe's HTTP API this project uses, for tests and benchmarks.
 * It is a real HTTP server on 127.0.0.1 (random port) that the real `stripe` SDK talks to
 * (`createStripe({ secretKey: "sk_test_…", apiBase: fake.url })`): form-encoded bodies with
 * bracket notation, Bearer auth, Stripe-shaped objects, lists, errors and idempotency keys.
 *
 * Nothing is sent anywhere: the simulators (`succeed`, `fail`, `refund`, `dispute`,
 * `completeCheckout`, …) change the state and return the event Stripe would send; the test
 * signs it (`signEvent` / `signedEvent`) and posts it to the webhook route itself, as often and
 * in whatever order it wants (Stripe retries, duplicates and does not keep order).
 *
 * Endpoints: POST/GET /v1/payment_intents[/:id] (+ /:id/cancel), GET /v1/charges[/:id],
 * POST/GET /v1/refunds[/:id], GET /v1/disputes[/:id], POST/GET /v1/checkout/sessions[/:id]
 * (+ /:id/expire), GET /v1/events[/:id].
 *
 * Lists are kept sorted by (created, insertion) and answered with binary searches, so 100k
 * objects page as fast as 100.
 *
 * Time behaves as at Stripe, on a clock tests can move (`advance`, `now`): idempotency keys are
 * forgotten 24 hours after their first use, and an open Checkout Session expires at its
 * `expires_at` (with its `checkout.session.expired` event). Refunds succeed at once unless
 * `holdRefunds()` keeps them pending; `settleRefund` then makes them succeed or fail, with the
 * events Stripe sends, and a failed refund no longer counts in the charge's `amount_refunded`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";

// ---------------------------------------------------------------------------------------------
// Object shapes (the fields the fake fills; Stripe's objects have more).

export type Metadata = Record<string, string>;

export interface FakeObject {
  id: string;
  object: string;
  created: number;
  /** Every object but a refund (Stripe's refunds have no livemode). */
  livemode?: false;
}

export type PaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "canceled"
  | "succeeded";

export interface FakePaymentIntent extends FakeObject {
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: string } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic";
  client_secret: string;
  confirmation_method: "automatic";
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: {
    type: "card_error";
    code: string;
    decline_code: string;
    message: string;
    charge: string;
  } | null;
  latest_charge: string | null;
  metadata: Metadata;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: PaymentIntentStatus;
}

export interface FakeCharge extends FakeObject {
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string | null;
  captured: boolean;
  currency: string;
  description: string | null;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  metadata: Metadata;
  outcome: {
    type: string;
    seller_message: string;
    advice_code: string | null;
    network_advice_code: string | null;
    network_decline_code: string | null;
    network_status: string | null;
    reason: string | null;
    risk_level?: string;
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  receipt_email: string | null;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

export interface FakeRefund extends Omit<FakeObject, "livemode"> {
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  payment_method: string;
  reason: string | null;
  status: "succeeded" | "pending" | "failed" | "canceled";
  /** Present only when the refund failed (Stripe: lost_or_stolen_card, expired_or_canceled_card, declined, …). */
  failure_reason?: string;
}

export interface FakeDispute extends FakeObject {
  object: "dispute";
  amount: number;
  balance_transactions: unknown[];
  charge: string;
  currency: string;
  evidence: Record<string, unknown>;
  is_charge_refundable: boolean;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: "warning_needs_response" | "warning_under_review" | "warning_closed" | "needs_response" | "under_review" | "won" | "lost";
}

export interface FakeCheckoutSession extends FakeObject {
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  locale: string | null;
  metadata: Metadata;
  mode: "payment";
  payment_intent: string | null;
  payment_status: "paid" | "unpaid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  ui_mode: string;
  url: string | null;
}

export interface FakeEvent<T = unknown> {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: T; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed query string (GET) or form body (POST), brackets expanded. */
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
  status: number;
  /** The answer was a stored idempotent result. */
  replayed: boolean;
  /** A failure injected with `failNext`. */
  injected: boolean;
  /** The JSON answered, when started with `traffic: true`. */
  response?: string;
}

/** One request and its answer, as the contract test checks them against Stripe's definitions. */
export interface TrafficEntry {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------
// A collection that lists like Stripe: newest first, cursors, created ranges.

interface Entry<T> {
  obj: T;
  seq: number;
}

/** Objects sorted ascending by (created, insertion order); lists read it backwards. */
export class Collection<T extends FakeObject> {
  private readonly byId = new Map<string, Entry<T>>();
  private asc: Entry<T>[] = [];
  private sorted = true;
  private seq = 0;
  private lastAdded: Entry<T> | undefined;

  add(obj: T): T {
    if (this.byId.has(obj.id)) throw new Error(`duplicate id ${obj.id}`);
    const entry = { obj, seq: this.seq++ };
    const last = this.asc[this.asc.length - 1];
    if (last && last.obj.created > obj.created) this.sorted = false;
    this.asc.push(entry);
    this.byId.set(obj.id, entry);
    this.lastAdded = entry;
    return obj;
  }

  get(id: string): T | undefined {
    return this.byId.get(id)?.obj;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.asc.length;
  }

  /** In insertion order. */
  all(): T[] {
    return [...this.byId.values()].map((e) => e.obj);
  }

  /** The most recently added. */
  last(): T | undefined {
    return this.lastAdded?.obj;
  }

  clear(): void {
    this.lastAdded = undefined;
    this.byId.clear();
    this.asc = [];
    this.sorted = true;
  }

  private ordered(): Entry<T>[] {
    if (!this.sorted) {
      this.asc.sort(compareEntries);
      this.sorted = true;
    }
    return this.asc;
  }

  /**
   * One page. `created` bounds are unix seconds; `where` is an extra equality filter (then the
   * range is filtered linearly, fine for tests).
   */
  page(opts: {
    limit: number;
    startingAfter?: string;
    endingBefore?: string;
    created?: { gte?: number; gt?: number; lt?: number; lte?: number };
    where?: (obj: T) => boolean;
  }): { data: T[]; hasMore: boolean } {
    let arr = this.ordered();
    const c = opts.created ?? {};
    let minCreated = -Infinity;
    if (c.gte !== undefined) minCreated = Math.max(minCreated, c.gte);
    if (c.gt !== undefined) minCreated = Math.max(minCreated, Math.floor(c.gt) + 1);
    let maxCreatedExclusive = Infinity;
    if (c.lt !== undefined) maxCreatedExclusive = Math.min(maxCreatedExclusive, c.lt);
    if (c.lte !== undefined) maxCreatedExclusive = Math.min(maxCreatedExclusive, Math.floor(c.lte) + 1);
    let lo = lowerBoundCreated(arr, minCreated);
    let hi = lowerBoundCreated(arr, maxCreatedExclusive);
    if (opts.where) {
      arr = arr.slice(lo, Math.max(lo, hi)).filter((e) => opts.where!(e.obj));
      lo = 0;
      hi = arr.length;
    }
    if (hi <= lo) return { data: [], hasMore: false };

    const positionOf = (id: string): number => {
      const entry = this.byId.get(id);
      if (!entry) return -1;
      return lowerBoundEntry(arr, entry);
    };

    if (opts.endingBefore !== undefined) {
      // The `limit` objects just newer than the cursor, still newest first.
      const p = positionOf(opts.endingBefore);
      const start = Math.max(lo, p + 1);
      const stop = Math.min(hi, start + opts.limit);
      const data: T[] = [];
      for (let i = stop - 1; i >= start; i--) data.push(arr[i]!.obj);
      return { data, hasMore: stop < hi };
    }
    let end = hi;
    if (opts.startingAfter !== undefined) end = Math.min(hi, positionOf(opts.startingAfter));
    const stop = Math.max(lo, end - opts.limit);
    const data: T[] = [];
    for (let i = end - 1; i >= stop; i--) data.push(arr[i]!.obj);
    return { data, hasMore: stop > lo };
  }
}

function compareEntries<T extends FakeObject>(a: Entry<T>, b: Entry<T>): number {
  return a.obj.created - b.obj.created || a.seq - b.seq;
}

/** First index whose created >= value. */
function lowerBoundCreated<T extends FakeObject>(arr: Entry<T>[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]!.obj.created < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the entry (by created, then seq). */
function lowerBoundEntry<T extends FakeObject>(arr: Entry<T>[], entry: Entry<T>): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(arr[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Form decoding (what the SDK sends: a[b][0][c]=v, brackets raw or percent-encoded).

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Parses `application/x-www-form-urlencoded` with Stripe's bracket notation into nested objects/arrays. */
export function parseStripeForm(input: string): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null);
  for (const [rawKey, value] of new URLSearchParams(input)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    const segments = m ? [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)] : [rawKey];
    if (segments.some((s) => UNSAFE_KEYS.has(s))) continue;
    let cursor: Record<string, unknown> = root;
    for (let i = 0; i < segments.length; i++) {
      let seg = segments[i]!;
      if (seg === "") seg = String(Object.keys(cursor).length); // a[]=x appends
      if (i === segments.length - 1) {
        cursor[seg] = value;
      } else {
        const next = cursor[seg];
        if (typeof next !== "object" || next === null) cursor[seg] = Object.create(null);
        cursor = cursor[seg] as Record<string, unknown>;
      }
    }
  }
  return normalize(root) as Record<string, unknown>;
}

/** Null-prototype objects to plain ones; objects keyed 0..n-1 to arrays. */
function normalize(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value);
  const rec = value as Record<string, unknown>;
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    const idx = keys.map(Number).sort((a, b) => a - b);
    if (idx.every((n, i) => n === i)) return idx.map((i) => normalize(rec[String(i)]));
  }
  return Object.fromEntries(keys.map((k) => [k, normalize(rec[k])]));
}

// ---------------------------------------------------------------------------------------------
// Errors in Stripe's shape.

export interface StripeErrorBody {
  type: "invalid_request_error" | "api_error" | "card_error" | "idempotency_error" | "rate_limit_error";
  code?: string;
  message: string;
  param?: string;
  doc_url?: string;
}

export class FakeApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new FakeApiError(400, { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) });

const missing = (objectName: string, id: string, param = "id", status = 404) =>
  new FakeApiError(status, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${objectName}: '${id}'` });

// Parameter readers ----------------------------------------------------------------------------

type Params = Record<string, unknown>;

function checkKnown(params: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalid(`Received unknown parameter: ${key}`, key, "parameter_unknown");
    }
  }
}

function readString(params: Params, name: string, required: true): string;
function readString(params: Params, name: string, required?: false): string | undefined;
function readString(params: Params, name: string, required = false): string | undefined {
  const v = params[name];
  if (v === undefined || v === "") {
    if (required) throw invalid(`Missing required param: ${name}.`, name, "parameter_missing");
    return undefined;
  }
  if (typeof v !== "string") throw invalid(`Invalid string: ${JSON.stringify(v)}`, name, "parameter_invalid_string");
  return v;
}

function readInt(params: Params, name: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
  const v = params[name];
  if (v === undefined || v === "") {
    if (opts.required) throw invalid(`Missing required param: ${name}.`, name, "parameter_missing");
    return undefined;
  }
  if (typeof v !== "string" || !/^-?\d+$/.test(v)) {
    throw invalid(`Invalid integer: ${typeof v === "string" ? v : JSON.stringify(v)}`, name, "parameter_invalid_integer");
  }
  const n = Number(v);
  if (opts.min !== undefined && n < opts.min) {
    throw invalid(`This value must be greater than or equal to ${opts.min}.`, name, "parameter_invalid_integer");
  }
  if (opts.max !== undefined && n > opts.max) {
    throw invalid(`This value must be less than or equal to ${opts.max}.`, name, "parameter_invalid_integer");
  }
  return n;
}

function readBool(params: Params, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw invalid(`Invalid boolean: ${String(v)}`, name);
}

function readCurrency(params: Params, name = "currency"): string {
  const c = readString(params, name, true).toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) throw invalid(`Invalid currency: ${c}.`, name, "parameter_invalid_string");
  return c;
}

function readMetadata(params: Params, name = "metadata"): Metadata | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`Invalid object`, name);
  const out: Metadata = {};
  const entries = Object.entries(v);
  if (entries.length > 50) throw invalid("You can specify up to 50 keys in metadata.", name);
  for (const [k, val] of entries) {
    if (typeof val !== "string") throw invalid(`Invalid value for metadata key ${k}`, `${name}[${k}]`);
    if (k.length > 40) throw invalid("Metadata keys can have up to 40 characters.", `${name}[${k}]`);
    if (val.length > 500) throw invalid("Metadata values can have up to 500 characters.", `${name}[${k}]`);
    out[k] = val;
  }
  return out;
}

/** Stripe's update semantics: keys merge, an empty string removes a key. */
function mergeMetadata(current: Metadata, update: unknown): Metadata {
  if (update === "") return {};
  if (typeof update !== "object" || update === null) return current;
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else if (typeof v === "string") next[k] = v;
  }
  return next;
}

function readExpand(params: Params): string[] {
  const v = params.expand;
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  throw invalid("Invalid array", "expand");
}

function readRange(params: Params, name = "created"): { gte?: number; gt?: number; lt?: number; lte?: number } | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v === "string") {
    const n = readInt(params, name)!;
    return { gte: n, lte: n };
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid("Invalid range", name);
  const r = v as Params;
  for (const key of Object.keys(r)) {
    if (!["gt", "gte", "lt", "lte"].includes(key)) throw invalid(`Received unknown parameter: ${name}[${key}]`, `${name}[${key}]`);
  }
  const out: { gte?: number; gt?: number; lt?: number; lte?: number } = {};
  for (const key of ["gt", "gte", "lt", "lte"] as const) {
    const n = readInt(r, key);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fake.

export interface FakeStripeOptions {
  /** Default: a random `whsec_test_…`. */
  webhookSecret?: string;
  /**
   * The fake's base clock in milliseconds (default Date.now): `created` of new objects and
   * events, idempotency-key expiry, Checkout Session expiry. `advance` moves it further.
   */
  now?: () => number;
  /** Keep every answer's body for `traffic()` (off by default: benchmarks list 100k objects). */
  traffic?: boolean;
}

/** How long Stripe keeps an idempotency key (its docs: keys can be pruned once they are 24 hours old). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

export interface FailureInjection {
  /** Only requests with this method (default any). */
  method?: string;
  /** Only requests whose path matches (default any). */
  path?: string | RegExp;
  /** HTTP status to answer (default 500). */
  status?: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /**
   * Run the request first (and store its idempotent result), then lose the answer: the client
   * sees a failure although Stripe did the work — what idempotency keys exist for.
   */
  afterProcessing?: boolean;
  /** Drop the connection instead of answering. */
  drop?: boolean;
}

export interface FakeStripeState {
  paymentIntents: Collection<FakePaymentIntent>;
  charges: Collection<FakeCharge>;
  refunds: Collection<FakeRefund>;
  disputes: Collection<FakeDispute>;
  checkoutSessions: Collection<FakeCheckoutSession>;
  events: Collection<FakeEvent>;
  /** Every HTTP request the fake answered, in order. */
  requests: RecordedRequest[];
}

export interface PlantPaymentIntentInput {
  amount: number;
  currency?: string;
  /** Unix seconds (default: now). */
  created?: number;
  /** Default "succeeded" (which also plants its charge). */
  status?: PaymentIntentStatus;
  metadata?: Metadata;
  id?: string;
  description?: string;
  /** Already refunded on the charge, as one succeeded refund (planting only, no events). */
  amountRefunded?: number;
}

export interface SimulateOptions {
  /** Unix seconds for the created objects and the event (default: the fake's clock). */
  created?: number;
}

export interface SignOptions {
  /** Sign with another secret (default the fake's webhookSecret). */
  secret?: string;
  /** Unix seconds of the signature (default now). */
  timestamp?: number;
}

export interface SignedPayload {
  payload: string;
  header: string;
}

export interface FakeStripe {
  url: string;
  port: number;
  webhookSecret: string;
  state: FakeStripeState;
  close(): Promise<void>;
  /** Forget every object, request and pending failure. */
  reset(): void;

  /** Pays the intent: status succeeded, a succeeded charge, `latest_charge`. Returns `payment_intent.succeeded`. */
  succeed(paymentIntentId: string, opts?: SimulateOptions & { paymentMethod?: string }): FakeEvent<FakePaymentIntent>;
  /** A declined attempt: a failed charge, `last_payment_error`, status requires_payment_method. Returns `payment_intent.payment_failed`. */
  fail(paymentIntentId: string, reason?: string, opts?: SimulateOptions): FakeEvent<FakePaymentIntent>;
  /** A refund made outside the app (e.g. the Dashboard). Returns `charge.refunded` (the refund is `state.refunds.last()`). */
  refund(
    paymentIntentId: string,
    opts?: SimulateOptions & { amount?: number; reason?: string; metadata?: Metadata },
  ): FakeEvent<FakeCharge>;
  /**
   * Refunds created from now on (by the API or `refund`) stay `pending` until `settleRefund`
   * (what Stripe does for many payment methods); `holdRefunds(false)` lets them succeed at once again.
   */
  holdRefunds(on?: boolean): void;
  /**
   * A pending refund succeeds (`refund.updated`, plus `charge.refund.updated`) or fails
   * (`refund.failed`, plus `refund.updated` and `charge.refund.updated`; its amount goes back off the
   * charge's `amount_refunded`). A succeeded refund may also fail, as Stripe allows. Returns the
   * first of those events.
   */
  settleRefund(refundId: string, outcome: "succeeded" | "failed", opts?: SimulateOptions & { failureReason?: string }): FakeEvent<FakeRefund>;
  /** Opens a dispute on the intent's charge (or a charge id). Returns `charge.dispute.created`. */
  dispute(
    paymentIntentOrChargeId: string,
    opts?: SimulateOptions & { amount?: number; reason?: string },
  ): FakeEvent<FakeDispute>;
  /** Closes a dispute. Returns `charge.dispute.closed`. */
  closeDispute(disputeId: string, outcome: "won" | "lost", opts?: SimulateOptions): FakeEvent<FakeDispute>;
  /** The customer pays a Checkout Session: its PaymentIntent is created and succeeded. Returns `checkout.session.completed`. */
  completeCheckout(sessionId: string, opts?: SimulateOptions): FakeEvent<FakeCheckoutSession>;
  /** Returns `checkout.session.expired`. */
  expireCheckout(sessionId: string, opts?: SimulateOptions): FakeEvent<FakeCheckoutSession>;

  /** Plants an intent directly (no request, no event), with its charge when succeeded. */
  addPaymentIntent(input: PlantPaymentIntentInput): FakePaymentIntent;

  /** A new event around `object` (stored, so GET /v1/events finds it) with its signed payload. */
  signedEvent<T>(type: string, object: T, opts?: SignOptions): SignedPayload & { event: FakeEvent<T> };
  /** Signs an event as Stripe would post it. */
  signEvent(event: FakeEvent<unknown>, opts?: SignOptions): SignedPayload;

  /** The next matching request(s) fail. */
  failNext(injection?: FailureInjection): void;
  /** The fake's clock, in milliseconds. */
  now(): number;
  /** Moves the fake's clock (negative moves it back); open sessions past their expiry expire. */
  advance(ms: number): void;
  /** Requests to a path prefix, e.g. `requestsTo("POST", "/v1/payment_intents")`. */
  requestsTo(method: string, pathPrefix: string): RecordedRequest[];
  /** Every answered request with its parsed answer (needs `traffic: true`); dropped connections are left out. */
  traffic(): TrafficEntry[];
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// One randomBytes call per 64 KiB of ids: planting 100k objects makes ~500k ids.
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomId(prefix: string, length = 24): string {
  if (poolAt + length > pool.length) {
    pool = randomBytes(65_536);
    for (let i = 0; i < pool.length; i++) pool[i] = ALPHABET.charCodeAt(pool[i]! % 62);
    poolAt = 0;
  }
  const id = prefix + pool.toString("latin1", poolAt, poolAt + length);
  poolAt += length;
  return id;
}

const clone = <T>(v: T): T => structuredClone(v);

const PI_CREATE_PARAMS = [
  "amount", "currency", "automatic_payment_methods", "capture_method", "confirm", "confirmation_method",
  "customer", "description", "metadata", "payment_method", "payment_method_types", "payment_method_options",
  "receipt_email", "return_url", "setup_future_usage", "shipping", "statement_descriptor",
  "statement_descriptor_suffix", "transfer_group", "expand", "off_session", "on_behalf_of",
];
const PI_UPDATE_PARAMS = ["amount", "currency", "description", "metadata", "receipt_email", "expand"];
const REFUND_PARAMS = ["payment_intent", "charge", "amount", "reason", "metadata", "expand", "instructions_email"];
const CHECKOUT_PARAMS = [
  "mode", "line_items", "success_url", "cancel_url", "expires_at", "metadata", "client_reference_id",
  "customer", "customer_email", "locale", "payment_intent_data", "payment_method_types", "expand",
  "ui_mode", "return_url", "submit_type", "allow_promotion_codes", "billing_address_collection",
  "custom_text", "automatic_tax", "customer_creation",
];
const LIST_PARAMS = ["limit", "starting_after", "ending_before", "created", "expand"];

// Fields Stripe always sends that the fake leaves at a fixed value (mostly null), so that every
// object has Stripe's whole shape. test/integration/stripe-contract.test.ts holds the objects to
// Stripe's definitions; a field added there must be added here.

function paymentIntentDefaults() {
  return {
    allowed_payment_method_types: null,
    application: null,
    application_fee_amount: null,
    customer_account: null,
    excluded_payment_method_types: null,
    managed_payments: null,
    next_action: null,
    on_behalf_of: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    processing: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_group: null,
  };
}

function chargeDefaults() {
  return {
    application: null,
    application_fee: null,
    application_fee_amount: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    customer: null,
    failure_balance_transaction: null,
    fraud_details: {},
    on_behalf_of: null,
    payment_method_details: null,
    receipt_number: null,
    receipt_url: null,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_data: null,
    transfer_group: null,
  };
}

function refundDefaults() {
  return { customer: null, customer_account: null, receipt_number: null, source_transfer_reversal: null, transfer_reversal: null };
}

function disputeDefaults(created: number) {
  const evidence = Object.fromEntries(
    [
      "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
      "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
      "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
      "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
      "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
      "uncategorized_file", "uncategorized_text",
    ].map((k) => [k, null]),
  );
  return {
    enhanced_eligibility_types: [],
    evidence: { ...evidence, enhanced_evidence: {} },
    // Stripe gives the merchant about a week to respond.
    evidence_details: { due_by: created + 7 * 86_400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
  };
}

function checkoutSessionDefaults() {
  return {
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: "if_required",
    customer_details: null,
    discounts: [],
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    managed_payments: null,
    origin_context: null,
    payment_link: null,
    payment_method_collection: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    submit_type: null,
    subscription: null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    wallet_options: null,
  };
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const webhookSecret = options.webhookSecret ?? randomId("whsec_test_", 32);
  const baseNow = options.now ?? Date.now;
  let clockOffset = 0;
  const nowMs = () => baseNow() + clockOffset;
  const nowSec = () => Math.floor(nowMs() / 1000);
  const apiVersion = String(Stripe.API_VERSION);

  const state: FakeStripeState = {
    paymentIntents: new Collection(),
    charges: new Collection(),
    refunds: new Collection(),
    disputes: new Collection(),
    checkoutSessions: new Collection(),
    events: new Collection(),
    requests: [],
  };
  /** Parts of a session Stripe does not show on the object but needs later. */
  const sessionExtras = new Map<string, { paymentIntentMetadata: Metadata; description: string | null }>();
  const idempotent = new Map<string, { method: string; path: string; params: string; status: number; body: string; at: number }>();
  /** Sessions still open, so expiring them on time does not scan every session. */
  const openSessions = new Set<string>();
  let holdingRefunds = false;
  let injections: (FailureInjection & { remaining: number })[] = [];
  let baseUrl = "";

  // Object factories ---------------------------------------------------------------------------

  function newPaymentIntent(p: {
    amount: number;
    currency: string;
    created: number;
    metadata?: Metadata;
    description?: string | null;
    receiptEmail?: string | null;
    automatic?: boolean;
    paymentMethodTypes?: string[];
    id?: string;
  }): FakePaymentIntent {
    const id = p.id ?? randomId("pi_");
    return {
      ...paymentIntentDefaults(),
      id,
      object: "payment_intent",
      amount: p.amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: p.automatic === false ? null : { enabled: true },
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic",
      client_secret: `${id}_secret_${randomId("", 25)}`,
      confirmation_method: "automatic",
      created: p.created,
      currency: p.currency,
      customer: null,
      description: p.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: p.metadata ?? {},
      payment_method: null,
      payment_method_types: p.paymentMethodTypes ?? ["card"],
      receipt_email: p.receiptEmail ?? null,
      status: "requires_payment_method",
    };
  }

  function newCharge(pi: FakePaymentIntent, created: number, outcome: "succeeded" | "failed", paymentMethod: string, declineCode?: string): FakeCharge {
    const ok = outcome === "succeeded";
    return {
      ...chargeDefaults(),
      id: randomId("ch_"),
      object: "charge",
      amount: pi.amount,
      amount_captured: ok ? pi.amount : 0,
      amount_refunded: 0,
      balance_transaction: ok ? randomId("txn_") : null,
      captured: ok,
      created,
      currency: pi.currency,
      description: pi.description,
      disputed: false,
      failure_code: ok ? null : "card_declined",
      failure_message: ok ? null : "Your card was declined.",
      livemode: false,
      metadata: { ...pi.metadata },
      outcome: {
        advice_code: null,
        network_advice_code: null,
        network_decline_code: null,
        network_status: ok ? "approved_by_network" : "declined_by_network",
        reason: ok ? null : (declineCode ?? "generic_decline"),
        risk_level: "normal",
        ...(ok
          ? { type: "authorized", seller_message: "Payment complete." }
          : { type: "issuer_declined", seller_message: `The bank returned the decline code \`${declineCode ?? "generic_decline"}\`.` }),
      },
      paid: ok,
      payment_intent: pi.id,
      payment_method: paymentMethod,
      receipt_email: pi.receipt_email,
      refunded: false,
      status: outcome,
    };
  }

  function newEvent<T>(type: string, object: T, created = nowSec(), previous?: Record<string, unknown>, idempotencyKey?: string): FakeEvent<T> {
    const event: FakeEvent<T> = {
      id: randomId("evt_"),
      object: "event",
      api_version: apiVersion,
      created,
      data: { object: clone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: idempotencyKey ? randomId("req_", 14) : null, idempotency_key: idempotencyKey ?? null },
      type,
    };
    state.events.add(event as FakeEvent);
    return event;
  }

  // Business rules shared by the API and the simulators -----------------------------------------

  function paymentIntentOrThrow(id: string, param = "id", status = 404): FakePaymentIntent {
    const pi = state.paymentIntents.get(id);
    if (!pi) throw missing("payment_intent", id, param, status);
    return pi;
  }

  function doSucceed(pi: FakePaymentIntent, created: number, paymentMethod = randomId("pm_")): FakeCharge {
    if (pi.status === "succeeded" || pi.status === "canceled") {
      throw invalid(
        `This PaymentIntent's status is ${pi.status}, so it cannot be confirmed.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    }
    const charge = state.charges.add(newCharge(pi, created, "succeeded", paymentMethod));
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    pi.latest_charge = charge.id;
    pi.payment_method = paymentMethod;
    pi.last_payment_error = null;
    return charge;
  }

  function doRefund(p: {
    paymentIntentId?: string;
    chargeId?: string;
    amount?: number;
    reason?: string;
    metadata?: Metadata;
    created: number;
  }): { refund: FakeRefund; charge: FakeCharge } {
    let charge: FakeCharge | undefined;
    if (p.paymentIntentId) {
      const pi = paymentIntentOrThrow(p.paymentIntentId, "payment_intent", 400);
      const latest = pi.latest_charge ? state.charges.get(pi.latest_charge) : undefined;
      if (pi.status !== "succeeded" || !latest || latest.status !== "succeeded") {
        throw invalid(
          `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
          "payment_intent",
          "charge_not_refundable",
        );
      }
      charge = latest;
    } else if (p.chargeId) {
      charge = state.charges.get(p.chargeId);
      if (!charge) throw missing("charge", p.chargeId, "charge", 400);
    } else {
      throw invalid("One of the following params should be provided for this request: payment_intent or charge.", undefined, "parameter_missing");
    }
    if (charge.status !== "succeeded") throw invalid(`Charge ${charge.id} has not succeeded.`, "charge", "charge_not_refundable");
    if (charge.disputed) throw invalid(`Charge ${charge.id} has been charged back; cannot issue a refund.`, "charge", "charge_disputed");
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
    const amount = p.amount ?? remaining;
    if (amount > remaining) {
      throw invalid(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        "amount",
        "amount_too_large",
      );
    }
    if (p.reason !== undefined && !["duplicate", "fraudulent", "requested_by_customer"].includes(p.reason)) {
      throw invalid(`Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`, "reason");
    }
    const refund = state.refunds.add({
      ...refundDefaults(),
      id: randomId("re_"),
      object: "refund",
      amount,
      balance_transaction: randomId("txn_"),
      charge: charge.id,
      created: p.created,
      currency: charge.currency,
      metadata: p.metadata ?? {},
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason: p.reason ?? null,
      status: holdingRefunds ? "pending" : "succeeded",
    });
    // A pending refund already counts on the charge (Stripe takes it from the balance at once).
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    return { refund, charge };
  }

  // Expansion of id fields (expand[]=latest_charge, data.payment_intent, …) ----------------------

  function lookupAny(id: string): FakeObject | undefined {
    if (id.startsWith("pi_")) return state.paymentIntents.get(id);
    if (id.startsWith("ch_")) return state.charges.get(id);
    if (id.startsWith("re_")) return state.refunds.get(id);
    if (id.startsWith("dp_")) return state.disputes.get(id);
    if (id.startsWith("cs_")) return state.checkoutSessions.get(id);
    return undefined;
  }

  function expand<T>(obj: T, paths: string[]): T {
    if (paths.length === 0) return obj;
    const out = clone(obj) as Record<string, unknown>;
    for (const path of paths) {
      const [head, ...rest] = path.split(".");
      if (!head) continue;
      const v = out[head];
      if (typeof v === "string") {
        const found = lookupAny(v);
        if (!found) continue;
        out[head] = rest.length ? expand(found, [rest.join(".")]) : clone(found);
      } else if (v && typeof v === "object" && rest.length) {
        out[head] = expand(v, [rest.join(".")]);
      }
    }
    return out as T;
  }

  function listResponse<T extends FakeObject>(
    collection: Collection<T>,
    params: Params,
    url: string,
    where?: (obj: T) => boolean,
    extraParams: string[] = [],
  ) {
    checkKnown(params, [...LIST_PARAMS, ...extraParams]);
    const limit = readInt(params, "limit", { min: 1, max: 100 }) ?? 10;
    const startingAfter = readString(params, "starting_after");
    const endingBefore = readString(params, "ending_before");
    if (startingAfter && endingBefore) {
      throw invalid("You may only specify one of these parameters: ending_before, starting_after.");
    }
    for (const [name, cursor] of [["starting_after", startingAfter], ["ending_before", endingBefore]] as const) {
      if (cursor !== undefined && !collection.has(cursor)) {
        throw invalid(`No such object: '${cursor}'`, name, "resource_missing");
      }
    }
    const page = collection.page({
      limit,
      ...(startingAfter !== undefined ? { startingAfter } : {}),
      ...(endingBefore !== undefined ? { endingBefore } : {}),
      ...(params.created !== undefined ? { created: readRange(params)! } : {}),
      ...(where ? { where } : {}),
    });
    const expandPaths = readExpand(params)
      .filter((p) => p.startsWith("data."))
      .map((p) => p.slice("data.".length));
    return {
      object: "list" as const,
      data: page.data.map((o) => expand(o, expandPaths)),
      has_more: page.hasMore,
      url,
    };
  }

  // HTTP ----------------------------------------------------------------------------------------

  async function route(method: string, path: string, params: Params, idempotencyKey: string | undefined): Promise<{ status: number; body: unknown }> {
    const seg = path.split("/").filter(Boolean); // ["v1", ...]
    if (seg[0] !== "v1") throw notFound(method, path);
    const [, resource, id, action] = seg;
    const ok = (body: unknown) => ({ status: 200, body });

    switch (resource) {
      case "payment_intents": {
        if (method === "POST" && id === undefined) {
          checkKnown(params, PI_CREATE_PARAMS);
          const amount = readInt(params, "amount", { required: true, min: 1, max: 99_999_999 })!;
          const currency = readCurrency(params);
          const apm = params.automatic_payment_methods as Params | undefined;
          const pmTypes = params.payment_method_types;
          const pi = state.paymentIntents.add(
            newPaymentIntent({
              amount,
              currency,
              created: nowSec(),
              metadata: readMetadata(params) ?? {},
              description: readString(params, "description") ?? null,
              receiptEmail: readString(params, "receipt_email") ?? null,
              automatic: apm ? readBool(apm, "enabled") !== false : !Array.isArray(pmTypes),
              ...(Array.isArray(pmTypes) ? { paymentMethodTypes: pmTypes.map(String) } : {}),
            }),
          );
          newEvent("payment_intent.created", pi, pi.created, undefined, idempotencyKey);
          return ok(expand(pi, readExpand(params)));
        }
        if (method === "GET" && id === undefined) {
          return ok(listResponse(state.paymentIntents, params, "/v1/payment_intents", undefined, ["customer"]));
        }
        if (id === undefined) break;
        const pi = paymentIntentOrThrow(id);
        if (method === "GET" && action === undefined) return ok(expand(pi, readExpand(params)));
        if (method === "POST" && action === undefined) {
          checkKnown(params, PI_UPDATE_PARAMS);
          if (pi.status === "succeeded" || pi.status === "canceled" || pi.status === "processing") {
            if (params.amount !== undefined || params.currency !== undefined) {
              throw invalid(`This PaymentIntent's amount could not be updated because it has a status of ${pi.status}.`, "amount", "payment_intent_unexpected_state");
            }
          }
          const amount = readInt(params, "amount", { min: 1, max: 99_999_999 });
          if (amount !== undefined) pi.amount = amount;
          if (params.currency !== undefined) pi.currency = readCurrency(params);
          if (params.description !== undefined) pi.description = readString(params, "description") ?? null;
          if (params.receipt_email !== undefined) pi.receipt_email = readString(params, "receipt_email") ?? null;
          if (params.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, params.metadata);
          return ok(expand(pi, readExpand(params)));
        }
        if (method === "POST" && action === "cancel") {
          checkKnown(params, ["cancellation_reason", "expand"]);
          if (pi.status === "succeeded" || pi.status === "canceled") {
            throw invalid(
              `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
              undefined,
              "payment_intent_unexpected_state",
            );
          }
          pi.status = "canceled";
          pi.canceled_at = nowSec();
          pi.cancellation_reason = readString(params, "cancellation_reason") ?? null;
          newEvent("payment_intent.canceled", pi);
          return ok(expand(pi, readExpand(params)));
        }
        break;
      }

      case "charges": {
        if (method === "GET" && id === undefined) {
          const piFilter = readString(params, "payment_intent");
          return ok(
            listResponse(state.charges, params, "/v1/charges", piFilter ? (c) => c.payment_intent === piFilter : undefined, ["payment_intent", "customer"]),
          );
        }
        if (method === "GET" && id !== undefined && action === undefined) {
          const charge = state.charges.get(id);
          if (!charge) throw missing("charge", id);
          return ok(expand(charge, readExpand(params)));
        }
        break;
      }

      case "refunds": {
        if (method === "POST" && id === undefined) {
          checkKnown(params, REFUND_PARAMS);
          const paymentIntentId = readString(params, "payment_intent");
          const chargeId = readString(params, "charge");
          const amount = readInt(params, "amount", { min: 1 });
          const reason = readString(params, "reason");
          const metadata = readMetadata(params);
          const { refund, charge } = doRefund({
            created: nowSec(),
            ...(paymentIntentId !== undefined ? { paymentIntentId } : {}),
            ...(chargeId !== undefined ? { chargeId } : {}),
            ...(amount !== undefined ? { amount } : {}),
            ...(reason !== undefined ? { reason } : {}),
            ...(metadata !== undefined ? { metadata } : {}),
          });
          newEvent("refund.created", refund, refund.created, undefined, idempotencyKey);
          newEvent("charge.refunded", charge, refund.created, undefined, idempotencyKey);
          return ok(expand(refund, readExpand(params)));
        }
        if (method === "GET" && id === undefined) {
          const piFilter = readString(params, "payment_intent");
          const chFilter = readString(params, "charge");
          const where =
            piFilter || chFilter
              ? (r: FakeRefund) => (!piFilter || r.payment_intent === piFilter) && (!chFilter || r.charge === chFilter)
              : undefined;
          return ok(listResponse(state.refunds, params, "/v1/refunds", where, ["payment_intent", "charge"]));
        }
        if (method === "GET" && id !== undefined && action === undefined) {
          const refund = state.refunds.get(id);
          if (!refund) throw missing("refund", id);
          return ok(expand(refund, readExpand(params)));
        }
        break;
      }

      case "disputes": {
        if (method === "GET" && id === undefined) {
          const piFilter = readString(params, "payment_intent");
          const chFilter = readString(params, "charge");
          const where =
            piFilter || chFilter
              ? (d: FakeDispute) => (!piFilter || d.payment_intent === piFilter) && (!chFilter || d.charge === chFilter)
              : undefined;
          return ok(listResponse(state.disputes, params, "/v1/disputes", where, ["payment_intent", "charge"]));
        }
        if (method === "GET" && id !== undefined && action === undefined) {
          const dispute = state.disputes.get(id);
          if (!dispute) throw missing("dispute", id);
          return ok(expand(dispute, readExpand(params)));
        }
        break;
      }

      case "checkout": {
        // /v1/checkout/sessions[/:id[/expire]]
        const [, , sub, sessionId, sessionAction] = seg;
        if (sub !== "sessions") break;
        if (method === "POST" && sessionId === undefined) return ok(createCheckoutSession(params));
        if (method === "GET" && sessionId === undefined) {
          const piFilter = readString(params, "payment_intent");
          return ok(
            listResponse(state.checkoutSessions, params, "/v1/checkout/sessions", piFilter ? (s) => s.payment_intent === piFilter : undefined, [
              "payment_intent",
              "status",
            ]),
          );
        }
        if (sessionId === undefined) break;
        const session = state.checkoutSessions.get(sessionId);
        if (!session) throw missing("checkout.session", sessionId);
        if (method === "GET" && sessionAction === undefined) return ok(expand(session, readExpand(params)));
        if (method === "POST" && sessionAction === "expire") {
          checkKnown(params, ["expand"]);
          if (session.status !== "open") {
            // What Stripe answers: an invalid_request_error without an error code, only this message.
            throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${session.status}\`.`);
          }
          doExpire(session);
          return ok(expand(session, readExpand(params)));
        }
        break;
      }

      case "events": {
        if (method === "GET" && id === undefined) {
          const type = readString(params, "type");
          return ok(listResponse(state.events, params, "/v1/events", type ? (e) => e.type === type : undefined, ["type"]));
        }
        if (method === "GET" && id !== undefined && action === undefined) {
          const event = state.events.get(id);
          if (!event) throw missing("event", id);
          return ok(event);
        }
        break;
      }
    }
    throw notFound(method, path);
  }

  function notFound(method: string, path: string) {
    return new FakeApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/. (This is the local fake: it only knows the endpoints this project uses.)`,
    });
  }

  function createCheckoutSession(params: Params): FakeCheckoutSession {
    checkKnown(params, CHECKOUT_PARAMS);
    const mode = readString(params, "mode", true);
    if (mode !== "payment") throw invalid(`The fake only supports mode=payment, got ${mode}.`, "mode");
    const items = params.line_items;
    if (!Array.isArray(items) || items.length === 0) {
      throw invalid("line_items is required in payment mode.", "line_items", "parameter_missing");
    }
    let currency: string | undefined;
    let total = 0;
    let firstName: string | null = null;
    items.forEach((raw, i) => {
      const item = (raw ?? {}) as Params;
      const quantity = readInt(item, "quantity", { required: true, min: 1 })!;
      const priceData = item.price_data as Params | undefined;
      if (!priceData || typeof priceData !== "object") {
        throw invalid(`The fake needs line_items[${i}][price_data].`, `line_items[${i}][price_data]`, "parameter_missing");
      }
      const c = readCurrency(priceData);
      const unit = readInt(priceData, "unit_amount", { required: true, min: 0 })!;
      const product = priceData.product_data as Params | undefined;
      if (!priceData.product && (!product || !readString(product, "name"))) {
        throw invalid(`Missing required param: line_items[${i}][price_data][product_data][name].`, `line_items[${i}][price_data][product_data][name]`, "parameter_missing");
      }
      if (currency && c !== currency) throw invalid("All line items must use the same currency.", `line_items[${i}][price_data][currency]`);
      currency = c;
      total += unit * quantity;
      if (firstName === null && product) firstName = readString(product, "name") ?? null;
    });
    const uiMode = readString(params, "ui_mode") ?? "hosted_page"; // the API version's names: hosted_page, embedded_page, elements, form
    const successUrl = readString(params, "success_url") ?? null;
    if (uiMode === "hosted_page" && !successUrl) throw invalid("Missing required param: success_url.", "success_url", "parameter_missing");
    for (const name of ["success_url", "cancel_url"]) {
      const u = readString(params, name);
      if (u && !/^https?:\/\//.test(u)) throw invalid(`Not a valid URL`, name, "url_invalid");
    }
    const created = nowSec();
    const expiresAt = readInt(params, "expires_at") ?? created + 24 * 3600;
    // Stripe: at least 30 minutes and at most 24 hours after creation (a few seconds of slack for clocks).
    if (expiresAt < created + 30 * 60 - 5 || expiresAt > created + 24 * 3600 + 5) {
      throw invalid(
        "The `expires_at` timestamp must be less than 24 hours and at least 30 minutes from Checkout Session creation.",
        "expires_at",
        "parameter_invalid_integer",
      );
    }
    const pid = params.payment_intent_data as Params | undefined;
    const id = randomId("cs_test_a1", 56);
    const session = state.checkoutSessions.add({
      ...checkoutSessionDefaults(),
      id,
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      cancel_url: readString(params, "cancel_url") ?? null,
      client_reference_id: readString(params, "client_reference_id") ?? null,
      created,
      currency: currency!,
      customer_email: readString(params, "customer_email") ?? null,
      expires_at: expiresAt,
      livemode: false,
      locale: readString(params, "locale") ?? null,
      metadata: readMetadata(params) ?? {},
      mode: "payment",
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      ui_mode: uiMode,
      url: uiMode === "hosted_page" ? `${baseUrl}/c/pay/${id}` : null,
    });
    sessionExtras.set(id, {
      paymentIntentMetadata: (pid && readMetadata(pid)) ?? {},
      description: (pid && readString(pid, "description")) ?? firstName,
    });
    openSessions.add(id);
    return session;
  }

  function doExpire(session: FakeCheckoutSession): void {
    session.status = "expired";
    session.url = null;
    openSessions.delete(session.id);
  }

  /** Stripe expires an open session at its `expires_at` by itself and says so with an event. */
  function expireDueSessions(): void {
    const now = nowSec();
    for (const id of [...openSessions]) {
      const session = state.checkoutSessions.get(id);
      if (!session || session.status !== "open") {
        openSessions.delete(id);
        continue;
      }
      if (session.expires_at > now) continue;
      doExpire(session);
      newEvent("checkout.session.expired", session, session.expires_at);
    }
  }

  function requestParams(req: http.IncomingMessage, url: URL, body: string): Params {
    if (req.method === "GET" || req.method === "DELETE") return parseStripeForm(url.search.slice(1));
    const type = req.headers["content-type"] ?? "";
    if (body && type.includes("application/json")) return JSON.parse(body) as Params;
    return parseStripeForm(body);
  }

  function authError(header: string | undefined): FakeApiError | undefined {
    if (!header) {
      return new FakeApiError(401, {
        type: "invalid_request_error",
        message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    const m = /^Bearer (\S+)$/.exec(header);
    if (!m || !m[1]!.startsWith("sk_test_")) {
      const shown = m ? m[1]!.slice(0, 12) : "(malformed)";
      return new FakeApiError(401, {
        type: "invalid_request_error",
        code: "api_key_invalid",
        message: `Invalid API Key provided: ${shown}***`,
      });
    }
    return undefined;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    const idempotencyKey = header(req, "idempotency-key");
    const record: RecordedRequest = {
      method,
      path,
      params: {},
      idempotencyKey,
      stripeVersion: header(req, "stripe-version"),
      status: 0,
      replayed: false,
      injected: false,
    };
    state.requests.push(record);
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Request-Id": randomId("req_", 14),
      "Stripe-Version": record.stripeVersion ?? apiVersion,
    };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    const send = (status: number, payload: string, extra: Record<string, string> = {}) => {
      record.status = status;
      if (options.traffic) record.response = payload;
      res.writeHead(status, { ...headers, ...extra });
      res.end(payload);
    };
    const sendError = (err: FakeApiError) => send(err.status, JSON.stringify({ error: err.body }));

    const auth = authError(header(req, "authorization"));
    if (auth) return sendError(auth);
    expireDueSessions();

    let params: Params;
    try {
      params = requestParams(req, url, body);
    } catch {
      return sendError(invalid("Invalid request body."));
    }
    record.params = params;

    const injection = injections.find(
      (i) =>
        i.remaining > 0 &&
        (!i.method || i.method.toUpperCase() === method) &&
        (!i.path || (typeof i.path === "string" ? path.startsWith(i.path) : i.path.test(path))),
    );
    const fail = () => {
      injection!.remaining--;
      record.injected = true;
      injections = injections.filter((i) => i.remaining > 0);
      if (injection!.drop) {
        record.status = -1;
        res.destroy();
        return;
      }
      const status = injection!.status ?? 500;
      send(status, JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred (injected by the fake)." } }));
    };
    if (injection && !injection.afterProcessing) return fail();

    // Idempotency: the same key replays the stored answer; another request under the key is an error.
    const paramsKey = JSON.stringify(params);
    if (method === "POST" && idempotencyKey) {
      let stored = idempotent.get(idempotencyKey);
      // Stripe prunes keys 24 hours after first use: the same key then starts a new request.
      if (stored && nowMs() - stored.at >= IDEMPOTENCY_KEY_TTL_MS) {
        idempotent.delete(idempotencyKey);
        stored = undefined;
      }
      if (stored) {
        if (stored.method !== method || stored.path !== path || stored.params !== paramsKey) {
          return sendError(
            new FakeApiError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          );
        }
        record.replayed = true;
        if (injection) return fail();
        return send(stored.status, stored.body, { "Idempotent-Replayed": "true" });
      }
    }

    let status: number;
    let payload: string;
    try {
      const result = await route(method, path, params, idempotencyKey);
      status = result.status;
      payload = JSON.stringify(result.body);
    } catch (err) {
      if (!(err instanceof FakeApiError)) throw err;
      return sendError(err);
    }
    if (method === "POST" && idempotencyKey) {
      idempotent.set(idempotencyKey, { method, path, params: paramsKey, status, body: payload, at: nowMs() });
    }
    if (injection) return fail();
    send(status, payload);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const last = state.requests[state.requests.length - 1];
      if (last && last.status === 0) last.status = 500;
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { type: "api_error", message: `fake-stripe crashed: ${err instanceof Error ? err.stack : String(err)}` } }));
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  // Simulators ----------------------------------------------------------------------------------

  const simError = (err: unknown): never => {
    if (err instanceof FakeApiError) throw new Error(`fake-stripe: ${err.body.message}`);
    throw err;
  };

  function signEvent(event: FakeEvent<unknown>, opts: SignOptions = {}): SignedPayload {
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? webhookSecret,
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    });
    return { payload, header };
  }

  const fake: FakeStripe = {
    url: baseUrl,
    port,
    webhookSecret,
    state,

    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },

    reset() {
      for (const c of [state.paymentIntents, state.charges, state.refunds, state.disputes, state.checkoutSessions, state.events]) c.clear();
      state.requests.length = 0;
      idempotent.clear();
      sessionExtras.clear();
      openSessions.clear();
      injections = [];
      holdingRefunds = false;
      clockOffset = 0;
    },

    succeed(paymentIntentId, opts = {}) {
      const pi = state.paymentIntents.get(paymentIntentId);
      if (!pi) throw new Error(`fake-stripe: no payment intent ${paymentIntentId}`);
      const created = opts.created ?? nowSec();
      let charge: FakeCharge;
      try {
        charge = doSucceed(pi, created, opts.paymentMethod);
      } catch (err) {
        return simError(err);
      }
      newEvent("charge.succeeded", charge, created);
      return newEvent("payment_intent.succeeded", pi, created);
    },

    fail(paymentIntentId, reason = "generic_decline", opts = {}) {
      const pi = state.paymentIntents.get(paymentIntentId);
      if (!pi) throw new Error(`fake-stripe: no payment intent ${paymentIntentId}`);
      if (pi.status === "succeeded" || pi.status === "canceled") {
        throw new Error(`fake-stripe: payment intent ${pi.id} is ${pi.status}, it cannot fail`);
      }
      const created = opts.created ?? nowSec();
      const pm = randomId("pm_");
      const charge = state.charges.add(newCharge(pi, created, "failed", pm, reason));
      pi.status = "requires_payment_method";
      pi.latest_charge = charge.id;
      pi.payment_method = null;
      pi.last_payment_error = {
        type: "card_error",
        code: "card_declined",
        decline_code: reason,
        message: reason === "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.",
        charge: charge.id,
      };
      newEvent("charge.failed", charge, created);
      return newEvent("payment_intent.payment_failed", pi, created);
    },

    refund(paymentIntentId, opts = {}) {
      const created = opts.created ?? nowSec();
      let result: { refund: FakeRefund; charge: FakeCharge };
      try {
        result = doRefund({
          paymentIntentId,
          created,
          ...(opts.amount !== undefined ? { amount: opts.amount } : {}),
          ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
          ...(opts.metadata !== undefined ? { metadata: opts.metadata } : {}),
        });
      } catch (err) {
        return simError(err);
      }
      newEvent("refund.created", result.refund, created);
      return newEvent("charge.refunded", result.charge, created);
    },

    holdRefunds(on = true) {
      holdingRefunds = on;
    },

    settleRefund(refundId, outcome, opts = {}) {
      const refund = state.refunds.get(refundId);
      if (!refund) throw new Error(`fake-stripe: no refund ${refundId}`);
      const allowed = outcome === "succeeded" ? ["pending", "requires_action"] : ["pending", "requires_action", "succeeded"];
      if (!allowed.includes(refund.status)) throw new Error(`fake-stripe: refund ${refundId} is ${refund.status}, it cannot become ${outcome}`);
      const created = opts.created ?? nowSec();
      const previous = { status: refund.status };
      const charge = state.charges.get(refund.charge)!;
      if (outcome === "succeeded") {
        refund.status = "succeeded";
        const updated = newEvent("refund.updated", refund, created, previous);
        newEvent("charge.refund.updated", refund, created, previous);
        return updated;
      }
      refund.status = "failed";
      refund.failure_reason = opts.failureReason ?? "expired_or_canceled_card";
      // The money comes back to the balance and off the charge: it may be refunded again.
      charge.amount_refunded -= refund.amount;
      charge.refunded = charge.amount_refunded >= charge.amount;
      const failed = newEvent("refund.failed", refund, created, previous);
      newEvent("refund.updated", refund, created, previous);
      newEvent("charge.refund.updated", refund, created, previous);
      return failed;
    },

    dispute(paymentIntentOrChargeId, opts = {}) {
      let charge: FakeCharge | undefined;
      if (paymentIntentOrChargeId.startsWith("pi_")) {
        const pi = state.paymentIntents.get(paymentIntentOrChargeId);
        charge = pi?.latest_charge ? state.charges.get(pi.latest_charge) : undefined;
      } else {
        charge = state.charges.get(paymentIntentOrChargeId);
      }
      if (!charge || charge.status !== "succeeded") {
        throw new Error(`fake-stripe: no succeeded charge for ${paymentIntentOrChargeId}`);
      }
      if (charge.disputed) throw new Error(`fake-stripe: charge ${charge.id} is already disputed`);
      const created = opts.created ?? nowSec();
      const dispute = state.disputes.add({
        ...disputeDefaults(created),
        id: randomId("dp_"),
        object: "dispute",
        amount: opts.amount ?? charge.amount - charge.amount_refunded,
        balance_transactions: [],
        charge: charge.id,
        created,
        currency: charge.currency,
        is_charge_refundable: false,
        livemode: false,
        metadata: {},
        payment_intent: charge.payment_intent,
        reason: opts.reason ?? "fraudulent",
        status: "needs_response",
      });
      charge.disputed = true;
      return newEvent("charge.dispute.created", dispute, created);
    },

    closeDispute(disputeId, outcome, opts = {}) {
      const dispute = state.disputes.get(disputeId);
      if (!dispute) throw new Error(`fake-stripe: no dispute ${disputeId}`);
      const previous = { status: dispute.status };
      dispute.status = outcome;
      return newEvent("charge.dispute.closed", dispute, opts.created ?? nowSec(), previous);
    },

    completeCheckout(sessionId, opts = {}) {
      expireDueSessions();
      const session = state.checkoutSessions.get(sessionId);
      if (!session) throw new Error(`fake-stripe: no checkout session ${sessionId}`);
      if (session.status !== "open") throw new Error(`fake-stripe: checkout session ${sessionId} is ${session.status}`);
      const created = opts.created ?? nowSec();
      const extras = sessionExtras.get(sessionId);
      const pi = state.paymentIntents.add(
        newPaymentIntent({
          amount: session.amount_total,
          currency: session.currency,
          created,
          metadata: { ...(extras?.paymentIntentMetadata ?? {}) },
          description: extras?.description ?? null,
        }),
      );
      newEvent("payment_intent.created", pi, created);
      const charge = doSucceed(pi, created);
      newEvent("charge.succeeded", charge, created);
      newEvent("payment_intent.succeeded", pi, created);
      session.payment_intent = pi.id;
      session.status = "complete";
      session.payment_status = "paid";
      session.url = null;
      openSessions.delete(session.id);
      return newEvent("checkout.session.completed", session, created);
    },

    expireCheckout(sessionId, opts = {}) {
      expireDueSessions();
      const session = state.checkoutSessions.get(sessionId);
      if (!session) throw new Error(`fake-stripe: no checkout session ${sessionId}`);
      if (session.status !== "open") throw new Error(`fake-stripe: checkout session ${sessionId} is ${session.status}`);
      const created = opts.created ?? nowSec();
      doExpire(session);
      return newEvent("checkout.session.expired", session, created);
    },

    addPaymentIntent(input) {
      if (!Number.isSafeInteger(input.amount) || input.amount < 1) throw new Error(`fake-stripe: bad amount ${input.amount}`);
      const created = input.created ?? nowSec();
      const pi = state.paymentIntents.add(
        newPaymentIntent({
          amount: input.amount,
          currency: (input.currency ?? "usd").toLowerCase(),
          created,
          metadata: { ...(input.metadata ?? {}) },
          description: input.description ?? null,
          ...(input.id ? { id: input.id } : {}),
        }),
      );
      const status = input.status ?? "succeeded";
      if (status === "succeeded") {
        const charge = doSucceed(pi, created);
        if (input.amountRefunded) {
          charge.amount_refunded = Math.min(input.amountRefunded, charge.amount);
          charge.refunded = charge.amount_refunded >= charge.amount;
          // At Stripe money refunded on a charge is always a refund object: list and retrieve find it.
          state.refunds.add({
            ...refundDefaults(),
            id: randomId("re_"), object: "refund", amount: charge.amount_refunded, balance_transaction: randomId("txn_"), charge: charge.id,
            created, currency: charge.currency, metadata: {}, payment_intent: pi.id, payment_method: charge.payment_method, reason: null, status: "succeeded",
          });
        }
      } else {
        pi.status = status;
        if (status === "canceled") pi.canceled_at = created;
      }
      return pi;
    },

    signedEvent(type, object, opts = {}) {
      const event = newEvent(type, object);
      return { event, ...signEvent(event, opts) };
    },

    signEvent,

    failNext(injection = {}) {
      injections.push({ ...injection, remaining: injection.times ?? 1 });
    },

    now: nowMs,

    advance(ms) {
      clockOffset += ms;
      expireDueSessions();
    },

    requestsTo(method, pathPrefix) {
      return state.requests.filter((r) => r.method === method.toUpperCase() && r.path.startsWith(pathPrefix));
    },

    traffic() {
      if (!options.traffic) throw new Error("fake-stripe: start it with { traffic: true } to keep answers");
      return state.requests
        .filter((r) => r.response !== undefined)
        .map((r) => ({ method: r.method, path: r.path, params: r.params, status: r.status, body: JSON.parse(r.response!) as unknown }));
    },
  };
  return fake;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
