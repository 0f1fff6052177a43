/**
 * Providers commands: following and liking (exact counters), a provider editing their own
 * profile, services and categories, and their portfolio. Callers: the public API.
 *
 * Follow/like links are idempotent: the link row is inserted with ON CONFLICT DO NOTHING (or
 * deleted), and the counter moves by one only when a row really changed, in the same transaction,
 * so parallel calls can neither double count nor lose a count. Nobody may follow or like their
 * own profile or work (422 OWN_PROFILE): it would inflate the public counters.
 */
import { lockRow, lockRowsWhere } from "../../platform/database/transaction.js";
import type { ProviderPortfolioItem } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { diffRecords, writeAudit } from "../../platform/audit.js";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { IMAGE_TYPES, sniffFile, type Storage } from "../../platform/storage.js";
import { findLiveProvider, ownProviderProfile } from "./providers.queries.js";
import {
  addPortfolioItemSchema,
  PORTFOLIO_IMAGE_MAX_BYTES,
  updatePortfolioItemSchema,
  updateProviderSchema,
  type AddPortfolioItemInput,
  type UpdatePortfolioItemInput,
  type UpdateProviderInput,
} from "./providers.schemas.js";

/** Commands that store files need the storage besides the usual deps. */
export type DepsWithStorage = Deps & { storage: Storage };

function requireUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

const ownProfile = () => new DomainError("OWN_PROFILE", "you cannot follow or like your own profile or work", 422);

// ---- follow and like -------------------------------------------------------------------------

export interface FollowState {
  following: boolean;
  followersCount: number;
}

export interface LikeState {
  liked: boolean;
  likesCount: number;
}

/** A user follows a provider (idempotent). */
export function followProvider(deps: Deps, ctx: Ctx, providerId: number): Promise<FollowState> {
  return setProviderLink(deps, ctx, providerId, "follow", true).then((n) => ({ following: true, followersCount: n }));
}

/** A user stops following a provider (idempotent). */
export function unfollowProvider(deps: Deps, ctx: Ctx, providerId: number): Promise<FollowState> {
  return setProviderLink(deps, ctx, providerId, "follow", false).then((n) => ({ following: false, followersCount: n }));
}

/** A user likes a provider (idempotent). */
export function likeProvider(deps: Deps, ctx: Ctx, providerId: number): Promise<LikeState> {
  return setProviderLink(deps, ctx, providerId, "like", true).then((n) => ({ liked: true, likesCount: n }));
}

/** A user takes back a like of a provider (idempotent). */
export function unlikeProvider(deps: Deps, ctx: Ctx, providerId: number): Promise<LikeState> {
  return setProviderLink(deps, ctx, providerId, "like", false).then((n) => ({ liked: false, likesCount: n }));
}

/** Adds or removes a follow/like row and moves the matching counter; returns the counter. */
async function setProviderLink(deps: Deps, ctx: Ctx, providerId: number, kind: "follow" | "like", on: boolean): Promise<number> {
  const userId = requireUser(ctx);
  return deps.db.$transaction(async (tx) => {
    const provider = await findLiveProvider(tx, providerId);
    if (on && provider.userId === userId) throw ownProfile();
    const link = { userId, providerId };
    let changed: number;
    if (kind === "follow") {
      changed = on ? (await tx.providerFollow.createMany({ data: [link], skipDuplicates: true })).count : (await tx.providerFollow.deleteMany({ where: link })).count;
    } else {
      changed = on ? (await tx.providerLike.createMany({ data: [link], skipDuplicates: true })).count : (await tx.providerLike.deleteMany({ where: link })).count;
    }
    const field = kind === "follow" ? "followersCount" : "likesCount";
    if (!changed) {
      const p = await tx.providerProfile.findUniqueOrThrow({ where: { id: providerId }, select: { followersCount: true, likesCount: true } });
      return p[field];
    }
    const p = await tx.providerProfile.update({
      where: { id: providerId },
      data: { [field]: on ? { increment: 1 } : { decrement: 1 } },
      select: { followersCount: true, likesCount: true },
    });
    await writeAudit(tx, ctx, { action: `provider.${on ? "" : "un"}${kind}`, entity: "ProviderProfile", entityId: providerId, meta: { userId } });
    return p[field];
  });
}

/** A user likes a portfolio item (idempotent). */
export function likePortfolioItem(deps: Deps, ctx: Ctx, itemId: number): Promise<LikeState> {
  return setPortfolioLike(deps, ctx, itemId, true);
}

/** A user takes back a like of a portfolio item (idempotent). */
export function unlikePortfolioItem(deps: Deps, ctx: Ctx, itemId: number): Promise<LikeState> {
  return setPortfolioLike(deps, ctx, itemId, false);
}

