/**
 * The demo seed against a real database: created once (marker + advisory lock), the seven staff
 * with their roles, every request status reached through the domain commands, consistent
 * derived numbers, DEMO_PASSWORD handling and concurrent first starts.
 */
import { walletsOutOfBalance } from "../../src/domains/wallet/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PromoRequestStatus, ServiceRequestStatus } from "@prisma/client";
import { DEMO_MARKER_KEY, seedDemoData, type SeedResult } from "../../prisma/seed/index.js";
import { verifyPassword } from "../../src/domains/backoffice/passwords.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { parseSetting } from "../../src/domains/backoffice/settings.js";
import { invoicePdf } from "../../src/domains/billing/invoice-document.service.js";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { diskStorage, type Storage } from "../../src/platform/storage.js";

const PASSWORD = "demo-pass-Secret-42";
const STAFF_ROLES: Record<string, string> = {
  "admin@example.com": "admin",
  "support@example.com": "support",
  "verification@example.com": "verification",
  "finance@example.com": "finance",
  "finance2@example.com": "finance",
  "content@example.com": "content",
  "management@example.com": "management",
};

async function mainCounts(t: TestDatabase) {
  return {
    users: await t.db.user.count(),
    requests: await t.db.serviceRequest.count(),
    offers: await t.db.offer.count(),
    invoices: await t.db.invoice.count(),
    statusLogs: await t.db.requestStatusLog.count(),
    tickets: await t.db.supportTicket.count(),
  };
}

