/**
 * Deleting an account from the app, on a clock the test moves: confirmed with a fresh code, refused
 * while obligations are open, tokens revoked and the profile hidden at once, cancelled by signing in
 * again within the grace period, and after it every table and file is searched for the person's
 * marker and phone: only the columns the personal-data registry keeps on purpose may still hold
 * them, while invoices, payments and the audit trail stay under a pseudonym. Staff erase now and
 * legal holds are checked too.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, testPhone, type RunningApi } from "../../support/api-client.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../../support/factories.js";
import { fillAccount, newMarker, textColumns, whereFound, type FixtureAccount } from "../../support/privacy-fixture.js";
import { manualClock } from "../../../src/platform/clock.js";
import { diskStorage, type Storage } from "../../../src/platform/storage.js";
import { loadFullDmmf } from "../../../admin/dmmf.js";
import { erasedColumns, keptColumns } from "../../../src/platform/personal-data.js";
import * as accounts from "../../../src/domains/accounts/index.js";
import { runErasureJob } from "../../../jobs/privacy.job.js";
import { logger } from "../../../src/platform/logger.js";

const DAY = 24 * 3600_000;
let t: TestDatabase;
let app: RunningApi;
let uploads: string;
let storage: Storage;
const clock = manualClock();
let deps: TestDatabase & { storage: Storage; clock: typeof clock };
let staff: User;
let subId: number;
const log = logger("silent");

beforeAll(async () => {
  t = await createTestDatabase();
  uploads = await mkdtemp(path.join(tmpdir(), "privacy-deletion-"));
  storage = diskStorage(uploads);
  app = await startApi(t, { UPLOADS_DIR: uploads, API_RATE_LIMIT_PER_MINUTE: "100000" }, { clock });
  deps = { ...t, storage, clock };
  staff = await createStaff(t.db, "admin", "privacy-admin-pw");
  subId = (await createSubcategory(t.db)).id;
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await rm(uploads, { recursive: true, force: true });
});

/** Signs a new app user in through the API and fills every table for them. */
async function account(who: string, other?: { userId: number; providerId: number }) {
  const login = await app.login(testPhone());
  await t.db.otp.deleteMany({ where: { phone: login.phone } });
  const p = other ? undefined : await createProvider(t.db);
  const counterpart: { userId: number; providerId: number } = other ?? { userId: p!.userId, providerId: p!.id };
  const marker = newMarker(who);
  const filled = await fillAccount(t.db, storage, { userId: login.user.id, phone: login.phone, marker }, counterpart, staff.id, subId);
  return { ...filled, token: login.token };
}

async function deletionCode(token: string, phone: string): Promise<string> {
  const r = await app.api.call("POST", "/me/delete/code", { token });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return /(\d{6})/.exec(app.sms.lastTo(phone)!.text)![1]!;
}

const exists = (key: string) => stat(path.join(uploads, key)).then(() => true, () => false);

/** table.column of every column the registry keeps on purpose (they may hold the marker). */
async function keptDbColumns(): Promise<Set<string>> {
  const models = (await loadFullDmmf()).datamodel.models;
  const out = new Set<string>();
  for (const k of keptColumns()) {
    const m = models.find((x) => x.name === k.model)!;
    const f = m.fields.find((x) => x.name === k.field)!;
    out.add(`${m.dbName ?? m.name}.${f.dbName ?? f.name}`);
  }
  return out;
}

