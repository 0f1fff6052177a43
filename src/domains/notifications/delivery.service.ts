/**
 * Sending one queued delivery (email, push, SMS, WhatsApp), as the notification-deliveries job
 * does. The guarantee: once a delivery is recorded as sent it is never sent again — a retried or
 * duplicated job finds it sent and stops. The send is recorded in its own transaction right after
 * the provider accepts it, before the job is acknowledged, so a worker killed between sending and
 * acknowledging does not resend. The one window left is a crash inside the provider call itself
 * (accepted there, not yet recorded here): the retry sends again, with the same email Message-ID,
 * so mail clients fold the two.
 */
import type { Deps } from "../../platform/deps.js";
import { nowOf } from "../../platform/clock.js";
import type { Lang } from "../../platform/i18n.js";
import type { Channel } from "./channels.js";
import { kindOf, type DefaultText } from "./catalog.js";
import { emailLayout } from "./email-layout.js";
import { renderTemplate, type Rendered } from "./templates.js";
import { DELIVERY_SEND_QUEUE, templateOrDefault } from "./notify.service.js";
import { deepLinkData } from "./inbox.service.js";
import type { NotificationDelivery } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { sendInTransaction } from "../../platform/jobs.js";

export type SendOutcome = "sent" | "already_done" | "failed" | "not_found";

/** A provider said no in a way a retry can fix (network, 5xx, 429): the job retries. */
export class RetryableSendError extends Error {}

const BROADCAST_FALLBACK: DefaultText = { titleAr: "", titleEn: "", bodyAr: "", bodyEn: "" };

/** An SMS or WhatsApp message as sent: the subject, when there is one, leads the text. */
export function plainText(channel: "sms" | "whatsapp", msg: Pick<Rendered, "subject" | "body">): string {
  if (!msg.subject) return msg.body;
  return channel === "sms" ? `${msg.subject}: ${msg.body}` : `${msg.subject}\n${msg.body}`;
}

