/**
 * A database connection that drops (restart, failover, an idle-session killer) must not take the
 * web process down: every pool and client has an 'error' listener and reconnects on next use.
 * The server runs as a child process (src/main.ts web): an unhandled 'error' event there ends it,
 * where in this process it would end the vitest worker instead of failing a test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { inject } from "vitest";
import request from "supertest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createStaff } from "../support/factories.js";
import { signIn } from "../support/admin-client.js";
import { pollUntil, startAppProcess, type AppProcess } from "../support/app-process.js";

const PASSWORD = "correct horse battery staple";
let t: TestDatabase;
let web: AppProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await web?.kill();
  await t?.close();
});

/** Terminates every backend of the test database but the caller's own; returns how many. */
async function terminateBackends(database: string): Promise<number> {
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  c.on("error", () => {});
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    return Number(rows[0]!.n);
  } finally {
    await c.end();
  }
}

describe("database connections dropped under a running web process", () => {
  it("should keep the process alive and answer the API and the panel again once connections are cut", async () => {
    const staff = await createStaff(t.db, "admin", PASSWORD);
    web = await startAppProcess("web", t.url);
    const url = web.url!;
    const dead = () => (web!.alive() ? undefined : `the web process exited:\n${web!.output().slice(-4000)}`);
    // Use every pool: the session store (sign-in), Prisma (panel page, health), pg-boss (started).
    const agent = await signIn(url, staff.email!, PASSWORD);
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    expect((await request(url).get("/api/v1/health")).body).toEqual({ status: "ok", db: "ok" });

    expect(await terminateBackends(t.name)).toBeGreaterThan(0);

    // Answers again: health through Prisma, a signed-in panel page through the session store.
    await pollUntil("the health check to answer ok", async () => (await request(url).get("/api/v1/health")).status === 200, 20_000, { abort: dead });
    await pollUntil(
      "a signed-in panel call to answer",
      async () => {
        const res = await agent.get("/admin/api/resources/ServiceRequest/actions/list");
        return res.status === 200 && Array.isArray(res.body.records);
      },
      20_000,
      { abort: dead },
    );
    expect(web.alive(), web.output()).toBe(true);
    // A second drop, now that the pools reconnected, is survived just the same.
    expect(await terminateBackends(t.name)).toBeGreaterThan(0);
    await pollUntil("the health check to answer ok after a second drop", async () => (await request(url).get("/api/v1/health")).status === 200, 20_000, { abort: dead });
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    expect(web.alive(), web.output()).toBe(true);
  }, 120_000);
});
