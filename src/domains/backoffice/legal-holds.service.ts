/**
 * Legal holds: data kept for a case or an order. While a hold is in force (not released), the
 * retention job and account erasure leave what it covers alone — a user (everything of theirs) or
 * one record (model and id). Staff place one in the panel (audited as a record create) and release
 * it with a reason.
 */
import type { LegalHold } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { nowOf } from "../../platform/clock.js";
import { writeAudit } from "../../platform/audit.js";

/** Releases a hold (reason audited); what it covered follows the usual rules again. */
export async function releaseLegalHold(deps: Deps, ctx: Ctx, id: number, reason: string): Promise<LegalHold> {
  return deps.db.$transaction(async (tx) => {
    const hold = await tx.legalHold.findUnique({ where: { id } });
    if (!hold) throw new NotFoundError("LegalHold", id);
    const r = await tx.legalHold.updateMany({ where: { id, releasedAt: null }, data: { releasedAt: nowOf(deps), releasedById: ctx.actor.id ?? null } });
    if (r.count !== 1) throw new ConflictError("LEGAL_HOLD_RELEASED", "already released");
    await writeAudit(tx, ctx, { action: "legal_hold.release", entity: "LegalHold", entityId: id, meta: { reason } });
    return tx.legalHold.findUniqueOrThrow({ where: { id } });
  });
}
