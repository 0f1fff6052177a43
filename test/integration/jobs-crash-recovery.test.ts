/**
 * A worker killed mid-job (kill -9, OOM) leaves its jobs active; they must be retried by another
 * worker within a minute or two, not after pg-boss's 15-minute default expiry plus its 2-minute
 * supervisor interval. The workers are real processes (src/main.ts worker) on the test database.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { pollUntil, startAppProcess, type AppProcess } from "../support/app-process.js";
import { ensureQueues } from "../../src/platform/jobs.js";
import { WEBHOOK_QUEUE } from "../../src/domains/billing/index.js";
import { QUEUES } from "../../jobs/index.js";

let t: TestDatabase;
const workers: AppProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await t?.close();
});

const job = (name: string, id: string): Promise<PgBoss.JobWithMetadata | null> => t.boss.getJobById(name, id, { includeArchive: true });

describe("queue options", () => {
  it("should give every queue an expiry of its own, at most a few minutes where a crashed job should come back soon", () => {
    for (const q of QUEUES) expect(q.expireInSeconds, q.name).toBeGreaterThan(0);
    const webhooks = QUEUES.find((q) => q.name === WEBHOOK_QUEUE)!;
    expect(webhooks.expireInSeconds).toBeLessThanOrEqual(120);
  });

  it("should bring an existing queue to its changed spec, so new jobs get the new expiry", async () => {
    const name = `test-spec-${randomBytes(4).toString("hex")}`;
    await t.boss.createQueue(name, { name, retryLimit: 1, expireInSeconds: 900 });
    await ensureQueues(t.boss, [{ name, retryLimit: 4, retryDelay: 7, expireInSeconds: 45 }]);
    expect(await t.boss.getQueue(name)).toMatchObject({ policy: "standard", retryLimit: 4, retryDelay: 7, expireInSeconds: 45 });
    const id = (await t.boss.send(name, {}))!;
    expect((await job(name, id))!.expireIn).toMatchObject({ seconds: 45 });
  });
});

describe("a worker killed while processing a webhook job", () => {
  it("should have its job completed by another worker within two minutes", async () => {
    const eventId = `evt_crash_${randomBytes(6).toString("hex")}`;
    const row = await t.db.webhookEvent.create({ data: { eventId, type: "customer.created", payload: { id: eventId, object: "event", type: "customer.created", data: { object: {} } } } });

    // Hold the event row's lock: the worker's handler (SELECT ... FOR UPDATE) blocks on it mid-job.
    const locker = new pg.Client({ connectionString: t.url });
    locker.on("error", () => {});
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("SELECT id FROM billing_webhookevent WHERE id = $1 FOR UPDATE", [row.id]);

    // A short expiry for this job keeps the test short; the supervisor interval and retry delay are production's.
    const expireInSeconds = 5;
    const jobId = (await t.boss.send(WEBHOOK_QUEUE, { webhookEventId: row.id }, { expireInSeconds }))!;

    const first = await startAppProcess("worker", t.url);
    workers.push(first);
    await pollUntil("the first worker to take the job", async () => (await job(WEBHOOK_QUEUE, jobId))?.state === "active", 30_000);
    await pollUntil(
      "the first worker's handler to block on the row lock",
      async () => (await locker.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).rowCount,
      30_000,
    );

    await first.kill();
    const killedAt = Date.now();
    await locker.query("ROLLBACK");
    await locker.end();

    const second = await startAppProcess("worker", t.url);
    workers.push(second);
    const secondReadyMs = Date.now() - killedAt;
    const done = await pollUntil(
      "the job to be completed by the second worker",
      async () => {
        const j = await job(WEBHOOK_QUEUE, jobId);
        return j?.state === "completed" ? j : undefined;
      },
      120_000,
      { everyMs: 500, abort: () => (second.alive() ? undefined : `the second worker exited:\n${second.output().slice(-4000)}`) },
    );
    const recoveredMs = Date.now() - killedAt;
    console.info(`[crash recovery] job ${jobId} (expiry ${expireInSeconds} s) completed ${(recoveredMs / 1000).toFixed(1)} s after the worker was killed (second worker ready after ${(secondReadyMs / 1000).toFixed(1)} s)`);

    expect(recoveredMs).toBeLessThan(120_000);
    expect(done.retryCount).toBeGreaterThanOrEqual(1); // taken again, not finished by the killed worker
    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "ignored", attempts: 1 });
  }, 200_000);
});
