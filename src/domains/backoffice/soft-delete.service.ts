/**
 * Soft delete for the admin panel: records get a `deletedAt` instead of disappearing, what they own
 * goes with them (one instant for the whole cascade), and a restore brings back exactly that set.
 * Hard delete is the admin-only escape hatch and refuses while other rows still reference the record.
 */
import { Prisma } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";
import type { Tx } from "../../platform/database/transaction.js";

/** Models the panel deletes softly (deletedAt) instead of removing rows. */
export const SOFT_DELETE_MODELS = [
  "User",
  "ProviderProfile",
  "ProviderService",
  "ProviderPortfolioItem",
  "ServiceRequest",
  "Offer",
  "Message",
  "Review",
  "Category",
  "Subcategory",
] as const satisfies readonly Prisma.ModelName[];

/** A Prisma model name that has a `deletedAt` column. */
export type SoftDeleteModel = (typeof SOFT_DELETE_MODELS)[number];

/** What each model owns: the owned model and its foreign key to the owner. */
const CASCADE: Readonly<Record<SoftDeleteModel, readonly { model: SoftDeleteModel; fk: string }[]>> = {
  User: [
    { model: "ProviderProfile", fk: "userId" },
    { model: "ServiceRequest", fk: "clientId" },
    { model: "Message", fk: "senderId" },
    { model: "Review", fk: "clientId" },
  ],
  ProviderProfile: [
    { model: "ProviderService", fk: "providerId" },
    { model: "ProviderPortfolioItem", fk: "providerId" },
    { model: "Offer", fk: "providerId" },
    { model: "Review", fk: "providerId" },
  ],
  ServiceRequest: [
    { model: "Offer", fk: "requestId" },
    { model: "Review", fk: "requestId" },
  ],
  Category: [{ model: "Subcategory", fk: "categoryId" }],
  ProviderService: [],
  ProviderPortfolioItem: [],
  Offer: [],
  Message: [],
  Review: [],
  Subcategory: [],
};

type Row = Record<string, unknown> & { id: number; deletedAt: Date | null };
type Where = Record<string, unknown>;

/** The slice of a Prisma delegate this module uses; every soft-deletable model has it. */
interface SoftDeleteDelegate {
  findUnique(args: { where: { id: number } }): Promise<Row | null>;
  updateMany(args: { where: Where; data: { deletedAt: Date | null } }): Promise<{ count: number }>;
  updateManyAndReturn(args: { where: Where; data: { deletedAt: Date | null }; select: { id: true } }): Promise<{ id: number }[]>;
  delete(args: { where: { id: number } }): Promise<Row>;
}

function delegateFor(tx: Tx, model: SoftDeleteModel): SoftDeleteDelegate {
  const name = model[0]!.toLowerCase() + model.slice(1);
  return (tx as unknown as Record<string, SoftDeleteDelegate>)[name]!;
}

const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/** Whether the panel soft-deletes records of this Prisma model. */
export function isSoftDeletable(model: string): model is SoftDeleteModel {
  return (SOFT_DELETE_MODELS as readonly string[]).includes(model);
}

function assertSoftDeletable(model: string): asserts model is SoftDeleteModel {
  if (!isSoftDeletable(model)) {
    throw new DomainError("NOT_SOFT_DELETABLE", `${model} records cannot be soft-deleted`, 422, { model });
  }
}

/** Soft-deletes one record and, in the same transaction, what it owns (cascade map below); one audit row per record touched. Returns the number of records deleted. */
export async function softDelete(deps: Deps, ctx: Ctx, model: string, id: number): Promise<number> {
  assertSoftDeletable(model);
  return deps.db.$transaction(async (tx) => {
    const row = await delegateFor(tx, model).findUnique({ where: { id } });
    if (!row) throw new NotFoundError(model, id);
    if (row.deletedAt) throw alreadyDeleted(model, id);
    const now = new Date();
    // Conditional write: a concurrent delete of the same record makes this one a conflict, not a second cascade.
    const { count } = await delegateFor(tx, model).updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } });
    if (count !== 1) throw alreadyDeleted(model, id);
    await writeAudit(tx, ctx, { action: "record.soft_delete", entity: model, entityId: id, changes: { deletedAt: { before: null, after: now.toISOString() } } });
    return 1 + (await cascade(tx, ctx, { model, id }, { model, id }, null, now));
  }, TX_OPTIONS);
}

