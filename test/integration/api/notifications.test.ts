/**
 * Notifications, devices and notification preferences through the API: a user reads and marks
 * only their own notifications (someone else's ids are skipped, never marked, never a 500),
 * lists page by cursor in the request's language, a push token has one owner and follows
 * sign-ins and sign-outs, and bad preferences are refused in the request's language with
 * nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createUser } from "../../support/factories.js";
import { issueToken } from "../../../src/domains/accounts/index.js";
import * as notifications from "../../../src/domains/notifications/index.js";

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

type Caller = { user: User; token: string };

async function caller(language: "ar" | "en" = "ar"): Promise<Caller> {
  const user = await createUser(t.db, { language });
  return { user, token: (await issueToken(t.db, user.id)).token };
}

/** `n` plain notifications for a user, oldest first; returns their ids. */
async function seed(userId: number, n: number, title = "Note"): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) {
    const row = await t.db.notification.create({ data: { userId, titleAr: `إشعار ${i}`, titleEn: `${title} ${i}`, bodyAr: `نص ${i}`, bodyEn: `Body ${i}`, category: "requests", data: { screen: "request", requestId: i, vars: { x: "y" } } } });
    ids.push(row.id);
  }
  return ids;
}

const auditCount = (action: string, entityId?: number) => t.db.auditLog.count({ where: { action, ...(entityId !== undefined ? { entityId: String(entityId) } : {}) } });

describe("the notification list", () => {
  it("should list the caller's own notifications, newest first, in the request's language, with deep-link data but not the template variables", async () => {
    const a = await caller("ar");
    const b = await caller("en");
    const kind = notifications.kindOf("marketplace.offer.submitted")!;
    await notifications.notifyUsers(t, { kind, userIds: [a.user.id, b.user.id], vars: { providerName: "Cool Air Co", price: "350.00", requestTitle: "AC repair" }, data: { screen: "request", requestId: 77, offerId: 5 } });

    const ar = await app.api.call("GET", "/notifications", { token: a.token });
    expect(ar.status).toBe(200);
    expect(ar.body).toEqual({
      items: [{ id: expect.any(Number), title: "عرض جديد على طلبك", body: "أرسل Cool Air Co عرضًا بقيمة 350.00 ريال على «AC repair».", category: "offers", data: { screen: "request", request_id: 77, offer_id: 5 }, read: false, created_at: expect.any(String) }],
      next_cursor: null,
    });
    const en = await app.api.call("GET", "/notifications", { token: a.token, lang: "en" });
    expect(en.body.items[0]).toMatchObject({ title: "New offer on your request", body: "Cool Air Co offered SAR 350.00 for \"AC repair\"." });
    const theirs = await app.api.call("GET", "/notifications", { token: b.token });
    expect(theirs.body.items).toHaveLength(1);
    expect(theirs.body.items[0].id).not.toBe(ar.body.items[0].id);
    expect(theirs.body.items[0].title).toBe("New offer on your request");
  });

  it("should page by cursor without shifting when new notifications arrive, and filter to unread ones", async () => {
    const a = await caller("en");
    const ids = await seed(a.user.id, 5);
    const first = await app.api.call("GET", "/notifications?limit=2", { token: a.token });
    expect(first.body.items.map((n: { id: number }) => n.id)).toEqual([ids[4], ids[3]]);
    await seed(a.user.id, 1, "Newer");
    const second = await app.api.call("GET", `/notifications?limit=2&cursor=${first.body.next_cursor}`, { token: a.token });
    expect(second.body.items.map((n: { id: number }) => n.id)).toEqual([ids[2], ids[1]]);
    const last = await app.api.call("GET", `/notifications?limit=2&cursor=${second.body.next_cursor}`, { token: a.token });
    expect(last.body).toEqual({ items: [expect.objectContaining({ id: ids[0], title: "Note 1", data: { screen: "request", request_id: 1 } })], next_cursor: null });

    await t.db.notification.updateMany({ where: { id: { in: [ids[1]!, ids[3]!] } }, data: { readAt: new Date() } });
    const unread = await app.api.call("GET", "/notifications?unread_only=true&limit=10", { token: a.token });
    expect(unread.body.items.map((n: { id: number; read: boolean }) => [n.id, n.read])).toEqual([[ids[4]! + 1, false], [ids[4], false], [ids[2], false], [ids[0], false]]);
    const all = await app.api.call("GET", "/notifications?unread_only=false&limit=10", { token: a.token });
    expect(all.body.items.filter((n: { read: boolean }) => n.read).map((n: { id: number }) => n.id)).toEqual([ids[3], ids[1]]);

    expect((await app.api.call("GET", "/notifications?cursor=bm9wZQ", { token: a.token })).body.code).toBe("INVALID_CURSOR");
    expect((await app.api.call("GET", "/notifications?unread_only=yes", { token: a.token })).status).toBe(400);
  });
});

