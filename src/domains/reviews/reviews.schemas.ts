/** Input schemas of the reviews commands (shared by the API and tests). */
import { z } from "zod";

export const createReviewSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    /** An empty comment is no comment. */
    comment: z.string().trim().max(2000).optional().transform((v) => (v ? v : undefined)),
  })
  .strict();
export type CreateReviewInput = z.input<typeof createReviewSchema>;
