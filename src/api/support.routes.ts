/**
 * Support tickets in the public API (clients and providers alike): open a ticket, list and read
 * one's own (the public conversation only: never internal notes, drafts, priority, team or
 * deadlines), reply (which may reopen a recently resolved ticket), attach photos or PDFs
 * (multipart, typed from the bytes), rate the resolution once, and download the files one may see.
 * Anyone else's ticket or file is 404.
 */
import { z } from "zod";
import * as support from "../domains/support/index.js";
import { readSetting } from "../domains/backoffice/settings.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { fileRoute } from "./stored-files.js";
import { dbId, dbIdFromString, idParam, isoDateTime, money } from "./schemas/common.js";

const TAG = "Support";
const ticketType = z.enum(support.TICKET_TYPES);
const ticketStatus = z.enum(support.TICKET_STATUSES);
const fields = support.openTicketSchema.shape;

const attachmentSchema = z
  .object({
    id: dbId,
    file_name: z.string(),
    mime_type: z.string(),
    size_bytes: z.number().int(),
    created_at: isoDateTime,
    file_url: z.string().meta({ description: "GET with your bearer token to download the file." }),
  })
  .meta({ id: "TicketAttachment" });

const replySchema = z
  .object({
    id: dbId,
    body: z.string(),
    from: z.enum(["me", "support"]),
    author_name: z.string().meta({ description: "The support agent's name on a reply from support; yours on your own." }),
    created_at: isoDateTime,
    attachments: z.array(attachmentSchema).meta({ description: "Files support sent with this reply." }),
  })
  .meta({ id: "TicketReply" });

const ticketSummarySchema = z
  .object({
    id: dbId,
    code: z.string().meta({ example: "TCK-000123", description: "Quote it when you contact support." }),
    type: ticketType,
    status: ticketStatus.meta({
      description: "new and triaged: received; in_progress: support works on it; waiting_on_customer: support asked you something (reply); resolved; closed.",
    }),
    subject: z.string(),
    merged_into: z
      .object({ id: dbId, code: z.string() })
      .nullable()
      .meta({ description: "Set when support merged this ticket into another of yours: continue there." }),
    follow_up_of_id: dbId.nullable().meta({ description: "The earlier ticket this one follows up." }),
    created_at: isoDateTime,
    updated_at: isoDateTime,
    resolved_at: isoDateTime.nullable(),
    closed_at: isoDateTime.nullable(),
  })
  .meta({ id: "SupportTicketSummary" });

const ticketSchema = ticketSummarySchema
  .extend({
    body: z.string(),
    related_request_id: dbId.nullable(),
    replies: z.array(replySchema).meta({ description: "The public conversation, oldest first: your messages and support's replies." }),
    attachments: z.array(attachmentSchema).meta({ description: "Files you attached." }),
    can_reply: z.boolean().meta({ description: "False once merged, or when resolved or closed longer ago than the reopen window." }),
    can_rate: z.boolean().meta({ description: "True once resolved or closed, until you rate it." }),
    rating: z.number().int().nullable(),
    rating_comment: z.string().nullable(),
    rated_at: isoDateTime.nullable(),
    dispute: z
      .object({
        status: z.enum(support.DISPUTE_STATUSES),
        outcome: z.enum(support.DISPUTE_OUTCOMES).nullable(),
        refund_amount: money.nullable(),
      })
      .nullable()
      .meta({ description: "For a dispute ticket: where the dispute stands and its outcome." }),
  })
  .meta({ id: "SupportTicket" });

type OwnTicket = Awaited<ReturnType<typeof support.getOwnTicket>>;
type Attachment = OwnTicket["attachments"][number];

const attachmentOut = (a: Attachment) => ({ ...a, fileUrl: `/api/v1/me/ticket-attachments/${a.id}/file` });

/** The ticket as the customer sees it: the domain already left out notes and drafts. */
function ticketOut(t: OwnTicket, userId: number) {
  return {
    ...t,
    body: t.description,
    replies: t.comments.map((c) => ({
      id: c.id,
      body: c.body,
      from: c.authorId === userId ? "me" : "support",
      authorName: c.author.fullName,
      createdAt: c.publishedAt ?? c.createdAt,
      attachments: t.attachments.filter((a) => a.commentId === c.id).map(attachmentOut),
    })),
    attachments: t.attachments.filter((a) => a.commentId === null).map(attachmentOut),
  };
}

