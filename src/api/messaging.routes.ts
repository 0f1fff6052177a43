/** Chat threads between a request's client and its provider (the two parties only; anyone else gets 404). */
import { z } from "zod";
import * as messaging from "../domains/messaging/index.js";
import type { Api } from "./openapi.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import type { ApiContext } from "./context.js";
import { dbId, idParam, isoDateTime } from "./schemas/common.js";

const threadSchema = z
  .object({
    id: z.number().int(),
    request_id: z.number().int(),
    request_title: z.string(),
    other_party: z.object({ id: z.number().int(), name: z.string() }).meta({ description: "The other user of the thread (the provider's business name for a client)." }),
    last_message_at: isoDateTime.nullable(),
    last_message: z.string().nullable().meta({ description: "Preview of the newest message, null when there is none." }),
    unread_count: z.number().int().meta({ description: "Messages from the other party the caller has not marked read." }),
  })
  .meta({ id: "MessageThread" });

const messageSchema = z
  .object({
    id: z.number().int(),
    sender_id: z.number().int(),
    body: z.string(),
    created_at: isoDateTime,
    is_mine: z.boolean(),
    read_by_other: z.boolean().meta({ description: "For the caller's own messages: whether the other party has read it (false otherwise)." }),
  })
  .meta({ id: "ThreadMessage" });

export function messagingRoutes(api: Api, c: ApiContext): void {
  api.route(
    {
      method: "get", path: "/threads", tag: "Messaging", auth: "user", summary: "The caller's threads",
      description: "Threads where the caller is the client or the provider, newest first.",
      query: z.object(pageQuery),
      response: pageOf(threadSchema, "MessageThreadPage"),
    },
    async ({ query, user }) => {
      const rows = await messaging.listThreads(c.deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    {
      method: "get", path: "/threads/{id}/messages", tag: "Messaging", auth: "user", summary: "Messages of a thread, newest first",
      params: idParam,
      query: z.object(pageQuery),
      response: pageOf(messageSchema, "ThreadMessagePage"),
    },
    async ({ params, query, user }) => {
      const rows = await messaging.listMessages(c.deps, user.id, params.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    {
      method: "post", path: "/threads/{id}/messages", tag: "Messaging", auth: "user", summary: "Send a message",
      description: "Refused with 409 THREAD_CLOSED once the request is cancelled.",
      params: idParam,
      body: z.object({ body: messaging.messageBodySchema.meta({ description: "1 to 4000 characters (trimmed)." }) }).strict(),
      response: messageSchema,
      status: 201,
      idempotent: true,
      errors: [409, 422],
    },
    async ({ params, body, ctx, user }) => {
      const m = await messaging.sendMessage(c.deps, ctx, params.id, body);
      return { ...m, isMine: m.senderId === user.id, readByOther: false };
    },
  );

  api.route(
    {
      method: "post", path: "/threads/{id}/read", tag: "Messaging", auth: "user", summary: "Mark the other party's messages read",
      description: "Marks the other party's messages up to `up_to_message_id` (all when absent) as read by the caller.",
      params: idParam,
      body: z.object({ up_to_message_id: dbId.optional() }).strict(),
      response: z.object({ marked: z.number().int().meta({ description: "Messages newly marked read." }), unread_count: z.number().int() }).meta({ id: "ThreadReadResult" }),
    },
    ({ params, body, ctx }) => messaging.markThreadRead(c.deps, ctx, params.id, { upToMessageId: body.up_to_message_id }),
  );
}
