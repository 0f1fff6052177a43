/** Route groups of the domains beyond accounts, one line each. */
import type { Api } from "./openapi.js";
import type { ApiContext } from "./router.js";
import { messagingRoutes } from "./messaging.routes.js";
import { reviewsRoutes } from "./reviews.routes.js";
import { appVersionRoutes } from "./app-version.routes.js";
import { marketplaceRoutes } from "./marketplace.routes.js";
import { providersRoutes } from "./providers.routes.js";
import { billingRoutes } from "./billing.routes.js";

export function domainRoutes(api: Api, c: ApiContext): void {
  marketplaceRoutes(api, c);
  providersRoutes(api, c);
  messagingRoutes(api, c);
  reviewsRoutes(api, c);
  appVersionRoutes(api, c);
  billingRoutes(api, c);
}
