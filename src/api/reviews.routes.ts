/** Reviews: the client rates a completed request; anyone reads a provider's reviews. */
import { z } from "zod";
import * as reviews from "../domains/reviews/index.js";
import type { Api } from "./openapi.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import type { ApiContext } from "./context.js";
import { idParam, isoDateTime } from "./schemas/common.js";

const createdReviewSchema = z
  .object({
    id: z.number().int(),
    request_id: z.number().int(),
    provider_id: z.number().int(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    created_at: isoDateTime,
  })
  .meta({ id: "OwnReview" });

const providerReviewSchema = z
  .object({
    id: z.number().int(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    client_name: z.string().meta({ description: "The reviewer's first name only." }),
    provider_reply: z.string().nullable(),
    created_at: isoDateTime,
  })
  .meta({ id: "ProviderReview" });

export function reviewsRoutes(api: Api, c: ApiContext): void {
  api.route(
    {
      method: "post", path: "/requests/{id}/review", tag: "Reviews", auth: "user", summary: "Review a completed request",
      description: "Only the request's client, only once the request is completed (422 REQUEST_NOT_COMPLETED), only once (409 REVIEW_EXISTS).",
      params: idParam,
      body: z.object({
        rating: z.number().int().min(1).max(5),
        comment: z.string().trim().max(2000).optional(),
      }).strict(),
      response: createdReviewSchema,
      status: 201,
      idempotent: true,
      errors: [409, 422],
    },
    ({ params, body, ctx }) => reviews.createReview(c.deps, ctx, params.id, body),
  );

  api.route(
    {
      method: "get", path: "/providers/{id}/reviews", tag: "Reviews", auth: "none", summary: "A provider's reviews, newest first",
      params: idParam,
      query: z.object(pageQuery),
      response: pageOf(providerReviewSchema, "ProviderReviewPage"),
    },
    async ({ params, query }) => {
      const rows = await reviews.listProviderReviews(c.deps, params.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );
}