describe("unread count and read marks", () => {
  it("should mark only the caller's own notifications, skip someone else's and missing ids, and count what it marked", async () => {
    const a = await caller();
    const b = await caller();
    const mine = await seed(a.user.id, 3);
    const theirs = await seed(b.user.id, 2);
    expect((await app.api.call("GET", "/notifications/unread-count", { token: a.token })).body).toEqual({ unread_count: 3 });

    const r = await app.api.call("POST", "/notifications/read", { token: a.token, body: { ids: [mine[0], theirs[0], 99_999_999, mine[1]] } });
    expect(r).toMatchObject({ status: 200, body: { marked: 2, unread_count: 1 } });
    expect(await t.db.notification.count({ where: { userId: b.user.id, readAt: null } })).toBe(2);
    expect((await app.api.call("GET", "/notifications/unread-count", { token: b.token })).body).toEqual({ unread_count: 2 });
    // Only someone else's: nothing marked, no error.
    expect((await app.api.call("POST", "/notifications/read", { token: a.token, body: { ids: theirs } })).body).toEqual({ marked: 0, unread_count: 1 });
    // Again: already read, nothing marked twice.
    expect((await app.api.call("POST", "/notifications/read", { token: a.token, body: { ids: [mine[0]] } })).body).toEqual({ marked: 0, unread_count: 1 });
    expect(await auditCount("notifications.read", a.user.id)).toBe(1);

    const everything = await app.api.call("POST", "/notifications/read", { token: a.token, body: { all: true } });
    expect(everything.body).toEqual({ marked: 1, unread_count: 0 });
    expect(await t.db.notification.count({ where: { userId: b.user.id, readAt: null } })).toBe(2);
    const listed = await app.api.call("GET", "/notifications", { token: a.token });
    expect(listed.body.items.every((n: { read: boolean }) => n.read)).toBe(true);
    expect(await auditCount("notifications.read", a.user.id)).toBe(2);
  });

  it("should answer 400 to a body that is not ids or all: true, and mark nothing", async () => {
    const a = await caller("en");
    const [id] = await seed(a.user.id, 1);
    const bodies: [unknown, string][] = [
      [{}, "ids"],
      [{ ids: [] }, "ids"],
      [{ ids: [id], all: true }, "ids"],
      [{ all: false }, "all"],
      [{ ids: ["1"] }, "ids.0"],
      [{ ids: [id], extra: 1 }, "body"],
      [{ ids: Array.from({ length: 101 }, (_v, i) => i + 1) }, "ids"],
    ];
    for (const [body, field] of bodies) {
      const r = await app.api.call("POST", "/notifications/read", { token: a.token, body, lang: "en" });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors, JSON.stringify(body)).toHaveProperty([field]);
    }
    const ar = await app.api.call("POST", "/notifications/read", { token: a.token, body: {}, lang: "ar" });
    expect(ar.body.errors.ids).toBe("حدد المعرفات (ids) أو all: true، أحدهما فقط");
    expect(await t.db.notification.count({ where: { userId: a.user.id, readAt: null } })).toBe(1);
  });
});

