/** Subscriptions in the panel: finance can end one at once, with a reason, through the subscriptions domain. */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import { cancelSubscriptionNow, subscriptionMachine } from "../../src/domains/subscriptions/index.js";
import { reasonAction } from "../actions/reason-action.js";

export function subscriptionsResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    Subscription: {
      actions: {
        cancelNow: reasonAction({
          action: "Subscription.cancelNow", icon: "XCircle",
          moves: { machine: subscriptionMachine, to: "cancelled" },
          run: (ctx, id, reason) => cancelSubscriptionNow(deps, ctx, id, reason),
          successMessage: "subscriptionCancelled",
        }),
      },
    },
  };
}
