/**
 * Paying an invoice from the owner's wallet, in part or in full. The wallet debit, a succeeded
 * payment attempt with provider "wallet", and the invoice's amount paid move in one transaction
 * under the invoice's row lock; when the wallet covers what is left the invoice is paid (and what
 * it pays for activates), otherwise what is still due (total − amount paid) is smaller and the
 * rest can be paid by card or from the wallet later.
 */
import type { Invoice } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { lockRow } from "../../platform/database/transaction.js";
import { writeAudit } from "../../platform/audit.js";
import { moveInTx, walletAmountSchema } from "../wallet/ledger.service.js";
import { markPaidInTx } from "./invoices.service.js";

export const walletPaymentSchema = z.object({ amount: walletAmountSchema.optional() });

export interface WalletPaymentResult {
  invoice: Invoice;
  paid: number;
  walletBalance: number;
}

/** The owner pays `amount` (default: all that is due, if the wallet holds it) of an issued invoice from the wallet. */
export async function payInvoiceFromWallet(deps: Deps, ctx: Ctx, invoiceId: number, input: z.input<typeof walletPaymentSchema> = {}): Promise<WalletPaymentResult> {
  const { amount } = walletPaymentSchema.parse(input);
  const userId = ctx.actor.id;
  if (!userId || (ctx.actor.type !== "client" && ctx.actor.type !== "provider")) throw new NotFoundError("Invoice", invoiceId);
  return deps.db.$transaction(async (tx) => {
    await lockRow(tx, "billing_invoice", invoiceId);
    const inv = await tx.invoice.findFirst({ where: { id: invoiceId, userId } });
    if (!inv) throw new NotFoundError("Invoice", invoiceId);
    if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409, { status: inv.status });
    const due = inv.total - inv.amountPaid;
    const pay = amount ?? due;
    if (pay > due) throw new DomainError("WALLET_PAYMENT_TOO_LARGE", `at most ${due} is due`, 422, { due, fields: { amount: "WALLET_PAYMENT_AT_MOST" } });
    if (pay <= 0) throw new DomainError("INVOICE_NOT_PAYABLE", "nothing is due", 409);
    const debit = await moveInTx(deps, ctx, tx, { userId, amount: pay, kind: "debit", reference: `invoice:${invoiceId}`, note: `invoice ${inv.number}` });
    await tx.paymentAttempt.create({
      data: { invoiceId, provider: "wallet", amount: pay, currency: inv.currency, status: "succeeded", idempotencyKey: `wallet-${debit.id}` },
    });
    let after: Invoice;
    if (pay === due) {
      after = await markPaidInTx(deps, ctx, tx, invoiceId, { amount: inv.total, via: "wallet" });
    } else {
      after = await tx.invoice.update({ where: { id: invoiceId }, data: { amountPaid: inv.amountPaid + pay } });
      await writeAudit(tx, ctx, { action: "invoice.paid_partly_wallet", entity: "Invoice", entityId: invoiceId, changes: { amountPaid: { before: inv.amountPaid, after: after.amountPaid } }, meta: { amount: pay, walletTransactionId: debit.id } });
    }
    return { invoice: after, paid: pay, walletBalance: debit.balanceAfter };
  }, { maxWait: 10_000, timeout: 20_000 });
}
