/**
 * Billing in the panel (finance; admin sees all): invoice actions that call the billing domain —
 * issue, void, refund through Stripe, mark paid manually, payment link, PDF — and the Stripe
 * webhook event store with replay.
 */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import * as billing from "../../src/domains/billing/index.js";
import * as notifications from "../../src/domains/notifications/index.js";
import { performMoneyAction, type MoneyActionOutcome } from "../../src/domains/approvals/index.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { customActionRoles } from "../access.js";
import { Components } from "../components.js";
import { parseMoneyInput } from "../money-input.js";
import { staffLanguage } from "../request-context.js";

const FINANCE = customActionRoles("Invoice.downloadPdf");

export function billingResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    Invoice: {
      listProperties: ["id", "number", "user", "purpose", "status", "total", "amountPaid", "amountRefunded", "amountRefundPending", "dueAt", "createdAt"],
      filterProperties: ["number", "user", "purpose", "status", "promoCode", "dueAt", "paidAt", "createdAt"],
      actions: {
        issue: reasonAction({
          action: "Invoice.issue", icon: "Send", needsReason: false,
          moves: { machine: billing.invoiceMachine, to: "issued" },
          run: (ctx, id) => billing.issueInvoice(deps, ctx, id),
          successMessage: "invoiceIssued",
        }),
        void: reasonAction({
          action: "Invoice.void", icon: "XCircle",
          moves: { machine: billing.invoiceMachine, to: "void" },
          run: (ctx, id, reason) => billing.voidInvoice(deps, ctx, id, reason),
          successMessage: "invoiceVoided",
        }),
        markPaid: reasonAction({
          action: "Invoice.markPaid", icon: "CheckCircle",
          moves: { machine: billing.invoiceMachine, to: "paid" },
          fields: [{ name: "reference", kind: "text", required: true }],
          // Through approvals: a re-entered password, and a second staff member when four eyes apply.
          run: (ctx, id, reason, f) => performMoneyAction(deps, ctx, { action: "invoice.mark_paid", targetId: id, reason, input: { reference: f.reference ?? "" } }),
          successMessage: (r) => ((r as MoneyActionOutcome).status === "pending" ? "approvalRequested" : "invoiceMarkedPaid"),
        }),
        refund: reasonAction({
          action: "Invoice.refund", icon: "RotateCcw",
          moves: { machine: billing.invoiceMachine, to: "refunded" },
          fields: [{ name: "refundAmount", kind: "money" }],
          run: (ctx, id, reason, f) => performMoneyAction(deps, ctx, { action: "invoice.refund", targetId: id, reason, input: { amount: parseMoneyInput("refundAmount", f.refundAmount ?? "") } }),
          successMessage: (r) => {
            const o = r as MoneyActionOutcome;
            if (o.status === "pending") return "approvalRequested";
            return (o.result as billing.InvoiceRefundResult).refund.status === "succeeded" ? "invoiceRefunded" : "invoiceRefundPending";
          },
        }),
        paymentLink: reasonAction({
          action: "Invoice.paymentLink", icon: "Link", needsReason: false,
          appliesTo: (p) => (billing.PAYABLE as readonly string[]).includes(String(p.status)),
          fields: [{ name: "validForHours", kind: "number" }],
          run: (ctx, id, _reason, f) => billing.createPaymentLink(deps, ctx, id, f.validForHours),
          successMessage: "paymentLinkCreated",
        }),
        resendEmail: reasonAction({
          action: "Invoice.resendEmail", icon: "Mail", needsReason: false,
          appliesTo: (p) => (notifications.RESENDABLE_INVOICE_STATUSES as readonly string[]).includes(String(p.status)),
          run: (ctx, id) => notifications.resendInvoiceEmail(deps, ctx, id),
          successMessage: (r) => ((r as notifications.ResendResult).status === "skipped" ? "invoiceEmailSkipped" : "invoiceEmailQueued"),
        }),
        downloadPdf: {
          actionType: "record",
          icon: "Download",
          component: false,
          custom: { roles: FINANCE },
          isAccessible: ({ currentAdmin, record }) =>
            FINANCE.includes((currentAdmin as { role?: string } | undefined)?.role as never) && (!record || record.params.status !== "draft"),
          handler: async (_req, _res, context) => {
            const record = context.record!.toJSON(context.currentAdmin);
            // Without a valid seller there is no tax invoice to download: say so here, as a notice.
            try {
              await billing.requireSeller(deps.db);
            } catch (err) {
              return { record, notice: { message: errorMessage(err, staffLanguage(context.currentAdmin)), type: "error" } };
            }
            return { record, redirectUrl: `/admin/billing/invoices/${context.record!.id()}/pdf` };
          },
        },
      },
    },
    WebhookEvent: {
      listProperties: ["id", "eventId", "type", "status", "attempts", "receivedAt", "processedAt"],
      filterProperties: ["type", "status", "eventId", "receivedAt"],
      properties: { payload: { isVisible: { list: false, filter: false, show: true, edit: false }, components: { show: Components.JsonView } } },
      actions: {
        replay: reasonAction({
          action: "WebhookEvent.replay", icon: "RefreshCw", needsReason: false,
          run: (ctx, id) => billing.replayWebhookEvent(deps, ctx, id),
          successMessage: "webhookReplayed",
        }),
      },
    },
    Refund: {
      listProperties: ["id", "invoice", "paymentAttempt", "amount", "status", "purpose", "reconciliationItem", "createdAt"],
      filterProperties: ["status", "purpose", "invoice", "paymentAttempt", "providerRefundId", "createdAt"],
    },
    PaymentLink: {
      listProperties: ["id", "invoice", "expiresAt", "usedAt", "createdBy", "createdAt"],
      properties: { token: { isVisible: { list: false, filter: false, show: true, edit: false } } },
    },
  };
}
