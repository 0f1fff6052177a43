/**
 * Notification deliveries at scale: N email deliveries (default 100k, BENCH_NOTIFICATIONS) queued
 * as pg-boss jobs and sent by the production worker code (jobs/notifications.job.ts) to a loopback
 * SMTP server (smtp-server, in a child process, counting messages and their Message-IDs) through
 * pooled nodemailer — deliveries/s, failures and duplicates — beside the same fan-out through the
 * log provider (no network), in the same run, and the ratio of the two.
 */
import { fork, type ChildProcess } from "node:child_process";
import nodemailer from "nodemailer";
import { fileURLToPath } from "node:url";
import { createLogger } from "../../src/platform/logger.js";
import { logMailSender, SMTP_POOL_CONNECTIONS, smtpMailSender, type MailSender } from "../../src/platform/mail.js";
import { startBoss } from "../../src/platform/jobs.js";
import type { Deps } from "../../src/platform/deps.js";
import { DELIVERY_SEND_QUEUE } from "../../src/domains/notifications/index.js";
import { DELIVERY_BATCH, DELIVERY_LOOPS, register } from "../../jobs/notifications.job.js";
import { createBenchDatabase, type BenchDatabase } from "./bench-db.js";
import { envInt, int, secs } from "./harness.js";

const SINK = fileURLToPath(new URL("./smtp-sink-process.ts", import.meta.url));
const TARGET = 2_000;

interface Sink {
  url: string;
  counts(): Promise<{ received: number; distinct: number; cpuMs: number }>;
  stop(): Promise<void>;
}

/** The counting SMTP server in its own process (it would otherwise share this one's event loop). */
async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(SINK, [], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`SMTP sink exited (code ${code})`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve(m as { received: number; distinct: number; cpuMs: number }));
        child.send("counts");
      }),
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

/** N notifications (one per user) with a queued email delivery each, and their jobs. Returns the delivery id range. */
async function queueDeliveries(t: BenchDatabase, n: number, round: number): Promise<{ from: number; to: number }> {
  await t.db.$executeRawUnsafe(
    `INSERT INTO notifications_notification (user_id, template_key, category, title_ar, title_en, body_ar, body_en, data, created_at)
     SELECT id, 'billing.invoice.issued', 'payments', 'فاتورة جديدة', 'New invoice', 'x', 'x', jsonb_build_object('vars', jsonb_build_object('number', 'NWF-' || $1::int || '-' || id, 'total', '115.00')), now()
     FROM accounts_user WHERE email LIKE 'bench%' ORDER BY id LIMIT $2`, round, n);
  const r = await t.db.$queryRawUnsafe<{ from: number; to: number }[]>(
    `WITH d AS (INSERT INTO notifications_notificationdelivery (notification_id, channel, status, recipient, updated_at)
       SELECT n.id, 'email', 'queued', u.email, now() FROM notifications_notification n JOIN accounts_user u ON u.id = n.user_id
       WHERE n.data->'vars'->>'number' LIKE 'NWF-' || $1::int || '-%' RETURNING id)
     SELECT min(id)::int AS "from", max(id)::int AS "to" FROM d`, round);
  const { from, to } = r[0]!;
  for (let start = from; start <= to; start += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, to - start + 1) }, (_, i) => start + i);
    await t.boss.insert(ids.map((id) => ({ name: DELIVERY_SEND_QUEUE, data: { deliveryId: id } })));
  }
  return { from, to };
}

interface RunResult { ms: number; sent: number; failed: number; retried: number; cpuMs: number }

