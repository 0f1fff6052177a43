/** Staff sign an app user out of every device from the panel; the API refuses the old tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApi, type RunningApi } from "../support/api-client.js";
import { createStaff } from "../support/factories.js";
import { signIn } from "../support/admin-client.js";

let t: TestDatabase;
let app: RunningApi;
let support: User;
let finance: User;
const PASSWORD = "a-long-test-password";

beforeAll(async () => {
  t = await createTestDatabase();
  support = await createStaff(t.db, "support", PASSWORD);
  finance = await createStaff(t.db, "finance", PASSWORD);
  app = await startApi(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const revokeUrl = (id: number) => `/admin/api/resources/User/records/${id}/revokeApiTokens`;

describe("admin action: revoke a user's API tokens", () => {
  it("should sign the user out on every device and audit it with the reason", async () => {
    const a = await app.login();
    const phone = a.phone;
    const b = await app.login(phone);
    const agent = await signIn(app.url, support.email!, PASSWORD);
    const res = await agent.post(revokeUrl(a.user.id)).send({ reason: "Phone reported stolen" });
    expect(res.body.notice).toMatchObject({ type: "success", message: "apiTokensRevoked" });
    for (const token of [a.token, b.token]) expect((await app.api.call("GET", "/me", { token })).status).toBe(401);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "apitoken.revoke_all", entityId: String(a.user.id) } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: support.id });
    expect(JSON.stringify(audit.changes)).toContain("Phone reported stolen");
    // A new login still works: revoking is not blocking.
    expect((await app.api.call("GET", "/me", { token: (await app.login(phone)).token })).status).toBe(200);
  });

  it("should refuse the action to finance staff and keep the tokens", async () => {
    const u = await app.login();
    const agent = await signIn(app.url, finance.email!, PASSWORD);
    const res = await agent.post(revokeUrl(u.user.id)).send({ reason: "trying" });
    expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|forbiddenError/);
    expect((await app.api.call("GET", "/me", { token: u.token })).status).toBe(200);
  });
});
