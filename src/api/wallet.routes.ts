/** The user's wallet and ledger, paying an invoice from it, and provider payouts (accounts and requests). */
import { z } from "zod";
import * as wallet from "../domains/wallet/index.js";
import * as billing from "../domains/billing/index.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { currency, dbId, idParam, isoDateTime, money } from "./schemas/common.js";

const TAG = "Wallet";

const walletTransactionSchema = z
  .object({
    id: z.number().int(),
    amount: z.number().int().meta({ description: "Signed halalas: positive adds to the balance, negative takes from it." }),
    balance_after: money,
    kind: z.enum(["credit", "debit", "refund", "payout", "adjustment", "hold", "release"]).meta({ description: "hold: set aside for a payout request; release: held money given back." }),
    reference: z.string().nullable().meta({ example: "invoice:12" }),
    note: z.string().nullable(),
    currency,
    created_at: isoDateTime,
  })
  .meta({ id: "WalletTransaction" });

const walletSchema = z
  .object({ balance: money.meta({ description: "Available balance (money held for payout requests is not included)." }), currency, transactions: pageOf(walletTransactionSchema, "WalletTransactionPage") })
  .meta({ id: "Wallet" });

const payoutAccountSchema = z
  .object({
    id: z.number().int(),
    method: z.enum(["bank_transfer", "stc_pay", "cash"]),
    iban: z.string().nullable(),
    account_name: z.string(),
    bank_name: z.string().nullable(),
    min_amount: money,
    max_amount: money,
    currency,
    created_at: isoDateTime,
  })
  .meta({ id: "PayoutAccount" });

const payoutSchema = z
  .object({
    id: z.number().int(),
    amount: money,
    currency,
    status: z.enum(wallet.PAYOUT_STATUSES).meta({ description: "pending (requested, amount held) → approved → paid | rejected | cancelled; paid → failed (returned: amount back in the wallet)." }),
    payout_account_id: z.number().int().nullable(),
    reject_reason: z.string().nullable(),
    transfer_reference: z.string().nullable(),
    paid_at: isoDateTime.nullable(),
    created_at: isoDateTime,
  })
  .meta({ id: "Payout" });

const accountOut = (a: Awaited<ReturnType<typeof wallet.listPayoutAccounts>>[number]) => ({
  id: a.id, method: a.method.type, iban: a.iban, accountName: a.accountName, bankName: a.bankName, minAmount: a.method.minAmount, maxAmount: a.method.maxAmount, currency: a.method.currency, createdAt: a.createdAt,
});

export function walletRoutes(api: Api, c: ApiContext): void {
  const { deps } = c;

  api.route(
    { method: "get", path: "/me/wallet", tag: TAG, auth: "user", summary: "My wallet: balance and ledger, newest first", query: z.object(pageQuery), response: walletSchema },
    async ({ query, user }) => {
      const w = await wallet.getOwnWallet(deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return { balance: w.balance, currency: w.currency, transactions: paginate(w.rows, query.limit, (r) => r.id) };
    },
  );

  api.route(
    {
      method: "post", path: "/invoices/{id}/pay-from-wallet", tag: "Billing", auth: "user", summary: "Pay an issued invoice from my wallet, in part or in full",
      description: "Without an amount, pays all that is due (409 WALLET_INSUFFICIENT_BALANCE if the wallet holds less). A part payment leaves the invoice issued with less due.",
      params: idParam, body: billing.walletPaymentSchema.strict(),
      response: z.object({ invoice_id: z.number().int(), status: z.string(), total: money, amount_paid: money, amount_due: money, paid_now: money, wallet_balance: money }).meta({ id: "WalletPayment" }),
      idempotent: true, errors: [409, 422],
    },
    async ({ params, body, ctx }) => {
      const r = await billing.payInvoiceFromWallet(deps, ctx, params.id, body);
      return { invoiceId: r.invoice.id, status: r.invoice.status, total: r.invoice.total, amountPaid: r.invoice.amountPaid, amountDue: r.invoice.total - r.invoice.amountPaid, paidNow: r.paid, walletBalance: r.walletBalance };
    },
  );

  api.route(
    { method: "get", path: "/me/payout-accounts", tag: TAG, auth: "provider", summary: "My saved payout accounts, with each method's minimum and maximum", response: z.object({ items: z.array(payoutAccountSchema) }) },
    async ({ user }) => ({ items: (await wallet.listPayoutAccounts(deps, user.id)).map(accountOut) }),
  );

  api.route(
    {
      method: "post", path: "/me/payout-accounts", tag: TAG, auth: "provider", summary: "Save a bank account to be paid to (IBAN checked: ISO 13706 mod-97; Saudi IBANs have 24 characters)",
      body: z.object({ method: z.literal("bank_transfer"), iban: z.string().max(50), account_name: z.string().max(150), bank_name: z.string().max(100).optional() }).strict(),
      response: payoutAccountSchema, status: 201, idempotent: true, errors: [422],
    },
    async ({ body, ctx, user }) => {
      const a = await wallet.addPayoutAccount(deps, ctx, { method: body.method, iban: body.iban, accountName: body.account_name, bankName: body.bank_name });
      return accountOut((await wallet.listPayoutAccounts(deps, user.id)).find((x) => x.id === a.id)!);
    },
  );

  api.route(
    { method: "delete", path: "/me/payout-accounts/{id}", tag: TAG, auth: "provider", summary: "Remove a saved payout account", params: idParam },
    async ({ params, ctx }) => {
      await wallet.removePayoutAccount(deps, ctx, params.id);
    },
  );

  api.route(
    { method: "get", path: "/me/payouts", tag: TAG, auth: "provider", summary: "My payout requests, newest first", query: z.object(pageQuery), response: pageOf(payoutSchema, "PayoutPage") },
    async ({ query, user }) => paginate(await wallet.listOwnPayouts(deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) }), query.limit, (r) => r.id),
  );

  api.route(
    {
      method: "post", path: "/me/payouts", tag: TAG, auth: "provider", summary: "Ask to be paid from my wallet to a saved account (the amount is held at once)",
      description: "422 PAYOUT_AMOUNT_OUT_OF_RANGE outside the method's minimum and maximum; 409 WALLET_INSUFFICIENT_BALANCE above the available balance.",
      body: z.object({ payout_account_id: dbId, amount: money }).strict(), response: payoutSchema, status: 201, idempotent: true, errors: [409, 422],
    },
    ({ body, ctx }) => wallet.requestPayout(deps, ctx, { accountId: body.payout_account_id, amount: body.amount }),
  );

  api.route(
    { method: "post", path: "/me/payouts/{id}/cancel", tag: TAG, auth: "provider", summary: "Withdraw a payout request finance has not handled yet (the amount is released)", params: idParam, response: payoutSchema, errors: [409] },
    ({ params, ctx }) => wallet.cancelPayout(deps, ctx, params.id),
  );
}