describe("demo seed with DEMO_PASSWORD", () => {
  let t: TestDatabase;
  let first: SeedResult;
  let second: SeedResult;
  let before: Awaited<ReturnType<typeof mainCounts>>;

  let storage: Storage;
  let uploads: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    uploads = await mkdtemp(path.join(tmpdir(), "demo-uploads-"));
    storage = diskStorage(uploads);
    first = await seedDemoData(t, { password: PASSWORD, storage });
    before = await mainCounts(t);
    second = await seedDemoData(t, { password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await rm(uploads, { recursive: true, force: true });
  });

  it("should write every verification document and promotion image as a real file whose bytes match its row", async () => {
    const versions = await t.db.verificationDocumentVersion.findMany();
    expect(versions.length).toBeGreaterThanOrEqual(8);
    const mimes = new Set<string>();
    for (const v of versions) {
      const bytes = await storage.read(v.storageKey);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(v.sha256);
      expect(bytes.length).toBe(v.sizeBytes);
      expect((await fileTypeFromBuffer(bytes))?.mime).toBe(v.mimeType);
      mimes.add(v.mimeType);
    }
    expect([...mimes].sort()).toEqual(["application/pdf", "image/png"]);
    // Promotion images too: real PNGs at the pixel size their rows state.
    const images = await t.db.promoAsset.findMany({ where: { kind: "image" } });
    expect(images.length).toBeGreaterThan(0);
    for (const a of images) {
      const bytes = await storage.read(a.storageKey!);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(a.sha256);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([a.widthPx, a.heightPx]);
    }
    expect(await t.db.verificationRequest.count({ where: { status: "in_review", queuedAt: null } })).toBe(0);
  });

  it("should create the data on the first run and nothing on the second", async () => {
    expect(first).toMatchObject({ created: true, passwordSource: "DEMO_PASSWORD" });
    expect(first.generatedPassword).toBeUndefined();
    expect(second).toMatchObject({ created: false, passwordSource: "DEMO_PASSWORD" });
    expect(first.staffEmails).toEqual(Object.keys(STAFF_ROLES));
    expect(await mainCounts(t)).toEqual(before);
    expect(before.requests).toBeGreaterThanOrEqual(55);
    expect(before.offers).toBeGreaterThan(before.requests);
    const marker = await t.db.setting.findUniqueOrThrow({ where: { key: DEMO_MARKER_KEY } });
    expect(marker.value).toMatchObject({ version: expect.any(Number), seededAt: expect.any(String) });
  });

  it("should create the seven staff users (two in finance, for four eyes) with the matching roles and a hash of the given password", async () => {
    const staff = await t.db.user.findMany({ where: { email: { in: Object.keys(STAFF_ROLES) } }, include: { accessProfile: true } });
    expect(staff).toHaveLength(7);
    for (const u of staff) {
      expect(u.userType).toBe("staff");
      expect(u.accessProfile?.role).toBe(STAFF_ROLES[u.email!]);
    }
    expect(new Set(staff.map((u) => u.accessProfile?.language))).toEqual(new Set(["ar", "en"]));
    const admin = staff.find((u) => u.email === "admin@example.com")!;
    expect(await verifyPassword(admin.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(admin.passwordHash, "not-the-password")).toBe(false);
  });

  it("should keep every demo wallet's ledger equal to its balance, with open payouts held and rejected ones released", async () => {
    expect(await walletsOutOfBalance(t.db)).toEqual([]);
    for (const p of await t.db.payout.findMany({ where: { status: { in: ["pending", "approved", "processing", "paid"] } } })) {
      expect(await t.db.walletTransaction.count({ where: { reference: `payout:${p.id}`, kind: "hold", amount: -p.amount } }), `payout ${p.id}`).toBe(1);
    }
  });

  it("should have at least one request in every status, each with a status history, audit rows and events", async () => {
    const groups = await t.db.serviceRequest.groupBy({ by: ["status"], _count: { _all: true } });
    const seen = new Set(groups.map((g) => g.status));
    for (const status of Object.values(ServiceRequestStatus)) expect(seen, `status ${status}`).toContain(status);
    expect(await t.db.serviceRequest.count({ where: { statusLogs: { none: {} } } })).toBe(0);
    const offerStatuses = new Set((await t.db.offer.groupBy({ by: ["status"] })).map((g) => g.status));
    expect(offerStatuses).toEqual(new Set(["pending", "accepted", "rejected", "withdrawn"]));
    expect(await t.db.auditLog.count({ where: { action: "request.create" } })).toBe(before.requests);
    expect(await t.db.eventLog.count({ where: { name: "marketplace.request.created" } })).toBe(before.requests);
    // Back-dated over the last 90 days.
    const oldest = await t.db.serviceRequest.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(Date.now() - oldest.createdAt.getTime()).toBeGreaterThan(30 * 86_400_000);
    expect(Date.now() - oldest.createdAt.getTime()).toBeLessThan(91 * 86_400_000);
  });

  it("should put reviews only on completed requests and keep provider ratings in step with them", async () => {
    expect(await t.db.review.count()).toBeGreaterThan(0);
    expect(await t.db.review.count({ where: { request: { status: { not: "completed" } } } })).toBe(0);
    const profiles = await t.db.providerProfile.findMany({ include: { reviews: true } });
    for (const p of profiles) {
      const visible = p.reviews.filter((r) => !r.isHidden && !r.deletedAt);
      expect(p.ratingCount).toBe(visible.length);
      const avg = visible.length ? Math.round((visible.reduce((s, r) => s + r.rating, 0) / visible.length) * 100) : 0;
      expect(p.ratingAvg).toBe(avg);
    }
  });

  it("should carry Nawafeth as a valid seller, so every demo invoice prints a real one, and only settings the registry accepts", async () => {
    const seller = await t.db.setting.findUniqueOrThrow({ where: { key: "seller" } });
    expect(parseSetting("seller", seller.value)).toMatchObject({ ok: true });
    expect(seller.value).toMatchObject({ nameAr: expect.stringContaining("نوافذ"), nameEn: expect.stringContaining("Nawafeth"), vatNumber: expect.stringMatching(/^3\d{13}3$/), address: { en: { city: "Riyadh" }, ar: { city: "الرياض" } } });
    expect((seller.value as { vatNumber: string }).vatNumber).not.toBe("300000000000003");
    const problems = (await t.db.setting.findMany({ where: { key: { not: DEMO_MARKER_KEY } } }))
      .map((s) => ({ key: s.key, result: parseSetting(s.key, s.value) }))
      .filter((r) => !r.result.ok);
    expect(problems).toEqual([]);
    const issued = await t.db.invoice.findFirstOrThrow({ where: { status: "paid" } });
    const { pdf } = await invoicePdf(t, issued.id, "en");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("should keep invoice amounts consistent (VAT on subtotal minus discount, paid means fully paid)", async () => {
    const invoices = await t.db.invoice.findMany({ include: { lines: true } });
    expect(invoices.some((i) => i.status === "paid") && invoices.some((i) => i.status === "issued") && invoices.some((i) => i.status === "void")).toBe(true);
    for (const i of invoices) {
      expect(i.number).toMatch(/^NWF-\d{4}-\d{6}$/);
      expect(i.subtotal).toBe(i.lines.reduce((s, l) => s + l.amount, 0));
      expect(i.vat).toBe(Math.round(((i.subtotal - i.discount) * i.vatRateBp) / 10_000));
      expect(i.total).toBe(i.subtotal - i.discount + i.vat);
      if (i.status === "paid") expect(i).toMatchObject({ amountPaid: i.total, paidAt: expect.any(Date) });
      if (i.status === "issued") expect(i.amountPaid).toBe(0);
    }
    const sub = await t.db.subscription.findFirstOrThrow({ where: { status: "active" }, include: { invoice: true } });
    expect(sub.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    expect(sub.invoice?.status).toBe("paid");
    // Every subscription invoice names the subscription it bills; the reconciliation run's totals have the domain's shape.
    expect(await t.db.invoice.count({ where: { purpose: "subscription", subscriptionId: null } })).toBe(0);
    const run = await t.db.reconciliationRun.findFirstOrThrow({ include: { items: true } });
    const totals = run.totals as { stripe: { count: number }; local: { count: number }; matched: { count: number }; byKind: Record<string, { count: number }> };
    expect(Object.values(totals.byKind).reduce((n, k) => n + k.count, 0)).toBe(run.items.length);
    expect(totals.stripe.count - totals.matched.count).toBe(run.items.length);
  });

  it("should have a promotion in every status, priced and targeted as the workflow would, with a status history", async () => {
    const rows = await t.db.promoRequest.findMany({ include: { statusLogs: { orderBy: { id: "asc" } }, assets: true, invoice: true } });
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(Object.values(PromoRequestStatus)));
    const now = Date.now();
    for (const r of rows) {
      expect(r.statusLogs.map((l) => l.toStatus)[0]).toBe("draft");
      expect(r.statusLogs.at(-1)!.toStatus).toBe(r.status);
      if (r.placement === "category_top") expect(r.targetSubcategoryId).not.toBeNull();
      expect(r.assets.filter((a) => !a.removedAt).length).toBeGreaterThan(0);
      if (r.status !== "draft") expect(r).toMatchObject({ amount: r.days! * r.dailyRate!, invoice: { subtotal: r.amount } });
      if (r.status === "live") expect(r.startsAt.getTime() <= now && r.endsAt.getTime() > now).toBe(true);
      if (r.status === "approved") expect(r.startsAt.getTime()).toBeGreaterThan(now);
    }
  });

  it("should replace the demo staff password when DEMO_PASSWORD changes on an existing database", async () => {
    const r = await seedDemoData(t, { password: "a-new-Demo-pass-7" });
    expect(r).toMatchObject({ created: false, passwordSource: "DEMO_PASSWORD" });
    const support = await t.db.user.findUniqueOrThrow({ where: { email: "support@example.com" } });
    expect(await verifyPassword(support.passwordHash, "a-new-Demo-pass-7")).toBe(true);
    expect(await verifyPassword(support.passwordHash, PASSWORD)).toBe(false);
    expect(await mainCounts(t)).toEqual(before);
  }, 30_000);
});

describe("demo seed without DEMO_PASSWORD", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.close());

  it("should generate one readable password, return it once and seed only once when two processes start together", async () => {
    const results = await Promise.all([seedDemoData(t, {}), seedDemoData(t, {})]);
    const created = results.filter((r) => r.created);
    const skipped = results.filter((r) => !r.created);
    expect(created).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    const { generatedPassword, passwordSource } = created[0]!;
    expect(generatedPassword).toMatch(/^[A-Za-z0-9-]{16,}$/);
    expect(passwordSource).toContain(generatedPassword!);
    expect(passwordSource).toContain("DEMO_PASSWORD");
    expect(skipped[0]!.generatedPassword).toBeUndefined();
    expect(skipped[0]!.passwordSource).toMatch(/printed at first start/);

    const staff = await t.db.user.findMany({ where: { userType: "staff" } });
    expect(staff).toHaveLength(7);
    for (const u of staff) expect(await verifyPassword(u.passwordHash, generatedPassword!)).toBe(true);
    const requests = await t.db.serviceRequest.count();
    expect(requests).toBeGreaterThanOrEqual(55);
    expect(await t.db.setting.count({ where: { key: DEMO_MARKER_KEY } })).toBe(1);
  }, 120_000);
});

describe("demo seed failure", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.close());

  it("should roll back everything it wrote when a step fails", async () => {
    // A category that already uses a demo slug makes the catalog step fail half-way through.
    await t.db.category.create({ data: { nameAr: "سباكة", nameEn: "Plumbing", slug: "cleaning" } });
    await expect(seedDemoData(t, { password: PASSWORD })).rejects.toThrow(/rolled back/);
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.category.count()).toBe(1);
    expect(await t.db.setting.count()).toBe(0);
  }, 60_000);
});
