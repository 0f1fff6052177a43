/**
 * Sending queued deliveries (email, push, SMS, WhatsApp), as the notification-deliveries job
 * does, in batches. The guarantee: once a delivery is recorded as sent it is never sent again — a
 * retried or duplicated job finds it sent and stops, and two jobs for one delivery never send it at
 * the same time (the claim takes it for one of them). The send is recorded right after the
 * provider accepts it (grouped with the sends accepted meanwhile), before the job is acknowledged,
 * so a worker killed between sending and acknowledging does not resend. The one window left is a
 * crash inside the provider call itself (accepted there, not yet recorded here): the retry sends
 * again, with the same email Message-ID, so mail clients fold the two.
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
import type { NotificationDelivery, NotificationTemplate, Prisma } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { sendInTransaction } from "../../platform/jobs.js";
import { deliveryMovesFrom } from "./delivery.status.js";

export type SendOutcome = "sent" | "already_done" | "failed" | "not_found";

/** A provider said no in a way a retry can fix (network, 5xx, 429): the job retries. */
export class RetryableSendError extends Error {}

const BROADCAST_FALLBACK: DefaultText = { titleAr: "", titleEn: "", bodyAr: "", bodyEn: "" };

/** An SMS or WhatsApp message as sent: the subject, when there is one, leads the text. */
export function plainText(channel: "sms" | "whatsapp", msg: Pick<Rendered, "subject" | "body">): string {
  if (!msg.subject) return msg.body;
  return channel === "sms" ? `${msg.subject}: ${msg.body}` : `${msg.subject}\n${msg.body}`;
}

/** How long a claimed send may be in flight before another job may take it (the queue's job expiry). */
export const SEND_IN_FLIGHT_MS = 120_000;

/** A claimed delivery with what sending it needs (its notification, recipient and broadcast words). */
interface Loaded {
  id: number;
  channel: string;
  notification: {
    id: number;
    templateKey: string | null;
    titleAr: string; titleEn: string; bodyAr: string; bodyEn: string;
    data: Prisma.JsonValue | null;
    user: { id: number; email: string | null; phone: string | null; language: string };
    broadcast: { titleAr: string; titleEn: string; bodyAr: string; bodyEn: string } | null;
  };
}

/** The outcome of one delivery of a batch; `error` is set when a retry may help (the job should fail and retry). */
export interface DeliveryResult {
  deliveryId: number;
  outcome: SendOutcome;
  error?: string;
}

/**
 * Claims the queued deliveries among `ids` for this caller and loads what sending them needs, in
 * one statement: each is taken by one caller only (rows another worker is claiming are skipped,
 * SKIP LOCKED; one whose send started less than SEND_IN_FLIGHT_MS ago is left to that send).
 */
async function claim(deps: Deps, ids: number[]): Promise<Loaded[]> {
  const now = nowOf(deps);
  const rows = await deps.db.$queryRaw<{
    id: number; channel: string; nid: number; template_key: string | null; title_ar: string; title_en: string; body_ar: string; body_en: string; data: Prisma.JsonValue | null;
    uid: number; email: string | null; phone: string | null; language: string; b_title_ar: string | null; b_title_en: string | null; b_body_ar: string | null; b_body_en: string | null; broadcast_id: number | null;
  }[]>`
    WITH c AS (
      SELECT id FROM notifications_notificationdelivery
      WHERE id = ANY(${ids}::int[]) AND status = 'queued' AND (sending_at IS NULL OR sending_at < ${new Date(now.getTime() - SEND_IN_FLIGHT_MS)})
      ORDER BY id FOR UPDATE SKIP LOCKED
    )
    UPDATE notifications_notificationdelivery d SET attempts = d.attempts + 1, sending_at = ${now}, updated_at = ${now}
    FROM c, notifications_notification n JOIN accounts_user u ON u.id = n.user_id LEFT JOIN notifications_broadcast b ON b.id = n.broadcast_id
    WHERE d.id = c.id AND n.id = d.notification_id
    RETURNING d.id, d.channel::text AS channel, n.id AS nid, n.template_key, n.title_ar, n.title_en, n.body_ar, n.body_en, n.data,
      u.id AS uid, u.email, u.phone, u.language::text AS language, n.broadcast_id, b.title_ar AS b_title_ar, b.title_en AS b_title_en, b.body_ar AS b_body_ar, b.body_en AS b_body_en`;
  return rows.map((r) => ({
    id: r.id, channel: r.channel,
    notification: {
      id: r.nid, templateKey: r.template_key, titleAr: r.title_ar, titleEn: r.title_en, bodyAr: r.body_ar, bodyEn: r.body_en, data: r.data,
      user: { id: r.uid, email: r.email, phone: r.phone, language: r.language },
      broadcast: r.broadcast_id ? { titleAr: r.b_title_ar ?? "", titleEn: r.b_title_en ?? "", bodyAr: r.b_body_ar ?? "", bodyEn: r.b_body_en ?? "" } : null,
    },
  }));
}

/**
 * Records sends as sent, grouped: each send waits for the statement that records it, and while one
 * statement runs the sends accepted meanwhile gather for the next (one UPDATE for many, not one each).
 */
