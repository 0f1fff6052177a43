/**
 * Staff review queues (verification requests, promotions): a reviewer claims a request, or presses
 * "next" for the oldest one nobody holds, and deciding needs the claim. A claim lapses after the
 * domain's idle time, so a request is never stuck with someone who went home. Two reviewers
 * deciding at once: the row lock lets one win and the other is told who did.
 *
 * Each domain describes its queue once (`ReviewQueue`); its commands call these helpers inside
 * their own transactions and keep their own error codes.
 */
import { Prisma } from "@prisma/client";
import type { Ctx } from "./context.js";
import type { Deps } from "./deps.js";
import { lockRow, type Tx } from "./database/transaction.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { writeAudit } from "./audit.js";

type Db = Deps["db"] | Tx;

/** What the helpers read and write on a queued request. */
export interface ClaimableRow {
  id: number;
  status: string;
  claimedById: number | null;
  claimedAt: Date | null;
  decidedById: number | null;
}

export interface ReviewQueue {
  /** Entity name in audit rows and errors, e.g. "VerificationRequest". */
  entity: string;
  /** SQL table, for row locks and "next". */
  table: string;
  /** Prisma delegate of the request, e.g. "verificationRequest". */
  model: string;
  /** Prisma delegate of its status log (rows with requestId, actorId, createdAt). */
  logModel: string;
  /** The status requests wait in for a decision. */
  reviewStatus: string;
  /** Audit action prefix: `<prefix>.claim`, `<prefix>.release`. */
  auditPrefix: string;
  /** The domain's codes for: decided meanwhile, held by another reviewer, not held by you. */
  codes: { decided: string; claimed: string; notClaimed: string };
  /** How long a claim lasts without activity (the domain's setting). */
  idleMs(db: Db): Promise<number>;
}

