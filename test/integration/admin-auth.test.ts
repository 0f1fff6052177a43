/** Staff sign-in over HTTP: who may sign in, throttling, logout, and the language switch. */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createUser } from "../support/factories.js";
import { signIn } from "../support/admin-client.js";
import { hashPassword } from "../../src/domains/backoffice/passwords.js";
import { LOGIN_LIMITS } from "../../src/domains/backoffice/login-throttle.service.js";

let t: TestDatabase;
let app: RunningApp;
let staff: User;
const PASSWORD = "staff-password-123";

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await createStaff(t.db, "support", PASSWORD, "ar");
  app = await startApp(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const post = (email: string, password: string, ip = "10.0.0.1") =>
  request(app.url).post("/admin/login").set("X-Forwarded-For", ip).type("form").send({ email, password });

describe("staff sign-in", () => {
  it("should sign in a staff member and refuse a wrong password", async () => {
    expect((await post(staff.email!, PASSWORD)).headers.location).toBe("/admin");
    const bad = await post(staff.email!, "wrong-password");
    expect(bad.status).toBe(200);
    expect(bad.text).toContain("invalidCredentials");
  });

  it("should refuse a client even with a password hash and no access profile", async () => {
    const client = await createUser(t.db, { email: "client@example.test", passwordHash: await hashPassword(PASSWORD) });
    const res = await post(client.email!, PASSWORD);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain("invalidCredentials");
  });

  it("should throttle an email after repeated failures, even with the right password, with a clear message", async () => {
    const victim = await createStaff(t.db, "finance", PASSWORD);
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) await post(victim.email!, "nope");
    const blocked = await post(victim.email!, PASSWORD);
    expect(blocked.status).toBe(400);
    expect(blocked.text).toContain("tooManyLoginAttempts");
    expect(await t.db.loginAttempt.count({ where: { email: victim.email!, succeeded: false } })).toBe(LOGIN_LIMITS.perEmail);
  });

  it("should end the session on logout", async () => {
    const agent = await signIn(app.url, staff.email!, PASSWORD);
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    await agent.get("/admin/logout");
    const after = await agent.get("/admin/api/resources/ServiceRequest/actions/list");
    expect(after.status).toBe(302);
    expect(after.headers.location).toContain("/admin/login");
  });

  it("should keep the chosen language on the profile and render the page in it", async () => {
    const agent = await signIn(app.url, staff.email!, PASSWORD);
    expect((await agent.get("/admin")).text).toMatch(/<html lang="ar" dir="rtl">/);
    const res = await agent.post("/admin/language").type("form").send({ lang: "en" });
    expect(res.status).toBe(303);
    expect((await t.db.userAccessProfile.findUniqueOrThrow({ where: { userId: staff.id } })).language).toBe("en");
    expect((await agent.get("/admin")).text).toMatch(/<html lang="en" dir="ltr">/);
    const audit = await t.db.auditLog.findFirst({ where: { action: "profile.set_language", actorId: staff.id } });
    expect(audit?.changes).toMatchObject({ language: { before: "ar", after: "en" } });
  });
});
