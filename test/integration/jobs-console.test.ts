/**
 * The jobs console over HTTP, as an admin uses it: a job made to fail shows among the failures
 * with its error and its payload (secrets hidden), Retry puts it back and a worker then completes
 * it; Cancel stops a waiting job; schedules show their next run; other roles are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { createStaff } from "../support/factories.js";
import { nextRunOf, redactPayload } from "../../src/domains/backoffice/jobs-console.service.js";

let t: TestDatabase;
let app: RunningApp;
const PASSWORD = "jobs-console-password";
const agents: Record<string, AdminAgent> = {};
const QUEUE = "jobs-console-test";
const PAGE = "/admin/api/pages/jobs";

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  for (const role of ["admin", "support", "finance", "management"] as const) {
    agents[role] = await signIn(app.url, (await createStaff(t.db, role, PASSWORD, role === "admin" ? "ar" : "en")).email!, PASSWORD);
  }
  await t.boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 0 });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const stateOf = async (id: string) => (await t.boss.getJobById(QUEUE, id))?.state;

describe("a failed job", () => {
  it("should show among the failures with its error and a redacted payload, and complete once retried", async () => {
    const id = (await t.boss.send(QUEUE, { invoiceId: 7, apiKey: "sk_live_123", nested: { password: "hunter2", note: "kept" } }))!;
    const [job] = await t.boss.fetch(QUEUE);
    expect(job!.id).toBe(id);
    await t.boss.fail(QUEUE, id, { message: "SMTP 451: try again later" });

    const res = await agents.admin!.get(PAGE);
    expect(res.status).toBe(200);
    const c = res.body.console;
    const failure = c.failures.find((f: { id: string }) => f.id === id);
    expect(failure).toMatchObject({ queue: QUEUE, state: "failed", error: "SMTP 451: try again later", payload: { invoiceId: 7, apiKey: "[redacted]", nested: { password: "[redacted]", note: "kept" } } });
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(c.queues.find((q: { name: string }) => q.name === QUEUE).counts).toMatchObject({ failed: 1, completed: 0 });
    expect(c.lastHour.failed).toBeGreaterThanOrEqual(1);
    expect(c.throughput).toHaveLength(12);

    const retried = await agents.admin!.post(PAGE).send({ op: "retry", queue: QUEUE, id });
    expect(retried.body.notice).toEqual({ message: "jobRetried", type: "success" });
    expect(await stateOf(id)).toBe("retry");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "jobs.retry", entityId: id } });
    expect(audit.changes).toMatchObject({ _meta: { queue: QUEUE, from: "failed" } });

    // A worker picks it up again and completes it.
    const [again] = await t.boss.fetch(QUEUE);
    expect(again!.id).toBe(id);
    await t.boss.complete(QUEUE, id);
    expect(await stateOf(id)).toBe("completed");
    const after = (await agents.admin!.get(PAGE)).body.console;
    expect(after.failures.some((f: { id: string }) => f.id === id)).toBe(false);
    expect(after.queues.find((q: { name: string }) => q.name === QUEUE).counts).toMatchObject({ failed: 0, completed: 1 });
    expect(after.lastHour.completed).toBeGreaterThanOrEqual(1);

    // Retrying what is not failed is refused with a notice in the admin's language.
    const twice = await agents.admin!.post(PAGE).send({ op: "retry", queue: QUEUE, id });
    expect(twice.body.notice).toEqual({ type: "error", message: "لا يُعاد إلا تشغيل مهمة فاشلة (حالة هذه: completed)." });
  });

  it("should cancel a waiting job, and refuse a malformed one", async () => {
    const id = (await t.boss.send(QUEUE, { n: 2 }))!;
    const res = await agents.admin!.post(PAGE).send({ op: "cancel", queue: QUEUE, id });
    expect(res.body.notice).toEqual({ message: "jobCancelled", type: "success" });
    expect(await stateOf(id)).toBe("cancelled");
    const bad = await agents.admin!.post(PAGE).send({ op: "cancel", queue: QUEUE, id: "not-a-uuid" });
    expect(bad.status).toBe(200);
    expect(bad.body.notice.type).toBe("error");
  });
});

describe("schedules", () => {
  it("should list each schedule with its next run in its time zone", async () => {
    await t.boss.schedule(QUEUE, "30 7 * * *", {}, { tz: "Asia/Riyadh" });
    const s = (await agents.admin!.get(PAGE)).body.console.schedules.find((x: { queue: string }) => x.queue === QUEUE);
    expect(s).toMatchObject({ cron: "30 7 * * *", timezone: "Asia/Riyadh", invalid: false });
    expect(new Date(s.nextRun).toISOString().slice(11, 16)).toBe("04:30"); // 07:30 in Riyadh
    expect(nextRunOf("0 9-21 * * *", "Asia/Riyadh", new Date("2026-12-05T18:30:00Z"))!.toISOString()).toBe("2026-12-06T06:00:00.000Z");
    expect(nextRunOf("not a cron", null, new Date())).toBeNull();
  });
});

describe("who may use it", () => {
  it("should refuse every role but admin, reading and acting alike", async () => {
    const id = (await t.boss.send(QUEUE, { n: 3 }))!;
    for (const role of ["support", "finance", "management"]) {
      const read = await agents[role]!.get(PAGE);
      expect(read.status).toBe(403);
      expect(read.body).toEqual({ forbidden: true });
      const act = await agents[role]!.post(PAGE).send({ op: "cancel", queue: QUEUE, id });
      expect(act.status).toBe(403);
    }
    expect(await stateOf(id)).toBe("created");
  });

  it("should hide secrets at any depth of a payload", () => {
    expect(redactPayload([{ token: "a", items: [{ client_secret: "b", ok: 1 }] }])).toEqual([{ token: "[redacted]", items: [{ client_secret: "[redacted]", ok: 1 }] }]);
  });
});
