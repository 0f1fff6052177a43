/**
 * Stripe webhooks end to end: ingest throughput of POST /webhooks/stripe (real signatures from the
 * fake Stripe, 20% of the posts duplicates of earlier events, 32 in flight), then draining the
 * queue with the production job handler (jobs/billing.job.ts webhookHandler) through the production
 * worker loop (workEach: parallel loops, batches, polling) in worker processes of their own
 * (webhook-worker-process.ts; one per core by default, as `npm run worker` scales), then
 * redelivered jobs for events already processed (pg-boss delivers at least once).
 * Finally checks that no event was processed twice and no invoice was paid twice.
 *
 * Data: N issued invoices, each with a local payment attempt whose PaymentIntent exists in the
 * fake Stripe; the events are their `payment_intent.succeeded`. Invoices and attempts are
 * inserted in bulk SQL (the domain path is the webhook's, not the invoice's).
 *
 * Sizes: BENCH_WEBHOOKS (distinct events, default 2000), BENCH_WEBHOOK_CONCURRENCY (32),
 * BENCH_WEBHOOK_PROCESSES (worker processes, default 2), BENCH_WEBHOOK_WORKERS (loops in each, 4),
 * or the options.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { WEBHOOKS } from "../../jobs/billing.job.js";
import type { WorkerReport } from "./webhook-worker-process.js";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe.js";
import { createBenchDatabase, type BenchDatabase } from "./bench-db.js";
import { appEnv, envInt, int, loadNote, ms, pool, secs, startServer, timed, type ForkedServer } from "./harness.js";

export interface WebhookIngestOptions {
  /** Distinct events (default BENCH_WEBHOOKS or 2000). */
  events?: number;
  /** Share of all posts that repeat an earlier event (default 0.2). */
  duplicateShare?: number;
  /** Posts in flight (default 32). */
  concurrency?: number;
  /** Worker processes draining the queue (default 2, the machine's cores). */
  processes?: number;
  /** Parallel job loops in each process (default 4), each fetching batches of `batchSize` (5, as in production). */
  workers?: number;
  batchSize?: number;
  /** Jobs sent again for already processed events, as a share of the events (default 0.05). */
  redeliverShare?: number;
  progress?: (m: string) => void;
}

interface Post {
  payload: string;
  header: string;
  event: number;
  duplicate: boolean;
  order: number;
}

