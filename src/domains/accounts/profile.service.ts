/** An app user's own account: read and edit it, and become a provider. */
import { lockRow } from "../../platform/database/transaction.js";
import { Prisma, type ProviderProfile, type User } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, ForbiddenError } from "../../platform/errors.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";
import { becomeProviderSchema, updateMeSchema, type BecomeProviderInput, type UpdateMeInput } from "./accounts.schemas.js";

function userId(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

export async function updateMe(deps: Deps, ctx: Ctx, input: UpdateMeInput): Promise<User> {
  const id = userId(ctx);
  const data = updateMeSchema.parse(input);
  try {
    return await deps.db.$transaction(async (tx) => {
      const before = await tx.user.findUniqueOrThrow({ where: { id } });
      const after = await tx.user.update({ where: { id }, data });
      const changes = diffRecords(before, after);
      if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "user.update_self", entity: "User", entityId: id, changes });
      return after;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ConflictError("EMAIL_TAKEN", "email already used", { fields: { email: "EMAIL_TAKEN" } });
    }
    throw e;
  }
}

/** Creates the caller's provider profile and makes the account a provider. */
export async function becomeProvider(deps: Deps, ctx: Ctx, input: BecomeProviderInput): Promise<ProviderProfile> {
  const id = userId(ctx);
  const data = becomeProviderSchema.parse(input);
  const subs = data.subcategoryIds.length
    ? await deps.db.subcategory.findMany({ where: { id: { in: data.subcategoryIds }, isActive: true, deletedAt: null }, select: { id: true } })
    : [];
  if (subs.length !== new Set(data.subcategoryIds).size) {
    throw new DomainError("UNKNOWN_SUBCATEGORY", "unknown subcategory", 422, { fields: { subcategoryIds: "UNKNOWN_SUBCATEGORY" } });
  }
  return deps.db.$transaction(async (tx) => {
    await lockRow(tx, "accounts_user", id);
    const existing = await tx.providerProfile.findUnique({ where: { userId: id } });
    if (existing) throw new ConflictError("ALREADY_PROVIDER", "provider profile exists");
    const profile = await tx.providerProfile.create({
      data: {
        userId: id,
        displayName: data.displayName,
        city: data.city,
        bio: data.bio ?? null,
        categories: { create: subs.map((s) => ({ subcategoryId: s.id })) },
      },
    });
    await tx.user.update({ where: { id }, data: { userType: "provider" } });
    await writeAudit(tx, ctx, { action: "user.become_provider", entity: "ProviderProfile", entityId: profile.id });
    return profile;
  });
}
