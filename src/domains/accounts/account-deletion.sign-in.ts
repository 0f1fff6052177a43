/**
 * Signing in again during the grace period cancels an account deletion (kept apart from the
 * deletion service so the OTP login can call it without an import cycle).
 */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { nowOf } from "../../platform/clock.js";
import { deletionMachine } from "./account-deletion.status.js";

/**
 * Inside the sign-in's transaction: if the user has a pending deletion, cancel it and make the
 * account active again (deletion is what made it inactive). False when there was none.
 */
export async function cancelDeletionOnSignIn(deps: Deps, ctx: Ctx, tx: Tx, userId: number): Promise<boolean> {
  const pending = await tx.accountDeletion.findFirst({ where: { userId, status: "pending" }, select: { id: true } });
  if (!pending) return false;
  await transition(deps, ctx, {
    machine: deletionMachine, id: pending.id, to: "cancelled", action: "account.deletion_cancelled",
    data: { cancelledAt: nowOf(deps), cancelledBy: ctx.actor.type },
    effects: async (t) => void (await t.user.update({ where: { id: userId }, data: { isActive: true } })),
    auditMeta: { by: "sign_in" },
  }, tx);
  return true;
}
