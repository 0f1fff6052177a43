/**
 * Invoice reconciliation: a run compares what Stripe recorded for a period with local payment
 * attempts and invoices, and lists every difference as an item for finance to resolve.
 *
 * - `startReconciliationRun` (staff, or the daily schedule) creates a pending run and queues its
 *   job in the same transaction.
 * - `executeReconciliationRun` (the job) streams Stripe's lists for the period, loads the local
 *   side in batches into maps keyed by payment intent id, compares in memory, and writes the items
 *   and the completed run in one transaction (a failed run keeps no items; the retry starts over).
 * - `applyItemFromStripe` fixes "paid there, not here" and "refunded there, not here" by merging
 *   Stripe's facts exactly as a webhook would (payments.service `applyStripeFacts`, idempotent);
 *   `resolveReconciliationItem` closes any item with a note.
 *
 * Scope of a run [periodStart, periodEnd): payment intents created in it, plus those whose
 * succeeded charge, refund or dispute was created in it; local attempts created in it, plus those
 * matching one of these intents; invoices paid in it.
 */
import { lockRow } from "../../platform/database/transaction.js";
import { Prisma, type ReconciliationItem, type ReconciliationRun } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import type { Ctx } from "../../platform/context.js";
import { systemCtx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import { sendInTransaction } from "../../platform/jobs.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { writeAudit } from "../../platform/audit.js";
import { listAll, listRefunds, requireStripe, retrievePaymentIntent, type Stripe } from "../../platform/payments/index.js";
import { BillingEvents as E } from "./billing.events.js";
import { SETTLED, type AttemptStatus, type InvoiceStatus } from "./billing.status.js";
import { reasonSchema } from "../../platform/validation.js";
import { applyStripeFacts, type StripeFacts } from "./payments.service.js";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../platform/riyadh-time.js";
import { refundFactOf } from "./refunds.service.js";
import {
  APPLICABLE_FROM_STRIPE,
  RUN_ITEM_KINDS,
  reconciliationItemMachine,
  reconciliationRunMachine,
  type ReconciliationItemKind,
  type ReconciliationItemStatus,
  type ReconciliationRunStatus,
  type RunItemKind,
} from "./reconciliation.status.js";

/** The pg-boss queue that executes runs (jobs/billing-reconciliation.job.ts). */
export const RECONCILIATION_QUEUE = "billing-reconciliation";
/** Longest period one run may cover. */
export const MAX_RECONCILIATION_DAYS = 92;
/** A run still "running" after this long was abandoned by a worker that died (= the job's expiry). */
export const STALE_RUN_MS = 60 * 60_000;

/** Clock slack allowed on "not in the future". */
const FUTURE_SLACK_MS = 5 * 60_000;
const ITEM_BATCH = 1_000;
const LOCAL_BATCH = 10_000;
const ID_BATCH = 5_000;
const LOOKUP_CONCURRENCY = 8;

const PAID_ATTEMPT: readonly AttemptStatus[] = ["succeeded", "partially_refunded", "refunded", "disputed"];
const isPaidAttempt = (s: string) => (PAID_ATTEMPT as readonly string[]).includes(s);
const isSettled = (s: string) => (SETTLED as readonly string[]).includes(s);
const upper = (c: string) => c.toUpperCase();

// ---------------------------------------------------------------------------------------------
// Periods

// Riyadh days have one home; re-exported for the callers that import them from here.
export { riyadhDay, riyadhDayStart };

/**
 * The period for two calendar days picked in the panel (both inclusive, Riyadh time): from the
 * first day's midnight to the midnight after the last day, or now when that is still ahead.
 */
export function periodForDays(fromDay: string, toDay: string, now = new Date()): { from: Date; to: Date } {
  const from = riyadhDayStart(fromDay);
  const end = riyadhDayStart(toDay);
  const to = Number.isNaN(end.getTime()) ? end : new Date(Math.min(end.getTime() + DAY_MS, now.getTime()));
  return { from, to };
}

/** Yesterday in Riyadh: what the 03:00 daily run reconciles. */
export function yesterdayInRiyadh(now = new Date()): { from: Date; to: Date } {
  const to = riyadhDayStart(riyadhDay(now));
  return { from: new Date(to.getTime() - DAY_MS), to };
}

function checkRange(input: { from: Date; to: Date }, now: Date): { from: Date; to: Date } {
  const { from, to } = input;
  const refuse = (why: string, fields: Record<string, string>) => {
    throw new DomainError("RECONCILIATION_RANGE", why, 422, { fields, maxDays: MAX_RECONCILIATION_DAYS });
  };
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) refuse("the start is not a date", { from: "not a date" });
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) refuse("the end is not a date", { to: "not a date" });
  if (from.getTime() >= to.getTime()) refuse("the start must be before the end", { from: "must be before the end" });
  if (to.getTime() - from.getTime() > MAX_RECONCILIATION_DAYS * DAY_MS) refuse(`at most ${MAX_RECONCILIATION_DAYS} days`, { to: `at most ${MAX_RECONCILIATION_DAYS} days after the start` });
  if (to.getTime() > now.getTime() + FUTURE_SLACK_MS) refuse("the end is in the future", { to: "must not be in the future" });
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// Starting a run

