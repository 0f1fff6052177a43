/** Names of the reviews domain's events. */
export const ReviewsEvents = {
  REVIEW_CREATED: "reviews.review.created",
} as const;
