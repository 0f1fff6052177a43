import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, testPhone, type RunningApi } from "../../support/api-client.js";
import { phoneSchema } from "../../../src/domains/accounts/index.js";

let t: TestDatabase;
let app: RunningApi;
beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe("OTP login", () => {
  it("should create a client account on first login and return the same user on the next", async () => {
    const phone = testPhone();
    const first = await app.login(phone);
    expect(first.user).toMatchObject({ phone, user_type: "client", provider_id: null });
    const second = await app.login(phone);
    expect(second.user.id).toBe(first.user.id);
    expect(second.token).not.toBe(first.token);
    expect(await t.db.user.count({ where: { phone } })).toBe(1);
    const row = await t.db.otp.findFirst({ where: { phone } });
    expect(row!.codeHash).not.toMatch(/^\d{6}$/);
  });

  it("should write the SMS in the user's language with the code", async () => {
    const phone = testPhone();
    await app.api.call("POST", "/auth/otp/request", { body: { phone, language: "en" } });
    expect(app.sms.lastTo(phone)!.text).toMatch(/^Your Nawafeth login code is \d{6}\./);
    await app.api.call("POST", "/auth/otp/request", { body: { phone } });
    expect(app.sms.lastTo(phone)!.text).toMatch(/رمز الدخول/);
  });

  it("should take a new number's language from Accept-Language, for the SMS and the account", async () => {
    const phone = testPhone();
    await app.api.call("POST", "/auth/otp/request", { body: { phone }, lang: "en" });
    const text = app.sms.lastTo(phone)!.text;
    expect(text).toMatch(/^Your Nawafeth login code is \d{6}\./);
    const code = /(\d{6})/.exec(text)![1]!;
    const v = await app.api.call<{ user: { language: string } }>("POST", "/auth/otp/verify", { body: { phone, code }, lang: "en" });
    expect(v.status).toBe(200);
    expect(v.body.user.language).toBe("en");
    // Known now: its own language wins over the header.
    await app.api.call("PATCH", "/me", { token: (v.body as unknown as { token: string }).token, body: { language: "ar" } });
    await app.api.call("POST", "/auth/otp/request", { body: { phone }, lang: "en" });
    expect(app.sms.lastTo(phone)!.text).toMatch(/رمز الدخول/);
  });

  it("should refuse a wrong code five times and then lock the code, even if the right one follows", async () => {
    const phone = testPhone();
    await app.api.call("POST", "/auth/otp/request", { body: { phone } });
    const code = /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const r = await app.api.call("POST", "/auth/otp/verify", { body: { phone, code: wrong }, lang: "en" });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("OTP_INVALID");
    }
    const locked = await app.api.call("POST", "/auth/otp/verify", { body: { phone, code }, lang: "en" });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("OTP_ATTEMPTS_EXCEEDED");
  });

  it("should refuse an expired code", async () => {
    const phone = testPhone();
    await app.api.call("POST", "/auth/otp/request", { body: { phone } });
    const code = /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
    await t.db.otp.updateMany({ where: { phone }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const r = await app.api.call("POST", "/auth/otp/verify", { body: { phone, code }, lang: "ar" });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: "OTP_EXPIRED", detail: "انتهت صلاحية الرمز. اطلب رمزًا جديدًا." });
  });

  it("should accept a code only once", async () => {
    const phone = testPhone();
    await app.api.call("POST", "/auth/otp/request", { body: { phone } });
    const code = /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
    expect((await app.api.call("POST", "/auth/otp/verify", { body: { phone, code } })).status).toBe(200);
    expect((await app.api.call("POST", "/auth/otp/verify", { body: { phone, code } })).status).toBe(401);
  });

  it("should limit codes per phone to 3 in 15 minutes, also when asked in parallel", async () => {
    const phone = testPhone();
    const rs = await Promise.all(Array.from({ length: 6 }, () => app.api.call("POST", "/auth/otp/request", { body: { phone }, lang: "en" })));
    expect(rs.filter((r) => r.status === 202)).toHaveLength(3);
    const limited = rs.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0]!.body.code).toBe("OTP_TOO_MANY_REQUESTS");
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("should limit codes per IP to 20 an hour across phones", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await app.api.call("POST", "/auth/otp/request", { body: { phone: testPhone() } })).status);
    // earlier tests in this file already used some of this IP's budget
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)).toBe(429);
    await t.db.otp.deleteMany({}); // give the rest of the file a fresh budget
    // 22 codes, each hashed with argon2: slow on a busy machine, and a timeout here would leave the
    // IP's budget spent for the rest of the file.
  }, 120_000);

  it("should reject a phone that is not E.164 with the failing field named", async () => {
    const r = await app.api.call("POST", "/auth/otp/request", { body: { phone: "0551234567" }, lang: "en" });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(r.body.errors)).toEqual(["phone"]);
  });
});

