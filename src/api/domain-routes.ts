/** Route groups of the domains beyond accounts, one line each. */
import type { Api } from "./openapi.js";
import type { ApiContext } from "./router.js";
import { marketplaceRoutes } from "./marketplace.routes.js";

export function domainRoutes(api: Api, c: ApiContext): void {
  marketplaceRoutes(api, c);
}
