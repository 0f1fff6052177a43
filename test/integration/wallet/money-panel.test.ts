/**
 * Money in the panel over HTTP: goodwill credits, the payouts queue and its bank batch, four-eyes
 * approvals (self-approval refused, nothing changed before approval, expiry), re-authentication,
 * and role refusals. One app for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../../support/billing.js";
import { createProvider, createStaff, createUser } from "../../support/factories.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import * as wallet from "../../../src/domains/wallet/index.js";
import { expireApprovals, pendingApprovalsFor } from "../../../src/domains/approvals/index.js";
import type { Ctx } from "../../../src/platform/context.js";

let t: TestDatabase;
let rig: BillingRig;
let finance: User;
let finance2: User;
let support: User;
let management: User;
let content: User;
const PASSWORD = "a-long-test-password";
const system: Ctx = { actor: { type: "system", label: "test" } };

beforeAll(async () => {
  t = await createTestDatabase();
  [finance, finance2, support, management, content] = await Promise.all([
    createStaff(t.db, "finance", PASSWORD), createStaff(t.db, "finance", PASSWORD), createStaff(t.db, "support", PASSWORD), createStaff(t.db, "management", PASSWORD), createStaff(t.db, "content", PASSWORD),
  ]);
  rig = await startBillingRig(t);
  await t.db.withdrawMethod.upsert({ where: { type: "bank_transfer" }, create: { type: "bank_transfer", nameAr: "تحويل بنكي", nameEn: "Bank transfer", minAmount: 10_000, maxAmount: 5_000_000, isEnabled: true }, update: {} });
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const act = (agent: AdminAgent, model: string, id: number, name: string, body: Record<string, unknown>) => agent.post(`/admin/api/resources/${model}/records/${id}/${name}`).send(body);
const balanceOf = async (userId: number) => (await t.db.wallet.findUnique({ where: { userId } }))?.balance ?? 0;

/** Makes the session's password stamp older than any re-auth window. */
async function ageReauth(staffId: number) {
  await t.db.$executeRaw`UPDATE session SET sess = jsonb_set(sess::jsonb, '{adminUser,reauthAt}', '0'::jsonb)::json WHERE (sess::jsonb -> 'adminUser' ->> 'id')::int = ${staffId}`;
}

