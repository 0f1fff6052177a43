/** Subscriptions in the panel: finance can end one at once, with a reason, through the subscriptions domain. */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import { cancelSubscriptionNow } from "../../src/domains/subscriptions/index.js";
import { reasonAction } from "../actions/reason-action.js";

const FINANCE = ["admin", "finance"] as const;

export function subscriptionsResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    Subscription: {
      actions: {
        cancelNow: reasonAction({
          roles: FINANCE, icon: "XCircle",
          appliesTo: (p) => ["pending_payment", "active", "past_due"].includes(String(p.status)),
          run: (ctx, id, reason) => cancelSubscriptionNow(deps, ctx, id, reason),
          successMessage: "subscriptionCancelled",
        }),
      },
    },
  };
}
