/** Accounts in the panel: staff sign a user out of the app everywhere, or revoke one token. */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import * as accounts from "../../src/domains/accounts/index.js";
import { reasonAction } from "../actions/reason-action.js";

export function accountsResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    User: {
      actions: {
        revokeApiTokens: reasonAction({
          roles: ["admin", "support"],
          icon: "LogOut",
          appliesTo: (p) => p.userType !== "staff",
          run: (ctx, id, reason) => accounts.revokeAllTokens(deps, ctx, id, reason),
          successMessage: "apiTokensRevoked",
        }),
      },
    },
    ApiToken: {
      listProperties: ["id", "user", "deviceName", "lastUsedAt", "expiresAt", "revokedAt", "createdAt"],
      filterProperties: ["user", "revokedAt", "lastUsedAt", "createdAt"],
      actions: {
        revoke: reasonAction({
          roles: ["admin", "support"],
          icon: "LogOut",
          needsReason: false,
          appliesTo: (p) => !p.revokedAt,
          run: (ctx, id) => accounts.revokeToken(deps, ctx, id),
          successMessage: "apiTokenRevoked",
        }),
      },
    },
  };
}
