/**
 * The panel answers bad list, search, filter and form input with a clear message and changes
 * nothing: never a 500 with a stack and the Prisma query.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { createStaff, createUser } from "../support/factories.js";

let t: TestDatabase;
let app: RunningApp;
let admin: AdminAgent;
const PASSWORD = "bad-input-password";

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  const u = await createStaff(t.db, "admin", PASSWORD, "en");
  admin = await signIn(app.url, u.email!, PASSWORD);
  await createUser(t.db, { fullName: "Listed Client" });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const list = (resource: string, query: string) => admin.get(`/admin/api/resources/${resource}/actions/list?${query}`);

describe("panel lists and searches", () => {
  it.each([
    ["User", "sortBy=x", "cannot be sorted"],
    ["User", "sortBy=passwordHash", "cannot be sorted"],
    ["User", "page=-5", "page does not exist"],
    ["User", "page=abc", "page does not exist"],
    ["User", "perPage=0", "page does not exist"],
    ["User", "filters.id=abc", "filter “id”"],
    ["User", "filters.id=2147483648", "filter “id”"],
    ["User", "filters.userType=bogus", "filter “userType”"],
    ["User", "filters.isActive=maybe", "filter “isActive”"],
    ["User", "filters.createdAt~~from=not-a-date", "filter “createdAt”"],
    ["ServiceRequest", "filters.client=abc", "filter “client”"],
  ])("should answer %s ?%s with a clear notice and no rows", async (resource, query, text) => {
    const res = await list(resource, query);
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([]);
    expect(res.body.notice).toMatchObject({ type: "error" });
    expect(res.body.notice.message).toContain(text);
    expect(res.text).not.toMatch(/prisma|invocation|stack/i);
  });

  it("should still list with good filters", async () => {
    const res = await list("User", "filters.fullName=listed");
    expect(res.body.records.map((r: { params: { fullName: string } }) => r.params.fullName)).toEqual(["Listed Client"]);
  });

  it.each(["Wallet", "Offer", "AuditLog"])("should find nothing, not fail, when searching letters on %s (its title is the id)", async (resource) => {
    const res = await admin.get(`/admin/api/resources/${resource}/search/a`);
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([]);
  });
});

describe("panel forms", () => {
  it("should show a field error, not a 500, for a value the column cannot hold, and change nothing", async () => {
    const client = await createUser(t.db, { fullName: "Form Target" });
    for (const payload of [{ language: "klingon" }, { fullName: "x\u0000y" }, { city: "c".repeat(500) }]) {
      const res = await admin.post(`/admin/api/resources/User/records/${client.id}/edit`).type("form").send(payload);
      expect(res.status).toBe(200);
      expect(res.body.notice?.type).toBe("error");
      expect(Object.keys(res.body.record.errors)).toEqual(Object.keys(payload));
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { id: client.id } })).fullName).toBe("Form Target");
  });
});
