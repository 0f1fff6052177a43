/** The wallet ledger against real PostgreSQL: sums equal balances, no overdraft under concurrency, holds and returns, paying invoices from the wallet. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { createProvider, createStaff, createUser } from "../../support/factories.js";
import * as wallet from "../../../src/domains/wallet/index.js";
import * as billing from "../../../src/domains/billing/index.js";
import type { Ctx } from "../../../src/platform/context.js";
import { DomainError } from "../../../src/platform/errors.js";

let t: TestDatabase;
const system: Ctx = { actor: { type: "system", label: "test" } };

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const balanceOf = async (userId: number) => (await t.db.wallet.findUnique({ where: { userId } }))?.balance ?? 0;
const ledgerOf = async (userId: number) => (await t.db.walletTransaction.aggregate({ where: { wallet: { userId } }, _sum: { amount: true } }))._sum.amount ?? 0;

describe("wallet ledger", () => {
  it("should keep the ledger sum equal to the balance after a randomized sequence of credits, debits, refunds, holds and releases", async () => {
    const u = await createUser(t.db);
    let expected = 0;
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60; i++) {
      const amount = 1 + Math.floor(rnd() * 5000);
      const kind = (["credit", "debit", "refund", "hold", "release"] as const)[Math.floor(rnd() * 5)]!;
      const out = kind === "debit" || kind === "hold";
      try {
        await t.db.$transaction((tx) => wallet.moveInTx(t, system, tx, { userId: u.id, amount, kind, reference: `test:${i}` }));
        expected += out ? -amount : amount;
      } catch (err) {
        expect(out && expected - amount < 0).toBe(true);
        expect((err as DomainError).code).toBe("WALLET_INSUFFICIENT_BALANCE");
      }
      expect(await balanceOf(u.id)).toBe(expected);
    }
    expect(await ledgerOf(u.id)).toBe(expected);
    const last = await t.db.walletTransaction.findFirstOrThrow({ where: { wallet: { userId: u.id } }, orderBy: { id: "desc" } });
    expect(last.balanceAfter).toBe(expected);
    expect(await wallet.walletsOutOfBalance(t.db)).toEqual([]);
  });

  it("should never overdraw when many debits run in parallel", async () => {
    const u = await createUser(t.db);
    await wallet.creditWallet(t, system, { userId: u.id, amount: 1_000 });
    const results = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => wallet.debitWallet(t, system, { userId: u.id, amount: 100, reference: `p:${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of results) if (r.status === "rejected") expect((r.reason as DomainError).code).toBe("WALLET_INSUFFICIENT_BALANCE");
    expect(await balanceOf(u.id)).toBe(0);
    expect(await ledgerOf(u.id)).toBe(0);
    const rows = await t.db.walletTransaction.findMany({ where: { wallet: { userId: u.id } }, orderBy: { id: "asc" } });
    expect(rows.every((r) => r.balanceAfter >= 0)).toBe(true);
  });

  it("should refuse a goodwill credit from anyone but staff, and to a staff account", async () => {
    const u = await createUser(t.db);
    const staff = await createStaff(t.db, "support", "a-long-test-password");
    await expect(wallet.grantGoodwillCredit(t, { actor: { type: "client", id: u.id } }, { userId: u.id, amount: 100, reason: "because" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(wallet.grantGoodwillCredit(t, { actor: { type: "staff", id: staff.id }, reauthenticatedAt: new Date() }, { userId: staff.id, amount: 100, reason: "because" })).rejects.toMatchObject({ code: "WALLET_OWNER_INVALID" });
    const row = await wallet.grantGoodwillCredit(t, { actor: { type: "staff", id: staff.id }, reauthenticatedAt: new Date() }, { userId: u.id, amount: 2_500, reason: "late technician" });
    expect(row).toMatchObject({ amount: 2_500, kind: "credit", actorId: staff.id, note: "late technician" });
  });
});

describe("paying an invoice from the wallet", () => {
  async function issuedInvoice(userId: number, unitAmount: number) {
    return t.db.$transaction((tx) => billing.createInvoiceInTx(t, system, tx, { userId, purpose: "extra", lines: [{ descriptionAr: "خدمة", descriptionEn: "Service", quantity: 1, unitAmount }] }));
  }

  it("should pay part, reduce what is due, then pay the rest and settle the invoice", async () => {
    const u = await createUser(t.db);
    const ctx: Ctx = { actor: { type: "client", id: u.id } };
    await wallet.creditWallet(t, system, { userId: u.id, amount: 20_000 });
    const inv = await issuedInvoice(u.id, 10_000); // total 11,500 with VAT
    const part = await billing.payInvoiceFromWallet(t, ctx, inv.id, { amount: 5_000 });
    expect(part.invoice).toMatchObject({ status: "issued", amountPaid: 5_000 });
    expect(part.walletBalance).toBe(15_000);
    await expect(billing.payInvoiceFromWallet(t, ctx, inv.id, { amount: 7_000 })).rejects.toMatchObject({ code: "WALLET_PAYMENT_TOO_LARGE" });
    const rest = await billing.payInvoiceFromWallet(t, ctx, inv.id);
    expect(rest.invoice).toMatchObject({ status: "paid", amountPaid: inv.total });
    expect(await balanceOf(u.id)).toBe(20_000 - inv.total);
    expect(await ledgerOf(u.id)).toBe(20_000 - inv.total);
    const attempts = await t.db.paymentAttempt.findMany({ where: { invoiceId: inv.id } });
    expect(attempts.map((a) => [a.provider, a.status, a.amount])).toEqual([["wallet", "succeeded", 5_000], ["wallet", "succeeded", inv.total - 5_000]]);
  });

  it("should refuse more than the wallet holds and change nothing, and hide other people's invoices", async () => {
    const u = await createUser(t.db);
    const other = await createUser(t.db);
    await wallet.creditWallet(t, system, { userId: u.id, amount: 1_000 });
    const inv = await issuedInvoice(u.id, 10_000);
    await expect(billing.payInvoiceFromWallet(t, { actor: { type: "client", id: u.id } }, inv.id)).rejects.toMatchObject({ code: "WALLET_INSUFFICIENT_BALANCE" });
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: inv.id } })).amountPaid).toBe(0);
    expect(await t.db.paymentAttempt.count({ where: { invoiceId: inv.id } })).toBe(0);
    await expect(billing.payInvoiceFromWallet(t, { actor: { type: "client", id: other.id } }, inv.id, { amount: 100 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("payout holds", () => {
  it("should hold at request, release on rejection, and return a failed payout to the wallet", async () => {
    const p = await createProvider(t.db);
    const finance = await createStaff(t.db, "finance", "a-long-test-password");
    const pctx: Ctx = { actor: { type: "provider", id: p.user.id } };
    const fctx: Ctx = { actor: { type: "staff", id: finance.id }, reauthenticatedAt: new Date() };
    await t.db.withdrawMethod.upsert({ where: { type: "bank_transfer" }, create: { type: "bank_transfer", nameAr: "تحويل بنكي", nameEn: "Bank transfer", minAmount: 10_000, maxAmount: 5_000_000, isEnabled: true }, update: {} });
    await wallet.creditWallet(t, system, { userId: p.user.id, amount: 100_000 });
    await expect(wallet.addPayoutAccount(t, pctx, { method: "bank_transfer", iban: "SA03 8000 0000 6080 1016 7518", accountName: "Shop" })).rejects.toMatchObject({ details: { fields: { iban: "IBAN_CHECKSUM" } } });
    const account = await wallet.addPayoutAccount(t, pctx, { method: "bank_transfer", iban: "SA03 8000 0000 6080 1016 7519", accountName: "Shop LLC" });
    expect(account.iban).toBe("SA0380000000608010167519");
    await expect(wallet.requestPayout(t, pctx, { accountId: account.id, amount: 5_000 })).rejects.toMatchObject({ code: "PAYOUT_AMOUNT_OUT_OF_RANGE" });
    await expect(wallet.requestPayout(t, pctx, { accountId: account.id, amount: 200_000 })).rejects.toMatchObject({ code: "WALLET_INSUFFICIENT_BALANCE" });
    expect(await t.db.payout.count({ where: { userId: p.user.id } })).toBe(0);

    const a = await wallet.requestPayout(t, pctx, { accountId: account.id, amount: 60_000 });
    expect(await balanceOf(p.user.id)).toBe(40_000);
    await expect(wallet.requestPayout(t, pctx, { accountId: account.id, amount: 50_000 })).rejects.toMatchObject({ code: "WALLET_INSUFFICIENT_BALANCE" });
    await wallet.rejectPayout(t, fctx, a.id, "name does not match");
    expect(await balanceOf(p.user.id)).toBe(100_000);

    const b = await wallet.requestPayout(t, pctx, { accountId: account.id, amount: 70_000 });
    await wallet.approvePayout(t, fctx, b.id);
    const paid = await wallet.markPayoutPaid(t, fctx, b.id, { reference: "TRF-1001" });
    expect(paid).toMatchObject({ status: "paid", transferReference: "TRF-1001", approvedById: finance.id });
    expect(await balanceOf(p.user.id)).toBe(30_000);
    await expect(wallet.rejectPayout(t, fctx, b.id, "too late")).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await wallet.markPayoutFailed(t, fctx, b.id, "account closed at the bank");
    expect(await balanceOf(p.user.id)).toBe(100_000);
    expect(await ledgerOf(p.user.id)).toBe(100_000);
    const kinds = (await t.db.walletTransaction.findMany({ where: { wallet: { userId: p.user.id } }, orderBy: { id: "asc" } })).map((r) => `${r.kind}:${r.amount}`);
    expect(kinds).toEqual(["credit:100000", "hold:-60000", "release:60000", "hold:-70000", "release:70000"]);
  });
});