/** Restores a soft-deleted record and exactly the records its own deletion cascaded to (same deletedAt instant), with audit rows. */
export async function restore(deps: Deps, ctx: Ctx, model: string, id: number): Promise<number> {
  assertSoftDeletable(model);
  return deps.db.$transaction(async (tx) => {
    const row = await delegateFor(tx, model).findUnique({ where: { id } });
    if (!row) throw new NotFoundError(model, id);
    const stamp = row.deletedAt;
    if (!stamp) throw notDeleted(model, id);
    const { count } = await delegateFor(tx, model).updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null } });
    if (count !== 1) throw notDeleted(model, id);
    await writeAudit(tx, ctx, { action: "record.restore", entity: model, entityId: id, changes: { deletedAt: { before: stamp.toISOString(), after: null } } });
    return 1 + (await cascade(tx, ctx, { model, id }, { model, id }, stamp, null));
  }, TX_OPTIONS);
}

/** Models that are never removed, not even by an admin (the trail of what happened). */
const NEVER_DELETED: readonly string[] = ["AuditLog", "EventLog", "RequestStatusLog", "SupportStatusLog", "VerificationStatusLog", "PromoStatusLog"];

/**
 * Removes the row for good (admin only, checked by the caller). Works for any Prisma model but
 * the logs above; refuses with a ConflictError (code HAS_DEPENDENTS) when other rows still
 * reference it (FK violation, Prisma P2003); audit row with the full before-image.
 */
export async function hardDelete(deps: Deps, ctx: Ctx, model: string, id: number): Promise<void> {
  if (!(Object.values(Prisma.ModelName) as string[]).includes(model) || NEVER_DELETED.includes(model)) {
    throw new DomainError("NOT_DELETABLE", `${model} records cannot be deleted`, 422, { model });
  }
  await deps.db.$transaction(async (tx) => {
    const delegate = delegateFor(tx, model as SoftDeleteModel); // same findUnique/delete shape on every model
    const before = await delegate.findUnique({ where: { id } });
    if (!before) throw new NotFoundError(model, id);
    try {
      await delegate.delete({ where: { id } });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2003") {
        throw new ConflictError("HAS_DEPENDENTS", `${model} ${id} is still referenced by other records`, { entity: model, id });
      }
      throw e;
    }
    await writeAudit(tx, ctx, { action: "record.hard_delete", entity: model, entityId: id, changes: diffRecords(before, null) });
  }, TX_OPTIONS);
}

interface Ref {
  model: SoftDeleteModel;
  id: number;
}

/**
 * Moves the owned records of `owner` (recursively) from `from` to `to`: deleting is `null → now`,
 * restoring is `stamp → null`. Matching on the old value is what leaves alone children deleted on
 * their own, both now and at restore. Returns how many records changed.
 */
async function cascade(tx: Tx, ctx: Ctx, root: Ref, owner: Ref, from: Date | null, to: Date | null): Promise<number> {
  let touched = 0;
  for (const edge of CASCADE[owner.model]) {
    const changed = await delegateFor(tx, edge.model).updateManyAndReturn({
      where: { [edge.fk]: owner.id, deletedAt: from },
      data: { deletedAt: to },
      select: { id: true },
    });
    for (const { id } of changed.sort((a, b) => a.id - b.id)) {
      await writeAudit(tx, ctx, {
        action: to ? "record.soft_delete" : "record.restore",
        entity: edge.model,
        entityId: id,
        changes: { deletedAt: { before: from?.toISOString() ?? null, after: to?.toISOString() ?? null } },
        meta: { cascadeFrom: `${root.model}#${root.id}` },
      });
      touched += 1 + (await cascade(tx, ctx, root, { model: edge.model, id }, from, to));
    }
  }
  return touched;
}

function alreadyDeleted(model: string, id: number): ConflictError {
  return new ConflictError("ALREADY_DELETED", `${model} ${id} is already deleted`, { entity: model, id });
}

function notDeleted(model: string, id: number): ConflictError {
  return new ConflictError("NOT_DELETED", `${model} ${id} is not deleted`, { entity: model, id });
}
