/**
 * Settings in the panel (admin edits, management and finance read). An edit is checked against
 * the setting's schema in the typed registry (src/domains/backoffice/settings.ts) — the same one
 * every reader uses — and an invalid value answers with an error on the value field instead of
 * being saved. The check runs in the edit handler, i.e. after AdminJS's access check, so a role
 * that may not edit still gets the plain refusal.
 */
import { ACTIONS, flat, ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions } from "adminjs";
import { parseSetting } from "../../src/domains/backoffice/settings.js";
import { format } from "../../src/platform/i18n.js";
import { issueMessage } from "../../src/api/field-messages.js";
import { staffLanguage } from "../request-context.js";
import { Components } from "../components.js";

type Handler = (req: ActionRequest, res: unknown, ctx: ActionContext) => Promise<ActionResponse>;
const stockEdit = ACTIONS.edit.handler as unknown as Handler;

const TEXT = {
  en: { invalid: "Not a valid value for “{key}”: {details}", notJson: "This is not valid JSON: {details}", notSaved: "The setting was not saved: fix the value." },
  ar: { invalid: "قيمة غير صالحة للإعداد «{key}»: {details}", notJson: "هذا ليس JSON صحيحًا: {details}", notSaved: "لم يُحفظ الإعداد: صحّح القيمة." },
} as const;

function valueError(lang: "ar" | "en", problem: "invalid" | "notJson", params: Record<string, string>): ValidationError {
  return new ValidationError({ value: { message: format(TEXT[lang][problem], params) } }, { message: TEXT[lang].notSaved, type: "validation" });
}

/**
 * The value arrives either as JSON text (`valueJson`, from the panel's editor) or as flattened
 * form keys (`value`, `value.nameAr`, … — strings). Either way it is parsed by the setting's
 * schema and the typed result replaces it in the payload.
 */
const validatingEdit: Handler = async (request, response, context) => {
  if (request.method !== "post" || !context.record) return stockEdit(request, response, context);
  const payload: Record<string, unknown> = { ...(request.payload ?? {}) };
  const lang = staffLanguage(context.currentAdmin);
  const key = String(context.record.params.key);
  const json = payload.valueJson;
  delete payload.valueJson;
  const valueKeys = Object.keys(payload).filter((k) => k === "value" || k.startsWith("value."));
  if (json === undefined && !valueKeys.length) return stockEdit({ ...request, payload }, response, context);

  let candidate: unknown;
  if (json !== undefined) {
    try {
      candidate = JSON.parse(String(json));
    } catch (err) {
      throw valueError(lang, "notJson", { details: (err as Error).message });
    }
  } else candidate = flat.get(payload as Parameters<typeof flat.get>[0], "value");
  const parsed = parseSetting(key, candidate);
  if (!parsed.ok) throw valueError(lang, "invalid", { key, details: parsed.issues.map((i) => (i.path ? `${i.path}: ${issueMessage(i.issue, lang)}` : issueMessage(i.issue, lang))).join("; ") });
  for (const k of valueKeys) delete payload[k];
  payload.value = parsed.value;
  return stockEdit({ ...request, payload }, response, context);
};

export function settingsResources(): Record<string, ResourceOptions> {
  return {
    Setting: {
      listProperties: ["id", "key", "value", "description", "updatedAt"],
      properties: { value: { components: { edit: Components.SettingValue, show: Components.SettingValue, list: Components.SettingValue } } },
      actions: { edit: { handler: validatingEdit } },
    },
  };
}