const WORKER = fileURLToPath(new URL("./webhook-worker-process.ts", import.meta.url));

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/** Issued invoices with one local attempt each, their PaymentIntents in the fake, and the signed succeeded events. */
async function seed(database: BenchDatabase, stripe: FakeStripe, n: number) {
  const { db } = database;
  const clients = Math.max(1, Math.ceil(n / 10));
  await db.$executeRawUnsafe(`
    INSERT INTO accounts_user (phone, full_name, user_type, language, created_at, updated_at)
    SELECT '+9668' || lpad(g::text, 8, '0'), 'Bench payer ' || g, 'client', 'ar', now(), now() FROM generate_series(1, ${clients}) g`);
  const invoices = await db.$queryRawUnsafe<Array<{ id: number; total: number; number: string }>>(`
    WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_user WHERE user_type = 'client')
    INSERT INTO billing_invoice (number, user_id, status, purpose, subtotal, vat, total, currency, issued_at, due_at, created_at, updated_at)
    SELECT 'BENCH-' || lpad(g::text, 8, '0'), u.ids[1 + g % array_length(u.ids, 1)], 'issued', 'verification',
           s.sub, round(s.sub * 0.15)::int, s.sub + round(s.sub * 0.15)::int, 'SAR', now(), now() + interval '7 days', now(), now()
    FROM u, generate_series(1, ${n}) g
    CROSS JOIN LATERAL (SELECT (1000 + floor(random() * 50000))::int AS sub WHERE g IS NOT NULL) s
    RETURNING id, total, number`);
  const pis = invoices.map((inv) =>
    stripe.addPaymentIntent({ amount: inv.total, currency: "sar", status: "requires_payment_method", metadata: { invoice_id: String(inv.id), invoice_number: inv.number } }),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO billing_paymentattempt (invoice_id, provider, provider_payment_id, idempotency_key, amount, currency, status, created_at, updated_at)
     SELECT i, 'stripe', pi, 'invoice-' || i || '-attempt-1', a, 'SAR', 'requires_payment', now(), now()
     FROM unnest($1::int[], $2::text[], $3::int[]) AS t(i, pi, a)`,
    invoices.map((i) => i.id),
    pis.map((p) => p.id),
    invoices.map((i) => i.total),
  );
  return pis.map((pi) => stripe.succeed(pi.id));
}

/** Unique events in order, each duplicate placed some posts after its original (Stripe retries come later). */
function postingOrder(stripe: FakeStripe, events: ReturnType<FakeStripe["succeed"]>[], duplicates: number): Post[] {
  const posts: Post[] = events.map((e, i) => ({ ...stripe.signEvent(e), event: i, duplicate: false, order: i }));
  for (let d = 0; d < duplicates; d++) {
    const i = Math.floor(Math.random() * events.length);
    // A fresh signature over the same bytes, as a retried delivery has.
    posts.push({ ...stripe.signEvent(events[i]!), event: i, duplicate: true, order: i + 1 + Math.random() * 200 });
  }
  return posts.sort((a, b) => a.order - b.order);
}

/**
 * The production worker path in `processes` worker processes: each runs `workEach` with the
 * webhook queue's options (W loops, batches of `batchSize`, 0.5 s polling, a full batch fetching
 * again at once), until the queue has nothing left to run; their reports are summed. A throwing
 * handler is counted and its job failed alone, as in production. The clock starts once every
 * process works the queue (start-up is not processing).
 */
async function drain(database: BenchDatabase, stripeUrl: string, processes: number, workers: number, batchSize: number) {
  const children = Array.from({ length: processes }, () =>
    fork(WORKER, [], {
      execArgv: process.execArgv,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: database.url, STRIPE_API_BASE: stripeUrl, BENCH_WORKERS: String(workers), BENCH_BATCH: String(batchSize) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const message = <T>(child: (typeof children)[number], key: string) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`webhook worker process exited (code ${code})`));
      child.once("exit", onExit);
      child.on("message", (m) => {
        const v = (m as Record<string, unknown>)[key];
        if (v !== undefined) {
          child.off("exit", onExit);
          resolve(v as T);
        }
      });
    });
  try {
    await Promise.all(children.map((c) => message<boolean>(c, "ready")));
    const t0 = performance.now();
    for (;;) {
      const [left] = await database.db.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n FROM pgboss.job WHERE name = ${WEBHOOKS.name} AND state IN ('created', 'retry', 'active')`;
      if (Number(left!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsed = performance.now() - t0;
    const reports = await Promise.all(children.map((c) => {
      const r = message<WorkerReport>(c, "report");
      c.send("stop");
      return r;
    }));
    const sum = (k: "jobs" | "failed" | "cpuMs" | "statements") => reports.reduce((a, r) => a + r[k], 0);
    return { ms: elapsed, jobs: sum("jobs"), failed: sum("failed"), cpuMs: sum("cpuMs"), statements: sum("statements"), errors: reports.flatMap((r) => r.errors).slice(0, 5) };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

export async function benchWebhookIngest(opts: WebhookIngestOptions = {}): Promise<string[]> {
  const n = opts.events ?? envInt("BENCH_WEBHOOKS", 2000);
  const share = opts.duplicateShare ?? 0.2;
  const duplicates = Math.round((n * share) / (1 - share));
  const concurrency = opts.concurrency ?? envInt("BENCH_WEBHOOK_CONCURRENCY", 32);
  const processes = opts.processes ?? envInt("BENCH_WEBHOOK_PROCESSES", 2);
  const workers = opts.workers ?? envInt("BENCH_WEBHOOK_WORKERS", 4);
  const batchSize = opts.batchSize ?? 5;
  const redeliver = Math.round(n * (opts.redeliverShare ?? 0.05));
  const progress = opts.progress ?? ((m: string) => process.stderr.write(`[webhooks] ${m}\n`));
  const lines: string[] = [];

  let database: BenchDatabase | undefined;
  let stripe: FakeStripe | undefined;
  let app: ForkedServer | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nawafeth-bench-"));
  try {
    progress("creating the bench database and the fake Stripe");
    database = await createBenchDatabase({ poolSize: workers + 2 });
    stripe = await startFakeStripe();
    const fake = stripe;

    progress(`seeding ${int(n)} invoices with payment attempts, signing ${int(n + duplicates)} posts`);
    const seeded = await timed(async () => postingOrder(fake, await seed(database!, fake, n), duplicates));
    const posts = seeded.value;
    lines.push(`seeded ${int(n)} issued invoices + attempts + PaymentIntents and signed ${int(posts.length)} posts (${int(duplicates)} duplicates) in ${secs(seeded.ms)}`);

    app = await startServer("app", appEnv(database.url, tmp, { STRIPE_SECRET_KEY: "sk_test_bench", STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_BASE: fake.url }));

    // Ingest ------------------------------------------------------------------------------------
    progress(`posting ${int(posts.length)} webhooks, ${concurrency} in flight`);
    const target = app.url + "/webhooks/stripe";
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let saidDuplicate = 0;
    const failures: string[] = [];
    const ingest = await timed(() =>
      pool(posts, concurrency, async (p) => {
        const t0 = performance.now();
        const res = await fetch(target, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": p.header }, body: p.payload });
        const text = await res.text();
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) {
          if ((JSON.parse(text) as { duplicate?: boolean }).duplicate) saidDuplicate++;
        } else if (failures.length < 5) failures.push(`${res.status} ${text.slice(0, 300)}`);
      }),
    );
    await app.stop(); // the workers get the machine, as they would on their own hosts
    latencies.sort((a, b) => a - b);
    const ok = statuses.get(200) ?? 0;
    lines.push(
      `ingest: ${int(ok)}/${int(posts.length)} posts answered 200 in ${secs(ingest.ms)} → ${int(ok / (ingest.ms / 1000))} events/s ` +
        `(p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${int(saidDuplicate)} flagged duplicate, expected ${int(duplicates)})`,
    );
    progress(lines[lines.length - 1]!);
    if (ok !== posts.length) lines.push(`  non-200 answers: ${[...statuses].filter(([s]) => s !== 200).map(([s, c]) => `${s}×${c}`).join(", ")}; first: ${failures.join(" | ")}`);

    // Processing ----------------------------------------------------------------------------------
    progress(`processing with ${processes} worker processes × ${workers} loops × batches of ${batchSize}`);
    const p = await drain(database, fake.url, processes, workers, batchSize);
    lines.push(
      `process: ${int(p.jobs)} jobs in ${secs(p.ms)} → ${int(p.jobs / (p.ms / 1000))} events/s ` +
        `(${processes} worker process${processes === 1 ? "" : "es"} × ${workers} loops, batch ${batchSize}, ${p.failed} failed jobs${p.errors.length ? `: ${p.errors.join(" | ")}` : ""}); ` +
        `worker CPU ${ms(p.cpuMs / Math.max(1, p.jobs))} and ${(p.statements / Math.max(1, p.jobs)).toFixed(1)} SQL statements per event, polling included (${loadNote()})`,
    );
    progress(lines[lines.length - 1]!);

    // At-least-once delivery: the same jobs again must change nothing.
    const ids = await database.db.$queryRaw<Array<{ id: number }>>`SELECT id FROM billing_webhookevent ORDER BY random() LIMIT ${redeliver}`;
    for (const { id } of ids) await database.boss.send(WEBHOOKS.name, { webhookEventId: id });
    const again = await drain(database, fake.url, 1, workers, batchSize);
    lines.push(`redelivered: ${int(again.jobs)} jobs for processed events in ${secs(again.ms)} (${again.failed} failed jobs)`);

    // Checks ------------------------------------------------------------------------------------
    const q = async (sql: string) => (await database!.db.$queryRawUnsafe<Array<Record<string, bigint | number | string | null>>>(sql))[0]!;
    const num = (v: unknown) => Number(v ?? 0);
    const stored = await q(`SELECT count(*) AS n, count(*) FILTER (WHERE status = 'processed') AS processed, max(attempts) AS max_attempts FROM billing_webhookevent`);
    const perEvent = await q(`SELECT count(*) AS events, coalesce(sum(c), 0) AS rows, coalesce(max(c), 0) AS max FROM (SELECT entity_id, count(*) AS c FROM backoffice_auditlog WHERE action = 'webhook.process' GROUP BY 1) x`);
    const paid = await q(`SELECT count(*) AS rows, count(DISTINCT entity_id) AS invoices FROM backoffice_auditlog WHERE action = 'invoice.paid_stripe'`);
    const succeeded = await q(`SELECT count(*) AS rows, count(DISTINCT entity_id) AS attempts FROM backoffice_auditlog WHERE action = 'payment.succeeded'`);
    const invoices = await q(`SELECT count(*) FILTER (WHERE status = 'paid' AND amount_paid = total) AS paid, count(*) AS n FROM billing_invoice`);
    const domainEvents = await q(`SELECT count(*) AS rows, count(DISTINCT entity_id) AS invoices FROM notifications_eventlog WHERE name = 'billing.invoice.paid'`);
    const jobs = await q(`SELECT count(*) FILTER (WHERE state = 'completed') AS completed, count(*) FILTER (WHERE state <> 'completed') AS other FROM pgboss.job WHERE name = '${WEBHOOKS.name}'`);

    const checks: Array<[string, boolean]> = [
      [`posts answered 200: ${ok}/${posts.length}`, ok === posts.length],
      [`flagged duplicate: ${saidDuplicate}/${duplicates}`, saidDuplicate === duplicates],
      [`events stored once: ${num(stored.n)}/${n}`, num(stored.n) === n],
      [`events processed: ${num(stored.processed)}/${n}`, num(stored.processed) === n],
      [`max attempts per event: ${num(stored.max_attempts)}`, num(stored.max_attempts) === 1],
      [`'webhook.process' audit rows: ${num(perEvent.rows)} for ${num(perEvent.events)} events, max ${num(perEvent.max)} per event`, num(perEvent.rows) === n && num(perEvent.events) === n && num(perEvent.max) === 1],
      [`'invoice.paid_stripe' audit rows: ${num(paid.rows)} for ${num(paid.invoices)} invoices`, num(paid.rows) === n && num(paid.invoices) === n],
      [`'payment.succeeded' audit rows: ${num(succeeded.rows)} for ${num(succeeded.attempts)} attempts`, num(succeeded.rows) === n && num(succeeded.attempts) === n],
      [`invoices paid in full: ${num(invoices.paid)}/${num(invoices.n)}`, num(invoices.paid) === n],
      [`'billing.invoice.paid' domain events: ${num(domainEvents.rows)} for ${num(domainEvents.invoices)} invoices`, num(domainEvents.rows) === n && num(domainEvents.invoices) === n],
      [`webhook jobs completed: ${num(jobs.completed)}/${n + ids.length}, other states ${num(jobs.other)}`, num(jobs.completed) === n + ids.length && num(jobs.other) === 0],
    ];
    const failed = checks.filter(([, pass]) => !pass);
    lines.push(`check: ${failed.length ? "FAILED" : "OK"} — no event processed twice, every invoice paid exactly once`);
    for (const [text, pass] of checks) lines.push(`  ${pass ? "ok  " : "FAIL"} ${text}`);
    if (failed.length) throw Object.assign(new Error(`webhook bench: ${failed.length} check(s) failed`), { lines });
    return lines;
  } finally {
    await app?.stop();
    await stripe?.close();
    await database?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
