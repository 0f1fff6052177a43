/** Service requests and offers: clients post and choose, providers find open work and answer. */
import { z } from "zod";
import * as marketplace from "../domains/marketplace/index.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { fromApiJson } from "./serialize.js";
import { currency, dateTimeString, dbId, idParam, isoDateTime, money } from "./schemas/common.js";

const requestStatus = z.enum(marketplace.REQUEST_STATUSES);
const offerStatus = z.enum(marketplace.OFFER_STATUSES);

const offerSchema = z
  .object({
    id: z.number().int(),
    request_id: z.number().int(),
    price: money,
    currency,
    message: z.string(),
    estimated_days: z.number().int().nullable(),
    status: offerStatus,
    created_at: isoDateTime,
    provider: z.object({ id: z.number().int(), display_name: z.string(), rating: z.number(), rating_count: z.number().int(), is_verified: z.boolean() }).optional(),
  })
  .meta({ id: "Offer" });

const requestSummary = {
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: requestStatus,
  priority: z.enum(["low", "normal", "high", "urgent"]),
  city: z.string(),
  budget_min: money.nullable(),
  budget_max: money.nullable(),
  currency,
  preferred_date: isoDateTime.nullable(),
  subcategory: z.object({ id: z.number().int(), name_ar: z.string(), name_en: z.string() }),
  created_at: isoDateTime,
};

const requestListItem = z.object(requestSummary).meta({ id: "ServiceRequestSummary" });
const openRequestItem = z
  .object({ ...requestSummary, my_offer: z.object({ id: z.number().int(), status: offerStatus }).nullable() })
  .meta({ id: "OpenServiceRequest" });

const requestDetail = z
  .object({
    ...requestSummary,
    address: z.string().nullable(),
    cancel_reason: z.string().nullable(),
    started_at: isoDateTime.nullable(),
    completed_at: isoDateTime.nullable(),
    viewer_role: z.enum(["client", "provider"]).meta({ description: "How the caller relates to this request." }),
    provider: z.object({ id: z.number().int(), display_name: z.string() }).nullable().meta({ description: "The chosen provider, once an offer is accepted." }),
    thread_id: z.number().int().nullable(),
    review: z.object({ id: z.number().int(), rating: z.number().int() }).nullable(),
    offers: z.array(offerSchema).meta({ description: "Every offer for the client; only the caller's own for a provider." }),
  })
  .meta({ id: "ServiceRequest" });

const listQuery = z.object({ ...pageQuery, status: requestStatus.optional() });

type OfferRow = { provider?: { ratingAvg: number } & Record<string, unknown> } & Record<string, unknown>;
const withRating = (o: OfferRow) => (o.provider ? { ...o, provider: { ...o.provider, rating: o.provider.ratingAvg / 100 } } : o);

export function marketplaceRoutes(api: Api, c: ApiContext): void {
  const { deps } = c;
  const detail = async (userId: number, id: number) => {
    const r = await marketplace.getRequestFor(deps, userId, id);
    return { ...r, threadId: r.thread?.id ?? null, offers: r.offers.map(withRating) };
  };

  api.route(
    {
      method: "post", path: "/requests", tag: "Requests", auth: "user", summary: "Post a service request",
      body: z.object({
        title: z.string().trim().min(3).max(200),
        description: z.string().trim().min(3).max(5000),
        subcategory_id: dbId,
        city: z.string().trim().min(2).max(100),
        address: z.string().trim().max(500).optional(),
        budget_min: money.min(0).optional(),
        budget_max: money.min(0).optional(),
        priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
        preferred_date: dateTimeString.optional().meta({ example: "2026-11-22T10:00:00+03:00" }),
      }).strict(),
      response: requestDetail, status: 201, idempotent: true, errors: [422],
    },
    async ({ body, ctx, user }) => {
      const created = await marketplace.createRequest(deps, ctx, fromApiJson(body));
      return detail(user.id, created.id);
    },
  );

  api.route(
    { method: "get", path: "/requests", tag: "Requests", auth: "user", summary: "My requests (as a client), newest first", query: listQuery, response: pageOf(requestListItem, "ServiceRequestPage") },
    async ({ query, user }) => {
      const rows = await marketplace.listOwnRequests(deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) }, query.status);
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    {
      method: "get", path: "/requests/open", tag: "Requests", auth: "provider", summary: "Open requests matching my subcategories and city",
      query: z.object(pageQuery), response: pageOf(openRequestItem, "OpenServiceRequestPage"),
    },
    async ({ query, user }) => {
      const rows = await marketplace.listOpenRequestsForProvider(deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    { method: "get", path: "/requests/{id}", tag: "Requests", auth: "user", summary: "One request (its client, or a provider who may answer or was chosen)", params: idParam, response: requestDetail },
    ({ params, user }) => detail(user.id, params.id),
  );

  api.route(
    {
      method: "post", path: "/requests/{id}/cancel", tag: "Requests", auth: "user", summary: "Cancel my request before the work starts",
      params: idParam, body: z.object({ reason: z.string().trim().min(3).max(500) }).strict(), response: requestDetail, errors: [409],
    },
    async ({ params, body, ctx, user }) => {
      await marketplace.getRequestFor(deps, user.id, params.id); // 404 for strangers before anything else
      await marketplace.cancelRequest(deps, ctx, params.id, body.reason);
      return detail(user.id, params.id);
    },
  );

  api.route(
    { method: "post", path: "/offers/{id}/accept", tag: "Offers", auth: "user", summary: "Accept an offer on my request (opens the chat thread)", params: idParam, response: requestDetail, errors: [409] },
    async ({ params, ctx, user }) => {
      const r = await marketplace.acceptOffer(deps, ctx, params.id);
      return detail(user.id, r.id);
    },
  );

  api.route(
    {
      method: "post", path: "/requests/{id}/offers", tag: "Offers", auth: "provider", summary: "Make an offer on an open request",
      params: idParam,
      body: z.object({ price: money.positive(), message: z.string().trim().min(1).max(2000), estimated_days: z.number().int().min(1).max(365).optional() }).strict(),
      response: offerSchema, status: 201, idempotent: true, errors: [409, 422],
    },
    async ({ params, body, ctx, user }) => {
      await marketplace.getRequestFor(deps, user.id, params.id); // only requests this provider may see
      return marketplace.submitOffer(deps, ctx, params.id, fromApiJson(body));
    },
  );

  api.route(
    { method: "post", path: "/offers/{id}/withdraw", tag: "Offers", auth: "provider", summary: "Withdraw my pending offer", params: idParam, response: offerSchema, errors: [409] },
    ({ params, ctx }) => marketplace.withdrawOffer(deps, ctx, params.id),
  );

  api.route(
    { method: "post", path: "/requests/{id}/start", tag: "Requests", auth: "provider", summary: "Start the work (chosen provider)", params: idParam, response: requestDetail, errors: [409] },
    async ({ params, ctx, user }) => {
      await marketplace.startRequest(deps, ctx, params.id);
      return detail(user.id, params.id);
    },
  );

  api.route(
    { method: "post", path: "/requests/{id}/complete", tag: "Requests", auth: "provider", summary: "Mark the work done (chosen provider)", params: idParam, response: requestDetail, errors: [409] },
    async ({ params, ctx, user }) => {
      await marketplace.completeRequest(deps, ctx, params.id);
      return detail(user.id, params.id);
    },
  );
}
