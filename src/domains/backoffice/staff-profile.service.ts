/** Staff profile settings changed by the staff member themself. */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ForbiddenError } from "../../platform/errors.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";

/** Sets the panel language on the actor's own access profile (audited). */
export async function setStaffLanguage(deps: Deps, ctx: Ctx, language: "ar" | "en"): Promise<void> {
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new ForbiddenError("only staff have a panel language");
  const userId = ctx.actor.id;
  await deps.db.$transaction(async (tx) => {
    const before = await tx.userAccessProfile.findUniqueOrThrow({ where: { userId } });
    if (before.language === language) return;
    const after = await tx.userAccessProfile.update({ where: { userId }, data: { language } });
    await writeAudit(tx, ctx, { action: "profile.set_language", entity: "UserAccessProfile", entityId: after.id, changes: diffRecords(before, after) });
  });
}