export async function sendDelivery(deps: Deps, deliveryId: number): Promise<SendOutcome> {
  const claimed = await deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM notifications_notificationdelivery WHERE id = ${deliveryId} FOR UPDATE`;
    if (!rows.length) return null;
    const d = await tx.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { notification: { include: { user: { select: { id: true, email: true, phone: true, language: true } }, broadcast: true } } } });
    if (d.status !== "queued") return { d, done: true as const };
    await tx.notificationDelivery.update({ where: { id: deliveryId }, data: { attempts: { increment: 1 }, sendingAt: nowOf(deps) } });
    return { d, done: false as const };
  });
  if (!claimed) return "not_found";
  if (claimed.done) return "already_done";
  const { d } = claimed;
  const n = d.notification;
  const lang: Lang = n.user.language === "en" ? "en" : "ar";
  const channel = d.channel as Channel;
  const kind = kindOf(n.templateKey ?? "");
  const stored = await deps.db.notificationTemplate.findUnique({ where: { key_channel: { key: n.templateKey ?? "", channel } } });
  const vars = ((n.data as { vars?: Record<string, string> } | null)?.vars ?? {}) as Record<string, string>;
  // A broadcast carries its own words, a test send the words it was created with (already
  // filled), a catalog kind its template (or default wording).
  const own = { subjectAr: n.titleAr, subjectEn: n.titleEn, bodyAr: n.bodyAr, bodyEn: n.bodyEn };
  const t = n.broadcast
    ? { subjectAr: n.broadcast.titleAr, subjectEn: n.broadcast.titleEn, bodyAr: n.broadcast.bodyAr, bodyEn: n.broadcast.bodyEn }
    : (n.data as { exactText?: unknown } | null)?.exactText === true
      ? own
      : templateOrDefault(stored ?? undefined, kind?.text ?? { ...BROADCAST_FALLBACK, titleAr: n.titleAr, titleEn: n.titleEn, bodyAr: n.bodyAr, bodyEn: n.bodyEn });
  const msg = renderTemplate(t, lang, vars);
  // FCM data values are strings.
  const data = Object.fromEntries(Object.entries(deepLinkData(n.data)).map(([k, v]) => [k, String(v)]));

  let providerMessageId: string;
  try {
    switch (channel) {
      case "email": {
        if (!deps.mail || !n.user.email) return fail(deps, deliveryId, !deps.mail ? "email is not configured" : "no email address");
        const content = emailLayout(lang, msg.subject, msg.body);
        providerMessageId = (await deps.mail.send({ to: n.user.email, ...content, lang, messageId: `<delivery-${deliveryId}@nawafeth.notifications>` })).providerMessageId;
        break;
      }
      case "push": {
        if (!deps.push) return fail(deps, deliveryId, "push is not configured");
        const tokens = await deps.db.deviceToken.findMany({ where: { userId: n.user.id, revokedAt: null }, orderBy: { id: "asc" } });
        if (!tokens.length) return fail(deps, deliveryId, "no device token");
        const ids: string[] = [];
        const errors: string[] = [];
        let retry = false;
        for (const tk of tokens) {
          const r = await deps.push.send({ token: tk.token, title: msg.subject, body: msg.body, data: { ...data, notificationId: String(n.id) } });
          if (r.ok) ids.push(r.providerMessageId);
          else if (r.invalidToken) await deps.db.deviceToken.update({ where: { id: tk.id }, data: { revokedAt: nowOf(deps) } });
          else {
            retry = true;
            errors.push(r.error);
          }
        }
        if (!ids.length && retry) throw new RetryableSendError(errors.join("; "));
        if (!ids.length) return fail(deps, deliveryId, "every device token was rejected (revoked)");
        providerMessageId = ids.join(",").slice(0, 255);
        break;
      }
      case "sms": {
        if (!deps.sms || !n.user.phone) return fail(deps, deliveryId, !deps.sms ? "sms is not configured" : "no phone number");
        await deps.sms.send({ to: n.user.phone, text: plainText("sms", msg) });
        providerMessageId = `sms-${deliveryId}`;
        break;
      }
      case "whatsapp": {
        if (!deps.whatsapp || !n.user.phone) return fail(deps, deliveryId, !deps.whatsapp ? "WhatsApp is not configured" : "no phone number");
        providerMessageId = (await deps.whatsapp.send({ to: n.user.phone, text: plainText("whatsapp", msg) })).providerMessageId;
        break;
      }
      default:
        return fail(deps, deliveryId, `channel ${channel} is not sent by a job`);
    }
  } catch (err) {
    await deps.db.notificationDelivery.update({ where: { id: deliveryId }, data: { error: String((err as Error).message ?? err).slice(0, 2000) } });
    throw err instanceof RetryableSendError ? err : new RetryableSendError(String((err as Error).message ?? err));
  }
  await deps.db.notificationDelivery.update({ where: { id: deliveryId }, data: { status: "sent", sentAt: nowOf(deps), providerMessageId: providerMessageId.slice(0, 255), error: null } });
  return "sent";
}

/** Gives up on a delivery for good (no retry would help, or the retries ran out). */
export async function fail(deps: Deps, deliveryId: number, error: string): Promise<"failed"> {
  await deps.db.notificationDelivery.updateMany({ where: { id: deliveryId, status: "queued" }, data: { status: "failed", failedAt: nowOf(deps), error: error.slice(0, 2000) } });
  return "failed";
}

/**
 * Staff send a failed delivery again (support and admins, from the panel): it goes back to queued
 * and a sending job is enqueued in the same transaction; its last error stays until it is sent.
 */
export async function retryDelivery(deps: Deps, ctx: Ctx, deliveryId: number): Promise<NotificationDelivery> {
  return deps.db.$transaction(async (tx) => {
    const before = await tx.notificationDelivery.findUnique({ where: { id: deliveryId } });
    if (!before) throw new NotFoundError("NotificationDelivery", deliveryId);
    // The status guard is in the write: a retry racing another retry (or the job) moves it once.
    const moved = await tx.notificationDelivery.updateMany({ where: { id: deliveryId, status: "failed" }, data: { status: "queued", failedAt: null, sendingAt: null, sendAfter: null } });
    if (moved.count !== 1) throw new ConflictError("DELIVERY_NOT_FAILED", `delivery ${deliveryId} is ${before.status}; only a failed one is sent again`, { status: before.status });
    await sendInTransaction(deps.boss, tx, DELIVERY_SEND_QUEUE, { deliveryId });
    const after = await tx.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    await writeAudit(tx, ctx, { action: "notifications.delivery.retry", entity: "NotificationDelivery", entityId: deliveryId, changes: diffRecords(before, after) });
    return after;
  });
}
