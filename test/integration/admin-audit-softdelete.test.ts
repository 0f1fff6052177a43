/** Panel writes over HTTP: audit rows with before/after, record history, read-only status, soft delete and restore. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../support/factories.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import * as marketplace from "../../src/domains/marketplace/index.js";

let t: TestDatabase;
let app: RunningApp;
let admin: AdminAgent;
let adminId: number;
const PASSWORD = "audit-test-password";

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  const a = await createStaff(t.db, "admin", PASSWORD);
  adminId = a.id;
  admin = await signIn(app.url, a.email!, PASSWORD);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const listIds = async (resource: string) => {
  const res = await admin.get(`/admin/api/resources/${resource}/actions/list?perPage=500`);
  return (res.body.records as { id: string }[]).map((r) => Number(r.id));
};

describe("audit trail of panel edits", () => {
  it("should write an audit row with before and after, and show it in the record's history", async () => {
    const p = await createProvider(t.db, { displayName: "Old name" });
    const res = await admin.post(`/admin/api/resources/ProviderProfile/records/${p.id}/edit`).send({ displayName: "New name", bio: "Tiling since 2010" });
    expect(res.body.notice.type).toBe("success");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "ProviderProfile", entityId: String(p.id), action: "record.update" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: adminId });
    expect(audit.changes).toEqual({ displayName: { before: "Old name", after: "New name" }, bio: { before: null, after: "Tiling since 2010" } });
    expect(audit.ip).toMatch(/127\.0\.0\.1/);

    const history = await admin.get(`/admin/api/resources/ProviderProfile/records/${p.id}/history`);
    expect(history.body.history[0]).toMatchObject({ action: "record.update", changes: { displayName: { before: "Old name", after: "New name" } } });
  });

  it("should ignore a status sent through the edit form (only workflow actions change it)", async () => {
    const client = await createUser(t.db);
    const sub = await createSubcategory(t.db);
    const req = await marketplace.createRequest(t, { actor: { type: "client", id: client.id } }, { title: "Fix door", description: "Hinge broken", subcategoryId: sub.id, city: "Riyadh" });
    await admin.post(`/admin/api/resources/ServiceRequest/records/${req.id}/edit`).send({ title: "Fix front door", status: "completed" });
    const row = await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(row).toMatchObject({ title: "Fix front door", status: "new" });
  });

  it("should audit a record created in the panel", async () => {
    const res = await admin.post(`/admin/api/resources/Category/actions/new`).send({ nameAr: "نجارة", nameEn: "Carpentry", slug: "carpentry-audit" });
    const id = Number(res.body.record.id);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "Category", entityId: String(id), action: "record.create" } });
    expect(audit.changes).toMatchObject({ nameEn: { before: null, after: "Carpentry" } });
  });
});

describe("soft delete and restore from the panel", () => {
  it("should hide a deleted provider and its services from lists and bring them back with Restore", async () => {
    const p = await createProvider(t.db);
    const sub = await createSubcategory(t.db);
    const service = await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: sub.id, title: "AC cleaning" } });

    const del = await admin.post(`/admin/api/resources/ProviderProfile/records/${p.id}/delete`);
    expect(del.body.notice.type).toBe("success");
    expect(await listIds("ProviderProfile")).not.toContain(p.id);
    expect(await listIds("ProviderService")).not.toContain(service.id);
    expect((await t.db.providerProfile.findUniqueOrThrow({ where: { id: p.id } })).deletedAt).toBeInstanceOf(Date);

    // Shown again by filtering on the deletion date.
    const filtered = await admin.get(`/admin/api/resources/ProviderProfile/actions/list?filters.deletedAt~~from=2000-01-01`);
    expect((filtered.body.records as { id: string }[]).map((r) => Number(r.id))).toContain(p.id);

    const restored = await admin.post(`/admin/api/resources/ProviderProfile/records/${p.id}/restore`);
    expect(restored.body.notice.type).toBe("success");
    expect(await listIds("ProviderProfile")).toContain(p.id);
    expect(await listIds("ProviderService")).toContain(service.id);
  });

  it("should let only an admin delete permanently", async () => {
    const content = await createStaff(t.db, "content", PASSWORD);
    const agent = await signIn(app.url, content.email!, PASSWORD);
    const p = await createProvider(t.db);
    const item = await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Kitchen", imageKey: "portfolio/k.jpg", mimeType: "image/jpeg" } });
    const refused = await agent.post(`/admin/api/resources/ProviderPortfolioItem/records/${item.id}/hardDelete`);
    expect(JSON.stringify(refused.body)).toMatch(/Forbidden/i);
    const done = await admin.post(`/admin/api/resources/ProviderPortfolioItem/records/${item.id}/hardDelete`);
    expect(done.body.notice.type).toBe("success");
    expect(await t.db.providerPortfolioItem.findUnique({ where: { id: item.id } })).toBeNull();
  });
});
