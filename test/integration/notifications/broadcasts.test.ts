/**
 * Broadcasts through the real queues, in one process: a broadcast to the providers of a city fans
 * out in batches to every one of them (and nobody else), in-app and by email at a loopback SMTP
 * server for those who turned marketing on, skipped by preference for the rest; a cancel midway
 * stops the next batch and skips what was still queued; a batch run again (after a crash, or twice
 * at once) creates no second notification.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { createProvider, createStaff, createUser } from "../../support/factories.js";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.js";
import { drainQueues, type Handler } from "../../support/jobs.js";
import { smtpMailSender } from "../../../src/platform/mail.js";
import { logger } from "../../../src/platform/logger.js";
import type { Deps } from "../../../src/platform/deps.js";
import type { Ctx } from "../../../src/platform/context.js";
import { DELIVERIES } from "../../../jobs/notifications.job.js";
import { BROADCASTS, runBroadcastJob } from "../../../jobs/broadcasts.job.js";
import * as notifications from "../../../src/domains/notifications/index.js";

let t: TestDatabase;
let smtp: SmtpSink;
let deps: Deps;
let staff: Ctx;
let staffId: number;
const log = logger("silent");
const BATCH = 3;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  deps = { ...t, mail: smtpMailSender(smtp.url, "Nawafeth <no-reply@nawafeth.test>") };
  staffId = (await createStaff(t.db, "content", "broadcast-password")).id;
  staff = { actor: { type: "staff", id: staffId } };
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const batch: Handler = async (job) => void (await runBroadcastJob(deps, log, job.data, BATCH));
const send: Handler = async (job) => void (await notifications.sendDelivery(deps, (job.data as { deliveryId: number }).deliveryId));
const runWorker = () => drainQueues(t.boss, [[BROADCASTS.name, batch], [DELIVERIES.name, send]]);

let serial = 0;
/** An app user with an email; `marketing` true: turned marketing on for in-app and email; false: turned it off explicitly; undefined: never chose. */
async function withPreference(user: User, marketing: boolean | undefined): Promise<User> {
  const email = `bc${++serial}.${user.id}@example.test`;
  await t.db.user.update({ where: { id: user.id }, data: { email } });
  if (marketing !== undefined) await t.db.notificationPreference.create({ data: { userId: user.id, choices: { marketing: { in_app: marketing, email: marketing } } } });
  return { ...user, email };
}

const provider = async (city: string, marketing: boolean | undefined, language: "ar" | "en" = "en") => {
  const p = await createProvider(t.db, { city });
  await t.db.user.update({ where: { id: p.user.id }, data: { language } });
  return withPreference(p.user, marketing);
};

async function draft(data: Partial<Prisma.BroadcastUncheckedCreateInput> = {}) {
  return t.db.broadcast.create({
    data: { titleAr: "ساعات العمل في رمضان", titleEn: "Ramadan working hours", bodyAr: "نذكركم بتحديث ساعات العمل.", bodyEn: "Please update your working hours.", segment: "providers_in_city", city: "Tabuk", channels: ["in_app", "email"], createdById: staffId, ...data },
  });
}

describe("a broadcast to the providers of a city", () => {
  it("should reach every one of them in batches, by email only where marketing is on, and nobody else", async () => {
    const on = [await provider("Tabuk", true, "ar"), await provider("Tabuk", true, "en"), await provider("tabuk", true, "en")];
    const off = [await provider("Tabuk", false), await provider("Tabuk", undefined), await provider("Tabuk", undefined), await provider("Tabuk", false)];
    const elsewhere = await provider("Abha", true);
    const inactive = await provider("Tabuk", true);
    await t.db.user.update({ where: { id: inactive.id }, data: { isActive: false } });
    const client = await withPreference(await createUser(t.db, { city: "Tabuk" }), true);

    const b = await draft();
    expect(await notifications.countBroadcastAudience(t.db, b)).toBe(7);
    const started = await notifications.startBroadcast(deps, staff, b.id);
    expect(started).toMatchObject({ status: "sending", total: 7, processed: 0, cursor: 0 });
    const mailsBefore = smtp.mails.length;
    await runWorker();

    const done = await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } });
    expect(done).toMatchObject({ status: "completed", total: 7, processed: 7 });
    expect(done.finishedAt).not.toBeNull();
    const told = await t.db.notification.findMany({ where: { broadcastId: b.id }, include: { deliveries: true } });
    expect(told.map((n) => n.userId).sort((x, y) => x - y)).toEqual([...on, ...off].map((u) => u.id).sort((x, y) => x - y));
    for (const n of told) {
      expect(n).toMatchObject({ templateKey: "notifications.broadcast", category: "marketing", titleEn: "Ramadan working hours", titleAr: "ساعات العمل في رمضان" });
      const want = on.some((u) => u.id === n.userId) ? { status: "sent", skipReason: null } : { status: "skipped", skipReason: "preference" };
      expect(n.deliveries.map((d) => ({ channel: d.channel, status: d.status, skipReason: d.skipReason })).sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
        { channel: "email", ...want },
        { channel: "in_app", ...want },
      ]);
    }
    for (const u of [elsewhere, inactive, client]) expect(await t.db.notification.count({ where: { broadcastId: b.id, userId: u.id } })).toBe(0);

    // The emails: one per opted-in provider, in their language, with the broadcast's words.
    const mails = (await smtp.waitFor(mailsBefore + on.length)).slice(mailsBefore);
    expect(mails).toHaveLength(on.length);
    const arabic = mails.find((m) => JSON.stringify(m.to).includes(on[0]!.email!))!;
    expect(arabic.subject).toBe("ساعات العمل في رمضان");
    expect(arabic.html).toContain('dir="rtl"');
    expect(mails.find((m) => JSON.stringify(m.to).includes(on[1]!.email!))!.text).toContain("Please update your working hours.");

    const progress = await notifications.getBroadcastProgress(deps, b.id);
    expect(progress).toMatchObject({ status: "completed", percent: 100, total: 7, processed: 7, byStatus: { sent: 6, skipped: 8, queued: 0, failed: 0 }, skippedBy: { preference: 8 } });
    // Completing it is an event like any other state change.
    expect(await t.db.eventLog.count({ where: { name: "notifications.broadcast.completed", entityId: String(b.id) } })).toBe(1);
  }, 60_000);
});