async function createRunInTx(deps: Deps, ctx: Ctx, tx: Tx, from: Date, to: Date): Promise<ReconciliationRun> {
  const run = await tx.reconciliationRun.create({
    data: { periodStart: from, periodEnd: to, startedById: ctx.actor.type === "staff" ? (ctx.actor.id ?? null) : null },
  });
  await writeAudit(tx, ctx, { action: "reconciliation.start", entity: "ReconciliationRun", entityId: run.id, meta: { periodStart: from.toISOString(), periodEnd: to.toISOString() } });
  await sendInTransaction(deps.boss, tx, RECONCILIATION_QUEUE, { runId: run.id });
  return run;
}

/**
 * Finance (or the schedule) asks for a run over [from, to): at most 92 days, not in the future.
 * The run (pending), its audit row and its job commit together.
 */
export async function startReconciliationRun(deps: Deps, ctx: Ctx, input: { from: Date; to: Date }, now = new Date()): Promise<ReconciliationRun> {
  const { from, to } = checkRange(input, now);
  return deps.db.$transaction((tx) => createRunInTx(deps, ctx, tx, from, to));
}

/**
 * The daily schedule: a run for yesterday (Riyadh), once — a repeated schedule job finds the run
 * it already created and starts nothing.
 */
export async function startDailyReconciliationRun(deps: Deps, now = new Date()): Promise<{ run: ReconciliationRun; created: boolean }> {
  const { from, to } = checkRange(yesterdayInRiyadh(now), now);
  const ctx = systemCtx("billing-reconciliation-daily");
  return deps.db.$transaction(async (tx) => {
    // Serialises two schedule jobs racing for the same day.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"billing-reconciliation-daily"}))`;
    const existing = await tx.reconciliationRun.findFirst({ where: { periodStart: from, periodEnd: to, startedById: null }, orderBy: { id: "asc" } });
    if (existing) return { run: existing, created: false };
    return { run: await createRunInTx(deps, ctx, tx, from, to), created: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Stripe's side

interface RemoteCharge {
  id: string;
  /** Cumulative refunded amount, as Stripe reports it. */
  refunded: number;
  disputed: boolean;
}

interface RemotePayment {
  id: string;
  amount: number;
  received: number;
  /** Lower-case, as Stripe sends it. */
  currency: string;
  status: string;
  /** Created, or its succeeded charge created, within the period (the other ones were fetched for a refund or a local attempt). */
  inPeriod: boolean;
  /** From metadata.invoice_id. */
  invoiceId?: number;
  charge?: RemoteCharge;
}

interface RemoteDispute {
  id: string;
  paymentIntentId: string;
  chargeId?: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
}

interface RemoteSide {
  payments: Map<string, RemotePayment>;
  disputes: RemoteDispute[];
}

const idOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : v && typeof v === "object" && "id" in v ? String((v as { id: unknown }).id) : undefined;

function invoiceIdOf(metadata: Stripe.Metadata | null | undefined): number | undefined {
  const n = Number(metadata?.invoice_id);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
}

function chargeOf(c: Stripe.Charge): RemoteCharge {
  return { id: c.id, refunded: c.amount_refunded ?? 0, disputed: !!c.disputed };
}

function paymentOf(pi: Stripe.PaymentIntent, inPeriod: boolean): RemotePayment {
  const latest = pi.latest_charge && typeof pi.latest_charge === "object" ? pi.latest_charge : undefined;
  return {
    id: pi.id,
    amount: pi.amount,
    received: pi.amount_received ?? 0,
    currency: pi.currency,
    status: pi.status,
    inPeriod,
    invoiceId: invoiceIdOf(pi.metadata),
    ...(latest && latest.status === "succeeded" ? { charge: chargeOf(latest) } : {}),
  };
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Retrieves intents (with their latest charge) one by one; 404s are simply absent from the result. */
async function lookUpPayments(stripe: Stripe, ids: string[], into: Map<string, RemotePayment>): Promise<void> {
  await mapLimit(ids, LOOKUP_CONCURRENCY, async (id) => {
    if (into.has(id)) return;
    try {
      into.set(id, paymentOf(await retrievePaymentIntent(stripe, id, { expandLatestCharge: true }), false));
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return;
      throw err;
    }
  });
}

/** Streams the period's intents, charges, refunds and disputes (the four lists in parallel). */
async function collectStripe(stripe: Stripe, from: Date, to: Date): Promise<RemoteSide> {
  const created = { gte: Math.ceil(from.getTime() / 1000), lt: Math.ceil(to.getTime() / 1000) };
  const payments = new Map<string, RemotePayment>();
  const chargesByPi = new Map<string, RemoteCharge>();
  const refundedPis = new Set<string>();
  const disputes: RemoteDispute[] = [];

  await Promise.all([
    (async () => {
      for await (const pi of listAll(stripe, "payment_intents", { created })) payments.set(pi.id, paymentOf(pi, true));
    })(),
    (async () => {
      for await (const c of listAll(stripe, "charges", { created })) {
        const pi = idOf(c.payment_intent);
        // An intent has at most one succeeded charge; failed attempts before it carry nothing to reconcile.
        if (pi && c.status === "succeeded") chargesByPi.set(pi, chargeOf(c));
      }
    })(),
    (async () => {
      for await (const r of listAll(stripe, "refunds", { created })) {
        const pi = idOf(r.payment_intent);
        if (pi) refundedPis.add(pi);
      }
    })(),
    (async () => {
      for await (const d of listAll(stripe, "disputes", { created })) {
        const pi = idOf(d.payment_intent);
        if (pi) disputes.push({ id: d.id, paymentIntentId: pi, chargeId: idOf(d.charge), amount: d.amount, currency: d.currency, reason: d.reason, status: d.status });
      }
    })(),
  ]);

  for (const [piId, charge] of chargesByPi) {
    const p = payments.get(piId);
    if (p) p.charge = charge;
  }
  // Paid in the period although created before it, or refunded in the period: fetch those intents.
  const paidInPeriod = [...chargesByPi.keys()].filter((id) => !payments.has(id));
  await lookUpPayments(stripe, paidInPeriod, payments);
  for (const id of paidInPeriod) {
    const p = payments.get(id);
    if (p) p.inPeriod = true;
  }
  await lookUpPayments(stripe, [...refundedPis].filter((id) => !payments.has(id)), payments);
  return { payments, disputes };
}

// ---------------------------------------------------------------------------------------------
// The local side

interface LocalAttempt {
  id: number;
  invoiceId: number;
  pid: string | null;
  amount: number;
  currency: string;
  status: string;
  refundedAmount: number;
  /** Refunds asked for and not succeeded yet: Stripe's charge already counts them as refunded. */
  refundPending: number;
  createdAt: Date;
  invoiceStatus: string;
  paidManually: boolean;
}

interface LocalInvoice {
  id: number;
  amountPaid: number;
  currency: string;
  status: string;
}

interface LocalSide {
  byPi: Map<string, LocalAttempt>;
  /** Attempts created in the period (also those without an intent id). */
  createdInPeriod: LocalAttempt[];
  /** Invoices paid in the period, not manually, with no paid Stripe attempt at all. */
  paidWithoutAttempt: LocalInvoice[];
  /** Invoice ids named by Stripe metadata that exist here. */
  knownInvoices: Set<number>;
}

const ATTEMPT_COLUMNS = Prisma.sql`
  a.id, a.invoice_id AS "invoiceId", a.provider_payment_id AS pid, a.amount, a.currency, a.status::text AS status,
  a.refunded_amount AS "refundedAmount", a.created_at AS "createdAt",
  (SELECT COALESCE(SUM(r.amount), 0)::int FROM billing_refund r WHERE r.payment_attempt_id = a.id AND r.status IN ('pending', 'requires_action')) AS "refundPending",
  i.status::text AS "invoiceStatus", (i.paid_manually_by_id IS NOT NULL) AS "paidManually"`;

async function loadLocal(db: Deps["db"], from: Date, to: Date, remote: RemoteSide): Promise<LocalSide> {
  const byPi = new Map<string, LocalAttempt>();
  const createdInPeriod: LocalAttempt[] = [];
  const keep = (a: LocalAttempt) => {
    if (a.pid) byPi.set(a.pid, a);
  };

  // Keyset pages over the primary key: no OFFSET, constant cost per page.
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<LocalAttempt[]>`
      SELECT ${ATTEMPT_COLUMNS}
      FROM billing_paymentattempt a JOIN billing_invoice i ON i.id = a.invoice_id
      WHERE a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz AND a.id > ${after}
      ORDER BY a.id LIMIT ${LOCAL_BATCH}`;
    for (const r of rows) {
      createdInPeriod.push(r);
      keep(r);
    }
    if (rows.length < LOCAL_BATCH) break;
    after = rows[rows.length - 1]!.id;
  }

  const wanted = new Set<string>([...remote.payments.keys(), ...remote.disputes.map((d) => d.paymentIntentId)]);
  const missing = [...wanted].filter((id) => !byPi.has(id));
  for (let i = 0; i < missing.length; i += ID_BATCH) {
    const ids = missing.slice(i, i + ID_BATCH);
    const rows = await db.$queryRaw<LocalAttempt[]>`
      SELECT ${ATTEMPT_COLUMNS}
      FROM billing_paymentattempt a JOIN billing_invoice i ON i.id = a.invoice_id
      WHERE a.provider_payment_id = ANY(${ids}::text[])`;
    rows.forEach(keep);
  }

  const paidWithoutAttempt = await db.$queryRaw<LocalInvoice[]>`
    SELECT i.id, i.amount_paid AS "amountPaid", i.currency, i.status::text AS status
    FROM billing_invoice i
    WHERE i.paid_at >= ${from.toISOString()}::timestamptz AND i.paid_at < ${to.toISOString()}::timestamptz
      AND i.status IN ('paid', 'partially_refunded', 'refunded')
      AND i.paid_manually_by_id IS NULL AND i.amount_paid > 0
      AND NOT EXISTS (SELECT 1 FROM billing_paymentattempt a WHERE a.invoice_id = i.id
                      AND a.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed'))
    ORDER BY i.id`;

  const named = [...new Set([...remote.payments.values()].filter((p) => p.invoiceId && !byPi.has(p.id)).map((p) => p.invoiceId!))];
  const knownInvoices = new Set<number>();
  for (let i = 0; i < named.length; i += ID_BATCH) {
    const ids = named.slice(i, i + ID_BATCH);
    const rows = await db.$queryRaw<{ id: number }[]>`SELECT id FROM billing_invoice WHERE id = ANY(${ids}::int[])`;
    for (const r of rows) knownInvoices.add(r.id);
  }
  return { byPi, createdInPeriod, paidWithoutAttempt, knownInvoices };
}

// ---------------------------------------------------------------------------------------------
// Comparing

type ItemDraft = Omit<Prisma.ReconciliationItemCreateManyInput, "runId"> & { kind: RunItemKind };

export interface Sum {
  count: number;
  amount: number;
}

/**
 * Counts and sums in minor units (one currency in practice; mixed currencies are summed as is).
 * stripe: succeeded intents of the period; local: paid attempts of the period; matched: pairs that
 * agree on the payment (both paid, same amount and currency); byKind: items, with the amount at
 * stake (missing: the amount paid; mismatch: Stripe's amount; refund: the unrecorded part; dispute:
 * the disputed amount).
 */
export interface ReconciliationTotals {
  stripe: Sum;
  local: Sum;
  matched: Sum;
  byKind: Record<RunItemKind, Sum>;
}

const add = (s: Sum, amount: number) => {
  s.count += 1;
  s.amount += amount;
};

function atStake(i: ItemDraft): number {
  if (i.kind === "missing_remote") return i.localAmount ?? 0;
  if (i.kind === "refund_not_recorded") return (i.remoteAmount ?? 0) - (i.localAmount ?? 0);
  return i.remoteAmount ?? i.localAmount ?? 0;
}

function compare(remote: RemoteSide, local: LocalSide): { items: ItemDraft[]; totals: ReconciliationTotals } {
  const items: ItemDraft[] = [];
  const zero = (): Sum => ({ count: 0, amount: 0 });
  const totals: ReconciliationTotals = {
    stripe: zero(),
    local: zero(),
    matched: zero(),
    byKind: Object.fromEntries(RUN_ITEM_KINDS.map((k) => [k, zero()])) as Record<RunItemKind, Sum>,
  };

  for (const p of remote.payments.values()) {
    const att = local.byPi.get(p.id);
    if (p.status === "succeeded") {
      if (p.inPeriod) add(totals.stripe, p.received);
      if (!att || !isPaidAttempt(att.status) || !isSettled(att.invoiceStatus)) {
        const reason = !att ? "no_local_attempt" : !isPaidAttempt(att.status) ? "attempt_not_paid" : "invoice_not_paid";
        items.push({
          kind: "missing_local",
          invoiceId: att?.invoiceId ?? (p.invoiceId && local.knownInvoices.has(p.invoiceId) ? p.invoiceId : null),
          paymentAttemptId: att?.id ?? null,
          remoteId: p.id,
          remoteAmount: p.received,
          localAmount: att?.amount ?? null,
          currency: upper(p.currency),
          details: {
            paymentIntentId: p.id, reason, attemptStatus: att?.status ?? null, invoiceStatus: att?.invoiceStatus ?? null,
            metadataInvoiceId: p.invoiceId ?? null, refundedTotal: p.charge?.refunded ?? 0,
            // Paid manually and at Stripe: the customer may have paid twice.
            invoicePaidManually: att?.paidManually ?? false,
          },
        });
        continue;
      }
      const base = { invoiceId: att.invoiceId, paymentAttemptId: att.id, remoteId: p.id };
      if (upper(p.currency) !== upper(att.currency)) {
        items.push({ ...base, kind: "currency_mismatch", localAmount: att.amount, remoteAmount: p.received, currency: upper(p.currency), details: { paymentIntentId: p.id, localCurrency: upper(att.currency), remoteCurrency: upper(p.currency) } });
      } else if (p.received !== att.amount) {
        items.push({ ...base, kind: "amount_mismatch", localAmount: att.amount, remoteAmount: p.received, currency: upper(p.currency), details: { paymentIntentId: p.id, difference: p.received - att.amount } });
      } else {
        add(totals.matched, p.received);
      }
      if (p.charge && p.charge.refunded > att.refundedAmount + att.refundPending) {
        items.push({ ...base, kind: "refund_not_recorded", localAmount: att.refundedAmount, remoteAmount: p.charge.refunded, currency: upper(p.currency), details: { paymentIntentId: p.id, chargeId: p.charge.id, attemptStatus: att.status } });
      }
    } else if (att && isPaidAttempt(att.status) && !att.paidManually) {
      items.push({
        kind: "missing_remote", invoiceId: att.invoiceId, paymentAttemptId: att.id, remoteId: p.id, localAmount: att.amount, remoteAmount: null,
        currency: upper(att.currency), details: { paymentIntentId: p.id, reason: "remote_not_succeeded", remoteStatus: p.status, attemptStatus: att.status },
      });
    }
  }

  // Disputes: every dispute of the period, and any charge Stripe flags as disputed (once per intent).
  const disputed = new Set<string>();
  for (const d of remote.disputes) {
    if (disputed.has(d.paymentIntentId)) continue;
    disputed.add(d.paymentIntentId);
    const att = local.byPi.get(d.paymentIntentId);
    items.push({
      kind: "disputed", invoiceId: att?.invoiceId ?? null, paymentAttemptId: att?.id ?? null, remoteId: d.id, localAmount: att?.amount ?? null, remoteAmount: d.amount,
      currency: upper(d.currency), details: { paymentIntentId: d.paymentIntentId, disputeId: d.id, chargeId: d.chargeId ?? null, reason: d.reason, disputeStatus: d.status },
    });
  }
  for (const p of remote.payments.values()) {
    if (!p.charge?.disputed || disputed.has(p.id)) continue;
    disputed.add(p.id);
    const att = local.byPi.get(p.id);
    items.push({
      kind: "disputed", invoiceId: att?.invoiceId ?? null, paymentAttemptId: att?.id ?? null, remoteId: p.id, localAmount: att?.amount ?? null, remoteAmount: p.received,
      currency: upper(p.currency), details: { paymentIntentId: p.id, chargeId: p.charge.id, reason: "charge flagged as disputed" },
    });
  }

  // The local side of the period: paid here, unknown at Stripe.
  const seen = new Set<number>();
  const inScope = [...local.createdInPeriod, ...[...local.byPi.values()].filter((a) => remote.payments.get(a.pid!)?.inPeriod)];
  for (const a of inScope) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    if (!isPaidAttempt(a.status)) continue;
    add(totals.local, a.amount);
    if (a.paidManually || (a.pid && remote.payments.has(a.pid))) continue;
    items.push({
      kind: "missing_remote", invoiceId: a.invoiceId, paymentAttemptId: a.id, remoteId: a.pid, localAmount: a.amount, remoteAmount: null,
      currency: upper(a.currency), details: { paymentIntentId: a.pid, reason: a.pid ? "no_remote_payment" : "no_payment_intent_id", attemptStatus: a.status },
    });
  }
  for (const inv of local.paidWithoutAttempt) {
    items.push({
      kind: "missing_remote", invoiceId: inv.id, paymentAttemptId: null, remoteId: null, localAmount: inv.amountPaid, remoteAmount: null,
      currency: upper(inv.currency), details: { reason: "no_payment_attempt", invoiceStatus: inv.status },
    });
  }

  const order = new Map(RUN_ITEM_KINDS.map((k, i) => [k, i]));
  items.sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || String(a.remoteId ?? "").localeCompare(String(b.remoteId ?? "")) || (a.invoiceId ?? 0) - (b.invoiceId ?? 0));
  for (const i of items) add(totals.byKind[i.kind], atStake(i));
  return { items, totals };
}

// ---------------------------------------------------------------------------------------------
// Executing a run (the job)

type RunStatus = ReconciliationRunStatus;

/** Takes the run for this job: pending/failed → running. Null when there is nothing to do (completed or deleted). */
async function claimRun(deps: Deps, ctx: Ctx, runId: number, now: Date): Promise<ReconciliationRun | null> {
  return deps.db.$transaction(async (tx) => {
    await lockRow(tx, "billing_reconciliationrun", runId);
    const row = await tx.reconciliationRun.findUnique({ where: { id: runId } });
    if (!row || row.status === "completed") return null;
    if (row.status === "running") {
      if (row.startedAt && now.getTime() - row.startedAt.getTime() < STALE_RUN_MS) {
        throw new ConflictError("RECONCILIATION_RUNNING", `reconciliation run ${runId} is already running`, { runId });
      }
      await transition<RunStatus, ReconciliationRun>(deps, ctx, {
        machine: reconciliationRunMachine, id: runId, to: "failed", action: "reconciliation.abandoned",
        data: { error: "abandoned: the worker stopped during the run", finishedAt: now },
      }, tx);
    }
    return transition<RunStatus, ReconciliationRun>(deps, ctx, {
      machine: reconciliationRunMachine, id: runId, to: "running", action: row.status === "pending" ? "reconciliation.run" : "reconciliation.retry",
      data: { startedAt: now, finishedAt: null, error: null },
    }, tx);
  });
}

/** Only the attempt that claimed the run may finish it (a stale one may have been taken over). */
function ownedBy(claimed: ReconciliationRun) {
  return (before: ReconciliationRun) => {
    if (before.startedAt?.getTime() !== claimed.startedAt?.getTime()) {
      throw new ConflictError("RECONCILIATION_RUNNING", `reconciliation run ${claimed.id} was taken over by another attempt`, { runId: claimed.id });
    }
  };
}

/**
 * The job: compares Stripe with local records for the run's period and stores the items and
 * totals. Completed runs are left alone (a re-delivered job is harmless); on error the run is
 * marked failed with the message and the error is rethrown so pg-boss retries.
 */
export async function executeReconciliationRun(deps: Deps, runId: number, opts: { now?: Date } = {}): Promise<ReconciliationRun | null> {
  const ctx = systemCtx("billing-reconciliation");
  const claimed = await claimRun(deps, ctx, runId, opts.now ?? new Date());
  if (!claimed) return null;
  try {
    const stripe = requireStripe(deps.stripe);
    const remote = await collectStripe(stripe, claimed.periodStart, claimed.periodEnd);
    const local = await loadLocal(deps.db, claimed.periodStart, claimed.periodEnd, remote);
    // Paid here but not listed for the period: created outside it at Stripe, or unknown there.
    const unlisted = local.createdInPeriod.filter((a) => a.pid && isPaidAttempt(a.status) && !remote.payments.has(a.pid)).map((a) => a.pid!);
    await lookUpPayments(stripe, unlisted, remote.payments);
    const { items, totals } = compare(remote, local);

    return await deps.db.$transaction(async (tx) => {
      const done = await transition<RunStatus, ReconciliationRun>(deps, ctx, {
        machine: reconciliationRunMachine, id: runId, to: "completed", action: "reconciliation.complete",
        guard: ownedBy(claimed),
        data: { totals: totals as unknown as Prisma.InputJsonValue, finishedAt: new Date(), error: null },
        auditMeta: { items: items.length },
        events: () => [{
          name: E.RECONCILIATION_COMPLETED, entity: "ReconciliationRun", entityId: runId,
          payload: { runId, items: items.length, byKind: Object.fromEntries(Object.entries(totals.byKind).map(([k, v]) => [k, v.count])) },
        }],
      }, tx);
      for (let i = 0; i < items.length; i += ITEM_BATCH) {
        await tx.reconciliationItem.createMany({ data: items.slice(i, i + ITEM_BATCH).map((it) => ({ ...it, runId })) });
      }
      return done;
    }, { maxWait: 10_000, timeout: 300_000 });
  } catch (err) {
    const message = err instanceof DomainError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    await transition<RunStatus, ReconciliationRun>(deps, ctx, {
      machine: reconciliationRunMachine, id: runId, to: "failed", action: "reconciliation.fail",
      guard: ownedBy(claimed),
      data: { error: message.slice(0, 2000), finishedAt: new Date() },
    }).catch(() => undefined);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Items

async function resolveInTx(deps: Deps, ctx: Ctx, tx: Tx, itemId: number, note: string, meta: Record<string, unknown> = {}): Promise<ReconciliationItem> {
  const rows = await tx.$queryRaw<{ status: ReconciliationItemStatus }[]>`SELECT status::text AS status FROM billing_reconciliationitem WHERE id = ${itemId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("ReconciliationItem", itemId);
  if (rows[0]!.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
  return transition<ReconciliationItemStatus, ReconciliationItem>(deps, ctx, {
    machine: reconciliationItemMachine, id: itemId, to: "resolved", action: "reconciliation.item.resolve",
    data: { resolvedById: ctx.actor.type === "staff" ? (ctx.actor.id ?? null) : null, resolvedAt: new Date(), resolutionNote: note },
    auditMeta: { note, ...meta },
  }, tx);
}

/** Finance closes an item after dealing with it outside the system; the note (≥ 3 characters) says how. */
export async function resolveReconciliationItem(deps: Deps, ctx: Ctx, itemId: number, note: string): Promise<ReconciliationItem> {
  const why = reasonSchema.parse(note);
  return deps.db.$transaction((tx) => resolveInTx(deps, ctx, tx, itemId, why));
}

function paymentIntentIdOf(item: ReconciliationItem): string | undefined {
  const fromDetails = (item.details as { paymentIntentId?: unknown } | null)?.paymentIntentId;
  if (typeof fromDetails === "string" && fromDetails) return fromDetails;
  return item.remoteId?.startsWith("pi_") ? item.remoteId : undefined;
}

/** What Stripe says about one intent and its refunds, in the shape a webhook produces. */
function factsFromIntent(pi: Stripe.PaymentIntent, refunds: Stripe.Refund[], fallbackInvoiceId: number | null, source: string): StripeFacts {
  const charge = pi.latest_charge && typeof pi.latest_charge === "object" ? pi.latest_charge : undefined;
  const paid = charge?.status === "succeeded" ? charge : undefined;
  return {
    paymentIntentId: pi.id,
    invoiceId: invoiceIdOf(pi.metadata) ?? fallbackInvoiceId ?? undefined,
    amount: pi.amount_received || pi.amount,
    currency: pi.currency,
    ...(pi.status === "succeeded" ? { succeeded: true } : {}),
    ...(refunds.length ? { refunds: refunds.map(refundFactOf) } : {}),
    ...(paid?.disputed ? { disputed: { reason: "disputed at Stripe", amount: paid.amount - paid.amount_refunded } } : {}),
    source,
  };
}

/**
 * Finance fixes a "paid at Stripe, not here" or "refunded at Stripe, not here" item: Stripe's
 * current facts about the intent are merged exactly as a webhook would (the same transitions,
 * activation included, idempotent), and the item is resolved with an automatic note — all in one
 * transaction. Refused when the merge would not bring the records in line.
 */
export async function applyItemFromStripe(deps: Deps, ctx: Ctx, itemId: number): Promise<ReconciliationItem> {
  const item = await deps.db.reconciliationItem.findUnique({ where: { id: itemId } });
  if (!item) throw new NotFoundError("ReconciliationItem", itemId);
  if (item.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
  if (!APPLICABLE_FROM_STRIPE.includes(item.kind as ReconciliationItemKind)) {
    throw new DomainError("RECONCILIATION_NOT_APPLICABLE", `a ${item.kind} item cannot be applied from Stripe`, 422, { kind: item.kind });
  }
  const piId = paymentIntentIdOf(item);
  if (!piId) throw new DomainError("RECONCILIATION_NOT_APPLICABLE", `item ${itemId} names no payment intent`, 422, { kind: item.kind });
  const stripe = requireStripe(deps.stripe);
  // Read Stripe before the transaction: no network wait while rows are locked.
  const pi = await retrievePaymentIntent(stripe, piId, { expandLatestCharge: true });
  const refunds = await listRefunds(stripe, { paymentIntent: piId });
  const facts = factsFromIntent(pi, refunds, item.invoiceId, `reconciliation item ${itemId}`);
  const refundedThere = refunds.filter((r) => r.status === "succeeded").reduce((sum, r) => sum + r.amount, 0);

  return deps.db.$transaction(async (tx) => {
    // Lock the item first: a concurrent apply waits here and then finds it resolved.
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM billing_reconciliationitem WHERE id = ${itemId} FOR UPDATE`;
    if (locked[0]?.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
    const result = await applyStripeFacts(deps, ctx, tx, facts);
    if (result.outcome === "unknown_payment") {
      throw new DomainError("RECONCILIATION_UNKNOWN_PAYMENT", `Stripe's payment ${piId} names no invoice here`, 422, { paymentIntentId: piId });
    }
    const attempt = await tx.paymentAttempt.findUnique({ where: { providerPaymentId: piId }, include: { invoice: { select: { status: true } } } });
    const fixed = item.kind === "missing_local"
      ? !!attempt && isPaidAttempt(attempt.status) && isSettled(attempt.invoice.status as InvoiceStatus)
      : !!attempt && attempt.refundedAmount >= refundedThere;
    if (!fixed) {
      throw new DomainError("RECONCILIATION_APPLY_INCOMPLETE", `applying Stripe's facts for ${piId} does not settle item ${itemId}`, 422, {
        paymentIntentId: piId, remoteStatus: pi.status, attemptStatus: attempt?.status ?? null, invoiceStatus: attempt?.invoice.status ?? null,
      });
    }
    const note = `Applied from Stripe (${piId}): ${result.changes.length ? result.changes.join(", ") : "already up to date"}`;
    return resolveInTx(deps, ctx, tx, itemId, note, { source: "stripe", paymentIntentId: piId, changes: result.changes });
  }, { maxWait: 10_000, timeout: 20_000 });
}

// ---------------------------------------------------------------------------------------------
// CSV export

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will not run as a formula: a leading =, +, -, @, tab or CR gets a ' in front. */
export function escapeCsvCell(value: unknown): string {
  const s = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

const CSV_COLUMNS = [
  "id", "run_id", "kind", "status", "invoice_id", "invoice_number", "payment_attempt_id", "remote_id", "local_amount", "remote_amount",
  "currency", "details", "resolved_by", "resolved_at", "resolution_note", "created_at",
] as const;

/** A run's items as CSV (UTF-8 with BOM, for spreadsheets), safe against formula injection. */
export async function reconciliationItemsCsv(deps: Deps, runId: number): Promise<string> {
  const run = await deps.db.reconciliationRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new NotFoundError("ReconciliationRun", runId);
  const rows: string[][] = [];
  for (let after = 0; ; ) {
    const items = await deps.db.reconciliationItem.findMany({
      where: { runId, id: { gt: after } }, orderBy: { id: "asc" }, take: LOCAL_BATCH,
      include: { invoice: { select: { number: true } }, resolvedBy: { select: { email: true, fullName: true } } },
    });
    for (const i of items) {
      rows.push([
        i.id, i.runId, i.kind, i.status, i.invoiceId, i.invoice?.number, i.paymentAttemptId, i.remoteId, i.localAmount, i.remoteAmount,
        i.currency, i.details, i.resolvedBy ? (i.resolvedBy.email ?? i.resolvedBy.fullName) : null, i.resolvedAt, i.resolutionNote, i.createdAt,
      ].map(escapeCsvCell));
    }
    if (items.length < LOCAL_BATCH) break;
    after = items[items.length - 1]!.id;
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], bom: true });
}
