/**
 * Staff sign-in and sessions over HTTP: who may sign in, throttling (atomic, keyed on email and
 * IP), session ids regenerated at sign-in, CSRF tokens on every state-changing request, sign-out
 * as a POST, deactivation and role changes taking effect at once, and the language switch.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createUser } from "../support/factories.js";
import { anonymousAgent, csrfFrom, signIn } from "../support/admin-client.js";
import { hashPassword } from "../../src/domains/backoffice/passwords.js";
import { LOGIN_LIMITS } from "../../src/domains/backoffice/login-throttle.service.js";
import { authenticateStaff } from "../../src/domains/backoffice/staff-auth.service.js";
import * as marketplace from "../../src/domains/marketplace/index.js";
import { createSubcategory } from "../support/factories.js";

let t: TestDatabase;
let app: RunningApp;
let staff: User;
const PASSWORD = "staff-password-123";

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await createStaff(t.db, "support", PASSWORD, "ar");
  // The test client is the proxy in front: X-Forwarded-For picks the client IP.
  app = await startApp(t, { TRUST_PROXY: "loopback" });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** One sign-in attempt with a fresh anonymous session and its token. */
const post = async (email: string, password: string, ip = "10.0.0.1") => {
  const agent = await anonymousAgent(app.url);
  return agent.post("/admin/login").set("X-Forwarded-For", ip).type("form").send({ email, password, _csrf: agent.csrfToken });
};
const sessionCookie = (res: request.Response) => (res.headers["set-cookie"] as unknown as string[] | undefined)?.find((c) => c.startsWith("nawafeth.sid="))?.split(";")[0];