describe("goodwill credits and four eyes", () => {
  it("should credit small amounts at once, and hold a large one for another staff member, refusing self-approval", async () => {
    const client = await createUser(t.db);
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    const small = await act(sup, "User", client.id, "goodwillCredit", { reason: "Late technician", creditAmount: "25" });
    expect(small.body.notice).toMatchObject({ type: "success", message: "walletCredited" });
    expect(await balanceOf(client.id)).toBe(2_500);

    // Above the default four-eyes amount for wallet credits (500 SAR): nothing changes yet.
    const big = await act(sup, "User", client.id, "goodwillCredit", { reason: "Damaged sofa during the job", creditAmount: "800" });
    expect(big.body.notice).toMatchObject({ type: "success", message: "approvalRequested" });
    expect(await balanceOf(client.id)).toBe(2_500);
    const approval = await t.db.approvalRequest.findFirstOrThrow({ where: { targetId: client.id, action: "wallet.credit" } });
    expect(approval).toMatchObject({ status: "pending", amount: 80_000, requestedById: support.id, beforeState: { balance: 2_500 }, afterState: { balance: 82_500 } });
    expect((await pendingApprovalsFor(t, "finance")).map((a) => a.id)).toContain(approval.id);
    expect((await pendingApprovalsFor(t, "content")).map((a) => a.id)).not.toContain(approval.id);
    expect((await pendingApprovalsFor(t, "support", { staffId: support.id })).map((a) => a.id)).not.toContain(approval.id);

    const self = await act(sup, "ApprovalRequest", approval.id, "approve", {});
    expect(self.body.notice.type).toBe("error");
    expect(self.body.notice.message).toMatch(/own request/);
    expect(await balanceOf(client.id)).toBe(2_500);

    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    const ok = await act(fin, "ApprovalRequest", approval.id, "approve", { decisionNote: "Photos checked" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "approvalApproved" });
    expect(await balanceOf(client.id)).toBe(82_500);
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({ status: "approved", decidedById: finance.id, decisionNote: "Photos checked" });
    const credit = await t.db.walletTransaction.findFirstOrThrow({ where: { wallet: { userId: client.id }, amount: 80_000 } });
    expect(credit.actorId).toBe(finance.id);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "ApprovalRequest", entityId: String(approval.id), action: "approval.approve" } });
    expect(audit.changes).toMatchObject({ _meta: { requestedBy: support.id, decidedBy: finance.id } });
    // Decided once.
    const again = await act(fin, "ApprovalRequest", approval.id, "approve", {});
    expect(JSON.stringify(again.body)).toMatch(/ForbiddenError|forbiddenError|already decided/);
  });

  it("should leave nothing approved when the approved action is refused as it runs: the approval fails with why, nothing else changes", async () => {
    const client = await createUser(t.db);
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    expect((await act(sup, "User", client.id, "goodwillCredit", { reason: "Broken tiles after the job", creditAmount: "900" })).body.notice.message).toBe("approvalRequested");
    const approval = await t.db.approvalRequest.findFirstOrThrow({ where: { targetId: client.id, action: "wallet.credit" } });
    // Meanwhile the account goes: the credit is refused when the approver runs it.
    await t.db.user.update({ where: { id: client.id }, data: { deletedAt: new Date() } });

    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    const res = await act(fin, "ApprovalRequest", approval.id, "approve", { decisionNote: "ok" });
    expect(res.body.notice.type).toBe("error");
    expect(await balanceOf(client.id)).toBe(0);
    expect(await t.db.walletTransaction.count({ where: { wallet: { userId: client.id } } })).toBe(0);
    const failed = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } });
    expect(failed).toMatchObject({ status: "failed", decidedById: finance.id, decisionNote: "ok" });
    expect(failed.failureReason).toMatch(/cannot hold a wallet/);
    // Approving and crediting commit together: there never was an "approved" moment to audit.
    const moves = await t.db.auditLog.findMany({ where: { entity: "ApprovalRequest", entityId: String(approval.id) }, orderBy: { id: "asc" } });
    expect(moves.map((m) => m.action)).toEqual(["approval.request", "approval.failed"]);
    expect((await act(fin, "ApprovalRequest", approval.id, "approve", {})).body.notice.type).toBe("error");
  });

  it("should reject with a note and change nothing, and expire what nobody decided", async () => {
    const client = await createUser(t.db);
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    await act(sup, "User", client.id, "goodwillCredit", { reason: "Big apology", creditAmount: "900" });
    const [a] = await t.db.approvalRequest.findMany({ where: { targetId: client.id } });
    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect((await act(fin, "ApprovalRequest", a!.id, "reject", { reason: "" })).body.notice.type).toBe("error");
    const no = await act(fin, "ApprovalRequest", a!.id, "reject", { reason: "Not our fault: see the ticket" });
    expect(no.body.notice).toMatchObject({ type: "success", message: "approvalRejected" });
    expect(await balanceOf(client.id)).toBe(0);

    await act(sup, "User", client.id, "goodwillCredit", { reason: "Second try", creditAmount: "700" });
    const b = await t.db.approvalRequest.findFirstOrThrow({ where: { targetId: client.id, status: "pending" } });
    await t.db.approvalRequest.update({ where: { id: b.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireApprovals(t)).toBeGreaterThanOrEqual(1);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("expired");
    expect(await balanceOf(client.id)).toBe(0);
  });

  it("should refuse roles without the action, and never let a form set a balance", async () => {
    const client = await createUser(t.db);
    await wallet.creditWallet(t, system, { userId: client.id, amount: 1_000 });
    const w = await t.db.wallet.findUniqueOrThrow({ where: { userId: client.id } });
    for (const staff of [management, content]) {
      const agent = await signIn(rig.app.url, staff.email!, PASSWORD);
      const res = await act(agent, "User", client.id, "goodwillCredit", { reason: "Trying", creditAmount: "10" });
      expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|forbiddenError/);
    }
    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    const edit = await fin.post(`/admin/api/resources/Wallet/records/${w.id}/edit`).send({ balance: "999999" });
    expect(JSON.stringify(edit.body)).toMatch(/ForbiddenError|forbiddenError/);
    expect(await balanceOf(client.id)).toBe(1_000);
  });
});

describe("re-authentication", () => {
  it("should refuse a money action after the window with a link to re-enter the password, and honour a fresh one", async () => {
    const client = await createUser(t.db);
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    await ageReauth(support.id);
    const refused = await act(sup, "User", client.id, "goodwillCredit", { reason: "Late technician", creditAmount: "10" });
    expect(refused.body.notice.type).toBe("error");
    expect(refused.body.notice.message).toContain("/admin/reauth");
    expect(await balanceOf(client.id)).toBe(0);

    expect((await sup.get("/admin/reauth?next=/admin/resources/User")).text).toContain('name="password"');
    const wrong = await sup.post("/admin/reauth").type("form").send({ password: "not-the-password", next: "/admin/resources/User", _csrf: sup.csrfToken });
    expect(wrong.status).toBe(401);
    const offsite = await sup.post("/admin/reauth").type("form").send({ password: PASSWORD, next: "https://evil.example/", _csrf: sup.csrfToken });
    expect(offsite.status).toBe(303);
    expect(offsite.headers.location).toBe("/admin");
    const ok = await act(sup, "User", client.id, "goodwillCredit", { reason: "Late technician", creditAmount: "10" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "walletCredited" });
    expect(await balanceOf(client.id)).toBe(1_000);
  });
});

