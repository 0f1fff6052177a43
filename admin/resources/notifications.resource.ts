/**
 * Notifications in the panel: the map of which event tells whom (NotificationTemplate "events"),
 * templates checked against the catalog when saved (field errors in the staff member's language),
 * a preview of a template's kind on each channel and a test send to oneself; deliveries listed per
 * notification and filterable, with "send again" on a failed one; broadcasts written as drafts,
 * sent and followed (progress, counts per delivery status) or cancelled on one page. Every change
 * is a notifications domain command; the checks run in the handlers, after AdminJS's access check.
 */
import { ACTIONS, flat, ValidationError, ViewHelpers, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import { DomainError } from "../../src/platform/errors.js";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import * as notifications from "../../src/domains/notifications/index.js";
import { SAUDI_CITIES, ARABIC_CITY_NAMES } from "../../src/platform/cities.js";
import { message } from "../../src/api/messages.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { workspaceAction } from "../actions/review-actions.js";
import { Components } from "../components.js";
import { customActionRoles, rolesFor } from "../access.js";
import { staffCtx, staffLanguage } from "../request-context.js";

type Handler = (req: ActionRequest, res: unknown, ctx: ActionContext) => Promise<ActionResponse>;
type Params = Record<string, unknown>;

const EVENTS = "NotificationTemplate.events";
const PREVIEW = "NotificationTemplate.preview";
const has = (key: string) => ({ currentAdmin }: { currentAdmin?: unknown }) => !!currentAdmin && customActionRoles(key).includes((currentAdmin as StaffSession).role);
const staffOf = (context: ActionContext) => context.currentAdmin as unknown as StaffSession;

const NOT_SAVED = { en: "Not saved: fix the fields marked below.", ar: "لم يُحفظ: صحّح الحقول المشار إليها أدناه." } as const;

/** A domain refusal naming fields, as the form's errors in the staff member's language (anything else is rethrown). */
function formErrors(err: unknown, lang: "ar" | "en"): ValidationError {
  const fields = err instanceof DomainError && err.code === "VALIDATION_FAILED" ? (err.details?.fields as Record<string, string> | undefined) : undefined;
  if (!fields) throw err;
  const details = err instanceof DomainError ? err.details : {};
  return new ValidationError(Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, { message: message(code, lang, details) ?? code }])), { message: NOT_SAVED[lang], type: "validation" });
}

/** A form value: what was posted, else what the record holds. */
const valueOf = (payload: Params, current: Params, key: string): unknown => (key in payload ? payload[key] : current[key]);
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * Wraps the stock new/edit handler: a POST is checked by `check` (which may adjust the payload)
 * before the stock handler saves it; GET renders the form as usual.
 */
function checked(stock: Handler, check: (payload: Params, current: Params, lang: "ar" | "en") => Promise<Params>): Handler {
  return async (request, response, context) => {
    if (request.method !== "post") return stock(request, response, context);
    const lang = staffLanguage(context.currentAdmin);
    const payload = { ...((request.payload ?? {}) as Params) };
    const current = (context.record?.params ?? {}) as Params;
    let checkedPayload: Params;
    try {
      checkedPayload = await check(payload, current, lang);
    } catch (err) {
      throw formErrors(err, lang);
    }
    return stock({ ...request, payload: checkedPayload }, response, context);
  };
}

const checkTemplateForm = async (payload: Params, current: Params) => {
  // A saved template keeps its kind and channel (the form may not write them on edit).
  const saved = current.id !== undefined;
  notifications.checkTemplate({
    key: text(saved ? current.key : payload.key),
    channel: text(saved ? current.channel : payload.channel),
    subjectAr: text(valueOf(payload, current, "subjectAr")) || null,
    subjectEn: text(valueOf(payload, current, "subjectEn")) || null,
    bodyAr: text(valueOf(payload, current, "bodyAr")),
    bodyEn: text(valueOf(payload, current, "bodyEn")),
  });
  return payload;
};

