/**
 * A worker killed (SIGKILL) between sending an email and acknowledging its job: the job comes back
 * to another worker, which finds the delivery recorded as sent and sends nothing. The workers are
 * real processes (src/main.ts worker) talking SMTP to a loopback server in this process; the first
 * one kills itself at exactly that point (TEST_KILL_WORKER_AFTER_SEND, honoured only in tests).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { pollUntil, startAppProcess, type AppProcess } from "../../support/app-process.js";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.js";
import { createUser } from "../../support/factories.js";
import { ensureQueues } from "../../../src/platform/jobs.js";
import { QUEUES } from "../../../jobs/index.js";
import { DELIVERY_SEND_QUEUE, kindOf, notifyUsers } from "../../../src/domains/notifications/index.js";

let t: TestDatabase;
let smtp: SmtpSink;
const workers: AppProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  await ensureQueues(t.boss, QUEUES);
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await smtp?.close();
  await t?.close();
});

describe("a worker killed after the send, before the acknowledgement", () => {
  it("should leave exactly one email at the SMTP server and the delivery sent once", async () => {
    const user = await createUser(t.db, { email: "killed-worker@example.test", language: "ar" });
    await notifyUsers(t, { kind: kindOf("billing.invoice.issued")!, userIds: [user.id], vars: { number: "NWF-2026-000777", total: "115.00" } });
    const delivery = await t.db.notificationDelivery.findFirstOrThrow({ where: { channel: "email", notification: { userId: user.id } } });
    const job = await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM pgboss.job WHERE name = $1 AND data->>'deliveryId' = $2`, DELIVERY_SEND_QUEUE, String(delivery.id));
    const jobId = job[0]!.id;
    const stateOf = async () => (await t.boss.getJobById(DELIVERY_SEND_QUEUE, jobId, { includeArchive: true }))?.state;

    const env = { SMTP_URL: smtp.url, MAIL_FROM: "Nawafeth <no-reply@nawafeth.test>" };
    // The job is queued already: on a busy machine it can send and die before printing its banner.
    const first = await startAppProcess("worker", t.url, { ...env, TEST_KILL_WORKER_AFTER_SEND: "true" }, 90_000, { exitBeforeReadyIsFine: true });
    workers.push(first);
    await pollUntil("the first worker to die after its send", async () => !first.alive(), 60_000);
    expect(first.child.signalCode, first.output().slice(-2000)).toBe("SIGKILL");
    expect(smtp.mails, first.output().slice(-2000)).toHaveLength(1);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "sent", attempts: 1 });
    expect(await stateOf()).toBe("active"); // never acknowledged
    // Now a short expiry and retry delay for the orphaned job keep the test short (production: 120 s, 20 s).
    await t.db.$executeRawUnsafe(`UPDATE pgboss.job SET expire_in = interval '3 seconds', retry_delay = 1, retry_backoff = false WHERE name = $1 AND id = $2::uuid`, DELIVERY_SEND_QUEUE, jobId);

    const second = await startAppProcess("worker", t.url, env);
    workers.push(second);
    await pollUntil("the job to be completed by the second worker", async () => (await stateOf()) === "completed", 90_000, {
      everyMs: 500, abort: () => (second.alive() ? undefined : `the second worker exited:\n${second.output().slice(-4000)}`),
    });
    const done = await t.boss.getJobById(DELIVERY_SEND_QUEUE, jobId, { includeArchive: true });
    expect(done!.retryCount).toBeGreaterThanOrEqual(1); // the job did run again

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe("فاتورة جديدة");
    expect(smtp.mails[0]!.messageId).toBe(`<delivery-${delivery.id}@nawafeth.notifications>`);
    const after = await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(after).toMatchObject({ status: "sent", attempts: 1, sentAt: expect.any(Date) });
  }, 240_000);
});
