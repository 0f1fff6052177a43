/**
 * Messaging commands: send a message in a request's thread and mark the other party's messages
 * read. Only the thread's two parties may act (anyone else gets NotFound). Callers: the public API.
 */
import { lockRow } from "../../platform/database/transaction.js";
import type { Message } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, ForbiddenError } from "../../platform/errors.js";
import { emitEvents } from "../../platform/events.js";
import { MessagingEvents as E } from "./messaging.events.js";
import { getThreadFor, otherPartyOf, unreadCounts } from "./messaging.queries.js";
import { markThreadReadSchema, sendMessageSchema, type MarkThreadReadInput, type SendMessageInput } from "./messaging.schemas.js";

function requireUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

/** A party of the thread sends a message; refused once the thread's request is cancelled. */
export async function sendMessage(deps: Deps, ctx: Ctx, threadId: number, input: SendMessageInput): Promise<Message> {
  const userId = requireUser(ctx);
  const data = sendMessageSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const thread = await getThreadFor(tx, userId, threadId);
    // A share lock: a concurrent cancel (which locks the request FOR UPDATE) either waits for this
    // message or commits first and is seen here.
    await lockRow(tx, "marketplace_servicerequest", thread.requestId, "share");
    const request = await tx.serviceRequest.findUnique({ where: { id: thread.requestId }, select: { status: true } });
    if (request?.status === "cancelled") throw new ConflictError("THREAD_CLOSED", `the request of thread ${threadId} is cancelled`);
    const message = await tx.message.create({ data: { threadId, senderId: userId, body: data.body } });
    // Never move lastMessageAt backwards when two messages commit out of order.
    await tx.thread.updateMany({
      where: { id: threadId, OR: [{ lastMessageAt: null }, { lastMessageAt: { lt: message.createdAt } }] },
      data: { lastMessageAt: message.createdAt },
    });
    const recipientId = otherPartyOf(thread, userId);
    await emitEvents(deps, tx, ctx, [{
      name: E.MESSAGE_SENT, entity: "Message", entityId: message.id,
      payload: { threadId, messageId: message.id, senderId: userId, recipientId, requestId: thread.requestId },
    }]);
    return message;
  });
}

/**
 * The caller marks the other party's messages read, up to `upToMessageId` (all when absent).
 * Safe to repeat and to run concurrently: existing receipts are skipped.
 */
export async function markThreadRead(deps: Deps, ctx: Ctx, threadId: number, input: MarkThreadReadInput = {}): Promise<{ marked: number; unreadCount: number }> {
  const userId = requireUser(ctx);
  const data = markThreadReadSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    await getThreadFor(tx, userId, threadId);
    const unread = await tx.message.findMany({
      where: {
        threadId, senderId: { not: userId }, deletedAt: null,
        ...(data.upToMessageId ? { id: { lte: data.upToMessageId } } : {}),
        reads: { none: { userId } },
      },
      select: { id: true },
    });
    const { count } = unread.length
      ? await tx.messageRead.createMany({ data: unread.map((m) => ({ messageId: m.id, userId })), skipDuplicates: true })
      : { count: 0 };
    const unreadCount = (await unreadCounts(tx, userId, [threadId])).get(threadId) ?? 0;
    return { marked: count, unreadCount };
  });
}