function checkBroadcastForm(deps: Deps) {
  return async (payload: Params, current: Params) => {
    const posted = flat.get(payload as Parameters<typeof flat.get>[0], "channels");
    const channels = (posted !== undefined ? posted : flat.get(current as Parameters<typeof flat.get>[0], "channels")) as unknown;
    const sub = valueOf(payload, current, "subcategoryId");
    const targeting = await notifications.checkBroadcastDraft(deps.db, {
      titleAr: text(valueOf(payload, current, "titleAr")),
      titleEn: text(valueOf(payload, current, "titleEn")),
      bodyAr: text(valueOf(payload, current, "bodyAr")),
      bodyEn: text(valueOf(payload, current, "bodyEn")),
      segment: text(valueOf(payload, current, "segment")),
      city: text(valueOf(payload, current, "city")) || null,
      subcategoryId: sub === null || sub === undefined || sub === "" ? null : Number(sub),
      channels: Array.isArray(channels) ? channels.map(String) : [],
    });
    // What the audience does not use is cleared, so a draft never keeps a stale city.
    return { ...payload, city: targeting.city, subcategoryId: targeting.subcategoryId };
  };
}

/** After a successful save, go to the broadcast's progress page instead of the list or show page. */
function thenProgress(handler: Handler): Handler {
  return async (request, response, context) => {
    const out = await handler(request, response, context);
    const id = (out.record as { params?: Params } | undefined)?.params?.id;
    if (request.method === "post" && out.redirectUrl && id) out.redirectUrl = new ViewHelpers().recordActionUrl({ resourceId: "Broadcast", recordId: String(id), actionName: "progress" });
    return out;
  };
}

/** A page that only reads (GET or POST alike): its roles from CUSTOM_ACTION_ROLES, its data from `view`. */
function readAction(key: string, actionType: "resource" | "record", icon: string, component: string, view: (context: ActionContext) => Promise<Record<string, unknown>>) {
  return { actionType, icon, component, custom: { roles: customActionRoles(key) }, isAccessible: has(key), handler: (_request: ActionRequest, _response: unknown, context: ActionContext) => view(context) };
}

const textEdit = (custom: Record<string, unknown> = {}) => ({ components: { edit: Components.BilingualText }, custom });