/** Starts a worker (its own pg-boss, the production handlers) with `mail`, until every delivery of the range is sent or failed. */
async function runWorker(t: BenchDatabase, mail: MailSender, range: { from: number; to: number }, timeoutMs: number): Promise<RunResult> {
  const boss = await startBoss(t.url, "worker", () => {});
  const deps: Deps = { db: t.db, boss, mail };
  const count = async () => (await t.db.$queryRawUnsafe<{ sent: number; failed: number; retried: number }[]>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE attempts > 1)::int AS retried
     FROM notifications_notificationdelivery WHERE id BETWEEN $1 AND $2`, range.from, range.to))[0]!;
  const n = range.to - range.from + 1;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await register(boss, deps, createLogger("silent"));
    for (;;) {
      const c = await count();
      if (c.sent + c.failed >= n) {
        const cpu = process.cpuUsage(cpu0);
        return { ms: performance.now() - t0, ...c, cpuMs: (cpu.user + cpu.system) / 1000 };
      }
      if (performance.now() - t0 > timeoutMs) throw Object.assign(new Error(`only ${c.sent + c.failed} of ${n} deliveries done after ${secs(timeoutMs)}`), { partial: c });
      await new Promise((r) => setTimeout(r, 100)); // the poll period of the measurement
    }
  } finally {
    await boss.stop({ graceful: false, close: true, wait: true } as never).catch(() => {});
    mail.close?.();
  }
}

/**
 * The ceiling this machine allows for email into the loopback SMTP server, whatever the worker
 * does: the same pooled nodemailer transport sending `n` messages with no database, no queue and
 * no template (256 in flight), once composed by nodemailer (as the worker sends) and once as a
 * prebuilt raw message (nodemailer's cheapest path). The sink's CPU per message is its own.
 */
async function smtpCeiling(sink: Sink, n: number, raw: boolean): Promise<{ rate: number; clientMs: number; sinkMs: number }> {
  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: SMTP_POOL_CONNECTIONS, maxMessages: Infinity } as never, { from: "Nawafeth <no-reply@nawafeth.test>" });
  const html = `<!doctype html><html lang="en" dir="ltr"><body><p>${"Your invoice NWF-2026-000123 for 115.00 SAR is ready. ".repeat(12)}</p></body></html>`;
  const text = "Your invoice NWF-2026-000123 for 115.00 SAR is ready. ".repeat(12);
  const message = (i: number) =>
    raw
      ? { envelope: { from: "no-reply@nawafeth.test", to: [`bench${i}@example.test`] }, raw: `From: Nawafeth <no-reply@nawafeth.test>\r\nTo: bench${i}@example.test\r\nSubject: New invoice\r\nMessage-ID: <ceiling-${raw}-${i}@nawafeth.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n` }
      : { to: `bench${i}@example.test`, subject: "New invoice", html, text, messageId: `<ceiling-${raw}-${i}@nawafeth.test>` };
  const before = await sink.counts();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 256 }, async () => {
    while (next < n) await transport.sendMail(message(next++) as never);
  }));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  transport.close();
  const after = await sink.counts();
  if (after.received - before.received !== n) throw new Error(`ceiling run: the sink received ${after.received - before.received} of ${n}`);
  return { rate: n / (ms / 1000), clientMs: (cpu.user + cpu.system) / 1000 / n, sinkMs: (after.cpuMs - before.cpuMs) / n };
}

export async function benchNotifications(opts: { n?: number } = {}): Promise<string[]> {
  const n = opts.n ?? envInt("BENCH_NOTIFICATIONS", 100_000);
  const timeoutMs = envInt("BENCH_NOTIFICATIONS_TIMEOUT_S", 900) * 1000;
  const lines: string[] = [];
  const t = await createBenchDatabase({ poolSize: 20 });
  const sink = await startSink();
  try {
    await t.db.$executeRawUnsafe(
      `INSERT INTO accounts_user (full_name, phone, email, user_type, language, updated_at)
       SELECT 'Bench ' || g, '+9665' || lpad(g::text, 8, '0'), 'bench' || g || '@example.test', 'client', CASE WHEN g % 2 = 0 THEN 'ar' ELSE 'en' END::language, now() FROM generate_series(1, ${n}) g`);
    lines.push(`${int(n)} users; each run queues one email delivery per user as a pg-boss job; worker: ${DELIVERY_LOOPS} loops × batches of ${DELIVERY_BATCH}, Prisma pool 20`);

    const logRange = await queueDeliveries(t, n, 1);
    await t.db.$executeRawUnsafe("ANALYZE");
    const log = await runWorker(t, logMailSender(createLogger("silent")), logRange, timeoutMs);
    const logRate = n / (log.ms / 1000);
    lines.push(`log provider: ${int(log.sent)} sent in ${secs(log.ms)} = ${int(logRate)} deliveries/s; failed ${log.failed}; retried ${log.retried}; worker CPU ${(log.cpuMs / n).toFixed(2)} ms per delivery`);

    const smtpRange = await queueDeliveries(t, n, 2);
    await t.db.$executeRawUnsafe("ANALYZE");
    const smtp = await runWorker(t, smtpMailSender(sink.url, "Nawafeth <no-reply@nawafeth.test>", { pool: true }), smtpRange, timeoutMs);
    const smtpRate = n / (smtp.ms / 1000);
    const got = await sink.counts();
    const duplicates = got.received - got.distinct;
    const perMsg = (cpuMs: number) => `${(cpuMs / n).toFixed(2)} ms`;
    lines.push(
      `SMTP (loopback smtp-server in a child process, pooled nodemailer, ${SMTP_POOL_CONNECTIONS} connections): ${int(smtp.sent)} sent in ${secs(smtp.ms)} = ${int(smtpRate)} deliveries/s; ` +
        `failed ${smtp.failed}; retried ${smtp.retried}; server received ${int(got.received)} messages, ${int(got.distinct)} distinct Message-IDs → duplicates ${duplicates}; ` +
        `CPU per delivery: worker ${perMsg(smtp.cpuMs)}, SMTP server ${perMsg(got.cpuMs)}`,
    );
    const ceilingN = Math.min(n, 20_000);
    for (const raw of [false, true]) {
      const c = await smtpCeiling(sink, ceilingN, raw);
      lines.push(
        `ceiling, ${raw ? "prebuilt raw message" : "composed by nodemailer"} (no database, queue or template; ${int(ceilingN)} messages, 256 in flight): ${int(c.rate)} messages/s; ` +
          `CPU per message: client ${c.clientMs.toFixed(2)} ms, SMTP server ${c.sinkMs.toFixed(2)} ms`,
      );
    }
    lines.push(`ratio SMTP / log provider: ${(smtpRate / logRate).toFixed(2)}; target ≥ ${int(TARGET)}/s with zero duplicates: ${smtpRate >= TARGET && duplicates === 0 ? "met" : "NOT met"}`);
    return lines;
  } catch (err) {
    throw Object.assign(err as Error, { lines });
  } finally {
    await sink.stop();
    await t.close();
  }
}
