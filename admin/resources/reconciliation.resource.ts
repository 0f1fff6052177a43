/**
 * Invoice reconciliation in the panel: finance starts a run for a period, reads its totals,
 * downloads its items as CSV, and resolves each item (with a note, or by applying Stripe's facts).
 * Runs and items change only through the billing domain's commands.
 */
import { ViewHelpers, type ActionContext, type ActionRequest, type ResourceOptions } from "adminjs";
import type { Router } from "express";
import type { Deps } from "../../src/platform/deps.js";
import { NotFoundError } from "../../src/platform/errors.js";
import type { StaffRole, StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import { applyItemFromStripe, resolveReconciliationItem } from "../../src/domains/billing/reconciliation/items.service.js";
import { periodForDays } from "../../src/domains/billing/reconciliation/period.js";
import { reconciliationItemsCsv } from "../../src/domains/billing/reconciliation/csv.js";
import { startReconciliationRun } from "../../src/domains/billing/reconciliation/runs.service.js";
import { APPLICABLE_FROM_STRIPE, REFUNDABLE_ITEM_KINDS } from "../../src/domains/billing/reconciliation.status.js";
import { refundReconciliationItem, type ItemRefundResult } from "../../src/domains/billing/refunds.service.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { Components } from "../components.js";
import { staffFromSession } from "../staff-session.js";
import { customActionRoles } from "../access.js";
import { reconciliationItemMachine } from "../../src/domains/billing/reconciliation.status.js";
import { staffCtx, staffLanguage } from "../request-context.js";

/** Who may start runs, export them and resolve items (declared in admin/access.ts). */
export const RECONCILIATION_ROLES: readonly StaffRole[] = customActionRoles("ReconciliationRun.startRun");
const CSV_PATH = "/reconciliation/{id}/items.csv";
const ROOT = "/admin";

const hasRole = (roles: readonly StaffRole[]) => ({ currentAdmin }: { currentAdmin?: unknown }) =>
  !!currentAdmin && roles.includes((currentAdmin as StaffSession).role);

/** Runs and items are written by the domain only: no create or edit forms. */
const noForms = { new: { isAccessible: () => false }, edit: { isAccessible: () => false } };

const readOnly = { isVisible: { list: false, show: true, filter: false, edit: false } };

/** The per-model options for the reconciliation models (merged into admin/index.ts perModel). */
export function reconciliationResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    ReconciliationRun: {
      listProperties: ["id", "status", "periodStart", "periodEnd", "startedBy", "createdAt", "finishedAt"],
      filterProperties: ["status", "startedBy", "periodStart", "createdAt"],
      showProperties: ["id", "status", "periodStart", "periodEnd", "startedBy", "startedAt", "finishedAt", "error", "totals", "createdAt"],
      properties: {
        totals: { type: "mixed", components: { show: Components.ReconciliationTotals }, ...readOnly },
        error: { type: "textarea", ...readOnly },
      },
      actions: {
        ...noForms,
        startRun: {
          actionType: "resource",
          icon: "Play",
          component: Components.ReconciliationRunForm,
          custom: { roles: RECONCILIATION_ROLES },
          isAccessible: hasRole(RECONCILIATION_ROLES),
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
            // GET renders the form only.
            if (request.method !== "post") return {};
            const payload = (request.payload ?? {}) as Record<string, unknown>;
            try {
              const period = periodForDays(String(payload.from ?? ""), String(payload.to ?? ""));
              const run = await startReconciliationRun(deps, staffCtx(context.currentAdmin as unknown as StaffSession), period);
              return {
                notice: { message: "reconciliationRunStarted", type: "success" },
                redirectUrl: new ViewHelpers().recordActionUrl({ resourceId: context.resource.id(), recordId: String(run.id), actionName: "show" }),
                runId: run.id,
              };
            } catch (err) {
              return { notice: { message: errorMessage(err, staffLanguage(context.currentAdmin)), type: "error" } };
            }
          },
        },
        exportCsv: {
          actionType: "record",
          icon: "Download",
          component: Components.ReconciliationRunForm,
          custom: { roles: RECONCILIATION_ROLES, csvPath: ROOT + CSV_PATH },
          isAccessible: hasRole(RECONCILIATION_ROLES),
          // The download itself is a plain GET on the CSV route (AdminJS actions answer JSON).
          handler: async (_request: ActionRequest, _response: unknown, context: ActionContext) => ({ record: context.record!.toJSON(context.currentAdmin) }),
        },
      },
    },
    ReconciliationItem: {
      listProperties: ["id", "kind", "status", "run", "invoice", "remoteId", "localAmount", "remoteAmount", "createdAt"],
      filterProperties: ["kind", "status", "run", "invoice", "remoteId", "createdAt"],
      properties: {
        details: { type: "mixed", ...readOnly },
        "details.paymentIntentId": { type: "string", ...readOnly },
        "details.reason": { type: "string", ...readOnly },
        "details.attemptStatus": { type: "string", ...readOnly },
        "details.invoiceStatus": { type: "string", ...readOnly },
        "details.remoteStatus": { type: "string", ...readOnly },
        "details.chargeId": { type: "string", ...readOnly },
        "details.disputeId": { type: "string", ...readOnly },
        "details.excess": { type: "number", ...readOnly },
        "details.refundId": { type: "string", ...readOnly },
        "details.failureReason": { type: "string", ...readOnly },
        resolutionNote: { type: "textarea", isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        ...noForms,
        resolve: reasonAction({
          action: "ReconciliationItem.resolve",
          moves: { machine: reconciliationItemMachine, to: "resolved" },
          icon: "CheckCircle",
          run: (ctx, id, note) => resolveReconciliationItem(deps, ctx, id, note),
          successMessage: "reconciliationItemResolved",
        }),
        applyFromStripe: reasonAction({
          action: "ReconciliationItem.applyFromStripe",
          moves: { machine: reconciliationItemMachine, to: "resolved" },
          icon: "RefreshCw",
          needsReason: false,
          appliesTo: (p) => (APPLICABLE_FROM_STRIPE as readonly string[]).includes(String(p.kind)),
          run: (ctx, id) => applyItemFromStripe(deps, ctx, id),
          successMessage: "reconciliationItemApplied",
        }),
        refundExtra: reasonAction({
          action: "ReconciliationItem.refundExtra",
          moves: { machine: reconciliationItemMachine, to: "resolved" },
          icon: "RotateCcw",
          appliesTo: (p) => (REFUNDABLE_ITEM_KINDS as readonly string[]).includes(String(p.kind)),
          run: (ctx, id, reason) => refundReconciliationItem(deps, ctx, id, { reason }),
          successMessage: (r) => ((r as ItemRefundResult).item.status === "resolved" ? "reconciliationItemRefunded" : "reconciliationItemRefundPending"),
        }),
      },
    },
  };
}

/**
 * GET /admin/reconciliation/:id/items.csv — a run's items as a CSV download, for finance and
 * admins. Mount on the authenticated admin router (it reads the staff session).
 */
export function reconciliationRoutes(router: Router, deps: Deps): void {
  router.get(CSV_PATH.replace("{id}", ":id"), async (req, res, next) => {
    try {
      const admin = staffFromSession(req);
      if (!admin) return void res.status(401).type("text/plain").send("Sign in first");
      if (!RECONCILIATION_ROLES.includes(admin.role)) return void res.status(403).type("text/plain").send("You are not allowed to export reconciliation items");
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) return void res.status(404).type("text/plain").send("No such reconciliation run");
      const csv = await reconciliationItemsCsv(deps, id);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="reconciliation-run-${id}-items.csv"`);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.send(csv);
    } catch (err) {
      if (err instanceof NotFoundError) return void res.status(404).type("text/plain").send("No such reconciliation run");
      next(err);
    }
  });
}
