/**
 * Data-retention rules that run: every rule's dry run counts exactly what its run then touches
 * (old rows, not young ones, never rows another rule protects: legal holds, open reconciliation
 * items, rows still referenced, users with open obligations), each run is audited, and a run over
 * 20,000 rows works in batches of short transactions that never block a concurrent writer.
 * At 1M rows the same run is 1,000 batches of 1,000 rows, each holding its row locks for one
 * DELETE (a few ms); see test/bench/retention.bench.ts.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../../support/factories.js";
import { manualClock } from "../../../src/platform/clock.js";
import { systemCtx } from "../../../src/platform/context.js";
import { diskStorage, type Storage } from "../../../src/platform/storage.js";
import { dryRunRule, ensureRetentionRules, runRetention, runRule } from "../../../src/domains/backoffice/retention.service.js";
import { RETENTION_TARGETS } from "../../../src/domains/backoffice/retention.targets.js";

const DAY = 24 * 3600_000;
let t: TestDatabase;
let uploads: string;
let storage: Storage;
const clock = manualClock(new Date("2026-12-01T00:00:00Z"));
let deps: TestDatabase & { storage: Storage; clock: typeof clock };
let staff: User;
const ctx = systemCtx("retention-test");
const ago = (days: number) => new Date(clock().getTime() - days * DAY);

beforeAll(async () => {
  t = await createTestDatabase();
  uploads = await mkdtemp(path.join(tmpdir(), "privacy-retention-"));
  storage = diskStorage(uploads);
  deps = { ...t, storage, clock };
  staff = await createStaff(t.db, "admin", "retention-admin-pw");
  expect(await ensureRetentionRules(t.db)).toBe(RETENTION_TARGETS.length);
  expect(await ensureRetentionRules(t.db)).toBe(0);
});
afterAll(async () => {
  await t?.close();
  await rm(uploads, { recursive: true, force: true });
});

const rule = (key: string) => t.db.dataRetentionRule.findUniqueOrThrow({ where: { key } });

/** Rows for every rule: some old enough, some too young, some old but protected. */
async function seedEveryTarget() {
  const sub = await createSubcategory(t.db);
  for (const [i, days] of [2, 3, 0].entries()) await t.db.otp.create({ data: { phone: `+96650000000${i}`, codeHash: "x", expiresAt: ago(days) } });
  await t.db.session.createMany({ data: [{ sid: "old-1", sess: {}, expire: ago(3) }, { sid: "young-1", sess: {}, expire: ago(0) }] });
  await t.db.rateLimitCounter.createMany({ data: [{ key: "ip:1", hits: 1, resetAt: ago(2) }, { key: "ip:2", hits: 1, resetAt: ago(0) }] });
  const u = await createUser(t.db);
  const old = await t.db.notification.create({ data: { userId: u.id, titleAr: "ع", titleEn: "t", bodyAr: "ن", bodyEn: "b", createdAt: ago(200) } });
  await t.db.notificationDelivery.create({ data: { notificationId: old.id, channel: "sms", status: "sent", recipient: "+966500000001" } });
  const stillQueued = await t.db.notification.create({ data: { userId: u.id, titleAr: "ع", titleEn: "t", bodyAr: "ن", bodyEn: "b", createdAt: ago(200) } });
  await t.db.notificationDelivery.create({ data: { notificationId: stillQueued.id, channel: "sms", status: "queued" } });
  const held = await t.db.notification.create({ data: { userId: u.id, titleAr: "ع", titleEn: "t", bodyAr: "ن", bodyEn: "b", createdAt: ago(200) } });
  await t.db.legalHold.create({ data: { entity: "Notification", entityId: String(held.id), reason: "Case 7", placedById: staff.id } });
  await t.db.notification.create({ data: { userId: u.id, titleAr: "ع", titleEn: "t", bodyAr: "ن", bodyEn: "b", createdAt: ago(10) } });
  // Webhooks: old processed (stripped), old but finance still sorting it out (protected), young.
  await t.db.webhookEvent.create({ data: { eventId: "evt_old", type: "payment_intent.succeeded", payload: { data: { object: { id: "pi_old" } } }, status: "processed", receivedAt: ago(401) } });
  await t.db.webhookEvent.create({ data: { eventId: "evt_open", type: "charge.dispute.created", payload: { data: { object: { id: "dp_1", payment_intent: "pi_open" } } }, status: "processed", receivedAt: ago(500) } });
  await t.db.reconciliationItem.create({ data: { kind: "disputed", remoteId: "pi_open" } });
  await t.db.webhookEvent.create({ data: { eventId: "evt_young", type: "payment_intent.succeeded", payload: { data: { object: { id: "pi_y" } } }, status: "processed", receivedAt: ago(5) } });
  const exportFile = await storage.put("exports", Buffer.from("zip"), "zip");
  await t.db.dataExport.create({ data: { userId: u.id, status: "ready", storageKey: exportFile, finishedAt: ago(9), expiresAt: ago(8) } });
  await t.db.loginAttempt.createMany({ data: [{ email: "a@staff.test", ip: "10.0.0.1", succeeded: false, createdAt: ago(100) }, { email: "a@staff.test", ip: "10.0.0.1", succeeded: true, createdAt: ago(1) }] });
  await t.db.idempotencyKey.create({ data: { userId: u.id, key: "k-old", method: "POST", path: "/x", requestHash: "h", responseStatus: 201, createdAt: ago(40) } });
  // Soft-deleted rows: a free one goes, one still referenced stays, one under a hold on its owner stays.
  const p = await createProvider(t.db);
  await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: sub.id, title: "Old service", deletedAt: ago(100) } });
  const heldOwner = await createProvider(t.db);
  await t.db.providerService.create({ data: { providerId: heldOwner.id, subcategoryId: sub.id, title: "Held service", deletedAt: ago(100) } });
  await t.db.legalHold.create({ data: { userId: heldOwner.userId, reason: "Case 8", placedById: staff.id } });
  const image = await storage.put("portfolio", Buffer.from("png"), "png");
  await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Old work", imageKey: image, mimeType: "image/png", deletedAt: ago(91) } });
  const request = await t.db.serviceRequest.create({ data: { title: "Gone", description: "d", subcategoryId: sub.id, clientId: u.id, city: "Riyadh", status: "cancelled", deletedAt: ago(120) } });
  await t.db.serviceRequest.create({ data: { title: "Gone too", description: "d", subcategoryId: sub.id, clientId: u.id, city: "Riyadh", status: "cancelled", deletedAt: ago(120) } });
  await t.db.offer.create({ data: { requestId: request.id, providerId: p.id, price: 100, message: "m", status: "rejected" } }); // keeps "Gone"
  // Soft-deleted users: one erased, one with an unpaid invoice kept, one too recent.
  await createUser(t.db, { fullName: "Left long ago", deletedAt: ago(95) });
  const owes = await createUser(t.db, { fullName: "Still owes", deletedAt: ago(95) });
  await t.db.invoice.create({ data: { number: `NWF-R-${owes.id}`, userId: owes.id, status: "issued", purpose: "extra", total: 100 } });
  await createUser(t.db, { fullName: "Left last week", deletedAt: ago(7) });
  return { image, exportFile };
}

