/**
 * What the app does with a user's own notifications and devices: read the list (newest first, in
 * one language, with the read flag and the deep-link data), count the unread ones, mark them
 * read, and register or remove the push token of a device. Every command acts on the caller's own
 * rows only: someone else's notification ids and tokens are left alone, never an error (the
 * answer would tell whether they exist). Callers: the public API (notifications routes, logout).
 */
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import type { Ctx } from "../../platform/context.js";
import type { Lang } from "../../platform/i18n.js";
import { nowOf } from "../../platform/clock.js";
import { writeAudit } from "../../platform/audit.js";
import { ForbiddenError } from "../../platform/errors.js";
import { dbId } from "../../platform/validation.js";

type Db = Deps["db"] | Tx;

function requireUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

/** The notification's deep-link data for the app: what the event rule gave, without the template variables (`vars`). */
export function deepLinkData(data: Prisma.JsonValue | null): Record<string, unknown> {
  if (!data || typeof data !== "object" || Array.isArray(data)) return {};
  const link: Record<string, unknown> = { ...data };
  delete link.vars;
  delete link.exactText;
  delete link.dedupeKey;
  return link;
}

export interface InboxPage {
  limit: number;
  /** Continue after this id (newest first). */
  afterId?: number;
  unreadOnly?: boolean;
}

/** One user's notifications, newest first by id, worded in `lang`; `limit + 1` rows for `paginate`. */
export async function listNotifications(db: Db, userId: number, lang: Lang, page: InboxPage) {
  const rows = await db.notification.findMany({
    where: { userId, ...(page.unreadOnly ? { readAt: null } : {}), ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    select: { id: true, titleAr: true, titleEn: true, bodyAr: true, bodyEn: true, category: true, data: true, readAt: true, createdAt: true },
  });
  return rows.map((n) => ({
    id: n.id,
    title: lang === "en" ? n.titleEn : n.titleAr,
    body: lang === "en" ? n.bodyEn : n.bodyAr,
    category: n.category,
    data: deepLinkData(n.data),
    read: n.readAt !== null,
    createdAt: n.createdAt,
  }));
}

/** How many of the user's notifications are not read yet. */
export function countUnread(db: Db, userId: number): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export const markReadSchema = z
  .object({
    /** These notifications (ids of other users' notifications are ignored). */
    ids: z.array(dbId).min(1).max(100).optional(),
    /** Every unread notification of the caller. */
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: "NOTIFICATIONS_IDS_OR_ALL", path: ["ids"] });
export type MarkReadInput = z.input<typeof markReadSchema>;

/**
 * The caller marks some of their notifications read, or all of them. Only unread rows of the
 * caller are touched, so repeating it (or racing another call) marks nothing twice.
 */
export async function markNotificationsRead(deps: Deps, ctx: Ctx, input: MarkReadInput): Promise<{ marked: number; unreadCount: number }> {
  const userId = requireUser(ctx);
  const d = markReadSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId, readAt: null, ...(d.ids ? { id: { in: d.ids } } : {}) },
      data: { readAt: nowOf(deps) },
    });
    // One row per call, not per notification.
    if (count) await writeAudit(tx, ctx, { action: "notifications.read", entity: "User", entityId: userId, meta: { marked: count, ...(d.all ? { all: true } : { ids: d.ids }) } });
    return { marked: count, unreadCount: await countUnread(tx, userId) };
  });
}

export const DEVICE_PLATFORMS = ["ios", "android", "web"] as const;

/** An FCM registration token (or an APNs device token): printable ASCII without spaces, as long as the column holds. */
export const deviceTokenSchema = z.string().trim().min(1).max(512).regex(/^[\x21-\x7e]+$/, "DEVICE_TOKEN_FORMAT");

export const registerDeviceSchema = z.object({ token: deviceTokenSchema, platform: z.enum(DEVICE_PLATFORMS) }).strict();
export type RegisterDeviceInput = z.input<typeof registerDeviceSchema>;

/**
 * The app says this device's push token belongs to the caller (at sign-in, at every start, and when
 * the token changes). Upsert by token: the same token signed in as someone else moves to the
 * caller (one device, one owner), a revoked one comes back, and `lastSeenAt` is refreshed.
 */
export async function registerDevice(deps: Deps, ctx: Ctx, input: RegisterDeviceInput) {
  const userId = requireUser(ctx);
  const d = registerDeviceSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.$transaction(async (tx) => {
    const before = await tx.deviceToken.findUnique({ where: { token: d.token }, select: { userId: true, platform: true, revokedAt: true } });
    // A single INSERT … ON CONFLICT (token): two first registrations at once both succeed.
    const device = await tx.deviceToken.upsert({
      where: { token: d.token },
      create: { userId, token: d.token, platform: d.platform, lastSeenAt: now },
      update: { userId, platform: d.platform, lastSeenAt: now, revokedAt: null },
    });
    // A start of the app that only refreshes lastSeenAt is not worth an audit row.
    if (!before || before.userId !== userId || before.revokedAt || before.platform !== d.platform) {
      await writeAudit(tx, ctx, {
        action: !before ? "notifications.device.register" : before.userId !== userId ? "notifications.device.move" : "notifications.device.renew",
        entity: "DeviceToken",
        entityId: device.id,
        meta: { platform: d.platform, ...(before && before.userId !== userId ? { fromUserId: before.userId } : {}) },
      });
    }
    return device;
  });
}

/**
 * The caller's device stops receiving pushes (sign-out, or the user turned pushes off on the
 * device). Only the caller's own token is revoked; anything else is a no-op. True when one was.
 */
export async function removeDevice(deps: Deps, ctx: Ctx, token: string): Promise<boolean> {
  const userId = requireUser(ctx);
  const t = deviceTokenSchema.parse(token);
  return deps.db.$transaction(async (tx) => {
    const device = await tx.deviceToken.findFirst({ where: { token: t, userId, revokedAt: null }, select: { id: true } });
    if (!device) return false;
    const { count } = await tx.deviceToken.updateMany({ where: { id: device.id, userId, revokedAt: null }, data: { revokedAt: nowOf(deps) } });
    if (count) await writeAudit(tx, ctx, { action: "notifications.device.remove", entity: "DeviceToken", entityId: device.id });
    return count > 0;
  });
}
