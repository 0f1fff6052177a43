/**
 * Broadcasts: an announcement content staff write in both languages and send to a segment of app
 * users (all providers, the providers of a city or a subcategory, all clients) on chosen channels.
 *
 * Send counts the audience (users in the segment when sending starts) and queues the first batch;
 * each batch job takes the next users by id after the broadcast's cursor, gives each one its
 * notification and deliveries (the "notifications.broadcast" kind: marketing, so only users who
 * turned marketing on get it on a channel; the others' deliveries are skipped by preference), then
 * advances the cursor and the progress and queues the next batch, or completes the broadcast.
 * Cancel stops it between any two users: the batch checks the status under a shared row lock per
 * user, and the cancel (which takes that row for update) marks every delivery still queued skipped
 * ("cancelled"). A batch run twice adds nothing: a notification exists once per (broadcast, user)
 * and the cursor moves only from where the batch started.
 */
import { deliveryMovesFrom } from "./delivery.status.js";
import { Prisma, type Broadcast, type NotificationChannel, type NotificationTemplate } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { lockRow } from "../../platform/database/transaction.js";
import { systemCtx } from "../../platform/context.js";
import { nowOf } from "../../platform/clock.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { sendInTransaction } from "../../platform/jobs.js";
import { transition } from "../../platform/transitions.js";
import { CHANNELS, NotificationEvents, type Channel } from "./channels.js";
import { BROADCAST_KIND, kindOf } from "./catalog.js";
import { variablesIn } from "./templates.js";
import { notifyUserInTx, type NotifyInput } from "./notify.service.js";
import { BROADCAST_SEGMENTS, broadcastMachine, type BroadcastSegment, type BroadcastStatus } from "./broadcast.status.js";

/** The queue of broadcast batches; jobs/broadcasts.job.ts runs them. */
export const BROADCAST_QUEUE = "notification-broadcasts";
/** Users per batch job. */
export const BROADCAST_BATCH = 500;

export interface BroadcastBatchJob {
  broadcastId: number;
  /** The cursor when the batch was queued: it takes users with a greater id. */
  after: number;
}

export type BroadcastDraft = Pick<Broadcast, "titleAr" | "titleEn" | "bodyAr" | "bodyEn" | "segment" | "city" | "subcategoryId"> & { channels: readonly string[] };

const needsCity = (segment: string) => segment === "providers_in_city";
const needsSubcategory = (segment: string) => segment === "providers_in_subcategory";

/**
 * Checks a draft as staff save it (and again at Send): both languages, no {{variables}} (a
 * broadcast is sent as written), a known segment with the city or subcategory it needs, at least
 * one channel. Field errors are catalog keys. Returns the draft's targeting with what its segment
 * does not use cleared.
 */
export async function checkBroadcastDraft(db: Deps["db"] | Tx, d: BroadcastDraft): Promise<{ city: string | null; subcategoryId: number | null }> {
  const fields: Record<string, string> = {};
  for (const f of ["titleAr", "titleEn", "bodyAr", "bodyEn"] as const) {
    const v = d[f];
    if (!v?.trim()) fields[f] = "VALUE_REQUIRED";
    else if (variablesIn(v).length) fields[f] = "BROADCAST_NO_VARIABLES";
  }
  if (!(BROADCAST_SEGMENTS as readonly string[]).includes(d.segment)) fields.segment = "BROADCAST_SEGMENT_UNKNOWN";
  const city = needsCity(d.segment) ? d.city?.trim() || null : null;
  if (needsCity(d.segment) && !city) fields.city = "BROADCAST_CITY_REQUIRED";
  const subcategoryId = needsSubcategory(d.segment) ? d.subcategoryId ?? null : null;
  if (needsSubcategory(d.segment)) {
    if (!subcategoryId) fields.subcategoryId = "BROADCAST_SUBCATEGORY_REQUIRED";
    else if (!(await db.subcategory.findFirst({ where: { id: subcategoryId, deletedAt: null }, select: { id: true } }))) fields.subcategoryId = "BROADCAST_SUBCATEGORY_UNKNOWN";
  }
  if (!d.channels.length) fields.channels = "BROADCAST_CHANNELS_REQUIRED";
  else if (d.channels.some((c) => !(CHANNELS as readonly string[]).includes(c))) fields.channels = "BROADCAST_CHANNELS_REQUIRED";
  if (Object.keys(fields).length) throw new DomainError("VALIDATION_FAILED", "broadcast is not valid", 400, { fields });
  return { city, subcategoryId };
}