/** The per-model options for the notifications models (merged into admin/index.ts perModel). */
export function notificationsResources(deps: Deps): Record<string, ResourceOptions> {
  const kinds = notifications.templateChoices();
  const variables = Object.fromEntries(kinds.map((k) => [k.key, k.variables]));
  const stockNew = ACTIONS.new.handler as unknown as Handler;
  const stockEdit = ACTIONS.edit.handler as unknown as Handler;
  return {
    NotificationTemplate: {
      listProperties: ["id", "key", "channel", "subjectEn", "subjectAr", "isActive", "updatedAt"],
      filterProperties: ["key", "channel", "isActive", "updatedAt"],
      sort: { sortBy: "key", direction: "asc" },
      properties: {
        key: { components: { edit: Components.TemplateKind }, custom: { kinds } },
        subjectAr: textEdit(),
        subjectEn: textEdit(),
        bodyAr: { type: "textarea", ...textEdit({ variables }) },
        bodyEn: { type: "textarea", ...textEdit({ variables }) },
      },
      actions: {
        new: { handler: checked(stockNew, checkTemplateForm) },
        edit: { handler: checked(stockEdit, checkTemplateForm) },
        events: readAction(EVENTS, "resource", "Map", Components.EventMap, async (context) => ({
          ...(await notifications.getEventMap(deps)),
          canCreate: !!rolesFor("NotificationTemplate", "notifications", "new")?.includes(staffOf(context).role),
        })),
        preview: readAction(PREVIEW, "record", "Eye", Components.TemplatePreview, async (context) => ({
          record: context.record!.toJSON(context.currentAdmin),
          preview: await notifications.previewTemplate(deps, Number(context.record!.id())),
        })),
        sendTest: reasonAction({
          action: "NotificationTemplate.sendTest",
          needsReason: false,
          icon: "Mail",
          run: (ctx, id) => notifications.sendTemplateTest(deps, ctx, id),
          successMessage: (r) => ((r as notifications.TestSendResult).email.status === "sent" ? "templateTestSent" : "templateTestRetrying"),
        }),
      },
    },

    NotificationDelivery: {
      // Also the columns of the deliveries under each notification: compact enough to fit.
      listProperties: ["id", "channel", "status", "skipReason", "attempts", "error", "providerMessageId", "when"],
      filterProperties: ["status", "channel", "skipReason", "notification", "createdAt"],
      properties: {
        skipReason: { availableValues: ["preference", "no_recipient", "cancelled", "quiet_hours", "no_template"].map((v) => ({ value: v, label: v })) },
        error: { type: "textarea", components: { list: Components.DeliveryCell } },
        providerMessageId: { components: { list: Components.DeliveryCell } },
        // Sent at, or failed at: one column in lists.
        when: { type: "datetime", isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false }, components: { list: Components.DeliveryCell } },
      },
      actions: {
        retry: reasonAction({
          action: "NotificationDelivery.retry",
          needsReason: false,
          icon: "RefreshCw",
          moves: { machine: notifications.deliveryMachine, to: "queued" },
          run: (ctx, id) => notifications.retryDelivery(deps, ctx, id),
          successMessage: "deliveryRequeued",
        }),
      },
    },

    Notification: {
      listProperties: ["id", "user", "templateKey", "titleEn", "titleAr", "category", "createdAt"],
      filterProperties: ["user", "templateKey", "category", "broadcast", "event", "createdAt"],
      properties: { category: { availableValues: [...notifications.CATEGORIES, "staff"].map((c) => ({ value: c, label: c })) } },
    },

    Broadcast: {
      listProperties: ["id", "titleAr", "titleEn", "segment", "status", "processed"],
      filterProperties: ["status", "segment", "createdBy", "createdAt"],
      properties: {
        titleAr: textEdit(),
        titleEn: textEdit(),
        bodyAr: { type: "textarea", ...textEdit() },
        bodyEn: { type: "textarea", ...textEdit() },
        segment: { availableValues: notifications.BROADCAST_SEGMENTS.map((s) => ({ value: s, label: s })) },
        // Shown in the form only for the audience that uses it.
        city: {
          availableValues: SAUDI_CITIES.map((c) => ({ value: c.en, label: c.en })),
          components: { edit: Components.ForSegment, list: Components.City, show: Components.City },
          custom: { segment: "providers_in_city", arabicNames: ARABIC_CITY_NAMES },
        },
        subcategoryId: { reference: "Subcategory", components: { edit: Components.ForSegment }, custom: { segment: "providers_in_subcategory" } },
        channels: { components: { edit: Components.Channels, list: Components.Channels, show: Components.Channels } },
        processed: { components: { list: Components.BroadcastHandled, show: Components.BroadcastHandled } },
        cursor: { isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      actions: {
        // A saved draft opens on its progress page: its audience's size and the Send button.
        new: { handler: thenProgress(checked(stockNew, checkBroadcastForm(deps))) },
        edit: { handler: thenProgress(checked(stockEdit, checkBroadcastForm(deps))) },
        progress: {
          ...workspaceAction({
            action: "Broadcast.progress",
            component: Components.BroadcastProgress,
            view: (_staff, id) => notifications.getBroadcastProgress(deps, id),
            run: async (staff, id, payload) => {
              const ctx = staffCtx(staff);
              try {
                if (payload.op === "send") {
                  await notifications.startBroadcast(deps, ctx, id);
                  return { message: "broadcastStarted", type: "success" };
                }
                if (payload.op === "cancel") {
                  await notifications.cancelBroadcast(deps, ctx, id);
                  return { message: "broadcastCancelled", type: "success" };
                }
                return { message: "unknownOperation", type: "error" };
              } catch (err) {
                return { message: errorMessage(err, staffLanguage(staff)), type: "error" };
              }
            },
          }),
          icon: "Send",
        },
      },
    },
  };
}
