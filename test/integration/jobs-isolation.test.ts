/**
 * One failing job must fail (and retry) alone: a poison webhook event next to good ones, and a
 * subscriber that throws next to one that does not. Runs the real worker registration
 * (jobs/index.ts registerWorkers) on a worker pg-boss over the test database.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { pollUntil } from "../support/app-process.js";
import { logger } from "../../src/platform/logger.js";
import { startBoss, type Boss } from "../../src/platform/jobs.js";
import { emitEvents } from "../../src/platform/events.js";
import { systemCtx } from "../../src/platform/context.js";
import { WEBHOOK_QUEUE } from "../../src/domains/billing/index.js";
import { QUEUES, registerWorkers } from "../../jobs/index.js";
import { DELIVERY_QUEUE, dispatchHandler, subscribe } from "../../jobs/domain-events.job.js";

const log = logger("silent");
let t: TestDatabase;
let worker: Boss | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  // Retries after a second instead of the production delays, so a retry happens within the test.
  for (const q of QUEUES) await t.boss.updateQueue(q.name, { ...q, retryDelay: 1, retryBackoff: true });
});
afterEach(async () => {
  await worker?.stop({ graceful: false, close: true } as never);
  worker = undefined;
});
afterAll(() => t?.close());

async function startWorker(): Promise<Boss> {
  worker = await startBoss(t.url, "worker", () => {});
  await registerWorkers(worker, { db: t.db, boss: worker }, log);
  return worker;
}

const job = (name: string, id: string): Promise<PgBoss.JobWithMetadata | null> => t.boss.getJobById(name, id, { includeArchive: true });

describe("a poison webhook job among good ones", () => {
  it("should fail and retry alone: the four good jobs in its batch complete on their first attempt", async () => {
    const good = [];
    for (let i = 0; i < 4; i++) {
      const eventId = `evt_iso_${randomBytes(6).toString("hex")}`;
      good.push(await t.db.webhookEvent.create({ data: { eventId, type: "customer.created", payload: { id: eventId, object: "event", type: "customer.created", data: { object: {} } } } }));
    }
    // No stored event has this id: processing it throws every time.
    const poisonData = { webhookEventId: 2_000_000_000 };
    const ids: string[] = [];
    for (const data of [{ webhookEventId: good[0]!.id }, { webhookEventId: good[1]!.id }, poisonData, { webhookEventId: good[2]!.id }, { webhookEventId: good[3]!.id }]) {
      ids.push((await t.boss.send(WEBHOOK_QUEUE, data))!);
    }
    const poisonId = ids[2]!;
    const goodIds = ids.filter((id) => id !== poisonId);

    await startWorker();
    // The poison job has failed at least twice (so the others had every chance to be dragged along).
    await pollUntil("the poison job to fail twice", async () => ((await job(WEBHOOK_QUEUE, poisonId))?.retryCount ?? 0) >= 2, 30_000);
    await pollUntil("the good jobs to complete", async () => (await Promise.all(goodIds.map((id) => job(WEBHOOK_QUEUE, id)))).every((j) => j?.state === "completed"), 20_000);

    for (const id of goodIds) expect(await job(WEBHOOK_QUEUE, id)).toMatchObject({ state: "completed", retryCount: 0 });
    for (const row of await t.db.webhookEvent.findMany({ where: { id: { in: good.map((g) => g.id) } } })) {
      expect(row).toMatchObject({ status: "ignored", attempts: 1 });
    }
    expect((await job(WEBHOOK_QUEUE, poisonId))!.state).not.toBe("completed");
  }, 60_000);
});

describe("two subscribers on one event, one of them failing", () => {
  it("should run the healthy subscriber exactly once while the failing one retries until it succeeds", async () => {
    const name = `test.isolation.${randomBytes(4).toString("hex")}`;
    const calls = { healthy: 0, flaky: 0 };
    subscribe({ name: `${name}.healthy`, matches: name, handle: async () => void calls.healthy++ });
    subscribe({
      name: `${name}.flaky`,
      matches: name,
      async handle() {
        calls.flaky++;
        if (calls.flaky <= 2) throw new Error(`flaky subscriber, attempt ${calls.flaky}`);
      },
    });
    await startWorker();
    await t.db.$transaction((tx) => emitEvents(t, tx, systemCtx("test"), [{ name, payload: { n: 1 } }]));

    await pollUntil("the flaky subscriber to succeed on its third attempt", async () => calls.flaky >= 3, 40_000);
    expect(calls.healthy).toBe(1);
    // Nothing is left queued that could run either of them again.
    const open = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE state < 'completed' AND data::text LIKE $1`, `%${name}%`))[0]!.n);
    await pollUntil("every job of the event to be settled", async () => (await open()) === 0, 10_000);
    expect(calls).toEqual({ healthy: 1, flaky: 3 });
  }, 60_000);
});

describe("the domain-event fan-out run twice", () => {
  it("should queue one delivery per subscriber, not two, when the fan-out job is retried", async () => {
    const name = `test.fanout.${randomBytes(4).toString("hex")}`;
    for (const s of ["a", "b"]) subscribe({ name: `${name}.${s}`, matches: name, handle: async () => {} });
    const row = await t.db.eventLog.create({ data: { name, payload: {}, actorType: "system" } });
    const fanOut = dispatchHandler(t, log);
    const fanOutJob = { id: "00000000-0000-4000-8000-000000000001", name: "domain-events", expireInSeconds: 60, data: { eventId: row.id, name } };
    await fanOut(fanOutJob);
    await fanOut(fanOutJob); // a retry after a crash between the insert and the completion
    const deliveries = await t.db.$queryRawUnsafe<{ subscriber: string }[]>(
      `SELECT data->>'subscriber' AS subscriber FROM pgboss.job WHERE name = $1 AND (data->>'eventId')::int = $2 ORDER BY 1`,
      DELIVERY_QUEUE.name,
      row.id,
    );
    // Catch-all subscribers (notifications) get their one delivery too; this test's two get one each.
    expect(deliveries.map((d) => d.subscriber).filter((s) => s.startsWith(name))).toEqual([`${name}.a`, `${name}.b`]);
    expect(new Set(deliveries.map((d) => d.subscriber)).size).toBe(deliveries.length);
  });
});
