/**
 * The retention job at scale: N expired login codes (default 1M) and N notifications past 180 days
 * (a third still waiting to send, so not yet eligible), then each rule's dry run
 * and run. Reports rows per second, batches, the slowest batch (how long its row locks were held)
 * and whether a writer touching a row ahead of the run ever waited. Size: BENCH_RETENTION.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { systemCtx } from "../../src/platform/context.js";
import { diskStorage } from "../../src/platform/storage.js";
import { dryRunRule, ensureRetentionRules, runRule } from "../../src/domains/backoffice/retention.service.js";
import { createBenchDatabase } from "./bench-db.js";
import { envInt, int, ms, secs } from "./harness.js";

export async function benchRetention(opts: { n?: number } = {}): Promise<string[]> {
  const n = opts.n ?? envInt("BENCH_RETENTION", 1_000_000);
  const lines: string[] = [];
  const t = await createBenchDatabase();
  const uploads = await mkdtemp(path.join(tmpdir(), "bench-retention-"));
  const deps = { ...t, storage: diskStorage(uploads) };
  const writer = new pg.Client({ connectionString: t.url });
  try {
    await ensureRetentionRules(t.db);
    const old = new Date(Date.now() - 200 * 86_400_000);
    await t.db.$executeRawUnsafe(`INSERT INTO accounts_otp (phone, code_hash, expires_at, created_at) SELECT '+9665' || lpad((g % 100000000)::text, 8, '0'), 'x', $1::timestamptz, $1::timestamptz FROM generate_series(1, ${n}) g`, old);
    const user = await t.db.user.create({ data: { fullName: "Bench", phone: "+966511111111" } });
    await t.db.$executeRawUnsafe(`INSERT INTO notifications_notification (user_id, title_ar, title_en, body_ar, body_en, created_at) SELECT $1, 'ع', 't', 'ن', 'b', $2::timestamptz FROM generate_series(1, ${n}) g`, user.id, old);
    await t.db.$executeRawUnsafe(`INSERT INTO notifications_notificationdelivery (notification_id, channel, status, updated_at) SELECT id, 'push', CASE WHEN id % 3 = 0 THEN 'queued' ELSE 'sent' END::delivery_status, now() FROM notifications_notification`);
    await t.db.$executeRawUnsafe("ANALYZE");
    await writer.connect();
    await writer.query("SET lock_timeout = '200ms'");

    for (const key of ["otp.used", "notification.delivered"]) {
      const rule = await t.db.dataRetentionRule.findUniqueOrThrow({ where: { key } });
      let t0 = performance.now();
      const dry = await dryRunRule(deps, rule.id);
      const dryMs = performance.now() - t0;
      let slowest = 0;
      let last = performance.now();
      let waited = 0;
      t0 = performance.now();
      const run = await runRule(deps, systemCtx("bench"), rule.id, {
        batchSize: 1000,
        onBatch: async () => {
          slowest = Math.max(slowest, performance.now() - last);
          {
            const table = key === "otp.used" ? "accounts_otp" : "notifications_notification";
            await writer.query(`UPDATE ${table} SET created_at = created_at WHERE id = (SELECT max(id) FROM ${table})`).catch(() => waited++);
          }
          last = performance.now();
        },
      });
      const runMs = performance.now() - t0;
      lines.push(
        `${key}: dry run ${int(dry.count)} rows (${int(dry.protectedCount)} protected) in ${secs(dryMs)}; run ${int(run.affected)} rows in ${run.batches} batches, ${secs(runMs)} ` +
          `(${int(run.affected / (runMs / 1000))} rows/s), slowest batch ${ms(slowest)}, concurrent writer waited ${waited}×; dry run = run: ${dry.count === run.affected}`,
      );
    }
    return lines;
  } finally {
    await writer.end().catch(() => {});
    await t.close();
    await rm(uploads, { recursive: true, force: true });
  }
}