describe("the payouts queue", () => {
  it("should take a large payout through a second finance approval, mark it paid, export the batch neutralised, and keep ledger and balance in step", async () => {
    const p = await createProvider(t.db);
    const pctx: Ctx = { actor: { type: "provider", id: p.user.id } };
    await wallet.creditWallet(t, system, { userId: p.user.id, amount: 1_000_000 });
    const account = await wallet.addPayoutAccount(t, pctx, { method: "bank_transfer", iban: "SA0380000000608010167519", accountName: "=HYPERLINK(\"http://x\")" });
    const payout = await wallet.requestPayout(t, pctx, { accountId: account.id, amount: 600_000 });
    expect(await balanceOf(p.user.id)).toBe(400_000);

    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect(JSON.stringify((await act(fin, "Payout", payout.id, "markPaid", { transferReference: "TRF-1" })).body)).toMatch(/ForbiddenError|forbiddenError/);
    const asked = await act(fin, "Payout", payout.id, "approve", { reason: "Earnings checked" });
    expect(asked.body.notice.message).toBe("approvalRequested");
    expect((await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe("pending");
    const approval = await t.db.approvalRequest.findFirstOrThrow({ where: { action: "payout.approve", targetId: payout.id } });

    // Support may decide wallet credits, not payouts.
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    expect((await act(sup, "ApprovalRequest", approval.id, "approve", {})).body.notice.type).toBe("error");
    expect((await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe("pending");
    const fin2 = await signIn(rig.app.url, finance2.email!, PASSWORD);
    expect((await act(fin2, "ApprovalRequest", approval.id, "approve", {})).body.notice.message).toBe("approvalApproved");
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "approved", approvedById: finance2.id });

    const csv = await fin.get("/admin/payouts/batch.csv");
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect(csv.text).toContain("SA0380000000608010167519");
    expect(csv.text).toContain("6000.00");
    expect((await sup.get("/admin/payouts/batch.csv")).status).toBe(403);

    const paid = await act(fin, "Payout", payout.id, "markPaid", { transferReference: "TRF-2026-0042", paidOn: "" });
    expect(paid.body.notice.message).toBe("payoutPaid");
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "paid", transferReference: "TRF-2026-0042" });
    expect(await balanceOf(p.user.id)).toBe(400_000);
    const sum = await t.db.walletTransaction.aggregate({ where: { wallet: { userId: p.user.id } }, _sum: { amount: true } });
    expect(sum._sum.amount).toBe(400_000);
  });

  it("should refund a large invoice only after another finance member approves it", async () => {
    await t.db.setting.upsert({ where: { key: "four_eyes" }, create: { key: "four_eyes", value: { "invoice.refund": 1_000 } }, update: { value: { "invoice.refund": 1_000 } } });
    const { plan } = await seedPlanAndPromo(t.db);
    const pro = await rig.app.login();
    await rig.app.api.call("POST", "/me/become-provider", { token: pro.token, body: { display_name: "Shop", city: "Riyadh" } });
    const sub = await rig.app.api.call("POST", "/subscriptions", { token: pro.token, body: { plan_id: plan.id, cycle: "monthly" } });
    const invoiceId = sub.body.invoice.id as number;
    const pay = await rig.app.api.call("POST", `/invoices/${invoiceId}/pay`, { token: pro.token });
    await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)));
    await rig.drain();

    const fin = await signIn(rig.app.url, finance.email!, PASSWORD);
    const asked = await act(fin, "Invoice", invoiceId, "refund", { reason: "Customer cancelled on day one", refundAmount: "" });
    expect(asked.body.notice.message).toBe("approvalRequested");
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("paid");
    expect(await t.db.refund.count({ where: { invoiceId } })).toBe(0);
    const approval = await t.db.approvalRequest.findFirstOrThrow({ where: { action: "invoice.refund", targetId: invoiceId } });
    const fin2 = await signIn(rig.app.url, finance2.email!, PASSWORD);
    expect((await act(fin2, "ApprovalRequest", approval.id, "approve", {})).body.notice.message).toBe("approvalApproved");
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("refunded");
    await t.db.setting.delete({ where: { key: "four_eyes" } });
  });
});
