/** Marketplace in the panel: service requests (with the staff cancel action), offers, logs. */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import * as marketplace from "../../src/domains/marketplace/index.js";
import { reasonAction } from "../actions/reason-action.js";

export function marketplaceResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    ServiceRequest: {
      // Eight columns at most (AdminJS cuts the rest): what the request is for beats its priority here.
      listProperties: ["id", "title", "subcategory", "status", "city", "client", "provider", "createdAt"],
      filterProperties: ["status", "priority", "city", "subcategory", "client", "provider", "createdAt"],
      properties: {
        cancelReason: { isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        cancel: reasonAction({
          action: "ServiceRequest.cancel",
          moves: { machine: marketplace.requestMachine, to: "cancelled" },
          run: (ctx, id, reason) => marketplace.cancelRequest(deps, ctx, id, reason),
          successMessage: "requestCancelled",
        }),
      },
    },
  };
}