export const QUEUE_VIEWS = ["unclaimed", "mine", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

const SQL_NAME = /^[a-z][a-z0-9_]*$/;

type Delegate<R> = { findUnique(a: unknown): Promise<R | null>; findUniqueOrThrow(a: unknown): Promise<R>; update(a: unknown): Promise<R> };
const requests = <R>(db: Db, q: ReviewQueue) => (db as unknown as Record<string, Delegate<R>>)[q.model]!;
const logs = (db: Db, q: ReviewQueue) => (db as unknown as Record<string, { findFirst(a: unknown): Promise<{ actorId: number | null; createdAt: Date } | null> }>)[q.logModel]!;

/** Whether someone else holds a live claim on the request. */
export function claimedByOther(r: Pick<ClaimableRow, "claimedById" | "claimedAt">, staffId: number, idleMs: number, now = Date.now()): boolean {
  return r.claimedById !== null && r.claimedById !== staffId && !!r.claimedAt && now - r.claimedAt.getTime() < idleMs;
}

/** A staff member's name for "who has it" messages. */
export async function staffName(db: Db, id: number | null): Promise<string> {
  if (!id) return "";
  const u = await db.user.findUnique({ where: { id }, select: { fullName: true, email: true } });
  return u?.fullName || u?.email || `#${id}`;
}

/**
 * Locks a request for a reviewer's decision: it must still wait for review (else who decided it
 * is named) and not be claimed by someone else (else who holds it is named). The reviewer's
 * claim is taken or refreshed.
 */
export async function lockForDecision<R extends ClaimableRow>(tx: Tx, ctx: Ctx, q: ReviewQueue, id: number): Promise<R> {
  if (!(await lockRow(tx, q.table, id))) throw new NotFoundError(q.entity, id);
  const r = await requests<R>(tx, q).findUniqueOrThrow({ where: { id } });
  const staffId = ctx.actor.id!;
  if (r.status !== q.reviewStatus) {
    const last = await logs(tx, q).findFirst({ where: { requestId: id }, orderBy: { id: "desc" } });
    throw new ConflictError(q.codes.decided, `request is ${r.status}`, { status: r.status, by: await staffName(tx, last?.actorId ?? r.decidedById), at: last?.createdAt.toISOString() });
  }
  if (claimedByOther(r, staffId, await q.idleMs(tx))) throw new ConflictError(q.codes.claimed, "claimed by another reviewer", { by: await staffName(tx, r.claimedById) });
  return requests<R>(tx, q).update({ where: { id }, data: { claimedById: staffId, claimedAt: new Date() } });
}

/** A reviewer takes a request waiting for review (refreshing their own claim is fine). */
export async function claimForReview<R extends ClaimableRow>(deps: Deps, ctx: Ctx, q: ReviewQueue, id: number): Promise<R> {
  return deps.db.$transaction(async (tx) => {
    const before = await requests<R>(tx, q).findUnique({ where: { id } });
    const r = await lockForDecision<R>(tx, ctx, q, id);
    if (before?.claimedById !== ctx.actor.id) await writeAudit(tx, ctx, { action: `${q.auditPrefix}.claim`, entity: q.entity, entityId: id, meta: { previous: before?.claimedById ?? null } });
    return r;
  });
}

/** The reviewer hands a request back to the queue. */
export async function releaseClaim<R extends ClaimableRow>(deps: Deps, ctx: Ctx, q: ReviewQueue, id: number): Promise<R> {
  return deps.db.$transaction(async (tx) => {
    if (!(await lockRow(tx, q.table, id))) throw new NotFoundError(q.entity, id);
    const r = await requests<R>(tx, q).findUniqueOrThrow({ where: { id } });
    if (r.claimedById !== ctx.actor.id) throw new ConflictError(q.codes.notClaimed, "you do not hold this request");
    await writeAudit(tx, ctx, { action: `${q.auditPrefix}.release`, entity: q.entity, entityId: id });
    return requests<R>(tx, q).update({ where: { id }, data: { claimedById: null, claimedAt: null } });
  });
}

/**
 * "Next": claims the request that has waited longest (by its queue time) that nobody holds or
 * whose claim lapsed, skipping rows another reviewer is claiming at this instant. When nothing
 * free waits, it opens the oldest one the reviewer already holds (so Next always leads to work).
 * Null when neither exists.
 */
export async function claimNext<R extends ClaimableRow>(deps: Deps, ctx: Ctx, q: ReviewQueue): Promise<R | null> {
  if (!SQL_NAME.test(q.table) || !SQL_NAME.test(q.reviewStatus)) throw new Error(`bad review queue ${q.table}/${q.reviewStatus}`);
  const idle = await q.idleMs(deps.db);
  return deps.db.$transaction(async (tx) => {
    // The status is a literal so the (status, queued_at, id) index serves the order.
    const rows = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM ${Prisma.raw(`"${q.table}"`)}
      WHERE status = ${Prisma.raw(`'${q.reviewStatus}'`)} AND (claimed_by_id IS NULL OR claimed_at < ${new Date(Date.now() - idle)})
      ORDER BY queued_at ASC NULLS LAST, id ASC
      LIMIT 1 FOR UPDATE SKIP LOCKED`;
    const id = rows[0]?.id;
    if (!id) {
      const mine = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM ${Prisma.raw(`"${q.table}"`)}
        WHERE status = ${Prisma.raw(`'${q.reviewStatus}'`)} AND claimed_by_id = ${ctx.actor.id!} AND claimed_at >= ${new Date(Date.now() - idle)}
        ORDER BY queued_at ASC NULLS LAST, id ASC
        LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!mine[0]) return null;
      return requests<R>(tx, q).update({ where: { id: mine[0].id }, data: { claimedAt: new Date() } });
    }
    await writeAudit(tx, ctx, { action: `${q.auditPrefix}.claim`, entity: q.entity, entityId: id, meta: { next: true } });
    return requests<R>(tx, q).update({ where: { id }, data: { claimedById: ctx.actor.id!, claimedAt: new Date() } });
  });
}

/** Where-filters of the three queue views, for a reviewer, given when live claims started. */
export function queueViews(q: ReviewQueue, staffId: number, liveSince: Date): Record<QueueView, Record<string, unknown>> {
  return {
    unclaimed: { status: q.reviewStatus, OR: [{ claimedById: null }, { claimedAt: { lt: liveSince } }] },
    mine: { status: q.reviewStatus, claimedById: staffId, claimedAt: { gte: liveSince } },
    all: { status: q.reviewStatus },
  };
}