/** The app users a segment reaches: active, not deleted, clients or providers (by city or subcategory offered). */
export function segmentWhere(b: Pick<Broadcast, "segment" | "city" | "subcategoryId">): Prisma.UserWhereInput {
  const live = { isActive: true, deletedAt: null };
  const provider = (profile: Prisma.ProviderProfileWhereInput): Prisma.UserWhereInput => ({ ...live, userType: "provider", providerProfile: { is: { deletedAt: null, ...profile } } });
  switch (b.segment as BroadcastSegment) {
    case "all_clients":
      return { ...live, userType: "client" };
    case "all_providers":
      return provider({});
    case "providers_in_city":
      return provider({ city: { equals: b.city ?? "", mode: "insensitive" } });
    case "providers_in_subcategory":
      return provider({ categories: { some: { subcategoryId: b.subcategoryId ?? 0 } } });
    default:
      throw new DomainError("BROADCAST_SEGMENT_UNKNOWN", `unknown segment ${b.segment}`, 422);
  }
}

/** Who a broadcast goes to: its segment as it was when sending started (users who join later are not added). */
function audienceWhere(b: Broadcast, since: Date): Prisma.UserWhereInput {
  return { AND: [segmentWhere(b), { createdAt: { lte: since } }] };
}

/** How many users the broadcast reaches if it is sent now. */
export async function countBroadcastAudience(db: Deps["db"] | Tx, b: Pick<Broadcast, "segment" | "city" | "subcategoryId">): Promise<number> {
  return db.user.count({ where: segmentWhere(b) });
}

/** Staff press Send on a draft: the audience is counted and the first batch queued, in one transaction. */
export async function startBroadcast(deps: Deps, ctx: Ctx, id: number): Promise<Broadcast> {
  const now = nowOf(deps);
  return transition<BroadcastStatus, Broadcast>(deps, ctx, {
    machine: broadcastMachine,
    id,
    to: "sending",
    action: "notifications.broadcast.send",
    guard: async (b) => void (await checkBroadcastDraft(deps.db, b)),
    data: { startedAt: now, processed: 0, cursor: 0 },
    effects: async (tx, { after }) => {
      const total = await tx.user.count({ where: audienceWhere(after, now) });
      await tx.broadcast.update({ where: { id }, data: { total } });
      const job: BroadcastBatchJob = { broadcastId: id, after: 0 };
      await sendInTransaction(deps.boss, tx, BROADCAST_QUEUE, job, { singletonKey: `broadcast:${id}:0` });
    },
  }).then(() => deps.db.broadcast.findUniqueOrThrow({ where: { id } }));
}

/**
 * Staff stop a draft or a broadcast midway: the next user of the running batch is not told, and
 * every delivery of it still queued is skipped with the reason "cancelled".
 */
export async function cancelBroadcast(deps: Deps, ctx: Ctx, id: number): Promise<{ broadcast: Broadcast; skipped: number }> {
  let skipped = 0;
  const broadcast = await transition<BroadcastStatus, Broadcast>(deps, ctx, {
    machine: broadcastMachine,
    id,
    to: "cancelled",
    action: "notifications.broadcast.cancel",
    data: { cancelledAt: nowOf(deps) },
    effects: async (tx) => {
      skipped = (await tx.notificationDelivery.updateMany({ where: { status: { in: deliveryMovesFrom("skipped") }, notification: { broadcastId: id } }, data: { status: "skipped", skipReason: "cancelled" } })).count;
    },
  });
  return { broadcast, skipped };
}

export type BatchOutcome = "next" | "completed" | "stopped" | "already_done";

/**
 * One batch of a sending broadcast (the batch job): the next `batchSize` users of its audience
 * after `after`, each told in their own transaction, then the cursor and progress move and the
 * next batch is queued, or the broadcast completes. Stops at once when the broadcast is no longer
 * sending; does nothing when its cursor already moved past `after` (a batch run twice).
 */
