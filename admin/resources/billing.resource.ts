/**
 * Billing in the panel (finance; admin sees all): invoice actions that call the billing domain —
 * issue, void, refund through Stripe, mark paid manually, payment link, PDF — and the Stripe
 * webhook event store with replay.
 */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import * as billing from "../../src/domains/billing/index.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { parseMoneyInput } from "../money-input.js";

const FINANCE = ["admin", "finance"] as const;

export function billingResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    Invoice: {
      listProperties: ["id", "number", "user", "purpose", "status", "total", "amountPaid", "dueAt", "createdAt"],
      filterProperties: ["number", "user", "purpose", "status", "promoCode", "dueAt", "paidAt", "createdAt"],
      actions: {
        issue: reasonAction({
          roles: FINANCE, icon: "Send", needsReason: false,
          appliesTo: (p) => p.status === "draft",
          run: (ctx, id) => billing.issueInvoice(deps, ctx, id),
          successMessage: "invoiceIssued",
        }),
        void: reasonAction({
          roles: FINANCE, icon: "XCircle",
          appliesTo: (p) => p.status === "draft" || p.status === "issued",
          run: (ctx, id, reason) => billing.voidInvoice(deps, ctx, id, reason),
          successMessage: "invoiceVoided",
        }),
        markPaid: reasonAction({
          roles: FINANCE, icon: "CheckCircle",
          fields: [{ name: "reference", kind: "text", required: true }],
          appliesTo: (p) => p.status === "issued",
          run: (ctx, id, reason, f) => billing.markInvoicePaidManually(deps, ctx, id, { reason, reference: f.reference ?? "" }),
          successMessage: "invoiceMarkedPaid",
        }),
        refund: reasonAction({
          roles: FINANCE, icon: "RotateCcw",
          fields: [{ name: "refundAmount", kind: "money" }],
          appliesTo: (p) => p.status === "paid" || p.status === "partially_refunded",
          run: (ctx, id, reason, f) => billing.refundInvoice(deps, ctx, id, { reason, amount: parseMoneyInput("refundAmount", f.refundAmount ?? "") }),
          successMessage: "invoiceRefunded",
        }),
        paymentLink: reasonAction({
          roles: FINANCE, icon: "Link", needsReason: false,
          fields: [{ name: "validForHours", kind: "number" }],
          appliesTo: (p) => p.status === "issued",
          run: (ctx, id, _reason, f) => billing.createPaymentLink(deps, ctx, id, f.validForHours),
          successMessage: "paymentLinkCreated",
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
              return { record, notice: { message: errorMessage(err), type: "error" } };
            }
            return { record, redirectUrl: `/admin/billing/invoices/${context.record!.id()}/pdf` };
          },
        },
      },
    },
    WebhookEvent: {
      listProperties: ["id", "eventId", "type", "status", "attempts", "receivedAt", "processedAt"],
      filterProperties: ["type", "status", "eventId", "receivedAt"],
      properties: { payload: { isVisible: { list: false, filter: false, show: true, edit: false } } },
      actions: {
        replay: reasonAction({
          roles: FINANCE, icon: "RefreshCw", needsReason: false,
          run: (ctx, id) => billing.replayWebhookEvent(deps, ctx, id),
          successMessage: "webhookReplayed",
        }),
      },
    },
    PaymentLink: {
      listProperties: ["id", "invoice", "expiresAt", "usedAt", "createdBy", "createdAt"],
      properties: { token: { isVisible: { list: false, filter: false, show: true, edit: false } } },
    },
  };
}
