/**
 * Templates as staff keep them (content staff and admins, from the panel): which kind and channel
 * a stored template may be for, the check before one is saved, a preview of a kind on each of its
 * channels with sample values in both languages, and a test send of a template's words to the
 * staff member who asks (in the panel's notifications and by email, through the real sending path).
 */
import type { Prisma } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Lang } from "../../platform/i18n.js";
import { writeAudit } from "../../platform/audit.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { CHANNELS, type Channel } from "./channels.js";
import { BROADCAST_KIND, KINDS, type NotificationKind } from "./catalog.js";
import { emailLayout } from "./email-layout.js";
import { renderTemplate, validateTemplate, type TemplateText } from "./templates.js";
import { notifyUsers, templateOrDefault } from "./notify.service.js";
import { plainText, RetryableSendError, sendDelivery } from "./delivery.service.js";

/** The kinds whose words staff may store (a broadcast brings its own words). */
export const TEMPLATE_KINDS: readonly NotificationKind[] = KINDS.filter((k) => k.key !== BROADCAST_KIND);

const templateKind = (key: string) => TEMPLATE_KINDS.find((k) => k.key === key);
const invalid = (fields: Record<string, string>, details: Record<string, unknown> = {}) => new DomainError("VALIDATION_FAILED", "template is not valid", 400, { fields, ...details });

export interface TemplateDraft extends TemplateText {
  key: string;
  channel: string;
}

/**
 * Refuses a template that is not for a kind and channel of the catalog, lacks a language, or uses
 * a variable its kind does not provide. Field errors are catalog keys.
 */
export function checkTemplate(t: TemplateDraft): void {
  const kind = templateKind(t.key);
  if (!kind) throw invalid({ key: "TEMPLATE_KIND_UNKNOWN" });
  if (!(kind.channels as readonly string[]).includes(t.channel)) throw invalid({ channel: "TEMPLATE_CHANNEL_UNUSED" }, { channels: kind.channels.join(", ") });
  validateTemplate({ ...t, channel: t.channel as Channel }, Object.keys(kind.variables));
}

export interface PreviewLanguage {
  subject: string;
  body: string;
  /** Email only: the whole message as it is sent. */
  html?: string;
  /** SMS and WhatsApp: the one text sent. */
  text?: string;
}

export interface ChannelPreview {
  channel: Channel;
  /** "this": the template previewed; "stored": another stored template; "default": the catalog's wording. */
  source: "this" | "stored" | "default";
  active: boolean;
  ar: PreviewLanguage;
  en: PreviewLanguage;
}

function previewIn(channel: Channel, t: Parameters<typeof renderTemplate>[0], lang: Lang, vars: Record<string, string>): PreviewLanguage {
  const msg = renderTemplate(t, lang, vars);
  if (channel === "email") return { ...msg, html: emailLayout(lang, msg.subject, msg.body).html };
  if (channel === "sms" || channel === "whatsapp") return { ...msg, text: plainText(channel, msg) };
  return { subject: msg.subject, body: msg.body };
}

/** The template's kind on each of its channels (this template's first) with the kind's sample values, in Arabic and English. */
export async function previewTemplate(deps: Deps, id: number) {
  const t = await deps.db.notificationTemplate.findUnique({ where: { id } });
  if (!t) throw new NotFoundError("NotificationTemplate", id);
  const kind = templateKind(t.key);
  if (!kind) throw invalid({ key: "TEMPLATE_KIND_UNKNOWN" });
  const stored = new Map((await deps.db.notificationTemplate.findMany({ where: { key: t.key } })).map((x) => [x.channel as Channel, x]));
  const channels = [t.channel as Channel, ...kind.channels.filter((c) => c !== t.channel)];
  const previews: ChannelPreview[] = channels.map((channel) => {
    const own = channel === t.channel ? t : stored.get(channel);
    const words = own && (own.id === t.id || own.isActive) ? own : templateOrDefault(undefined, kind.text);
    const source = own?.id === t.id ? "this" : own?.isActive ? "stored" : "default";
    return { channel, source, active: own ? own.isActive : true, ar: previewIn(channel, words, "ar", kind.variables), en: previewIn(channel, words, "en", kind.variables) };
  });
  return { id: t.id, key: t.key, channel: t.channel as Channel, category: kind.category, variables: kind.variables, previews };
}

export interface TestSendResult {
  notificationId: number;
  email: { deliveryId: number; status: "sent" | "retrying"; to: string; error: string | null };
}

/**
 * Sends a template's words, filled with its kind's sample values, to the staff member asking: one
 * notification in the panel's list and one email, created and sent as any notification is
 * (notifyUsers, then sendDelivery at once so the answer says whether the mail server took it).
 * Preferences do not apply to a test; a template without a subject (SMS) borrows its kind's title.
 */
export async function sendTemplateTest(deps: Deps, ctx: Ctx, id: number): Promise<TestSendResult> {
  const t = await deps.db.notificationTemplate.findUnique({ where: { id } });
  if (!t) throw new NotFoundError("NotificationTemplate", id);
  const kind = templateKind(t.key);
  if (!kind) throw invalid({ key: "TEMPLATE_KIND_UNKNOWN" });
  const staffId = ctx.actor.id;
  const staff = staffId ? await deps.db.user.findUnique({ where: { id: staffId }, select: { email: true, isActive: true } }) : null;
  if (!staffId || !staff?.email || !staff.isActive) throw new DomainError("TEST_NEEDS_EMAIL", "the staff member has no email address to send a test to", 422);

  const text = { titleAr: t.subjectAr || kind.text.titleAr, titleEn: t.subjectEn || kind.text.titleEn, bodyAr: t.bodyAr, bodyEn: t.bodyEn };
  const data = { test: true, templateId: t.id } satisfies Prisma.InputJsonObject;
  await notifyUsers(deps, { kind: { ...kind, category: "staff", urgent: true }, userIds: [staffId], vars: kind.variables, data, text, exactText: true, channels: ["in_app", "email"] });
  const n = await deps.db.notification.findFirstOrThrow({
    where: { userId: staffId, templateKey: t.key, data: { path: ["templateId"], equals: t.id } },
    orderBy: { id: "desc" },
    include: { deliveries: { where: { channel: "email" } } },
  });
  const email = n.deliveries[0]!;
  await deps.db.$transaction((tx) => writeAudit(tx, ctx, { action: "notifications.template.test", entity: "NotificationTemplate", entityId: t.id, meta: { notificationId: n.id, to: staff.email } }));
  let status: "sent" | "failed" | "retrying";
  try {
    status = (await sendDelivery(deps, email.id)) === "failed" ? "failed" : "sent";
  } catch (err) {
    // The job queued with the delivery tries again later; the staff member sees why it did not go now.
    if (!(err instanceof RetryableSendError)) throw err;
    status = "retrying";
  }
  const after = await deps.db.notificationDelivery.findUniqueOrThrow({ where: { id: email.id } });
  if (status === "failed") throw new DomainError("TEST_SEND_FAILED", `the test email was not sent: ${after.error ?? ""}`, 502, { error: after.error ?? "" });
  return { notificationId: n.id, email: { deliveryId: email.id, status, to: staff.email, error: after.error } };
}

/** Every channel a kind may be stored for, in the catalog's order (for the panel's create form). */
export function templateChoices(): { key: string; channels: Channel[]; variables: string[]; titleAr: string; titleEn: string }[] {
  return TEMPLATE_KINDS.map((k) => ({ key: k.key, channels: CHANNELS.filter((c) => k.channels.includes(c)), variables: Object.keys(k.variables), titleAr: k.text.titleAr, titleEn: k.text.titleEn }));
}
