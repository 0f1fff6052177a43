/**
 * Reconciliation runs: a run compares what Stripe recorded for a period with local payment
 * attempts and invoices, and lists every difference as an item for finance to resolve.
 *
 * - `startReconciliationRun` (staff, or the daily schedule) creates a pending run and queues its
 *   job in the same transaction.
 * - `executeReconciliationRun` (the job) streams Stripe's lists for the period, loads the local
 *   side in batches into maps keyed by payment intent id, compares in memory, and writes the items
 *   and the completed run in one transaction (a failed run keeps no items; the retry starts over).
 *
 * Scope of a run [periodStart, periodEnd): payment intents created in it, plus those whose
 * succeeded charge, refund or dispute was created in it; local attempts created in it, plus those
 * matching one of these intents; invoices paid in it.
 */
import { Prisma, type ReconciliationRun } from "@prisma/client";
import type { Ctx } from "../../../platform/context.js";
import { systemCtx } from "../../../platform/context.js";
import type { Deps } from "../../../platform/deps.js";
import { ConflictError, DomainError } from "../../../platform/errors.js";
import { sendInTransaction } from "../../../platform/jobs.js";
import { lockRow, type Tx } from "../../../platform/database/transaction.js";
import { transition } from "../../../platform/transitions.js";
import { writeAudit } from "../../../platform/audit.js";
import { requireStripe } from "../../../platform/payments/index.js";
import { BillingEvents as E } from "../billing.events.js";
import { reconciliationRunMachine, type ReconciliationRunStatus } from "../reconciliation.status.js";
import { checkRunPeriod, yesterdayInRiyadh } from "./period.js";
import { collectStripeSide, lookUpPayments } from "./stripe-side.js";
import { loadLocalSide } from "./local-side.js";
import { compareReconciliation, isPaidAttempt } from "./compare.js";

/** The pg-boss queue that executes runs (jobs/billing-reconciliation.job.ts). */
export const RECONCILIATION_QUEUE = "billing-reconciliation";
/** A run still "running" after this long was abandoned by a worker that died (= the job's expiry). */
export const STALE_RUN_MS = 60 * 60_000;

const ITEM_BATCH = 1_000;

type RunStatus = ReconciliationRunStatus;

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
  const { from, to } = checkRunPeriod(input, now);
  return deps.db.$transaction((tx) => createRunInTx(deps, ctx, tx, from, to));
}

/**
 * The daily schedule: a run for yesterday (Riyadh), once — a repeated schedule job finds the run
 * it already created and starts nothing.
 */
export async function startDailyReconciliationRun(deps: Deps, now = new Date()): Promise<{ run: ReconciliationRun; created: boolean }> {
  const { from, to } = checkRunPeriod(yesterdayInRiyadh(now), now);
  const ctx = systemCtx("billing-reconciliation-daily");
  return deps.db.$transaction(async (tx) => {
    // Serialises two schedule jobs racing for the same day.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"billing-reconciliation-daily"}))`;
    const existing = await tx.reconciliationRun.findFirst({ where: { periodStart: from, periodEnd: to, startedById: null }, orderBy: { id: "asc" } });
    if (existing) return { run: existing, created: false };
    return { run: await createRunInTx(deps, ctx, tx, from, to), created: true };
  });
}

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
    const remote = await collectStripeSide(stripe, claimed.periodStart, claimed.periodEnd);
    const local = await loadLocalSide(deps.db, claimed.periodStart, claimed.periodEnd, remote);
    // Paid here but not listed for the period: created outside it at Stripe, or unknown there.
    const unlisted = local.createdInPeriod.filter((a) => a.pid && isPaidAttempt(a.status) && !remote.payments.has(a.pid)).map((a) => a.pid!);
    await lookUpPayments(stripe, unlisted, remote.payments);
    const { items, totals } = compareReconciliation(remote, local);

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