/** Registers the support routes (tag "Support"). */
export function supportRoutes(api: Api, c: ApiContext): void {
  const withStorage = { ...c.deps, storage: c.storage };
  const detail = async (id: number, userId: number) => ticketOut(await support.getOwnTicket(c.deps, userId, id), userId);

  api.route(
    {
      method: "post", path: "/me/tickets", tag: TAG, auth: "user", summary: "Open a support ticket",
      description:
        "A dispute names the request it is about (`related_request_id`, one of yours; 409 DISPUTE_ALREADY_OPEN when it has one open); " +
        "report_user names `reported_user_id`; report_content names the message (`related_message_id`, in one of your conversations). " +
        "`follow_up_of_id`: one of your tickets that can no longer be reopened (see POST /me/tickets/{id}/replies).",
      body: z
        .object({
          type: fields.type,
          subject: fields.subject.meta({ description: "3 to 200 characters." }),
          body: fields.body.meta({ description: "3 to 10,000 characters." }),
          related_request_id: fields.relatedRequestId,
          related_message_id: fields.relatedMessageId,
          reported_user_id: fields.reportedUserId,
          follow_up_of_id: fields.followUpOfId,
        })
        .strict(),
      response: ticketSchema, status: 201, idempotent: true,
    },
    async ({ body, ctx, user }) => {
      const t = await support.openTicket(c.deps, ctx, {
        type: body.type, subject: body.subject, body: body.body,
        relatedRequestId: body.related_request_id, relatedMessageId: body.related_message_id, reportedUserId: body.reported_user_id, followUpOfId: body.follow_up_of_id,
      });
      return detail(t.id, user.id);
    },
  );

  api.route(
    {
      method: "get", path: "/me/tickets", tag: TAG, auth: "user", summary: "My support tickets, newest first",
      query: z.object({ ...pageQuery, status: z.enum(["open", "done"]).optional().meta({ description: "open: not yet resolved; done: resolved or closed." }) }),
      response: pageOf(ticketSummarySchema, "SupportTicketPage"),
    },
    async ({ query, user }) => {
      const rows = await support.listOwnTickets(c.deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor), status: query.status });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    { method: "get", path: "/me/tickets/{id}", tag: TAG, auth: "user", summary: "One of my tickets with its conversation", params: idParam, response: ticketSchema },
    ({ params, user }) => detail(params.id, user.id),
  );

  api.route(
    {
      method: "post", path: "/me/tickets/{id}/replies", tag: TAG, auth: "user", summary: "Reply on my ticket",
      description:
        "Answers with the ticket. While support waits on you, the ticket goes back to them. A resolved or closed ticket is reopened " +
        "within the support_reopen_days setting (14 days by default); later it is 409 TICKET_REOPEN_WINDOW_PASSED: open a new ticket " +
        "with `follow_up_of_id` set to this one. A merged ticket is 409 TICKET_MERGED: continue on `merged_into`.",
      params: idParam,
      body: support.customerReplySchema.extend({ body: support.customerReplySchema.shape.body.meta({ description: "1 to 10,000 characters." }) }).strict(),
      response: ticketSchema, status: 201, idempotent: true, errors: [409],
    },
    async ({ params, body, ctx, user }) => {
      await support.replyAsCustomer(c.deps, ctx, params.id, body);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/tickets/{id}/attachments", tag: TAG, auth: "user", summary: "Attach a photo or PDF to my ticket",
      description:
        "multipart/form-data with `file`: JPEG, PNG, WebP or PDF, decided from the bytes (415 FILE_TYPE_NOT_ALLOWED); size limit from the " +
        "support_upload_max_bytes setting, 10 MB by default (413 FILE_TOO_LARGE). At most 10 files per ticket (422 TICKET_ATTACHMENTS_LIMIT); " +
        "not on a closed or merged ticket (409 TICKET_NOT_OPEN).",
      params: idParam,
      multipart: {
        fields: z.object({}).strict(),
        allowed: support.ATTACHMENT_MIME_TYPES,
        maxBytes: async () => (await readSetting(c.deps.db, "support_upload_max_bytes"))!,
        tempDir: () => c.storage.tempDir(),
        fileDescription: "A photo, screenshot or PDF.",
      },
      response: ticketSchema, status: 201, errors: [409, 422],
    },
    async ({ params, file, ctx, user }) => {
      await support.attachCustomerFile(withStorage, ctx, params.id, file);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/tickets/{id}/rating", tag: TAG, auth: "user", summary: "Rate how support handled my ticket",
      description: "Once the ticket is resolved or closed (409 TICKET_NOT_RATABLE), only once (409 TICKET_ALREADY_RATED).",
      params: idParam,
      body: support.rateSchema.strict(),
      response: ticketSchema, errors: [409],
    },
    async ({ params, body, ctx, user }) => {
      await support.rateTicket(c.deps, ctx, params.id, body);
      return detail(params.id, user.id);
    },
  );

  fileRoute(api, c.storage, {
    path: "/me/ticket-attachments/{id}/file", tag: TAG, auth: "user", summary: "Download a file of my ticket",
    description: "A file you attached, or one support sent on a reply (404 for anything else). Served with the type detected from the bytes, `nosniff` and a `sandbox` CSP.",
    params: z.object({ id: dbIdFromString.meta({ description: "Attachment id" }) }),
    allowed: support.ATTACHMENT_MIME_TYPES,
    load: async ({ params, userId }) => {
      const a = await support.getOwnAttachment(c.deps, userId!, params.id);
      return { key: a.storageKey, disposition: "attachment", filename: a.fileName, entity: "SupportAttachment", id: params.id };
    },
  });
}
