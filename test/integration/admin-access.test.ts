/**
 * Role × resource × action, table-driven. Every action of every resource must have a role rule
 * (a new action without one fails here), and over HTTP each role gets exactly what the rule says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { CUSTOM_ACTION_ROLES, ROLES } from "../../admin/access.js";
import { writableFields } from "../../admin/field-access.js";
import type { StaffRole } from "../../src/domains/backoffice/staff-auth.service.js";
import * as marketplace from "../../src/domains/marketplace/index.js";

let t: TestDatabase;
let app: RunningApp;
const agents = new Map<StaffRole, AdminAgent>();
const PASSWORD = "role-table-password";
let requestId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  for (const role of ROLES) {
    const u = await createStaff(t.db, role, PASSWORD);
    agents.set(role, await signIn(app.url, u.email!, PASSWORD));
  }
  const client = await createUser(t.db);
  const sub = await createSubcategory(t.db);
  requestId = (await marketplace.createRequest(t, { actor: { type: "client", id: client.id } }, { title: "Role table", description: "A role table request", subcategoryId: sub.id, city: "Riyadh" })).id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const forbidden = (body: unknown) => /ForbiddenError|forbiddenError|anyForbiddenError/.test(JSON.stringify(body));

describe("role rules", () => {
  it("should have a role rule for every action of every resource", () => {
    const missing: string[] = [];
    for (const resource of app.admin.admin.resources) {
      const decorated = resource.decorate();
      for (const action of Object.keys(decorated.actions)) {
        const key = `${resource.id()}.${action}`;
        if (!app.admin.access.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it("should give admin every action except on the append-only logs and forms with nothing writable", () => {
    const noForm = ([k]: [string, unknown]) => {
      const [model, action] = k.split(".") as [string, string];
      return (action === "new" && !writableFields(model, "admin", "create").length) || (action === "edit" && !writableFields(model, "admin", "edit").length);
    };
    const refused = [...app.admin.access].filter(([k, roles]) => !roles.includes("admin") && !noForm([k, roles])).map(([k]) => k);
    expect(refused.every((k) => /^(AuditLog|EventLog|WebhookEvent|Invoice|InvoiceLine|InvoiceNumberSequence|PaymentAttempt|Refund|PromoCodeRedemption|PaymentLink|ReconciliationRun|ReconciliationItem)\./.test(k))).toBe(true);
  });

  it("should take every custom action's roles from CUSTOM_ACTION_ROLES in admin/access.ts", () => {
    const generic = /\.(list|show|search|new|edit|delete|bulkDelete|restore|hardDelete|history|related|export)$/;
    const mismatched = [...app.admin.access]
      .filter(([k]) => !generic.test(k))
      .filter(([k, roles]) => JSON.stringify(CUSTOM_ACTION_ROLES[k] ?? null) !== JSON.stringify(roles))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it("should keep management read-only everywhere", () => {
    const writes = [...app.admin.access].filter(([k, roles]) => roles.includes("management") && !/\.(list|show|search|history|related|export|runReport)$/.test(k));
    expect(writes).toEqual([]);
  });

  it("should answer each role's list call on every resource exactly as the rules say", async () => {
    const mismatches: string[] = [];
    for (const resource of app.admin.admin.resources) {
      const id = resource.id();
      const allowed = app.admin.access.get(`${id}.list`)!;
      for (const role of ROLES) {
        const res = await agents.get(role)!.get(`/admin/api/resources/${id}/actions/list`);
        const got = res.status === 200 && !forbidden(res.body) ? "allowed" : "refused";
        const want = allowed.includes(role) ? "allowed" : "refused";
        if (got !== want) mismatches.push(`${role} ${id}.list: ${got}, rule says ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("should answer each role's record actions on a service request exactly as the rules say, and never change it", async () => {
    const mismatches: string[] = [];
    for (const action of ["show", "edit", "history", "cancel", "delete", "restore", "hardDelete"]) {
      const allowed = app.admin.access.get(`ServiceRequest.${action}`)!;
      for (const role of ROLES) {
        // GET: a state-changing action only renders its form; nothing may change.
        const res = await agents.get(role)!.get(`/admin/api/resources/ServiceRequest/records/${requestId}/${action}`);
        const got = res.status === 200 && !forbidden(res.body) ? "allowed" : "refused";
        const can = allowed.includes(role) && !(action === "restore"); // restore applies only to deleted records
        if (got !== (can ? "allowed" : "refused")) mismatches.push(`${role} ServiceRequest.${action}: ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    const row = await t.db.serviceRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: "new", deletedAt: null });
  }, 60_000);

  it("should refuse a direct POST of a forbidden action and leave the record alone", async () => {
    const res = await agents.get("finance")!.post(`/admin/api/resources/ServiceRequest/records/${requestId}/delete`);
    expect(forbidden(res.body)).toBe(true);
    const edit = await agents.get("management")!.post(`/admin/api/resources/ServiceRequest/records/${requestId}/edit`).send({ title: "hijacked" });
    expect(forbidden(edit.body)).toBe(true);
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: requestId } })).title).toBe("Role table");
  });
});
