/** Every route group of the public API, in the order the OpenAPI document lists them. A new domain adds one line. */
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { accountsRoutes } from "./accounts.routes.js";
import { marketplaceRoutes } from "./marketplace.routes.js";
import { providersRoutes } from "./providers.routes.js";
import { messagingRoutes } from "./messaging.routes.js";
import { reviewsRoutes } from "./reviews.routes.js";
import { appVersionRoutes } from "./app-version.routes.js";
import { billingRoutes } from "./billing.routes.js";
import { verificationRoutes } from "./verification.routes.js";
import { promoRoutes } from "./promo.routes.js";
import { supportRoutes } from "./support.routes.js";
import { notificationsRoutes } from "./notifications.routes.js";
import { privacyRoutes } from "./privacy.routes.js";
import { walletRoutes } from "./wallet.routes.js";

export const ROUTE_GROUPS: readonly ((api: Api, c: ApiContext) => void)[] = [
  accountsRoutes,
  marketplaceRoutes,
  providersRoutes,
  messagingRoutes,
  reviewsRoutes,
  appVersionRoutes,
  billingRoutes,
  verificationRoutes,
  promoRoutes,
  supportRoutes,
  notificationsRoutes,
  privacyRoutes,
  walletRoutes,
];