describe("cancelling a broadcast midway", () => {
  it("should stop the next batch and skip the deliveries still queued", async () => {
    const users = [];
    for (let i = 0; i < 8; i++) users.push(await provider("Najran", true));
    const b = await draft({ city: "Najran" });
    await notifications.startBroadcast(deps, staff, b.id);

    // The first batch runs; its emails are queued, not sent yet.
    const [first] = await t.boss.fetch(BROADCASTS.name);
    expect(await runBroadcastJob(deps, log, first!.data, BATCH)).toEqual({ outcome: "next", told: BATCH });
    await t.boss.complete(BROADCASTS.name, first!.id);
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "sending", processed: BATCH });

    const { broadcast, skipped } = await notifications.cancelBroadcast(deps, staff, b.id);
    expect(broadcast).toMatchObject({ status: "cancelled" });
    expect(broadcast.cancelledAt).not.toBeNull();
    expect(skipped).toBe(BATCH); // one queued email each; in-app went out when they were told
    const mailsBefore = smtp.mails.length;
    await runWorker();

    expect(await t.db.notification.count({ where: { broadcastId: b.id } })).toBe(BATCH);
    const emails = await t.db.notificationDelivery.findMany({ where: { channel: "email", notification: { broadcastId: b.id } } });
    expect(emails.map((d) => [d.status, d.skipReason])).toEqual(Array(BATCH).fill(["skipped", "cancelled"]));
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "cancelled", processed: BATCH });
    expect(smtp.mails.length).toBe(mailsBefore);
    await expect(notifications.startBroadcast(deps, staff, b.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
  }, 60_000);
});

describe("a batch run again", () => {
  it("should tell nobody twice, whether it runs after a crash or twice at once", async () => {
    for (let i = 0; i < 5; i++) await provider("Jazan", true);
    const b = await draft({ city: "Jazan", channels: ["in_app"] });
    await notifications.startBroadcast(deps, staff, b.id);
    const [first] = await t.boss.fetch(BROADCASTS.name);
    const job = first!.data as notifications.BroadcastBatchJob;
    expect(job).toEqual({ broadcastId: b.id, after: 0 });

    // Twice at once: both tell users, each user once; the cursor moves once and one next batch is queued.
    const outcomes = await Promise.all([runBroadcastJob(deps, log, job, BATCH), runBroadcastJob(deps, log, job, BATCH)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already_done", "next"]);
    expect(outcomes.reduce((s, o) => s + o.told, 0)).toBe(BATCH);
    expect(await t.db.notification.count({ where: { broadcastId: b.id } })).toBe(BATCH);
    const after = await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } });
    expect(after.processed).toBe(BATCH);

    // A crash after telling the users and before moving the cursor: the retry finds them told.
    await t.db.broadcast.update({ where: { id: b.id }, data: { cursor: 0, processed: 0 } });
    expect(await runBroadcastJob(deps, log, job, BATCH)).toEqual({ outcome: "next", told: 0 });
    expect(await t.db.notification.count({ where: { broadcastId: b.id } })).toBe(BATCH);
    await t.boss.complete(BROADCASTS.name, first!.id);

    await runWorker();
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "completed", processed: 5, total: 5 });
    const rows = await t.db.notification.groupBy({ by: ["userId"], where: { broadcastId: b.id }, _count: { _all: true } });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
  }, 60_000);
});

describe("a draft", () => {
  it("should be refused without both languages, with variables, or without the city its audience needs", async () => {
    const bad = { titleAr: "", titleEn: "Hello {{name}}", bodyAr: "نص", bodyEn: "Text", segment: "providers_in_city", city: "", subcategoryId: null, channels: [] };
    await expect(notifications.checkBroadcastDraft(t.db, bad)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: { titleAr: "VALUE_REQUIRED", titleEn: "BROADCAST_NO_VARIABLES", city: "BROADCAST_CITY_REQUIRED", channels: "BROADCAST_CHANNELS_REQUIRED" } },
    });
    const sub = { ...bad, titleAr: "مرحبا", titleEn: "Hello", segment: "providers_in_subcategory", subcategoryId: 999_999, channels: ["in_app"] };
    await expect(notifications.checkBroadcastDraft(t.db, sub)).rejects.toMatchObject({ details: { fields: { subcategoryId: "BROADCAST_SUBCATEGORY_UNKNOWN" } } });
    // What the segment does not use is cleared.
    expect(await notifications.checkBroadcastDraft(t.db, { ...sub, segment: "all_clients", city: "Riyadh" })).toEqual({ city: null, subcategoryId: null });
  });
});
