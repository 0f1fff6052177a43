/**
 * The money actions that may need a second staff member: what each one acts on, who may ask for
 * and approve it, how to describe it (amount, before → after) without changing anything, and the
 * domain command it runs once approved (as the approver).
 */
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { StaffRole } from "../backoffice/staff-auth.service.js";
import * as billing from "../billing/index.js";
import * as wallet from "../wallet/index.js";

export const APPROVAL_ACTIONS = ["invoice.refund", "invoice.mark_paid", "wallet.credit", "payout.approve"] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export interface Described {
  amount: number;
  currency: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ActionSpec<I> {
  /** The entity the action changes (the approval's target). */
  entity: string;
  /** Who may ask for it and who may approve it. */
  roles: readonly StaffRole[];
  input: z.ZodType<I>;
  describe(deps: Deps, targetId: number, input: I): Promise<Described>;
  /** The input an approver will run: what was shown to them (e.g. "refund everything left" becomes that amount). */
  freeze?(input: I, described: Described): I;
  /**
   * Runs the action. An action that only changes the database (`atomic`) runs in `tx`, the
   * approval's own transaction, so being approved and being done commit together; one that calls
   * out (a Stripe refund) runs after the approval is committed, and a refusal marks it failed.
   */
  run(deps: Deps, ctx: Ctx, targetId: number, input: I, reason: string, tx?: Tx): Promise<unknown>;
  atomic: boolean;
}

const spec = <I>(s: ActionSpec<I>): ActionSpec<I> => s;

const invoiceOf = async (deps: Deps, id: number) => {
  const inv = await deps.db.invoice.findUnique({ where: { id } });
  if (!inv) throw new NotFoundError("Invoice", id);
  return inv;
};

export const ACTION_SPECS: Record<ApprovalAction, ActionSpec<any>> = {
  "invoice.refund": spec({
    entity: "Invoice",
    roles: ["admin", "finance"],
    input: z.object({ amount: z.number().int().positive().optional() }),
    async describe(deps, id, input) {
      const inv = await invoiceOf(deps, id);
      if (!["paid", "partially_refunded"].includes(inv.status)) throw new DomainError("INVOICE_NOT_REFUNDABLE", `invoice is ${inv.status}`, 409);
      const amount = input.amount ?? billing.invoiceLeftToRefund(inv);
      return {
        amount, currency: inv.currency,
        before: { number: inv.number, status: inv.status, amountPaid: inv.amountPaid, amountRefunded: inv.amountRefunded },
        after: { amountRefunded: inv.amountRefunded + amount, status: inv.amountRefunded + amount >= inv.amountPaid ? "refunded" : "partially_refunded" },
      };
    },
    freeze: (input, d) => ({ ...input, amount: input.amount ?? d.amount }),
    // Stripe is called: this one cannot share the approval's transaction.
    atomic: false,
    run: (deps, ctx, id, input, reason) => billing.refundInvoice(deps, ctx, id, { amount: input.amount, reason }),
  }),
  "invoice.mark_paid": spec({
    entity: "Invoice",
    roles: ["admin", "finance"],
    input: z.object({ reference: z.string().trim().min(2, "PAYMENT_REFERENCE_REQUIRED").max(255) }),
    async describe(deps, id, input) {
      const inv = await invoiceOf(deps, id);
      if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409, { status: inv.status });
      return {
        amount: inv.total - inv.amountPaid, currency: inv.currency,
        before: { number: inv.number, status: inv.status, amountPaid: inv.amountPaid },
        after: { status: "paid", amountPaid: inv.total, manualPaymentReference: input.reference },
      };
    },
    atomic: true,
    run: (deps, ctx, id, input, reason, tx) => billing.markInvoicePaidManually(deps, ctx, id, { reason, reference: input.reference }, tx),
  }),
  "wallet.credit": spec({
    entity: "User",
    roles: ["admin", "finance", "support"],
    input: z.object({ amount: wallet.walletAmountSchema }),
    async describe(deps, userId, input) {
      const user = await deps.db.user.findUnique({ where: { id: userId }, select: { userType: true, deletedAt: true, wallet: { select: { balance: true, currency: true } } } });
      if (!user || user.deletedAt || user.userType === "staff") throw new DomainError("WALLET_OWNER_INVALID", `user ${userId} cannot hold a wallet`, 422);
      const balance = user.wallet?.balance ?? 0;
      return { amount: input.amount, currency: user.wallet?.currency ?? "SAR", before: { balance }, after: { balance: balance + input.amount } };
    },
    atomic: true,
    run: (deps, ctx, userId, input, reason, tx) => wallet.grantGoodwillCredit(deps, ctx, { userId, amount: input.amount, reason }, "goodwill", tx),
  }),
  "payout.approve": spec({
    entity: "Payout",
    roles: ["admin", "finance"],
    input: z.object({}),
    async describe(deps, id) {
      const p = await wallet.readPayout(deps.db, id);
      if (p.status !== "pending") throw new DomainError("INVALID_TRANSITION", `payout is ${p.status}`, 409);
      return { amount: p.amount, currency: p.currency, before: { status: p.status }, after: { status: "approved" } };
    },
    atomic: true,
    run: (deps, ctx, id, _input, _reason, tx) => wallet.approvePayout(deps, ctx, id, tx),
  }),
};
