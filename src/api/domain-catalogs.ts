/** Message catalogs of the other domains, one import each (kept apart so domains can be added without touching messages.ts). */
import type { Catalog } from "../platform/i18n.js";
import { messagingMessages } from "../domains/messaging/index.js";
import { reviewsMessages } from "../domains/reviews/index.js";
import { providersMessages } from "../domains/providers/index.js";
import { billingMessages } from "../domains/billing/index.js";
import { subscriptionsMessages } from "../domains/subscriptions/index.js";

export const domainCatalogs: Catalog = {
  ...messagingMessages,
  ...reviewsMessages,
  ...providersMessages,
  ...billingMessages,
  ...subscriptionsMessages,
};
