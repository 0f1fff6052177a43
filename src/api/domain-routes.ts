/** Route groups of the domains beyond accounts, one line each. */
import type { Api } from "./openapi.js";
import type { ApiContext } from "./router.js";

export function domainRoutes(_api: Api, _c: ApiContext): void {}
