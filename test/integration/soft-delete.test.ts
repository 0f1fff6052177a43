/**
 * Soft delete, cascade, restore and hard delete from the backoffice, against a real database:
 * one deletedAt instant per cascade, exact restore, and one audit row per record touched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import { hardDelete, restore, softDelete } from "../../src/domains/backoffice/soft-delete.service.js";
import type { Ctx } from "../../src/platform/context.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createProvider, createSubcategory, createUser } from "../support/factories.js";

let t: TestDatabase;
let sub: Subcategory;
let ctx: Ctx;

beforeAll(async () => {
  t = await createTestDatabase();
  sub = await createSubcategory(t.db);
  const staff = await createUser(t.db, { userType: "staff" });
  ctx = { actor: { type: "staff", id: staff.id, label: "admin@example.com" } };
});
afterAll(() => t?.close());

/** A provider with two services, one portfolio item and one offer on another client's request. */
async function providerWithWork() {
  const provider = await createProvider(t.db);
  const client = await createUser(t.db);
  const services = await Promise.all(
    ["Deep cleaning", "Window cleaning"].map((title) =>
      t.db.providerService.create({ data: { providerId: provider.id, subcategoryId: sub.id, title } }),
    ),
  );
  const portfolio = await t.db.providerPortfolioItem.create({
    data: { providerId: provider.id, title: "Villa", imageKey: "portfolio/villa.jpg", mimeType: "image/jpeg" },
  });
  const request = await t.db.serviceRequest.create({
    data: { title: "Clean my flat", description: "Two rooms", subcategoryId: sub.id, clientId: client.id, city: "Riyadh" },
  });
  const offer = await t.db.offer.create({ data: { requestId: request.id, providerId: provider.id, price: 20000, message: "Tomorrow" } });
  return { provider, client, services, portfolio, request, offer };
}

type Work = Awaited<ReturnType<typeof providerWithWork>>;

/** Every record a deletion of the provider's user reaches, as "Model#id". */
function cascadeSet(w: Work): string[] {
  return [
    `User#${w.provider.userId}`,
    `ProviderProfile#${w.provider.id}`,
    ...w.services.map((s) => `ProviderService#${s.id}`),
    `ProviderPortfolioItem#${w.portfolio.id}`,
    `Offer#${w.offer.id}`,
  ].sort();
}

async function deletedAtOf(w: Work) {
  return {
    user: (await t.db.user.findUniqueOrThrow({ where: { id: w.provider.userId } })).deletedAt,
    profile: (await t.db.providerProfile.findUniqueOrThrow({ where: { id: w.provider.id } })).deletedAt,
    services: (await t.db.providerService.findMany({ where: { providerId: w.provider.id }, orderBy: { id: "asc" } })).map((s) => s.deletedAt),
    portfolio: (await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: w.portfolio.id } })).deletedAt,
    offer: (await t.db.offer.findUniqueOrThrow({ where: { id: w.offer.id } })).deletedAt,
    request: (await t.db.serviceRequest.findUniqueOrThrow({ where: { id: w.request.id } })).deletedAt,
    client: (await t.db.user.findUniqueOrThrow({ where: { id: w.client.id } })).deletedAt,
  };
}