async function setPortfolioLike(deps: Deps, ctx: Ctx, itemId: number, on: boolean): Promise<LikeState> {
  const userId = requireUser(ctx);
  return deps.db.$transaction(async (tx) => {
    const item = await tx.providerPortfolioItem.findFirst({
      where: { id: itemId, deletedAt: null, provider: { deletedAt: null, user: { isActive: true, deletedAt: null } } },
      select: { id: true, provider: { select: { userId: true } } },
    });
    if (!item) throw new NotFoundError("ProviderPortfolioItem", itemId);
    if (on && item.provider.userId === userId) throw ownProfile();
    const changed = on
      ? (await tx.providerPortfolioLike.createMany({ data: [{ userId, itemId }], skipDuplicates: true })).count
      : (await tx.providerPortfolioLike.deleteMany({ where: { userId, itemId } })).count;
    if (!changed) {
      const row = await tx.providerPortfolioItem.findUniqueOrThrow({ where: { id: itemId }, select: { likesCount: true } });
      return { liked: on, likesCount: row.likesCount };
    }
    const row = await tx.providerPortfolioItem.update({ where: { id: itemId }, data: { likesCount: on ? { increment: 1 } : { decrement: 1 } }, select: { likesCount: true } });
    await writeAudit(tx, ctx, { action: on ? "portfolio.like" : "portfolio.unlike", entity: "ProviderPortfolioItem", entityId: itemId, meta: { userId } });
    return { liked: on, likesCount: row.likesCount };
  });
}

// ---- the provider's own profile ------------------------------------------------------------

async function lockOwnProfile(tx: Tx, userId: number): Promise<number> {
  const [id] = await lockRowsWhere(tx, "providers_providerprofile", "user_id", userId, { liveOnly: true });
  if (!id) throw new DomainError("NOT_A_PROVIDER", "this account has no provider profile", 403);
  return id;
}

/** Subcategory ids in `ids` that are not live (active, not deleted). */
async function unknownSubcategories(tx: Tx, ids: number[]): Promise<Set<number>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const found = await tx.subcategory.findMany({ where: { id: { in: unique }, isActive: true, deletedAt: null }, select: { id: true } });
  const ok = new Set(found.map((s) => s.id));
  return new Set(unique.filter((id) => !ok.has(id)));
}

/**
 * A provider edits their own profile. `subcategoryIds` replaces the set; `services` replaces the
 * list: items with an id update that service, items without create one, and the provider's other
 * live services are soft-deleted. Field errors name the API's (snake_case) fields.
 */
export async function updateOwnProvider(deps: Deps, ctx: Ctx, input: UpdateProviderInput): Promise<{ id: number }> {
  const userId = requireUser(ctx);
  const { subcategoryIds, services, ...fields } = updateProviderSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const providerId = await lockOwnProfile(tx, userId);

    const unknown = await unknownSubcategories(tx, [...(subcategoryIds ?? []), ...(services ?? []).map((s) => s.subcategoryId)]);
    if (unknown.size) {
      const errors: Record<string, string> = {};
      subcategoryIds?.forEach((id, i) => unknown.has(id) && (errors[`subcategory_ids.${i}`] ??= "UNKNOWN_SUBCATEGORY"));
      services?.forEach((s, i) => unknown.has(s.subcategoryId) && (errors[`services.${i}.subcategory_id`] = "UNKNOWN_SUBCATEGORY"));
      throw new DomainError("UNKNOWN_SUBCATEGORY", "unknown subcategory", 422, { fields: errors });
    }

    const before = await tx.providerProfile.findUniqueOrThrow({ where: { id: providerId } });
    const after = Object.keys(fields).length ? await tx.providerProfile.update({ where: { id: providerId }, data: fields }) : before;
    const changes = diffRecords(before, after);

    if (subcategoryIds) {
      const current = (await tx.providerCategory.findMany({ where: { providerId }, select: { subcategoryId: true } })).map((c) => c.subcategoryId).sort((a, b) => a - b);
      const next = [...new Set(subcategoryIds)].sort((a, b) => a - b);
      if (current.join() !== next.join()) {
        await tx.providerCategory.deleteMany({ where: { providerId, subcategoryId: { notIn: next } } });
        await tx.providerCategory.createMany({ data: next.map((subcategoryId) => ({ providerId, subcategoryId })), skipDuplicates: true });
        changes.subcategoryIds = { before: current, after: next };
      }
    }

    if (services) await replaceServices(tx, ctx, providerId, services);

    if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "provider.update_self", entity: "ProviderProfile", entityId: providerId, changes });
    return { id: providerId };
  });
}

type ParsedService = NonNullable<ReturnType<typeof updateProviderSchema.parse>["services"]>[number];

