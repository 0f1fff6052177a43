/**
 * Builds an AdminJS record action that calls a domain command with a reason typed by staff.
 * GET only renders the form (no side effects); POST runs the command. Domain errors come back
 * as an error notice and change nothing.
 */
import { populator, ViewHelpers, type Action, type ActionContext, type ActionRequest, type ActionResponse } from "adminjs";
import { ZodError } from "zod";
import { DomainError, ValidationError } from "../../src/platform/errors.js";
import type { Ctx } from "../../src/platform/context.js";
import type { StaffRole, StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import { Components } from "../components.js";
import { staffCtx, staffLanguage } from "../request-context.js";
import { message } from "../../src/api/messages.js";
import { issueMessage } from "../../src/api/field-messages.js";
import { canTransition, type StateMachine } from "../../src/platform/transitions.js";
import { customActionRoles } from "../access.js";

export interface ReasonActionOptions {
  /** "Model.action": its roles come from CUSTOM_ACTION_ROLES in admin/access.ts. */
  action?: string;
  /** Roles given directly (built-in actions whose roles come from the access rules). */
  roles?: readonly StaffRole[];
  /** The status move this action makes: it applies exactly when the domain's machine allows it. */
  moves?: { machine: StateMachine<string>; to: string };
  icon?: string;
  /** Whether the action applies to this record (e.g. only open requests can be cancelled). */
  appliesTo?: (params: Record<string, unknown>) => boolean;
  run: (ctx: Ctx, id: number, reason: string, fields: Record<string, string>) => Promise<unknown>;
  /** Extra inputs shown under the reason (e.g. a refund amount or a payment reference). */
  fields?: readonly ActionField[];
  /** false for a plain confirmation (restore, delete permanently). Default true. */
  needsReason?: boolean;
  /** Where to go afterwards; default the record's show page. */
  redirect?: "show" | "list";
  /** Message key shown on success (translated), or one chosen from what the command returned. */
  successMessage: string | ((result: unknown) => string);
}

export interface ActionField {
  name: string;
  kind: "text" | "money" | "number" | "password";
  required?: boolean;
}

/** What went wrong, in the staff member's panel language (the developer text is the fallback). */
export function errorMessage(err: unknown, lang: "ar" | "en"): string {
  if (err instanceof ZodError) return err.issues.map((i) => issueMessage(i, lang)).join("; ");
  // A rule that refuses named fields says which rule, in the reader's language (not just "some fields are not valid").
  if (err instanceof ValidationError) {
    const fields = Object.values((err.details?.fields ?? {}) as Record<string, string>).map((code) => message(code, lang) ?? code);
    if (fields.length) return fields.join("; ");
  }
  if (err instanceof DomainError) return message(err.code, lang, err.details) ?? err.message;
  throw err;
}

export function reasonAction(o: ReasonActionOptions): Partial<Action<ActionResponse>> {
  const roles = o.action ? customActionRoles(o.action) : o.roles;
  if (!roles) throw new Error("reasonAction needs an action key (roles in admin/access.ts) or roles");
  const moves = o.moves;
  const applies = (p: Record<string, unknown>) => (!moves || canTransition(moves.machine, String(p.status), moves.to)) && (o.appliesTo?.(p) ?? true);
  return {
    actionType: "record",
    icon: o.icon ?? "XCircle",
    component: Components.ReasonForm,
    custom: { needsReason: o.needsReason !== false, roles, fields: o.fields ?? [] },
    isAccessible: ({ currentAdmin, record }) => !!currentAdmin && roles.includes((currentAdmin as unknown as StaffSession).role) && (!record || applies(record.params)),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin, resource } = context;
      if (!record) throw new Error("record action without a record");
      // The form says which record it acts on (number, customer, amount): references are populated.
      if (request.method !== "post") return { record: (await populator([record], context))[0]!.toJSON(currentAdmin) };
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const reason = String(payload.reason ?? "");
      const fields = Object.fromEntries((o.fields ?? []).map((f) => [f.name, String(payload[f.name] ?? "").trim()]));
      let result: unknown;
      try {
        result = await o.run(staffCtx(currentAdmin as unknown as StaffSession), Number(record.id()), reason, fields);
      } catch (err) {
        return { record: record.toJSON(currentAdmin), notice: { message: errorMessage(err, staffLanguage(currentAdmin)), type: "error" } };
      }
      const fresh = (await resource.findOne(record.id())) ?? record;
      const h = new ViewHelpers();
      return {
        record: fresh.toJSON(currentAdmin),
        // Notice messages are translation keys; the panel translates them in the user's language.
        notice: { message: typeof o.successMessage === "function" ? o.successMessage(result) : o.successMessage, type: "success" },
        redirectUrl: o.redirect === "list"
          ? h.resourceUrl({ resourceId: resource.id() })
          : h.recordActionUrl({ resourceId: resource.id(), recordId: String(record.id()), actionName: "show" }),
      };
    },
  };
}