describe("staff sign-in", () => {
  it("should sign in a staff member and refuse a wrong password", async () => {
    expect((await post(staff.email!, PASSWORD)).headers.location).toBe("/admin");
    const bad = await post(staff.email!, "wrong-password");
    expect(bad.status).toBe(401);
    expect(bad.text).toContain("invalidCredentials");
  });

  it("should refuse a client even with a password hash and no access profile", async () => {
    const client = await createUser(t.db, { email: "client@example.test", passwordHash: await hashPassword(PASSWORD) });
    const res = await post(client.email!, PASSWORD);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain("invalidCredentials");
  });

  it("should throttle an email from one IP after repeated failures, even with the right password, with a clear message", async () => {
    const victim = await createStaff(t.db, "finance", PASSWORD);
    for (let i = 0; i < LOGIN_LIMITS.perEmailAndIp; i++) await post(victim.email!, "nope", "10.0.0.9");
    const blocked = await post(victim.email!, PASSWORD, "10.0.0.9");
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("tooManyLoginAttempts");
    expect(await t.db.loginAttempt.count({ where: { email: victim.email!, succeeded: false } })).toBe(LOGIN_LIMITS.perEmailAndIp);
    // The same member signs in from the office: an attacker's failures do not lock them out.
    expect((await post(victim.email!, PASSWORD, "10.0.0.10")).headers.location).toBe("/admin");
  });

  it("should check exactly the allowed number of passwords when 40 wrong ones arrive at once", async () => {
    const victim = await createStaff(t.db, "content", PASSWORD);
    const results = await Promise.all(Array.from({ length: 40 }, () => authenticateStaff(t.db, victim.email!, "wrong", "10.0.0.20").then(() => "checked", (e: Error) => e.message)));
    expect(results.filter((r) => r === "checked")).toHaveLength(LOGIN_LIMITS.perEmailAndIp);
    expect(results.filter((r) => r === "tooManyLoginAttempts")).toHaveLength(40 - LOGIN_LIMITS.perEmailAndIp);
    expect(await t.db.loginAttempt.count({ where: { email: victim.email! } })).toBe(LOGIN_LIMITS.perEmailAndIp);
  });

  it("should not take the client IP from X-Forwarded-For unless TRUST_PROXY says so", async () => {
    const direct = await startApp(t);
    try {
      const victim = await createStaff(t.db, "verification", PASSWORD);
      for (let i = 0; i < LOGIN_LIMITS.perEmailAndIp; i++) {
        const agent = await anonymousAgent(direct.url);
        await agent.post("/admin/login").set("X-Forwarded-For", `10.1.0.${i}`).type("form").send({ email: victim.email!, password: "nope", _csrf: agent.csrfToken });
      }
      const rows = await t.db.loginAttempt.findMany({ where: { email: victim.email! } });
      expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
      const agent = await anonymousAgent(direct.url);
      const blocked = await agent.post("/admin/login").set("X-Forwarded-For", "10.1.0.99").type("form").send({ email: victim.email!, password: PASSWORD, _csrf: agent.csrfToken });
      expect(blocked.status).toBe(429);
    } finally {
      await direct.close();
    }
  }, 120_000);

  it("should give a new session id at sign-in (no session fixation)", async () => {
    const agent = await anonymousAgent(app.url);
    const before = await agent.get("/admin/login");
    const fixed = sessionCookie(before) ?? "";
    const login = await agent.post("/admin/login").type("form").send({ email: staff.email!, password: PASSWORD, _csrf: agent.csrfToken });
    const after = sessionCookie(login);
    expect(login.headers.location).toBe("/admin");
    expect(after).toBeTruthy();
    expect(after).not.toBe(fixed);
    // The pre-login id is worth nothing now.
    const attacker = await request(app.url).get("/admin/api/resources/ServiceRequest/actions/list").set("Cookie", fixed);
    expect(attacker.status).toBe(302);
  });

  it("should end the session on sign-out, which is a POST with the token", async () => {
    const agent = await signIn(app.url, staff.email!, PASSWORD);
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    // A GET only asks for confirmation (a link or an image cannot sign anyone out).
    const page = await agent.get("/admin/logout");
    expect(page.status).toBe(200);
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    const out = await agent.post("/admin/logout").type("form").send({ _csrf: csrfFrom(page.text) });
    expect(out.headers.location).toBe("/admin/login");
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

describe("CSRF", () => {
  it("should refuse a state-changing request from another origin that has the victim's cookie but not the token", async () => {
    const victim = await signIn(app.url, staff.email!, PASSWORD);
    const client = await createUser(t.db);
    const sub = await createSubcategory(t.db);
    const req = await marketplace.createRequest(t, { actor: { type: "client", id: client.id } }, { title: "CSRF target", description: "A request for the CSRF test", subcategoryId: sub.id, city: "Riyadh" });
    // What a page on another port submits with the victim's cookie: no token (it cannot read it).
    const forged = await victim
      .post(`/admin/api/resources/ServiceRequest/records/${req.id}/cancel`)
      .unset("X-CSRF-Token")
      .set("Origin", "http://127.0.0.1:9999")
      .type("form")
      .send({ reason: "forged by another site" });
    expect(forged.status).toBe(403);
    const wrong = await victim.post(`/admin/api/resources/ServiceRequest/records/${req.id}/cancel`).set("X-CSRF-Token", "not-the-token").send({ reason: "forged by another site" });
    expect(wrong.status).toBe(403);
    const lang = await victim.post("/admin/language").unset("X-CSRF-Token").type("form").send({ lang: "en" });
    expect(lang.status).toBe(403);
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("new");
    // The panel itself (with the token) still works.
    const ok = await victim.post(`/admin/api/resources/ServiceRequest/records/${req.id}/cancel`).send({ reason: "the client asked by phone" });
    expect(ok.status).toBe(200);
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("cancelled");
  });

  it("should refuse a sign-in form posted without the login page's token", async () => {
    const res = await request(app.url).post("/admin/login").type("form").send({ email: staff.email!, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
  });
});

describe("access changes take effect at once", () => {
  it("should sign out a deactivated staff member on their next request", async () => {
    const member = await createStaff(t.db, "support", PASSWORD);
    const agent = await signIn(app.url, member.email!, PASSWORD);
    expect((await agent.get("/admin/api/resources/ServiceRequest/actions/list")).status).toBe(200);
    await t.db.userAccessProfile.update({ where: { userId: member.id }, data: { isActive: false } });
    const page = await agent.get("/admin/api/resources/ServiceRequest/actions/list");
    expect(page.status).toBe(401);
    const edit = await agent.post(`/admin/api/resources/User/records/${member.id}/edit`).send({ fullName: "Still here" });
    expect([302, 401, 403]).toContain(edit.status);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: member.id } })).fullName).not.toBe("Still here");
  });

  it("should apply a role change on the next request", async () => {
    const member = await createStaff(t.db, "support", PASSWORD);
    const agent = await signIn(app.url, member.email!, PASSWORD);
    const forbidden = (body: unknown) => /ForbiddenError|forbiddenError/.test(JSON.stringify(body));
    expect(forbidden((await agent.get("/admin/api/resources/SupportTicket/actions/list")).body)).toBe(false);
    await t.db.userAccessProfile.update({ where: { userId: member.id }, data: { role: "finance" } });
    expect(forbidden((await agent.get("/admin/api/resources/SupportTicket/actions/list")).body)).toBe(true);
  });
});

describe("security headers", () => {
  it("should send a CSP AdminJS works under, no framing and nosniff on panel pages, and nonce its inline scripts", async () => {
    const agent = await signIn(app.url, staff.email!, PASSWORD);
    const page = await agent.get("/admin");
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const inline = [...page.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const m of inline) expect(m[1]).toContain(`nonce="${nonce}"`);
    const api = await request(app.url).get("/api/v1/health");
    expect(api.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(api.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("should send HSTS only in production", async () => {
    expect((await request(app.url).get("/admin/login")).headers["strict-transport-security"]).toBeUndefined();
  });
});