async function replaceServices(tx: Tx, ctx: Ctx, providerId: number, services: ParsedService[]): Promise<void> {
  const existing = await tx.providerService.findMany({ where: { providerId, deletedAt: null } });
  const byId = new Map(existing.map((s) => [s.id, s]));
  const seen = new Set<number>();
  const errors: Record<string, string> = {};
  services.forEach((s, i) => {
    if (s.id === undefined) return;
    if (!byId.has(s.id)) errors[`services.${i}.id`] = "is not one of your services";
    else if (seen.has(s.id)) errors[`services.${i}.id`] = "is listed twice";
    seen.add(s.id);
  });
  if (Object.keys(errors).length) throw new ValidationError("bad service ids", errors);

  const now = new Date();
  for (const { id, ...s } of services) {
    // The list replaces the services: an omitted field is cleared, not kept.
    const data = {
      subcategoryId: s.subcategoryId,
      title: s.title,
      description: s.description ?? null,
      priceFrom: s.priceFrom ?? null,
      priceTo: s.priceTo ?? null,
      currency: s.currency ?? "SAR",
      priceUnit: s.priceUnit ?? null,
    };
    if (id === undefined) {
      const created = await tx.providerService.create({ data: { ...data, providerId } });
      await writeAudit(tx, ctx, { action: "providerservice.create", entity: "ProviderService", entityId: created.id, changes: diffRecords(null, created) });
      continue;
    }
    const before = byId.get(id)!;
    const after = await tx.providerService.update({ where: { id }, data });
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "providerservice.update", entity: "ProviderService", entityId: id, changes });
  }
  const removed = existing.filter((s) => !seen.has(s.id)).map((s) => s.id);
  if (removed.length) {
    await tx.providerService.updateMany({ where: { id: { in: removed }, deletedAt: null }, data: { deletedAt: now } });
    for (const id of removed) await writeAudit(tx, ctx, { action: "providerservice.delete", entity: "ProviderService", entityId: id });
  }
}

// ---- portfolio -------------------------------------------------------------------------------

/** Decodes and checks an uploaded image by its bytes; stores it. */
async function storeImage(deps: DepsWithStorage, base64: string): Promise<{ key: string; mime: string }> {
  const bytes = Buffer.from(base64, "base64");
  const type = await sniffFile(bytes, IMAGE_TYPES, PORTFOLIO_IMAGE_MAX_BYTES);
  return { key: await deps.storage.put("portfolio", bytes, type.ext), mime: type.mime };
}

/** A provider adds a picture of their work. */
export async function addPortfolioItem(deps: DepsWithStorage, ctx: Ctx, input: AddPortfolioItemInput): Promise<ProviderPortfolioItem> {
  const userId = requireUser(ctx);
  const data = addPortfolioItemSchema.parse(input);
  const provider = await ownProviderProfile(deps.db, userId);
  const image = await storeImage(deps, data.imageBase64);
  try {
    return await deps.db.$transaction(async (tx) => {
      const item = await tx.providerPortfolioItem.create({
        data: { providerId: provider.id, title: data.title, description: data.description ?? null, imageKey: image.key, mimeType: image.mime },
      });
      await writeAudit(tx, ctx, { action: "portfolio.create", entity: "ProviderPortfolioItem", entityId: item.id, changes: diffRecords(null, item) });
      return item;
    });
  } catch (e) {
    await deps.storage.remove(image.key).catch(() => undefined);
    throw e;
  }
}

/** A provider edits one of their portfolio items (title, description, or a new image). */
export async function updatePortfolioItem(deps: DepsWithStorage, ctx: Ctx, itemId: number, input: UpdatePortfolioItemInput): Promise<ProviderPortfolioItem> {
  const userId = requireUser(ctx);
  const { imageBase64, ...fields } = updatePortfolioItemSchema.parse(input);
  const provider = await ownProviderProfile(deps.db, userId);
  const owned = await deps.db.providerPortfolioItem.count({ where: { id: itemId, providerId: provider.id, deletedAt: null } });
  if (!owned) throw new NotFoundError("ProviderPortfolioItem", itemId);
  const image = imageBase64 !== undefined ? await storeImage(deps, imageBase64) : undefined;
  let replacedKey: string | undefined;
  try {
    const item = await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "providers_providerportfolioitem", itemId);
      const before = await tx.providerPortfolioItem.findFirst({ where: { id: itemId, providerId: provider.id, deletedAt: null } });
      if (!before) throw new NotFoundError("ProviderPortfolioItem", itemId);
      const after = await tx.providerPortfolioItem.update({
        where: { id: itemId },
        data: { ...fields, ...(image ? { imageKey: image.key, mimeType: image.mime } : {}) },
      });
      const changes = diffRecords(before, after);
      if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "portfolio.update", entity: "ProviderPortfolioItem", entityId: itemId, changes });
      if (image) replacedKey = before.imageKey;
      return after;
    });
    // The old file is no longer reachable; drop it after the commit (best effort).
    if (replacedKey) await deps.storage.remove(replacedKey).catch(() => undefined);
    return item;
  } catch (e) {
    if (image) await deps.storage.remove(image.key).catch(() => undefined);
    throw e;
  }
}

/** A provider removes one of their portfolio items (soft delete; the file is kept for a restore). */
export async function deletePortfolioItem(deps: Deps, ctx: Ctx, itemId: number): Promise<void> {
  const userId = requireUser(ctx);
  const provider = await ownProviderProfile(deps.db, userId);
  await deps.db.$transaction(async (tx) => {
    const r = await tx.providerPortfolioItem.updateMany({ where: { id: itemId, providerId: provider.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (r.count !== 1) throw new NotFoundError("ProviderPortfolioItem", itemId);
    await writeAudit(tx, ctx, { action: "portfolio.delete", entity: "ProviderPortfolioItem", entityId: itemId });
  });
}