describe("retention rules", () => {
  it("should touch in each rule's run exactly what its dry run counted, never protected or young rows, and write it to the audit trail", async () => {
    const { image, exportFile } = await seedEveryTarget();
    const expected: Record<string, [count: number, protectedCount: number]> = {
      "otp.used": [2, 0],
      "session.expired": [1, 0],
      "rate_limit.expired": [1, 0],
      "notification.delivered": [1, 1],
      "webhook_event.payload": [1, 1],
      "data_export.file": [1, 0],
      "login_attempt.old": [1, 0],
      "idempotency_key.old": [1, 0],
      "soft_deleted.ProviderService": [1, 1],
      "soft_deleted.ProviderPortfolioItem": [1, 0],
      "soft_deleted.ServiceRequest": [1, 1],
      "soft_deleted.User": [1, 1],
    };
    const mismatches: string[] = [];
    for (const target of RETENTION_TARGETS) {
      const r = await rule(target.key);
      const dry = await dryRunRule(deps, r.id);
      const [count, prot] = expected[target.key] ?? [0, 0];
      if (dry.count !== count || dry.protectedCount !== prot) mismatches.push(`${target.key} dry run ${dry.count}/${dry.protectedCount}, expected ${count}/${prot}`);
      const run = await runRule(deps, ctx, r.id, { batchSize: 1 });
      if (run.affected !== dry.count) mismatches.push(`${target.key} ran ${run.affected}, dry run said ${dry.count}`);
      const after = await dryRunRule(deps, r.id);
      if (after.count !== 0 || after.protectedCount !== prot) mismatches.push(`${target.key} left ${after.count}/${after.protectedCount}`);
      const audit = await t.db.auditLog.findFirst({ where: { action: "retention.run", entityId: String(r.id) }, orderBy: { id: "desc" } });
      if ((audit?.changes as { _meta?: { affected?: number } } | null)?._meta?.affected !== run.affected) mismatches.push(`${target.key} audit row missing or wrong`);
      expect(await rule(target.key)).toMatchObject({ lastAffectedCount: run.affected, lastRunAt: clock() });
    }
    expect(mismatches).toEqual([]);

    expect(await t.db.otp.count()).toBe(1);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: "evt_old" } })).payload).toEqual({});
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: "evt_open" } })).payload).not.toEqual({});
    expect(await t.db.notificationDelivery.count({ where: { status: "sent" } })).toBe(0);
    await expect(readFile(path.join(uploads, image))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFile(path.join(uploads, exportFile))).rejects.toMatchObject({ code: "ENOENT" });
    const erased = await t.db.user.findFirstOrThrow({ where: { accountDeletions: { some: { status: "completed", source: "retention" } } } });
    expect(erased.fullName).toMatch(/^deleted-/);
    expect(await t.db.user.count({ where: { fullName: { in: ["Still owes", "Left last week"] } } })).toBe(2);
  });

  it("should archive old rows to storage as JSON lines before removing them", async () => {
    const r = await rule("login_attempt.old");
    await t.db.dataRetentionRule.update({ where: { id: r.id }, data: { action: "archive" } });
    await t.db.loginAttempt.createMany({ data: [{ email: "x@staff.test", ip: "10.0.0.9", succeeded: false, createdAt: ago(120) }, { email: "y@staff.test", ip: "10.0.0.9", succeeded: false, createdAt: ago(130) }] });
    expect((await dryRunRule(deps, r.id)).count).toBe(2);
    const run = await runRule(deps, ctx, r.id);
    expect(run).toMatchObject({ affected: 2, batches: 1 });
    const lines = (await readFile(path.join(uploads, run.archives[0]!), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.email).sort()).toEqual(["x@staff.test", "y@staff.test"]);
    expect(await t.db.loginAttempt.count({ where: { createdAt: { lt: ago(90) } } })).toBe(0);
  });

  it("should work through 20,000 rows in batches of short transactions that never block a concurrent writer", async () => {
    await t.db.otp.deleteMany({});
    const n = 20_000;
    await t.db.$executeRawUnsafe(`INSERT INTO accounts_otp (phone, code_hash, expires_at, created_at) SELECT '+9665' || lpad(g::text, 8, '0'), 'x', $1::timestamptz - (g || ' seconds')::interval, $1::timestamptz FROM generate_series(1, ${n}) g`, ago(2));
    await t.db.otp.create({ data: { phone: "+966599999999", codeHash: "x", expiresAt: ago(0) } });
    const r = await rule("otp.used");
    expect((await dryRunRule(deps, r.id)).count).toBe(n);

    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    await other.query("SET lock_timeout = '200ms'");
    let blocked = 0;
    const started = Date.now();
    const run = await runRule(deps, ctx, r.id, {
      batchSize: 1000,
      onBatch: async () => {
        // Between batches a writer touches a row the run has not reached yet: it never waits for a lock.
        const res = await other.query("UPDATE accounts_otp SET attempts = attempts + 1 WHERE id = (SELECT max(id) FROM accounts_otp WHERE phone <> '+966599999999') RETURNING id").catch(() => (blocked++, null));
        if (res && res.rowCount !== 1 && (await t.db.otp.count()) > 1) blocked++;
      },
    });
    await other.end();
    expect(run).toMatchObject({ affected: n, batches: 20, largestBatch: 1000 });
    expect(blocked).toBe(0);
    expect(await t.db.otp.count()).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("should run every active rule from the nightly entry point and report a rule it cannot run", async () => {
    await t.db.dataRetentionRule.create({ data: { key: "legacy.unknown", entity: "AuditLog", retentionDays: 10, action: "archive" } });
    await t.db.dataRetentionRule.updateMany({ where: { key: "otp.used" }, data: { isActive: false } });
    const r = await runRetention(deps, ctx);
    expect(r.skipped).toEqual([{ key: "legacy.unknown", problem: "RETENTION_UNKNOWN_TARGET" }]);
    expect(r.runs.map((x) => x.key)).not.toContain("otp.used");
    expect(r.runs).toHaveLength(RETENTION_TARGETS.length - 1);
  });
});