async function lastAuditId(): Promise<number> {
  return (await t.db.auditLog.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
}

async function auditSince(id: number) {
  return t.db.auditLog.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

describe("soft delete", () => {
  it("should cascade a provider's user to the profile, its services, portfolio items and offers at one instant, with one audit row each", async () => {
    const w = await providerWithWork();
    const auditFrom = await lastAuditId();

    expect(await softDelete(t, ctx, "User", w.provider.userId)).toBe(6);

    const d = await deletedAtOf(w);
    expect(d.user).toBeInstanceOf(Date);
    const at = d.user!;
    expect(d).toEqual({ user: at, profile: at, services: [at, at], portfolio: at, offer: at, request: null, client: null });

    const audit = await auditSince(auditFrom);
    expect(audit.map((a) => `${a.entity}#${a.entityId}`).sort()).toEqual(cascadeSet(w));
    expect(audit.every((a) => a.action === "record.soft_delete" && a.actorType === "staff" && a.actorId === ctx.actor.id)).toBe(true);
    const root = audit.find((a) => a.entity === "User")!;
    expect(root.changes).toEqual({ deletedAt: { before: null, after: at.toISOString() } });
    const offerRow = audit.find((a) => a.entity === "Offer")!;
    expect(offerRow.entityId).toBe(String(w.offer.id));
    expect(offerRow.changes).toEqual({
      deletedAt: { before: null, after: at.toISOString() },
      _meta: { cascadeFrom: `User#${w.provider.userId}` },
    });
  });

  it("should keep a child deleted earlier on its own deleted, with its own deletedAt, after the owner is restored", async () => {
    const w = await providerWithWork();
    expect(await softDelete(t, ctx, "ProviderPortfolioItem", w.portfolio.id)).toBe(1);
    const ownDeletedAt = (await deletedAtOf(w)).portfolio!;
    expect(ownDeletedAt).toBeInstanceOf(Date);

    expect(await softDelete(t, ctx, "User", w.provider.userId)).toBe(5);
    expect((await deletedAtOf(w)).portfolio).toEqual(ownDeletedAt);

    expect(await restore(t, ctx, "User", w.provider.userId)).toBe(5);
    expect(await deletedAtOf(w)).toEqual({
      user: null,
      profile: null,
      services: [null, null],
      portfolio: ownDeletedAt,
      offer: null,
      request: null,
      client: null,
    });
  });

  it("should restore exactly the rows the owner's deletion cascaded to, with one audit row each", async () => {
    const w = await providerWithWork();
    const other = await providerWithWork();
    await softDelete(t, ctx, "User", other.provider.userId);
    await softDelete(t, ctx, "User", w.provider.userId);
    const at = (await deletedAtOf(w)).user!;
    const auditFrom = await lastAuditId();

    expect(await restore(t, ctx, "User", w.provider.userId)).toBe(6);

    expect(await deletedAtOf(w)).toEqual({ user: null, profile: null, services: [null, null], portfolio: null, offer: null, request: null, client: null });
    const otherAt = (await deletedAtOf(other)).user!;
    expect(await deletedAtOf(other)).toEqual({
      user: otherAt,
      profile: otherAt,
      services: [otherAt, otherAt],
      portfolio: otherAt,
      offer: otherAt,
      request: null,
      client: null,
    });

    const audit = await auditSince(auditFrom);
    expect(audit.map((a) => `${a.entity}#${a.entityId}`).sort()).toEqual(cascadeSet(w));
    expect(audit.every((a) => a.action === "record.restore")).toBe(true);
    expect(audit.find((a) => a.entity === "User")!.changes).toEqual({ deletedAt: { before: at.toISOString(), after: null } });
    expect(audit.find((a) => a.entity === "ProviderProfile")!.changes).toEqual({
      deletedAt: { before: at.toISOString(), after: null },
      _meta: { cascadeFrom: `User#${w.provider.userId}` },
    });
  });

  it("should refuse to delete an already-deleted record with ALREADY_DELETED", async () => {
    const w = await providerWithWork();
    await softDelete(t, ctx, "Offer", w.offer.id);
    const before = (await deletedAtOf(w)).offer;
    await expect(softDelete(t, ctx, "Offer", w.offer.id)).rejects.toMatchObject({ code: "ALREADY_DELETED", status: 409 });
    expect((await deletedAtOf(w)).offer).toEqual(before);
  });

  it("should refuse to restore a live record with NOT_DELETED", async () => {
    const w = await providerWithWork();
    await expect(restore(t, ctx, "ServiceRequest", w.request.id)).rejects.toMatchObject({ code: "NOT_DELETED", status: 409 });
  });

  it("should refuse a model without soft delete with NOT_SOFT_DELETABLE", async () => {
    const auditFrom = await lastAuditId();
    await expect(softDelete(t, ctx, "AuditLog", 1)).rejects.toMatchObject({ code: "NOT_SOFT_DELETABLE", status: 422 });
    await expect(restore(t, ctx, "Wallet", 1)).rejects.toMatchObject({ code: "NOT_SOFT_DELETABLE", status: 422 });
    await expect(hardDelete(t, ctx, "AuditLog", 1)).rejects.toMatchObject({ code: "NOT_DELETABLE", status: 422 });
    await expect(hardDelete(t, ctx, "NoSuchModel", 1)).rejects.toMatchObject({ code: "NOT_DELETABLE", status: 422 });
    expect(await auditSince(auditFrom)).toEqual([]);
  });

  it("should answer NOT_FOUND for an unknown id", async () => {
    await expect(softDelete(t, ctx, "Category", 999_999)).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });
});

describe("hard delete", () => {
  it("should refuse a row other rows still reference with HAS_DEPENDENTS and change nothing", async () => {
    const w = await providerWithWork();
    const auditFrom = await lastAuditId();

    await expect(hardDelete(t, ctx, "ProviderProfile", w.provider.id)).rejects.toMatchObject({ code: "HAS_DEPENDENTS", status: 409 });

    const { user: _user, ...profile } = w.provider;
    expect(await t.db.providerProfile.findUnique({ where: { id: w.provider.id } })).toEqual(profile);
    expect(await t.db.providerService.count({ where: { providerId: w.provider.id } })).toBe(2);
    expect(await auditSince(auditFrom)).toEqual([]);
  });

  it("should remove a leaf row and audit its full before-image", async () => {
    const w = await providerWithWork();
    const item = w.portfolio;

    await hardDelete(t, ctx, "ProviderPortfolioItem", item.id);

    expect(await t.db.providerPortfolioItem.findUnique({ where: { id: item.id } })).toBeNull();
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "record.hard_delete", entity: "ProviderPortfolioItem", entityId: String(item.id) } });
    expect(row).toMatchObject({ actorType: "staff", actorId: ctx.actor.id });
    expect(row.changes).toEqual({
      id: { before: item.id, after: null },
      providerId: { before: w.provider.id, after: null },
      title: { before: "Villa", after: null },
      description: { before: null, after: null },
      // A storage key names a private file: the before-image says there was one, not which.
      imageKey: { before: "[redacted]", after: null },
      mimeType: { before: "image/jpeg", after: null },
      likesCount: { before: 0, after: null },
      deletedAt: { before: null, after: null },
      createdAt: { before: item.createdAt.toISOString(), after: null },
    });
  });
});
