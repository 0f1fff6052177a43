/** The staff "cancel request" action over HTTP: POST only, reason required, role-checked, audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import * as marketplace from "../../src/domains/marketplace/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import { signIn } from "../support/admin-client.js";

let t: TestDatabase;
let app: RunningApp;
let support: User;
let finance: User;
const PASSWORD = "a-long-test-password";

beforeAll(async () => {
  t = await createTestDatabase();
  support = await createStaff(t.db, "support", PASSWORD);
  finance = await createStaff(t.db, "finance", PASSWORD);
  app = await startApp(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function openRequest() {
  const client = await createUser(t.db);
  const sub = await createSubcategory(t.db);
  return marketplace.createRequest(t, { actor: { type: "client", id: client.id } }, { title: "Paint two rooms", description: "White", subcategoryId: sub.id, city: "Jeddah" });
}
const actionUrl = (id: number) => `/admin/api/resources/ServiceRequest/records/${id}/cancel`;
const statusOf = async (id: number) => (await t.db.serviceRequest.findUniqueOrThrow({ where: { id } })).status;

describe("admin action: cancel a service request", () => {
  it("should change nothing on GET (it only renders the form)", async () => {
    const req = await openRequest();
    const agent = await signIn(app.url, support.email!, PASSWORD);
    const res = await agent.get(actionUrl(req.id));
    expect(res.status).toBe(200);
    expect(res.body.record.params.status).toBe("new");
    expect(await statusOf(req.id)).toBe("new");
  });

  it("should refuse a missing reason with an error notice and change nothing", async () => {
    const req = await openRequest();
    const agent = await signIn(app.url, support.email!, PASSWORD);
    const res = await agent.post(actionUrl(req.id)).send({ reason: "" });
    expect(res.body.notice.type).toBe("error");
    expect(res.body.notice.message).toMatch(/reason/);
    expect(await statusOf(req.id)).toBe("new");
  });

  it("should cancel with a reason on POST and record the staff actor, the reason and the IP", async () => {
    const req = await openRequest();
    const agent = await signIn(app.url, support.email!, PASSWORD);
    const res = await agent.post(actionUrl(req.id)).send({ reason: "Customer asked by phone" });
    expect(res.body.notice.type).toBe("success");
    expect(res.body.record.params.status).toBe("cancelled");
    const log = await t.db.requestStatusLog.findFirstOrThrow({ where: { requestId: req.id, toStatus: "cancelled" } });
    expect(log).toMatchObject({ actorType: "staff", actorId: support.id, note: "Customer asked by phone" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "ServiceRequest", entityId: String(req.id), action: "request.cancel" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: support.id, actorLabel: support.email });
    expect(audit.ip).toMatch(/127\.0\.0\.1/);
  });

  it("should refuse the action to a role that may not cancel requests", async () => {
    const req = await openRequest();
    const agent = await signIn(app.url, finance.email!, PASSWORD);
    const res = await agent.post(actionUrl(req.id)).send({ reason: "Finance should not do this" });
    expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|forbidden/i);
    expect(await statusOf(req.id)).toBe("new");
  });
});