describe("devices", () => {
  const fcmToken = (label: string) => `${label}-${Date.now()}:APA91bH-x_y.z~${Math.random().toString(36).slice(2)}`;

  it("should register a token once, refresh when it was last seen, and audit only the registration", async () => {
    const a = await caller();
    const token = fcmToken("reg");
    const r = await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "android" } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(Number), platform: "android", last_seen_at: expect.any(String), created_at: expect.any(String) });
    const first = await t.db.deviceToken.findUniqueOrThrow({ where: { token } });
    expect(first).toMatchObject({ userId: a.user.id, platform: "android", revokedAt: null });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "android" } });
    expect(again.body.id).toBe(r.body.id);
    const second = await t.db.deviceToken.findUniqueOrThrow({ where: { token } });
    expect(second.lastSeenAt.getTime()).toBeGreaterThan(first.lastSeenAt.getTime());
    expect(await t.db.deviceToken.count({ where: { userId: a.user.id } })).toBe(1);
    expect(await auditCount("notifications.device.register", r.body.id)).toBe(1);
    expect(await auditCount("notifications.device.renew", r.body.id)).toBe(0);
  });

  it("should move a token to whoever signs in on the device, and not let the old owner remove it", async () => {
    const a = await caller();
    const b = await caller();
    const token = fcmToken("shared");
    await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "ios" } });
    const moved = await app.api.call("POST", "/devices", { token: b.token, body: { token, platform: "ios" } });
    expect(moved.status).toBe(201);
    expect(await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).toMatchObject({ userId: b.user.id, revokedAt: null });
    expect(await auditCount("notifications.device.move", moved.body.id)).toBe(1);

    expect((await app.api.call("POST", "/devices/remove", { token: a.token, body: { token } })).status).toBe(204);
    expect(await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).toMatchObject({ userId: b.user.id, revokedAt: null });
    // A's logout naming B's device leaves it too.
    expect((await app.api.call("POST", "/auth/logout", { token: a.token, body: { device_token: token } })).status).toBe(204);
    expect(await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).toMatchObject({ userId: b.user.id, revokedAt: null });
  });

  it("should remove the caller's token, bring it back when registered again, and answer 204 for unknown tokens", async () => {
    const a = await caller();
    const token = fcmToken("remove");
    const reg = await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "web" } });
    expect((await app.api.call("POST", "/devices/remove", { token: a.token, body: { token } })).status).toBe(204);
    expect((await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).revokedAt).not.toBeNull();
    expect(await auditCount("notifications.device.remove", reg.body.id)).toBe(1);
    expect((await app.api.call("POST", "/devices/remove", { token: a.token, body: { token } })).status).toBe(204);
    expect(await auditCount("notifications.device.remove", reg.body.id)).toBe(1);
    expect((await app.api.call("POST", "/devices/remove", { token: a.token, body: { token: fcmToken("never") } })).status).toBe(204);

    await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "web" } });
    expect((await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).revokedAt).toBeNull();
    expect(await auditCount("notifications.device.renew", reg.body.id)).toBe(1);
  });

  it("should stop pushes to the device on logout when the app sends its token, and still log out without a body", async () => {
    const a = await caller();
    const token = fcmToken("logout");
    await app.api.call("POST", "/devices", { token: a.token, body: { token, platform: "android" } });
    expect((await app.api.call("POST", "/auth/logout", { token: a.token, body: { device_token: token } })).status).toBe(204);
    expect((await t.db.deviceToken.findUniqueOrThrow({ where: { token } })).revokedAt).not.toBeNull();
    expect((await app.api.call("GET", "/me", { token: a.token })).status).toBe(401);

    const b = await caller();
    const kept = fcmToken("kept");
    await app.api.call("POST", "/devices", { token: b.token, body: { token: kept, platform: "android" } });
    expect((await app.api.call("POST", "/auth/logout", { token: b.token })).status).toBe(204);
    expect((await app.api.call("GET", "/me", { token: b.token })).status).toBe(401);
    expect((await t.db.deviceToken.findUniqueOrThrow({ where: { token: kept } })).revokedAt).toBeNull();

    const c = await caller();
    expect((await app.api.call("POST", "/auth/logout", { token: c.token, body: { device_token: "has space" } })).status).toBe(400);
    expect((await app.api.call("GET", "/me", { token: c.token })).status).toBe(200);
  });

  it("should take the same new token registered at once by two accounts, keeping one row", async () => {
    const a = await caller();
    const b = await caller();
    const token = fcmToken("race");
    const answers = await Promise.all(Array.from({ length: 6 }, (_v, i) => app.api.call("POST", "/devices", { token: (i % 2 ? a : b).token, body: { token, platform: "android" } })));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(await t.db.deviceToken.count({ where: { token } })).toBe(1);
  });

  it("should refuse a malformed token or platform, naming the field", async () => {
    const a = await caller("en");
    const cases: [Record<string, unknown>, string][] = [
      [{ token: "has space", platform: "ios" }, "token"],
      [{ token: "", platform: "ios" }, "token"],
      [{ token: "x".repeat(513), platform: "ios" }, "token"],
      [{ token: "ok-token", platform: "blackberry" }, "platform"],
      [{ token: "ok-token" }, "platform"],
    ];
    for (const [body, field] of cases) {
      const r = await app.api.call("POST", "/devices", { token: a.token, body, lang: "en" });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect(await t.db.deviceToken.count({ where: { userId: a.user.id } })).toBe(0);
  });
});