export async function runBroadcastBatch(deps: Deps, job: BroadcastBatchJob, batchSize = BROADCAST_BATCH): Promise<{ outcome: BatchOutcome; told: number }> {
  const { broadcastId: id, after } = job;
  const b = await deps.db.broadcast.findUnique({ where: { id } });
  if (!b) throw new NotFoundError("Broadcast", id);
  if (b.status !== "sending") return { outcome: "stopped", told: 0 };
  if (b.cursor !== after) return { outcome: "already_done", told: 0 };
  const since = b.startedAt ?? nowOf(deps);
  const users = await deps.db.user.findMany({ where: { AND: [audienceWhere(b, since), { id: { gt: after } }] }, orderBy: { id: "asc" }, take: batchSize, select: { id: true } });

  const kind = kindOf(BROADCAST_KIND);
  if (!kind) throw new Error(`${BROADCAST_KIND} is not in the catalog`);
  const input: NotifyInput = {
    kind,
    userIds: [],
    vars: {},
    broadcastId: id,
    channels: b.channels as Channel[],
    text: { titleAr: b.titleAr, titleEn: b.titleEn, bodyAr: b.bodyAr, bodyEn: b.bodyEn },
    data: { screen: "broadcast", broadcastId: id },
  };
  // The broadcast's own words on every channel: stored templates never apply.
  const noTemplates = new Map<Channel, NotificationTemplate>();
  let told = 0;
  for (const u of users) {
    const stillSending = await deps.db
      .$transaction(async (tx) => {
        // Shared lock: batches never wait for each other, a cancel waits for this user and is then seen.
        const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM notifications_broadcast WHERE id = ${id} FOR SHARE`;
        if (row?.status !== "sending") return false;
        if (await notifyUserInTx(deps, tx, input, u.id, noTemplates)) told++;
        return true;
      })
      // The same batch running at once elsewhere told this user first (unique broadcast + user).
      .catch((err: unknown) => {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return true;
        throw err;
      });
    if (!stillSending) return { outcome: "stopped", told };
  }

  return deps.db.$transaction(async (tx) => {
    await lockRow(tx, broadcastMachine.table, id);
    const cur = await tx.broadcast.findUniqueOrThrow({ where: { id } });
    if (cur.status !== "sending") return { outcome: "stopped" as const, told };
    if (cur.cursor !== after) return { outcome: "already_done" as const, told };
    const last = users.at(-1)?.id ?? after;
    await tx.broadcast.update({ where: { id }, data: { cursor: last, processed: { increment: users.length } } });
    if (users.length < batchSize) {
      await transition<BroadcastStatus, Broadcast>(deps, systemCtx("broadcasts"), {
        machine: broadcastMachine,
        id,
        to: "completed",
        action: "notifications.broadcast.complete",
        data: { finishedAt: nowOf(deps) },
        events: ({ after: done }) => [{ name: NotificationEvents.BROADCAST_COMPLETED, entity: "Broadcast", entityId: id, payload: { broadcastId: id, total: done.total, processed: done.processed } }],
      }, tx);
      return { outcome: "completed" as const, told };
    }
    const next: BroadcastBatchJob = { broadcastId: id, after: last };
    await sendInTransaction(deps.boss, tx, BROADCAST_QUEUE, next, { singletonKey: `broadcast:${id}:${last}` });
    return { outcome: "next" as const, told };
  });
}

export interface BroadcastProgress {
  id: number;
  status: Broadcast["status"];
  /** The words and the audience, as the page shows them beside the numbers. */
  text: Pick<Broadcast, "titleAr" | "titleEn" | "bodyAr" | "bodyEn">;
  segment: string;
  city: string | null;
  subcategory: { id: number; nameAr: string; nameEn: string } | null;
  /** For a draft: who it would reach now; once sent: the audience counted at Send. */
  audience: number;
  total: number;
  processed: number;
  /** 0–100, whole. */
  percent: number;
  channels: NotificationChannel[];
  startedAt: Date | null;
  finishedAt: Date | null;
  cancelledAt: Date | null;
  /** Deliveries by status, all channels together. */
  byStatus: Record<"queued" | "sent" | "failed" | "skipped", number>;
  /** Per channel, by status. */
  byChannel: { channel: NotificationChannel; queued: number; sent: number; failed: number; skipped: number }[];
  /** Why deliveries were skipped (preference, no_recipient, cancelled). */
  skippedBy: Record<string, number>;
}

/** What the panel's progress page draws (it asks again every few seconds while the broadcast sends). */
export async function getBroadcastProgress(deps: Deps, id: number): Promise<BroadcastProgress> {
  const b = await deps.db.broadcast.findUnique({ where: { id } });
  if (!b) throw new NotFoundError("Broadcast", id);
  const where = { notification: { broadcastId: id } };
  const [groups, reasons, audience, subcategory] = await Promise.all([
    deps.db.notificationDelivery.groupBy({ by: ["channel", "status"], where, _count: { _all: true } }),
    deps.db.notificationDelivery.groupBy({ by: ["skipReason"], where: { ...where, status: "skipped" }, _count: { _all: true } }),
    b.status === "draft" ? countBroadcastAudience(deps.db, b).catch(() => 0) : Promise.resolve(b.total),
    b.subcategoryId ? deps.db.subcategory.findUnique({ where: { id: b.subcategoryId }, select: { id: true, nameAr: true, nameEn: true } }) : Promise.resolve(null),
  ]);
  const byStatus = { queued: 0, sent: 0, failed: 0, skipped: 0 };
  const byChannel = b.channels.map((channel) => ({ channel, queued: 0, sent: 0, failed: 0, skipped: 0 }));
  for (const g of groups) {
    byStatus[g.status] += g._count._all;
    const row = byChannel.find((c) => c.channel === g.channel);
    if (row) row[g.status] += g._count._all;
  }
  const done = b.status === "completed";
  return {
    id: b.id, status: b.status, audience, total: b.total, processed: b.processed,
    text: { titleAr: b.titleAr, titleEn: b.titleEn, bodyAr: b.bodyAr, bodyEn: b.bodyEn }, segment: b.segment, city: b.city, subcategory,
    percent: done ? 100 : b.total ? Math.min(100, Math.floor((b.processed / b.total) * 100)) : 0,
    channels: b.channels, startedAt: b.startedAt, finishedAt: b.finishedAt, cancelledAt: b.cancelledAt,
    byStatus, byChannel,
    skippedBy: Object.fromEntries(reasons.map((r) => [r.skipReason ?? "other", r._count._all])),
  };
}
