/**
 * From "tell these users" to rows: per user, one notification (in both languages, the in-app
 * item) and one delivery per channel — sent at once (in-app), queued for the sending job (not
 * before the end of quiet hours when that applies), or skipped with the reason (preference, no
 * address). All of one user's rows and jobs commit together, and a notification exists at most
 * once per (event, user) and (broadcast, user), so a handler that runs again adds nothing.
 */
import type { NotificationTemplate, Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { sendInTransaction } from "../../platform/jobs.js";
import { nowOf } from "../../platform/clock.js";
import type { Logger } from "../../platform/logger.js";
import type { Category, Channel } from "./channels.js";
import { kindOf, rulesFor, type DefaultText, type NotificationKind } from "./catalog.js";
import { decide } from "./preferences.js";
import { renderTemplate } from "./templates.js";

/** The queue of single deliveries (email, push, SMS, WhatsApp); jobs/notifications.job.ts sends them. */
export const DELIVERY_SEND_QUEUE = "notification-deliveries";

type Vars = Record<string, string | number | null>;

export interface NotifyInput {
  kind: NotificationKind;
  userIds: number[];
  vars: Vars;
  data?: Record<string, unknown>;
  eventId?: number;
  broadcastId?: number;
  /** Override the kind's channels (broadcasts choose theirs). */
  channels?: readonly Channel[];
  /** Override the kind's wording (broadcasts carry their own). */
  text?: DefaultText;
  /**
   * Send `text` on every channel as the notification was created with it, whatever templates are
   * stored (a staff member's test of a template's words).
   */
  exactText?: boolean;
  /**
   * For notifications no event or broadcast keys (scheduled digests): at most one per
   * (key, user, kind), checked under a lock on that pair, so a re-run job adds nothing.
   */
  dedupeKey?: string;
}

/** The stored template of a kind and channel, else the kind's default wording. */
export function templateOrDefault(stored: Pick<NotificationTemplate, "subjectAr" | "subjectEn" | "bodyAr" | "bodyEn" | "isActive"> | undefined, text: DefaultText) {
  if (stored?.isActive) return stored;
  return { subjectAr: text.titleAr, subjectEn: text.titleEn, bodyAr: text.bodyAr, bodyEn: text.bodyEn };
}

export async function templatesOf(db: Deps["db"] | Tx, key: string): Promise<Map<Channel, NotificationTemplate>> {
  return new Map((await db.notificationTemplate.findMany({ where: { key } })).map((t) => [t.channel as Channel, t]));
}

/** Creates one user's notification and deliveries inside `tx`; false when it already existed or the user is gone. */
export async function notifyUserInTx(deps: Deps, tx: Tx, input: NotifyInput, userId: number, templates: Map<Channel, NotificationTemplate>): Promise<boolean> {
  const exists = input.eventId
    ? await tx.notification.findUnique({ where: { eventId_userId: { eventId: input.eventId, userId } }, select: { id: true } })
    : input.broadcastId
      ? await tx.notification.findUnique({ where: { broadcastId_userId: { broadcastId: input.broadcastId, userId } }, select: { id: true } })
      : null;
  if (exists) return false;
  if (input.dedupeKey) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notify:${input.kind.key}:${input.dedupeKey}:${userId}`}))`;
    const dup = await tx.notification.findFirst({ where: { userId, templateKey: input.kind.key, data: { path: ["dedupeKey"], equals: input.dedupeKey } }, select: { id: true } });
    if (dup) return false;
  }
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, phone: true, isActive: true, deletedAt: true, notificationPreference: true, deviceTokens: { where: { revokedAt: null }, select: { id: true } } } });
  if (!user || !user.isActive || user.deletedAt) return false;
  const now = nowOf(deps);
  const text = input.text ?? input.kind.text;
  const inApp = templateOrDefault(templates.get("in_app"), text);
  const ar = renderTemplate(inApp, "ar", input.vars);
  const en = renderTemplate(inApp, "en", input.vars);
  const n = await tx.notification.create({
    data: {
      userId, eventId: input.eventId ?? null, broadcastId: input.broadcastId ?? null, templateKey: input.kind.key, category: input.kind.category,
      titleAr: ar.subject.slice(0, 255), titleEn: en.subject.slice(0, 255), bodyAr: ar.body, bodyEn: en.body,
      data: { ...(input.data ?? {}), vars: input.vars, ...(input.exactText ? { exactText: true } : {}), ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}) } as Prisma.InputJsonValue, createdAt: now,
    },
  });
  for (const channel of input.channels ?? input.kind.channels) {
    const recipient = channel === "email" ? user.email : channel === "sms" || channel === "whatsapp" ? user.phone : channel === "push" ? (user.deviceTokens.length ? `${user.deviceTokens.length} device(s)` : null) : `user:${userId}`;
    const d = input.kind.category === "staff" ? ({ send: true } as const) : decide(user.notificationPreference, input.kind.category as Category, channel, !!input.kind.urgent, now);
    if (!d.send || !recipient) {
      await tx.notificationDelivery.create({ data: { notificationId: n.id, channel, status: "skipped", skipReason: !d.send ? d.reason : "no_recipient", recipient, createdAt: now } });
      continue;
    }
    if (channel === "in_app") {
      await tx.notificationDelivery.create({ data: { notificationId: n.id, channel, status: "sent", recipient, sentAt: now, createdAt: now } });
      continue;
    }
    const after = "after" in d ? d.after : undefined;
    const delivery = await tx.notificationDelivery.create({ data: { notificationId: n.id, channel, status: "queued", recipient, sendAfter: after ?? null, createdAt: now } });
    await sendInTransaction(deps.boss, tx, DELIVERY_SEND_QUEUE, { deliveryId: delivery.id }, after ? { startAfter: after } : {});
  }
  return true;
}

/** Tells users something of one kind: each user in their own transaction. Returns how many were notified. */
export async function notifyUsers(deps: Deps, input: NotifyInput): Promise<number> {
  const templates = input.exactText ? new Map<Channel, NotificationTemplate>() : await templatesOf(deps.db, input.kind.key);
  let n = 0;
  for (const userId of [...new Set(input.userIds)]) {
    if (await deps.db.$transaction((tx) => notifyUserInTx(deps, tx, input, userId, templates))) n++;
  }
  return n;
}

export interface StoredEvent {
  id: number;
  name: string;
  payload: unknown;
}

/** The notifications subscriber: every rule the event triggers, told to its audience. */
export async function notifyForEvent(deps: Deps, event: StoredEvent, log?: Logger): Promise<number> {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  let total = 0;
  for (const rule of rulesFor(event.name, payload)) {
    const kind = kindOf(rule.kind);
    if (!kind) throw new Error(`notification kind ${rule.kind} is not in the catalog`);
    const userIds = await rule.audience(deps.db, payload);
    if (!userIds.length) continue;
    const vars = await rule.vars(deps.db, payload);
    total += await notifyUsers(deps, { kind, userIds, vars, data: rule.data?.(payload), eventId: event.id });
  }
  if (total) log?.debug({ event: event.name, eventId: event.id, notified: total }, "notified");
  return total;
}