describe("notification preferences", () => {
  const DEFAULTS = Object.fromEntries(notifications.CATEGORIES.map((cat) => [cat, Object.fromEntries(notifications.CHANNELS.map((ch) => [ch, cat !== "marketing"]))]));

  it("should answer the defaults, take changes, and read them back the same", async () => {
    const a = await caller();
    expect((await app.api.call("GET", "/me/notification-preferences", { token: a.token })).body).toEqual({ choices: DEFAULTS, quiet_hours_start: null, quiet_hours_end: null, timezone: "Asia/Riyadh" });

    const patched = await app.api.call("PATCH", "/me/notification-preferences", {
      token: a.token,
      body: { choices: { marketing: { push: true }, payments: { sms: false, in_app: true } }, quiet_hours_start: "22:00", quiet_hours_end: "07:00", timezone: "Asia/Dubai" },
    });
    expect(patched.status).toBe(200);
    const expected = {
      choices: { ...DEFAULTS, marketing: { ...DEFAULTS.marketing, push: true }, payments: { ...DEFAULTS.payments, sms: false } },
      quiet_hours_start: "22:00",
      quiet_hours_end: "07:00",
      timezone: "Asia/Dubai",
    };
    expect(patched.body).toEqual(expected);
    expect((await app.api.call("GET", "/me/notification-preferences", { token: a.token })).body).toEqual(expected);
    // Stored as the differences from the defaults.
    expect((await t.db.notificationPreference.findUniqueOrThrow({ where: { userId: a.user.id } })).choices).toEqual({ marketing: { push: true }, payments: { sms: false } });

    const cleared = await app.api.call("PATCH", "/me/notification-preferences", { token: a.token, body: { quiet_hours_start: null, quiet_hours_end: null, choices: { marketing: { push: false } } } });
    expect(cleared.body).toEqual({ ...expected, choices: { ...expected.choices, marketing: DEFAULTS.marketing }, quiet_hours_start: null, quiet_hours_end: null });
    // What the app sets is what the sending decides by.
    const stored = await t.db.notificationPreference.findUniqueOrThrow({ where: { userId: a.user.id } });
    expect(notifications.decide(stored, "payments", "sms", false, new Date())).toEqual({ send: false, reason: "preference" });
  });

  it("should refuse bad times, time zones, half quiet hours and unknown categories in the request's language, writing nothing", async () => {
    const a = await caller();
    await app.api.call("PATCH", "/me/notification-preferences", { token: a.token, body: { quiet_hours_start: "23:00", quiet_hours_end: "06:00" } });
    const before = await t.db.notificationPreference.findUniqueOrThrow({ where: { userId: a.user.id } });
    const audits = await auditCount("notifications.preferences", a.user.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ quiet_hours_start: "25:00", quiet_hours_end: "07:00" }, "quiet_hours_start", "a time like 22:00"],
      [{ quiet_hours_start: "22:00", quiet_hours_end: "7:00" }, "quiet_hours_end", "a time like 22:00"],
      [{ timezone: "Mars/Olympus_Mons" }, "timezone", "not a time zone we know, e.g. Asia/Riyadh"],
      [{ quiet_hours_start: "22:00" }, "quiet_hours_end", "give both the start and the end of quiet hours (or clear both)"],
      [{ quiet_hours_start: null, quiet_hours_end: "07:00" }, "quiet_hours_end", "give both the start and the end of quiet hours (or clear both)"],
      [{ choices: { weather: { push: false } } }, "choices", ""],
      [{ choices: { offers: { pigeon: false } } }, "choices.offers", ""],
      [{ choices: { offers: { push: "no" } } }, "choices.offers.push", ""],
      [{ quiet_hours: "22-07" }, "body", ""],
    ];
    for (const [body, field, english] of cases) {
      const en = await app.api.call("PATCH", "/me/notification-preferences", { token: a.token, body, lang: "en" });
      const where = `${JSON.stringify(body)} → ${JSON.stringify(en.body)}`;
      expect(en.status, where).toBe(400);
      expect(en.body.code).toBe("VALIDATION_FAILED");
      expect(en.body.errors, where).toHaveProperty([field]);
      if (english) expect(en.body.errors[field], where).toBe(english);
      expect(en.body.errors[field], where).not.toMatch(/[\u0600-\u06FF]/);
      const ar = await app.api.call("PATCH", "/me/notification-preferences", { token: a.token, body, lang: "ar" });
      expect(ar.status, where).toBe(400);
      expect(ar.body.detail).toBe("بعض الحقول غير صحيحة.");
      expect(ar.body.errors[field], `${where} in Arabic: ${JSON.stringify(ar.body)}`).toMatch(/[\u0600-\u06FF]/);
    }
    expect(await t.db.notificationPreference.findUniqueOrThrow({ where: { userId: a.user.id } })).toEqual(before);
    expect(await auditCount("notifications.preferences", a.user.id)).toBe(audits);
  });
});
