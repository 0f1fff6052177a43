/**
 * Money in the panel beside invoices: a goodwill credit on a user (the only way staff add wallet
 * money), the payouts queue (approve, mark paid with the transfer reference, reject, mark
 * returned — each offered only where the payout machine allows it), the bank transfer batch of
 * approved payouts, and the four-eyes approvals (approve / reject). Money actions go through the
 * approvals domain, which records a pending approval instead when a second person is needed.
 */
import type { ResourceOptions } from "adminjs";
import type { Router } from "express";
import type { Deps } from "../../src/platform/deps.js";
import * as approvals from "../../src/domains/approvals/index.js";
import * as wallet from "../../src/domains/wallet/index.js";
import { reasonAction } from "../actions/reason-action.js";
import { customActionRoles } from "../access.js";
import { parseMoneyInput } from "../money-input.js";
import { staffFromSession } from "../staff-session.js";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";

/** The notice for a money action: done, or waiting for a second staff member. */
const outcome = (done: string) => (r: unknown) => ((r as approvals.MoneyActionOutcome).status === "pending" ? "approvalRequested" : done);

export const PAYOUT_BATCH_PATH = "/payouts/batch.csv";

export function walletResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    User: {
      actions: {
        goodwillCredit: reasonAction({
          action: "User.goodwillCredit", icon: "Gift",
          appliesTo: (p) => p.userType === "client" || p.userType === "provider",
          fields: [{ name: "creditAmount", kind: "money", required: true }],
          run: (ctx, id, reason, f) => approvals.performMoneyAction(deps, ctx, { action: "wallet.credit", targetId: id, reason, input: { amount: parseMoneyInput("creditAmount", f.creditAmount ?? "", true) } }),
          successMessage: outcome("walletCredited"),
        }),
      },
    },
    Wallet: {
      listProperties: ["id", "user", "balance", "currency", "updatedAt"],
    },
    WalletTransaction: {
      listProperties: ["id", "wallet", "kind", "amount", "balanceAfter", "reference", "note", "createdAt"],
      filterProperties: ["wallet", "kind", "reference", "createdAt"],
      sort: { sortBy: "id", direction: "desc" },
    },
    Payout: {
      listProperties: ["id", "user", "amount", "status", "method", "bankName", "transferReference", "createdAt"],
      filterProperties: ["status", "user", "method", "createdAt", "paidAt"],
      sort: { sortBy: "createdAt", direction: "asc" },
      // The action's name in words ("Refund an invoice"), from the labels "action.<name>".
      properties: { action: { availableValues: approvals.APPROVAL_ACTIONS.map((a) => ({ value: a, label: a })) } },
      actions: {
        approve: reasonAction({
          action: "Payout.approve", icon: "CheckCircle",
          moves: { machine: wallet.payoutMachine, to: "approved" },
          run: (ctx, id, reason) => approvals.performMoneyAction(deps, ctx, { action: "payout.approve", targetId: id, reason }),
          successMessage: outcome("payoutApproved"),
        }),
        markPaid: reasonAction({
          action: "Payout.markPaid", icon: "Send", needsReason: false,
          moves: { machine: wallet.payoutMachine, to: "paid" },
          fields: [{ name: "transferReference", kind: "text", required: true }, { name: "paidOn", kind: "text" }],
          run: (ctx, id, _reason, f) => wallet.markPayoutPaid(deps, ctx, id, { reference: f.transferReference ?? "", paidAt: f.paidOn ? f.paidOn : undefined }),
          successMessage: "payoutPaid",
        }),
        reject: reasonAction({
          action: "Payout.reject", icon: "XCircle",
          moves: { machine: wallet.payoutMachine, to: "rejected" },
          run: (ctx, id, reason) => wallet.rejectPayout(deps, ctx, id, reason),
          successMessage: "payoutRejected",
        }),
        markFailed: reasonAction({
          action: "Payout.markFailed", icon: "RotateCcw",
          moves: { machine: wallet.payoutMachine, to: "failed" },
          run: (ctx, id, reason) => wallet.markPayoutFailed(deps, ctx, id, reason),
          successMessage: "payoutFailed",
        }),
        exportBatch: {
          actionType: "resource",
          icon: "Download",
          component: false,
          custom: { roles: customActionRoles("Payout.exportBatch") },
          isAccessible: ({ currentAdmin }) => customActionRoles("Payout.exportBatch").includes((currentAdmin as StaffSession | undefined)?.role as never),
          handler: async () => ({ redirectUrl: `/admin${PAYOUT_BATCH_PATH}` }),
        },
      },
    },
    ApprovalRequest: {
      // The decision form and lists name an approval by the requester's reason (what it is for).
      titleProperty: "reason",
      listProperties: ["id", "action", "targetEntity", "targetId", "amount", "status", "requestedBy", "expiresAt", "createdAt"],
      filterProperties: ["status", "action", "requestedBy", "decidedBy", "createdAt"],
      sort: { sortBy: "createdAt", direction: "asc" },
      // The action's name in words ("Refund an invoice"), from the labels "action.<name>".
      properties: { action: { availableValues: approvals.APPROVAL_ACTIONS.map((a) => ({ value: a, label: a })) } },
      actions: {
        approve: reasonAction({
          action: "ApprovalRequest.approve", icon: "CheckCircle", needsReason: false,
          moves: { machine: approvals.approvalMachine, to: "approved" },
          fields: [{ name: "decisionNote", kind: "text" }],
          run: (ctx, id, _reason, f) => approvals.approveRequest(deps, ctx, id, f.decisionNote),
          successMessage: "approvalApproved",
        }),
        reject: reasonAction({
          action: "ApprovalRequest.reject", icon: "XCircle",
          moves: { machine: approvals.approvalMachine, to: "rejected" },
          run: (ctx, id, reason) => approvals.rejectRequest(deps, ctx, id, reason),
          successMessage: "approvalRejected",
        }),
      },
    },
  };
}

/** The bank transfer batch download (the Payout exportBatch action redirects here). Finance and admin only. */
export function walletRoutes(router: Router, deps: Deps): void {
  router.get(PAYOUT_BATCH_PATH, async (req, res, next) => {
    try {
      const current = staffFromSession(req);
      if (!current || !customActionRoles("Payout.exportBatch").includes(current.role)) return res.status(403).type("text").send("Forbidden");
      const { csv } = await wallet.approvedPayoutsCsv(deps);
      const day = new Date().toISOString().slice(0, 10);
      res.type("text/csv; charset=utf-8").setHeader("Content-Disposition", `attachment; filename="payouts-batch-${day}.csv"`);
      res.send(csv);
    } catch (err) {
      next(err);
    }
  });
}