function sentRecorder(deps: Deps): (id: number, providerMessageId: string) => Promise<void> {
  let pending: { id: number; pmid: string; done: () => void; failed: (e: unknown) => void }[] = [];
  let running = false;
  const flush = async () => {
    running = true;
    while (pending.length) {
      const batch = pending;
      pending = [];
      const now = nowOf(deps);
      try {
        await deps.db.$executeRaw`
          UPDATE notifications_notificationdelivery d SET status = 'sent', sent_at = ${now}, provider_message_id = v.pmid, error = NULL, updated_at = ${now}
          FROM unnest(${batch.map((b) => b.id)}::int[], ${batch.map((b) => b.pmid)}::text[]) AS v(id, pmid) WHERE d.id = v.id`;
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.failed(e);
      }
    }
    running = false;
  };
  return (id, pmid) =>
    new Promise<void>((done, failed) => {
      pending.push({ id, pmid: pmid.slice(0, 255), done, failed });
      if (!running) void flush();
    });
}

/**
 * Sends a batch of deliveries, as the notification-deliveries job does (one job per delivery, many
 * jobs per fetch). Each delivery is claimed once, sent, and recorded as sent right after the
 * provider accepts it (before the call returns); unclaimed ones (sent already, in flight
 * elsewhere, gone) send nothing.
 */
export async function sendDeliveries(deps: Deps, ids: number[], opts: { concurrency?: number } = {}): Promise<DeliveryResult[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await claim(deps, unique);
  const claimed = new Set(rows.map((r) => r.id));
  const keys = [...new Set(rows.map((d) => d.notification.templateKey ?? ""))];
  const stored = keys.length ? await deps.db.notificationTemplate.findMany({ where: { key: { in: keys } } }) : [];
  const out = new Map<number, DeliveryResult>();
  const missing = unique.filter((id) => !claimed.has(id));
  if (missing.length) {
    // Not claimed: done or in flight elsewhere; an id that does not exist (a deleted delivery's job) is not_found.
    const existing = new Set((await deps.db.notificationDelivery.findMany({ where: { id: { in: missing } }, select: { id: true } })).map((r) => r.id));
    for (const id of missing) out.set(id, { deliveryId: id, outcome: existing.has(id) ? "already_done" : "not_found" });
  }
  const record = sentRecorder(deps);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const d = rows[next++]!;
      try {
        out.set(d.id, { deliveryId: d.id, outcome: await sendClaimed(deps, d, stored.find((t) => t.key === d.notification.templateKey && t.channel === d.channel), record) });
      } catch (err) {
        out.set(d.id, { deliveryId: d.id, outcome: "failed", error: String((err as Error).message ?? err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 32, rows.length)) }, worker));
  return unique.map((id) => out.get(id)!);
}

/** Sends one delivery; a retryable provider error is thrown as RetryableSendError (the job retries). */
export async function sendDelivery(deps: Deps, deliveryId: number): Promise<SendOutcome> {
  const [r] = await sendDeliveries(deps, [deliveryId]);
  if (r!.error !== undefined) throw new RetryableSendError(r!.error);
  return r!.outcome;
}

/** Sends one claimed delivery; records it sent, failed for good, or (thrown) its retryable error. */
async function sendClaimed(deps: Deps, d: Loaded, stored: NotificationTemplate | undefined, record: (id: number, providerMessageId: string) => Promise<void>): Promise<SendOutcome> {
  const deliveryId = d.id;
  const n = d.notification;
  const lang: Lang = n.user.language === "en" ? "en" : "ar";
  const channel = d.channel as Channel;
  const kind = kindOf(n.templateKey ?? "");
  const vars = ((n.data as { vars?: Record<string, string> } | null)?.vars ?? {}) as Record<string, string>;
  // A broadcast carries its own words, a test send the words it was created with (already
  // filled), a catalog kind its template (or default wording).
  const own = { subjectAr: n.titleAr, subjectEn: n.titleEn, bodyAr: n.bodyAr, bodyEn: n.bodyEn };
  const t = n.broadcast
    ? { subjectAr: n.broadcast.titleAr, subjectEn: n.broadcast.titleEn, bodyAr: n.broadcast.bodyAr, bodyEn: n.broadcast.bodyEn }
    : (n.data as { exactText?: unknown } | null)?.exactText === true
      ? own
      : templateOrDefault(stored, kind?.text ?? { ...BROADCAST_FALLBACK, titleAr: n.titleAr, titleEn: n.titleEn, bodyAr: n.bodyAr, bodyEn: n.bodyEn });
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
    // The provider answered (with an error): this attempt is over, so the next one may claim it at once.
    await deps.db.notificationDelivery.update({ where: { id: deliveryId }, data: { error: String((err as Error).message ?? err).slice(0, 2000), sendingAt: null } });
    throw err instanceof RetryableSendError ? err : new RetryableSendError(String((err as Error).message ?? err));
  }
  await record(deliveryId, providerMessageId);
  return "sent";
}

/** Gives up on a delivery for good (no retry would help, or the retries ran out). */
export async function fail(deps: Deps, deliveryId: number, error: string): Promise<"failed"> {
  await deps.db.notificationDelivery.updateMany({ where: { id: deliveryId, status: { in: deliveryMovesFrom("failed") } }, data: { status: "failed", failedAt: nowOf(deps), error: error.slice(0, 2000) } });
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
    const moved = await tx.notificationDelivery.updateMany({ where: { id: deliveryId, status: { in: deliveryMovesFrom("queued") } }, data: { status: "queued", failedAt: null, sendingAt: null, sendAfter: null } });
    if (moved.count !== 1) throw new ConflictError("DELIVERY_NOT_FAILED", `delivery ${deliveryId} is ${before.status}; only a failed one is sent again`, { status: before.status });
    await sendInTransaction(deps.boss, tx, DELIVERY_SEND_QUEUE, { deliveryId });
    const after = await tx.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    await writeAudit(tx, ctx, { action: "notifications.delivery.retry", entity: "NotificationDelivery", entityId: deliveryId, changes: diffRecords(before, after) });
    return after;
  });
}