describe("deleting an account", () => {
  let a: FixtureAccount & { token: string };
  let b: FixtureAccount & { token: string };

  beforeAll(async () => {
    b = await account("B");
    a = await account("A", { userId: b.userId, providerId: b.providerId });
  });

  it("should hold the person's marker in every column the registry says erasure clears (the fixture covers them all)", async () => {
    const models = (await loadFullDmmf()).datamodel.models;
    const missing: string[] = [];
    for (const c of erasedColumns().filter((c) => c.treatment === "erase" || c.treatment === "pseudonym")) {
      const m = models.find((x) => x.name === c.model)!;
      const f = m.fields.find((x) => x.name === c.field)!;
      const found = await whereFound(t.db, [a.marker, a.phone], [{ table: m.dbName ?? m.name, column: f.dbName ?? f.name }]);
      if (!found.length) missing.push(`${c.model}.${c.field}`);
    }
    expect(missing).toEqual([]);
  });

  it("should refuse a wrong code and keep the account", async () => {
    await deletionCode(a.token, a.phone);
    const r = await app.api.call("POST", "/me/delete", { token: a.token, body: { code: "000000" } });
    expect([401, 429]).toContain(r.status);
    expect((await app.api.call("GET", "/me", { token: a.token })).status).toBe(200);
  });

  it("should revoke every token and hide the profile at once, and erase nothing before the grace period ends", async () => {
    const before = await app.api.call("GET", `/providers/${a.providerId}`);
    expect(before.status).toBe(200);
    const code = await deletionCode(a.token, a.phone);
    const r = await app.api.call("POST", "/me/delete", { token: a.token, body: { code } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.status).toBe("pending");
    expect(new Date(r.body.erase_after).getTime() - clock().getTime()).toBe(14 * DAY);
    expect((await app.api.call("GET", "/me", { token: a.token })).status).toBe(401);
    expect((await app.api.call("GET", `/providers/${a.providerId}`)).status).toBe(404);
    expect(await t.db.apiToken.count({ where: { userId: a.userId, revokedAt: null } })).toBe(0);

    clock.advance(13 * DAY);
    expect(await runErasureJob(deps, log)).toEqual({ completed: 0, blocked: 0 });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.userId } })).phone).toBe(a.phone);
  });

  it("should erase the person from every table and file after the grace period, keeping invoices, payouts and the audit trail under the pseudonym", async () => {
    clock.advance(1 * DAY + 60_000);
    expect(await runErasureJob(deps, log)).toEqual({ completed: 1, blocked: 0 });
    const deletion = await t.db.accountDeletion.findFirstOrThrow({ where: { userId: a.userId } });
    expect(deletion).toMatchObject({ status: "completed", blockedReason: null });

    // Nowhere but in the columns kept on purpose (a review's words stay, with an anonymous author).
    const kept = await keptDbColumns();
    const columns = (await textColumns(t.db)).filter((c) => !kept.has(`${c.table}.${c.column}`));
    expect(await whereFound(t.db, [a.marker, a.phone], columns)).toEqual([]);
    expect(await whereFound(t.db, [a.marker, a.phone])).toEqual(["reviews_review.comment"]);
    for (const key of a.files) expect(await exists(key), key).toBe(false);

    // What the books need stays, pointing at the pseudonymised user.
    const user = await t.db.user.findUniqueOrThrow({ where: { id: a.userId } });
    expect(user).toMatchObject({ phone: null, email: null, city: null, fullName: deletion.pseudonym, isActive: false });
    expect(deletion.pseudonym).toMatch(/^deleted-[0-9a-f]{16}$/);
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: a.invoiceId } })).toMatchObject({ userId: a.userId, status: "paid", total: 1150 });
    expect(await t.db.paymentAttempt.findFirstOrThrow({ where: { invoiceId: a.invoiceId } })).toMatchObject({ providerPaymentId: a.paymentIntent, amount: 1150, raw: null });
    expect(await t.db.webhookEvent.findFirstOrThrow({ where: { eventId: a.webhookEventId } })).toMatchObject({ status: "processed", payload: {} });
    expect(await t.db.payout.findFirstOrThrow({ where: { userId: a.userId } })).toMatchObject({ receiver: deletion.pseudonym, amount: 5000 });
    const review = await t.db.review.findFirstOrThrow({ where: { clientId: a.userId } });
    expect(review.comment).toContain(a.marker);
    expect(await t.db.auditLog.count({ where: { actorId: a.userId } })).toBeGreaterThan(0);
    expect(await t.db.auditLog.findFirst({ where: { action: "account.erased", entityId: String(deletion.id) } })).not.toBeNull();
    // The other person's own data is untouched; their notification about the erased person is reworded.
    expect(await whereFound(t.db, [b.marker], columns)).toContain("messaging_message.body");
    for (const key of b.files) expect(await exists(key), key).toBe(true);
    expect((await t.db.notification.findFirstOrThrow({ where: { userId: b.userId, eventId: { not: null } } })).titleEn).toBe(accounts.ERASED_NOTIFICATION.titleEn);
  });

  it("should let the same phone sign up again as a new, empty account", async () => {
    const again = await app.login(a.phone);
    expect(again.user.id).not.toBe(a.userId);
    expect(again.user.full_name).toBe("");
  });
});

