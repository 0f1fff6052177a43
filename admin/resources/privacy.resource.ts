/**
 * Privacy in the panel: account deletions (erase now or cancel, both audited by the accounts
 * domain), personal data exports (read-only), data-retention rules (edit age, action and active,
 * refused for an action the rule's target cannot do; dry run and run now) and legal holds (placed
 * by admin, released with a reason).
 */
import { ACTIONS, ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions } from "adminjs";
import type { RetentionAction } from "@prisma/client";
import type { Deps } from "../../src/platform/deps.js";
import type { Storage } from "../../src/platform/storage.js";
import { DomainError } from "../../src/platform/errors.js";
import * as accounts from "../../src/domains/accounts/index.js";
import { dryRunRule, ruleProblem, runRule } from "../../src/domains/backoffice/retention.service.js";
import { retentionTarget } from "../../src/domains/backoffice/retention.targets.js";
import { releaseLegalHold } from "../../src/domains/backoffice/legal-holds.service.js";
import { message } from "../../src/api/messages.js";
import { reasonAction } from "../actions/reason-action.js";
import { staffLanguage } from "../request-context.js";

type Handler = (req: ActionRequest, res: unknown, ctx: ActionContext) => Promise<ActionResponse>;
const stockEdit = ACTIONS.edit.handler as unknown as Handler;

/** A rule's edit is checked against what its target can do before AdminJS saves it. */
const validatingRuleEdit: Handler = async (request, response, context) => {
  if (request.method !== "post" || !context.record) return stockEdit(request, response, context);
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const p = context.record.params;
  const key = String(p.key);
  const action = String(payload.action ?? p.action) as RetentionAction;
  const retentionDays = Number(payload.retentionDays ?? p.retentionDays);
  const problem = ruleProblem({ key, action, retentionDays });
  if (problem && problem !== "RETENTION_UNKNOWN_TARGET") {
    const lang = staffLanguage(context.currentAdmin);
    const text = message(problem, lang, { actions: retentionTarget(key)?.actions.join(", ") ?? "" }) ?? problem;
    const field = problem === "RETENTION_DAYS_INVALID" ? "retentionDays" : "action";
    throw new ValidationError({ [field]: { message: text } }, { message: text, type: "validation" });
  }
  return stockEdit(request, response, context);
};

export function privacyResources(deps: Deps, storage: Storage): Record<string, ResourceOptions> {
  const withStorage = { ...deps, storage };
  return {
    AccountDeletion: {
      listProperties: ["id", "user", "status", "source", "eraseAfter", "blockedReason", "completedAt", "createdAt"],
      filterProperties: ["status", "source", "user", "eraseAfter", "createdAt"],
      properties: { source: { availableValues: ["app", "staff", "retention"].map((v) => ({ value: v, label: v })) } },
      actions: {
        eraseNow: reasonAction({
          action: "AccountDeletion.eraseNow", icon: "Trash2",
          moves: { machine: accounts.deletionMachine, to: "completed" },
          run: async (ctx, id) => {
            const r = await accounts.eraseAccount(withStorage, ctx, id);
            if (r.status === "blocked") throw new DomainError("ACCOUNT_DELETION_BLOCKED", r.reason, 409, { reason: r.reason });
            return r;
          },
          successMessage: "accountErased",
        }),
        cancelDeletion: reasonAction({
          action: "AccountDeletion.cancelDeletion", icon: "RotateCcw",
          moves: { machine: accounts.deletionMachine, to: "cancelled" },
          run: (ctx, id, reason) => accounts.cancelAccountDeletion(deps, ctx, id, reason),
          successMessage: "accountDeletionCancelled",
        }),
      },
    },
    DataExport: {
      listProperties: ["id", "user", "status", "sizeBytes", "fileCount", "finishedAt", "expiresAt", "createdAt"],
      filterProperties: ["status", "user", "createdAt"],
    },
    DataRetentionRule: {
      listProperties: ["key", "entity", "retentionDays", "action", "isActive", "dryRunCount", "dryRunProtected", "lastAffectedCount", "lastRunAt"],
      sort: { sortBy: "id", direction: "asc" },
      filterProperties: ["entity", "action", "isActive"],
      actions: {
        edit: { handler: validatingRuleEdit },
        dryRun: reasonAction({
          action: "DataRetentionRule.dryRun", icon: "Search", needsReason: false,
          appliesTo: (p) => !!retentionTarget(String(p.key)),
          run: (_ctx, id) => dryRunRule(deps, id),
          successMessage: "retentionDryRunDone",
        }),
        runNow: reasonAction({
          action: "DataRetentionRule.runNow", icon: "Play", needsReason: false,
          appliesTo: (p) => !!retentionTarget(String(p.key)),
          run: (ctx, id) => runRule(withStorage, ctx, id),
          successMessage: "retentionRunDone",
        }),
      },
    },
    LegalHold: {
      listProperties: ["id", "user", "entity", "entityId", "reason", "placedBy", "releasedAt", "createdAt"],
      filterProperties: ["user", "entity", "entityId", "releasedAt", "createdAt"],
      actions: {
        release: reasonAction({
          action: "LegalHold.release", icon: "Unlock",
          appliesTo: (p) => !p.releasedAt,
          run: (ctx, id, reason) => releaseLegalHold(deps, ctx, id, reason),
          successMessage: "legalHoldReleased",
        }),
      },
    },
  };
}
