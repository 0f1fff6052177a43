/**
 * Reconciliation at scale: one Riyadh day with N succeeded payment intents (and their charges) at
 * the local fake Stripe against N paid invoices and attempts in a throwaway database, with a
 * handful of planted differences. Times `executeReconciliationRun` and checks it finds exactly
 * the planted differences. Returns the lines to print. Size: BENCH_RECONCILIATION (default 100k).
 */
import { createStripe } from "../../src/platform/payments/index.js";
import { executeReconciliationRun, startReconciliationRun } from "../../src/domains/billing/reconciliation/runs.service.js";
import { riyadhDay, riyadhDayStart } from "../../src/platform/riyadh-time.js";
import type { ReconciliationTotals } from "../../src/domains/billing/reconciliation/compare.js";
import { QUEUES as RECONCILIATION_QUEUES } from "../../jobs/billing-reconciliation.job.js";
import { startFakeStripe } from "../support/fake-stripe.js";
import { createBenchDatabase } from "./bench-db.js";
import { envInt } from "./harness.js";

const DAY = 86_400_000;
const amountOf = (i: number) => 1_000 + (i % 500);

/** The differences planted among the N records, by kind (payment index → what differs). */
const PLANTED = {
  amount_mismatch: [11, 22, 33],
  currency_mismatch: [44, 55],
  refund_not_recorded: [66, 77, 88],
  disputed: [99, 111],
  missing_local: 3, // extra intents paid at Stripe, unknown here
  missing_remote: 3, // the last local attempts, unknown at Stripe
} as const;

export async function benchReconciliation(opts: { n?: number } = {}): Promise<string[]> {
  const n = opts.n ?? envInt("BENCH_RECONCILIATION", 100_000);
  const lines: string[] = [];
  const from = riyadhDayStart(riyadhDay(new Date(Date.now() - 10 * DAY)));
  const to = new Date(from.getTime() + DAY);
  const fromSec = Math.floor(from.getTime() / 1000);
  const createdOf = (i: number) => fromSec + Math.floor(((i - 1) * 86_400) / n);

  const t = await createBenchDatabase({ extraQueues: RECONCILIATION_QUEUES });
  const fake = await startFakeStripe();
  try {
    const stripe = createStripe({ secretKey: "sk_test_bench", apiBase: fake.url })!;
    const deps = { ...t, stripe };

    // Stripe: N intents (each with its succeeded charge), minus the last ones, plus the differences.
    const t0 = performance.now();
    const amountOff = new Set<number>(PLANTED.amount_mismatch);
    const usd = new Set<number>(PLANTED.currency_mismatch);
    const refunded = new Set<number>(PLANTED.refund_not_recorded);
    for (let i = 1; i <= n - PLANTED.missing_remote; i++) {
      fake.addPaymentIntent({
        id: `pi_bench_${i}`,
        amount: amountOf(i) + (amountOff.has(i) ? 7 : 0),
        currency: usd.has(i) ? "usd" : "sar",
        created: createdOf(i),
        ...(refunded.has(i) ? { amountRefunded: 100 } : {}),
      });
    }
    for (const i of PLANTED.disputed) fake.dispute(`pi_bench_${i}`, { created: createdOf(i) + 60 });
    for (let k = 1; k <= PLANTED.missing_local; k++) fake.addPaymentIntent({ id: `pi_bench_extra_${k}`, amount: 4_321, currency: "sar", created: createdOf(k * 7) });
    const fakeMs = performance.now() - t0;

    // Local: N paid invoices with their succeeded attempts, in two INSERT ... SELECT generate_series.
    const t1 = performance.now();
    const user = await t.db.user.create({ data: { fullName: "Bench customer", phone: "+966500000001", userType: "client" } });
    const at = `'${from.toISOString()}'::timestamptz + (((g - 1)::bigint * 86400) / ${n}) * interval '1 second'`;
    await t.db.$executeRawUnsafe(`
      INSERT INTO billing_invoice (number, user_id, status, purpose, subtotal, total, amount_paid, currency, issued_at, paid_at, created_at, updated_at)
      SELECT 'BENCH-' || g, ${user.id}, 'paid', 'extra', 1000 + g % 500, 1000 + g % 500, 1000 + g % 500, 'SAR', ${at}, ${at}, ${at}, now()
      FROM generate_series(1, ${n}) g`);
    await t.db.$executeRawUnsafe(`
      INSERT INTO billing_paymentattempt (invoice_id, provider, provider_payment_id, idempotency_key, amount, currency, status, refunded_amount, created_at, updated_at)
      SELECT i.id, 'stripe', 'pi_bench_' || substr(i.number, 7), 'bench-' || i.id, i.total, 'SAR', 'succeeded', 0, i.created_at, now()
      FROM billing_invoice i WHERE i.number LIKE 'BENCH-%'`);
    await t.db.$executeRawUnsafe(`ANALYZE billing_invoice`);
    await t.db.$executeRawUnsafe(`ANALYZE billing_paymentattempt`);
    const dbMs = performance.now() - t1;

    const run = await startReconciliationRun(deps, { actor: { type: "system", label: "bench" } }, { from, to });
    const requestsBefore = fake.state.requests.length;
    const heapBefore = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    const done = await executeReconciliationRun(deps, run.id);
    const runMs = performance.now() - t2;
    const requests = fake.state.requests.length - requestsBefore;

    const totals = done!.totals as unknown as ReconciliationTotals;
    const byKind = Object.entries(totals.byKind).map(([k, v]) => `${k} ${v.count}`).join(", ");
    const found = await t.db.reconciliationItem.count({ where: { runId: run.id } });
    const expected = PLANTED.amount_mismatch.length + PLANTED.currency_mismatch.length + PLANTED.refund_not_recorded.length + PLANTED.disputed.length + PLANTED.missing_local + PLANTED.missing_remote;
    const rate = Math.round(n / (runMs / 1000));
    lines.push(
      `[reconciliation bench] ${n.toLocaleString("en-US")} Stripe intents + charges vs ${n.toLocaleString("en-US")} local attempts + invoices (${t.description})`,
      `  plant: fake Stripe ${(fakeMs / 1000).toFixed(1)} s, database ${(dbMs / 1000).toFixed(1)} s`,
      `  run:   ${(runMs / 1000).toFixed(1)} s (${rate.toLocaleString("en-US")} payments/s), ${requests.toLocaleString("en-US")} Stripe requests, heap +${Math.max(0, Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6))} MB`,
      `  items: ${found} (${byKind}); planted ${expected} ${found === expected ? "— all found, nothing else" : "— MISMATCH"}`,
      `  totals: stripe ${totals.stripe.count}, local ${totals.local.count}, matched ${totals.matched.count}`,
    );
    return lines;
  } finally {
    await fake.close();
    await t.close();
  }
}