describe("obligations and the grace period", () => {
  it("should refuse with a clear code while a request, an unpaid invoice, a wallet balance, a pending payout or a dispute is open", async () => {
    const login = await app.login(testPhone());
    const id = login.user.id as number;
    const refusal = async () => {
      const code = await deletionCode(login.token, login.phone);
      const r = await app.api.call("POST", "/me/delete", { token: login.token, body: { code } });
      await t.db.otp.deleteMany({ where: { phone: login.phone } });
      return r;
    };
    const request = await t.db.serviceRequest.create({ data: { title: "Open", description: "Still open", subcategoryId: subId, clientId: id, city: "Riyadh" } });
    expect((await app.api.call("GET", "/me/deletion", { token: login.token })).body).toEqual({ blockers: ["open_requests"], grace_days: 14 });
    let r = await refusal();
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("ACCOUNT_HAS_OPEN_REQUESTS");
    await t.db.serviceRequest.update({ where: { id: request.id }, data: { status: "cancelled" } });

    const invoice = await t.db.invoice.create({ data: { number: `NWF-O-${id}`, userId: id, status: "issued", purpose: "extra", total: 100 } });
    expect((r = await refusal()).body.code).toBe("ACCOUNT_HAS_UNPAID_INVOICES");
    await t.db.invoice.update({ where: { id: invoice.id }, data: { status: "void" } });

    const wallet = await t.db.wallet.create({ data: { userId: id, balance: 2500 } });
    expect((r = await refusal()).body.code).toBe("ACCOUNT_HAS_WALLET_BALANCE");
    await t.db.wallet.update({ where: { id: wallet.id }, data: { balance: 0 } });

    const method = await t.db.withdrawMethod.upsert({ where: { type: "stc_pay" }, create: { type: "stc_pay", nameAr: "STC", nameEn: "STC Pay", minAmount: 1, maxAmount: 100_000 }, update: {} });
    const payout = await t.db.payout.create({ data: { userId: id, methodId: method.id, receiver: "+966500000000", amount: 100, status: "pending" } });
    expect((r = await refusal()).body.code).toBe("ACCOUNT_HAS_PENDING_PAYOUT");
    await t.db.payout.update({ where: { id: payout.id }, data: { status: "cancelled" } });

    const dispute = await t.db.dispute.create({ data: { requestId: request.id, openedById: id, description: "Not done" } });
    expect((r = await refusal()).body.code).toBe("ACCOUNT_HAS_OPEN_DISPUTES");
    expect(r.status).toBe(409);
    await t.db.dispute.update({ where: { id: dispute.id }, data: { status: "dismissed" } });

    expect((await app.api.call("GET", "/me/deletion", { token: login.token })).body.blockers).toEqual([]);
    expect(await t.db.accountDeletion.count({ where: { userId: id } })).toBe(0);
    expect((await app.api.call("GET", "/me", { token: login.token })).status).toBe(200);
  });

  it("should cancel the deletion when the user signs in again within the grace period, and never erase it", async () => {
    const login = await app.login(testPhone());
    await app.api.call("PATCH", "/me", { token: login.token, body: { full_name: "Keeps Her Name" } });
    const code = await deletionCode(login.token, login.phone);
    expect((await app.api.call("POST", "/me/delete", { token: login.token, body: { code } })).status).toBe(202);
    clock.advance(3 * DAY);
    const back = await app.login(login.phone);
    expect(back.user.id).toBe(login.user.id);
    expect((await app.api.call("GET", "/me", { token: back.token })).body.full_name).toBe("Keeps Her Name");
    expect(await t.db.accountDeletion.findFirstOrThrow({ where: { userId: login.user.id } })).toMatchObject({ status: "cancelled", cancelledBy: "client" });
    clock.advance(30 * DAY);
    await runErasureJob(deps, log);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: login.user.id } })).toMatchObject({ fullName: "Keeps Her Name", phone: login.phone, isActive: true });
    // The audit trail recorded the name change without the name.
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.update_self", entityId: String(login.user.id) } });
    expect(audit.changes).toMatchObject({ fullName: { before: "[personal]", after: "[personal]" } });
    expect(JSON.stringify(audit.changes)).not.toContain("Keeps Her Name");
    expect(audit.actorLabel).toBeNull();
  });

  it("should wait while a legal hold covers the user, say why, and erase once it is released", async () => {
    const user = await createUser(t.db, { fullName: "Held Person" });
    const d = await t.db.accountDeletion.create({ data: { userId: user.id, eraseAfter: clock(), pseudonym: accounts.newPseudonym() } });
    const hold = await t.db.legalHold.create({ data: { userId: user.id, reason: "Court order 12/2026", placedById: staff.id } });
    expect(await accounts.eraseAccount(deps, { actor: { type: "staff", id: staff.id } }, d.id)).toEqual({ status: "blocked", reason: "legal hold" });
    expect((await t.db.accountDeletion.findUniqueOrThrow({ where: { id: d.id } })).blockedReason).toBe("legal hold");
    await t.db.legalHold.update({ where: { id: hold.id }, data: { releasedAt: clock() } });
    expect((await accounts.eraseAccount(deps, { actor: { type: "staff", id: staff.id } }, d.id)).status).toBe("completed");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe(d.pseudonym);
  });

  it("should let staff cancel a pending deletion (audited with the reason), and refuse to erase a cancelled one", async () => {
    const user = await createUser(t.db, { isActive: false });
    const d = await t.db.accountDeletion.create({ data: { userId: user.id, eraseAfter: clock(), pseudonym: accounts.newPseudonym() } });
    await accounts.cancelAccountDeletion(deps, { actor: { type: "staff", id: staff.id } }, d.id, "Asked by phone to keep it");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(true);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "AccountDeletion", entityId: String(d.id), action: "account.deletion_cancelled" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: staff.id });
    expect(JSON.stringify(audit.changes)).toContain("Asked by phone to keep it");
    await expect(accounts.eraseAccount(deps, { actor: { type: "staff", id: staff.id } }, d.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
  });
});