describe("phone numbers are normalised to E.164 before any use", () => {
  /** The same number with the national trunk 0 typed after the country code: +9665… → +96605…. */
  const withTrunk = (phone: string) => phone.replace(/^\+966/, "+9660");
  const codeSentTo = (phone: string) => /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
  const request = (phone: string) => app.api.call("POST", "/auth/otp/request", { body: { phone }, lang: "en" });

  it("should count the trunk-prefixed and the canonical spelling in one OTP bucket, and text the canonical number", async () => {
    const phone = testPhone();
    expect(phoneSchema.parse(withTrunk(phone))).toBe(phone);
    expect((await request(withTrunk(phone))).status).toBe(202);
    expect((await request(phone)).status).toBe(202);
    expect((await request(` ${withTrunk(phone)} `)).status).toBe(202);
    for (const spelling of [phone, withTrunk(phone)]) {
      const r = await request(spelling);
      expect(r.status, spelling).toBe(429);
      expect(r.body.code).toBe("OTP_TOO_MANY_REQUESTS");
    }
    expect(await t.db.otp.count({ where: { phone } })).toBe(3);
    expect(await t.db.otp.count({ where: { phone: withTrunk(phone) } })).toBe(0);
    expect(app.sms.sent.filter((m) => m.to === phone)).toHaveLength(3);
    expect(app.sms.lastTo(withTrunk(phone))).toBeUndefined();
    await t.db.otp.deleteMany({ where: { phone } }); // give the rest of the file this IP's budget back
  });

  it("should sign both spellings in to one account, stored with the canonical number", async () => {
    const phone = testPhone();
    await request(phone);
    const first = await app.api.call("POST", "/auth/otp/verify", { body: { phone: withTrunk(phone), code: codeSentTo(phone) } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: true, user: { phone } });

    await request(withTrunk(phone));
    const second = await app.api.call("POST", "/auth/otp/verify", { body: { phone, code: codeSentTo(phone) } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: false, user: { id: first.body.user.id, phone } });
    expect(await t.db.user.count({ where: { phone: { in: [phone, withTrunk(phone)] } } })).toBe(1);
    await t.db.otp.deleteMany({ where: { phone } });
  });
});

describe("tokens and /me", () => {
  it("should refuse /me without a token, and with a revoked one after logout", async () => {
    expect((await app.api.call("GET", "/me")).status).toBe(401);
    const { token } = await app.login();
    expect((await app.api.call("GET", "/me", { token })).status).toBe(200);
    expect((await app.api.call("POST", "/auth/logout", { token })).status).toBe(204);
    const after = await app.api.call("GET", "/me", { token, lang: "en" });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: "UNAUTHENTICATED", detail: "Sign in to continue." });
  });

  it("should record when a token was last used", async () => {
    const { token, user } = await app.login();
    await app.api.call("GET", "/me", { token });
    const row = await t.db.apiToken.findFirst({ where: { userId: user.id } });
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it("should edit the profile, refuse unknown fields and answer in the user's language", async () => {
    const { token } = await app.login();
    const r = await app.api.call("PATCH", "/me", { token, body: { full_name: "Sara Ali", email: "Sara@Example.com", language: "en", city: "Jeddah" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ full_name: "Sara Ali", email: "sara@example.com", language: "en", city: "Jeddah" });
    const bad = await app.api.call("PATCH", "/me", { token, body: { user_type: "staff" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-language")).toBe("en");
  });

  it("should refuse an email another account uses with 409", async () => {
    const a = await app.login();
    const b = await app.login();
    await app.api.call("PATCH", "/me", { token: a.token, body: { email: "taken@example.com" } });
    const r = await app.api.call("PATCH", "/me", { token: b.token, body: { email: "taken@example.com" } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("EMAIL_TAKEN");
  });

  it("should make a user a provider once, and replay the same answer for the same Idempotency-Key", async () => {
    const { token } = await app.login();
    const body = { display_name: "Fixit", city: "Riyadh" };
    const headers = { "idempotency-key": "become-1" };
    const first = await app.api.call("POST", "/me/become-provider", { token, body, headers });
    expect(first.status).toBe(201);
    const again = await app.api.call("POST", "/me/become-provider", { token, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await app.api.call("POST", "/me/become-provider", { token, body: { ...body, city: "Jeddah" }, headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const twice = await app.api.call("POST", "/me/become-provider", { token, body });
    expect(twice.status).toBe(409);
    expect((await app.api.call("GET", "/me", { token })).body).toMatchObject({ user_type: "provider", provider_id: first.body.id });
  });
});

describe("HTTP errors", () => {
  it("should answer problem+json for malformed JSON, unknown routes and non-JSON bodies", async () => {
    const bad = await fetch(app.url + "/api/v1/auth/otp/request", { method: "POST", headers: { "content-type": "application/json", "accept-language": "en" }, body: "{" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await bad.json()).code).toBe("MALFORMED_JSON");
    const none = await fetch(app.url + "/api/v1/nope");
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe("ROUTE_NOT_FOUND");
    const form = await fetch(app.url + "/api/v1/auth/otp/request", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "phone=1" });
    expect(form.status).toBe(415);
  });
});
