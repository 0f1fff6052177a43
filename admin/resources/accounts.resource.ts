/** Accounts in the panel: sign a user out of the app everywhere, revoke one token, set a staff password. */
import type { ResourceOptions } from "adminjs";
import type { Deps } from "../../src/platform/deps.js";
import * as accounts from "../../src/domains/accounts/index.js";
import { setStaffPassword } from "../../src/domains/backoffice/staff-accounts.service.js";
import { reasonAction } from "../actions/reason-action.js";

export function accountsResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    User: {
      actions: {
        revokeApiTokens: reasonAction({
          action: "User.revokeApiTokens",
          icon: "LogOut",
          appliesTo: (p) => p.userType !== "staff",
          run: (ctx, id, reason) => accounts.revokeAllTokens(deps, ctx, id, reason),
          successMessage: "apiTokensRevoked",
        }),
        // Staff passwords never go through a form field: hashed server-side, audited, sessions ended.
        setStaffPassword: reasonAction({
          action: "User.setStaffPassword",
          icon: "Key",
          needsReason: false,
          fields: [{ name: "newPassword", kind: "password", required: true }],
          appliesTo: (p) => p.userType === "staff",
          run: (ctx, id, _reason, fields) => setStaffPassword(deps, ctx, id, fields.newPassword ?? ""),
          successMessage: "staffPasswordSet",
        }),
      },
    },
    ApiToken: {
      listProperties: ["id", "user", "deviceName", "lastUsedAt", "expiresAt", "revokedAt", "createdAt"],
      filterProperties: ["user", "revokedAt", "lastUsedAt", "createdAt"],
      actions: {
        revoke: reasonAction({
          action: "ApiToken.revoke",
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
