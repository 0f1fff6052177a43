/**
 * Re-authentication before money actions and approvals: the staff member must have typed their
 * password within the last `staff_reauth_minutes` (signing in counts; the panel's re-auth page
 * stamps the session again). The stamp travels in the staff session and reaches commands in Ctx.
 */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError } from "../../platform/errors.js";
import { nowOf } from "../../platform/clock.js";
import { readSetting } from "./settings.js";

/** Where the panel asks for the password again. */
export const REAUTH_PATH = "/admin/reauth";

/** REAUTH_REQUIRED (401-like, but the session stays) unless the password was entered recently. */
export async function requireRecentReauth(deps: Deps, ctx: Ctx): Promise<void> {
  const minutes = (await readSetting(deps.db, "staff_reauth_minutes")) ?? 10;
  const at = ctx.reauthenticatedAt?.getTime();
  if (at !== undefined && nowOf(deps).getTime() - at <= minutes * 60_000) return;
  throw new DomainError("REAUTH_REQUIRED", `re-enter your password at ${REAUTH_PATH} (valid ${minutes} minutes)`, 403, { path: REAUTH_PATH, minutes });
}
