/**
 * What app users may read of their chats. A thread is visible to its client and to its provider
 * user only; anyone else gets NotFound — the same answer as for a thread that does not exist.
 * Lists are newest first by id, so a cursor (the last id seen) is stable under new messages.
 */
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";

type Db = Deps["db"] | Tx;

export interface CursorPage {
  limit: number;
  /** Continue after this id (newest first). */
  afterId?: number;
}

const PREVIEW_CHARS = 120;

/** The thread when `userId` is one of its two parties and its request is not deleted; NotFound otherwise. */
export async function getThreadFor(db: Db, userId: number, threadId: number) {
  const thread = await db.thread.findFirst({
    where: { id: threadId, OR: [{ clientId: userId }, { providerId: userId }], request: { deletedAt: null } },
    include: { request: { select: { id: true, title: true, status: true } } },
  });
  if (!thread) throw new NotFoundError("Thread", threadId);
  return thread;
}

/** The user id of the party that is not `userId`. */
export function otherPartyOf(thread: { clientId: number; providerId: number }, userId: number): number {
  return thread.clientId === userId ? thread.providerId : thread.clientId;
}

/** Per thread: messages from the other party that `userId` has no read receipt for (one query). */
export async function unreadCounts(db: Db, userId: number, threadIds: number[]): Promise<Map<number, number>> {
  if (!threadIds.length) return new Map();
  const rows = await db.$queryRaw<{ threadId: number; n: number }[]>`
    SELECT m.thread_id AS "threadId", count(*)::int AS n
    FROM messaging_message m
    WHERE m.thread_id = ANY(${threadIds}::int[]) AND m.sender_id <> ${userId} AND m.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM messaging_messageread r WHERE r.message_id = m.id AND r.user_id = ${userId})
    GROUP BY m.thread_id`;
  return new Map(rows.map((r) => [Number(r.threadId), Number(r.n)]));
}

/** The newest message of each thread (one query). */
async function lastMessages(db: Db, threadIds: number[]): Promise<Map<number, { id: number; body: string }>> {
  if (!threadIds.length) return new Map();
  const rows = await db.$queryRaw<{ threadId: number; id: number; body: string }[]>`
    SELECT DISTINCT ON (thread_id) thread_id AS "threadId", id, body
    FROM messaging_message
    WHERE thread_id = ANY(${threadIds}::int[]) AND deleted_at IS NULL
    ORDER BY thread_id, id DESC`;
  return new Map(rows.map((r) => [Number(r.threadId), { id: Number(r.id), body: r.body }]));
}

const preview = (body: string) => (body.length > PREVIEW_CHARS ? body.slice(0, PREVIEW_CHARS - 1) + "…" : body);

/** The caller's threads, as client or as provider, newest first; `limit + 1` rows for `paginate`. */
export async function listThreads(deps: Deps, userId: number, page: CursorPage) {
  const threads = await deps.db.thread.findMany({
    where: {
      OR: [{ clientId: userId }, { providerId: userId }],
      request: { deletedAt: null },
      ...(page.afterId ? { id: { lt: page.afterId } } : {}),
    },
    include: {
      request: { select: { title: true } },
      client: { select: { id: true, fullName: true } },
      provider: { select: { id: true, fullName: true, providerProfile: { select: { displayName: true } } } },
    },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const ids = threads.map((t) => t.id);
  const [last, unread] = await Promise.all([lastMessages(deps.db, ids), unreadCounts(deps.db, userId, ids)]);
  return threads.map((t) => {
    // The client sees the provider's business name; the provider sees the client's name.
    const otherParty = t.clientId === userId
      ? { id: t.provider.id, name: t.provider.providerProfile?.displayName ?? t.provider.fullName }
      : { id: t.client.id, name: t.client.fullName };
    const lm = last.get(t.id);
    return {
      id: t.id,
      requestId: t.requestId,
      requestTitle: t.request.title,
      otherParty,
      lastMessageAt: t.lastMessageAt,
      lastMessage: lm ? preview(lm.body) : null,
      unreadCount: unread.get(t.id) ?? 0,
    };
  });
}

/** The messages of a thread the caller is a party of, newest first; `limit + 1` rows for `paginate`. */
export async function listMessages(deps: Deps, userId: number, threadId: number, page: CursorPage) {
  const thread = await getThreadFor(deps.db, userId, threadId);
  const otherId = otherPartyOf(thread, userId);
  const rows = await deps.db.message.findMany({
    where: { threadId, deletedAt: null, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    select: { id: true, senderId: true, body: true, createdAt: true, reads: { where: { userId: otherId }, select: { id: true } } },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  return rows.map(({ reads, ...m }) => ({ ...m, isMine: m.senderId === userId, readByOther: reads.length > 0 }));
}
