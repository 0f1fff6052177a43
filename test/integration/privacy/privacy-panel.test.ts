/**
 * Privacy in the panel over HTTP: staff see a deletion and erase it now (admin) or cancel it
 * (support), each audited; a retention rule's edit refuses an action its target cannot do; a dry
 * run shows on the rule what it would touch; management changes nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApp, type RunningApp } from "../../support/app-server.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { createStaff, createUser } from "../../support/factories.js";
import { newPseudonym } from "../../../src/domains/accounts/index.js";
import { ensureRetentionRules } from "../../../src/domains/backoffice/retention.service.js";

let t: TestDatabase;
let app: RunningApp;
let uploads: string;
const agents: Record<"admin" | "support" | "management", AdminAgent> = {} as never;
const staff: Record<string, User> = {};
const PW = "privacy-panel-password";
const forbidden = (body: unknown) => /ForbiddenError|forbiddenError/.test(JSON.stringify(body));

beforeAll(async () => {
  t = await createTestDatabase();
  uploads = await mkdtemp(path.join(tmpdir(), "privacy-panel-"));
  app = await startApp(t, { UPLOADS_DIR: uploads });
  for (const role of ["admin", "support", "management"] as const) {
    staff[role] = await createStaff(t.db, role, PW);
    agents[role] = await signIn(app.url, staff[role]!.email!, PW);
  }
  await ensureRetentionRules(t.db);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
  await rm(uploads, { recursive: true, force: true });
});

const pending = async (fullName: string) => {
  const user = await createUser(t.db, { fullName, isActive: false });
  return t.db.accountDeletion.create({ data: { userId: user.id, eraseAfter: new Date(Date.now() + 864e5), pseudonym: newPseudonym() } });
};
const act = (who: keyof typeof agents, model: string, id: number, action: string, body: object = {}) => agents[who].post(`/admin/api/resources/${model}/records/${id}/${action}`).send(body);

describe("account deletions in the panel", () => {
  it("should let admin erase a pending deletion now, audited, and refuse support and management", async () => {
    const d = await pending("Erase Me Now");
    expect(forbidden((await act("support", "AccountDeletion", d.id, "eraseNow", { reason: "x" })).body)).toBe(true);
    expect(forbidden((await act("management", "AccountDeletion", d.id, "eraseNow", { reason: "x" })).body)).toBe(true);
    const res = await act("admin", "AccountDeletion", d.id, "eraseNow", { reason: "User asked support to hurry" });
    expect(res.body.notice).toMatchObject({ type: "success", message: "accountErased" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: d.userId } })).fullName).toBe(d.pseudonym);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "AccountDeletion", entityId: String(d.id), action: "account.erased" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: staff.admin!.id });
  });

  it("should let support cancel a pending deletion with a reason, and the account is active again", async () => {
    const d = await pending("Keep Me");
    const res = await act("support", "AccountDeletion", d.id, "cancelDeletion", { reason: "Called to keep the account" });
    expect(res.body.notice).toMatchObject({ type: "success", message: "accountDeletionCancelled" });
    expect((await t.db.accountDeletion.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("cancelled");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: d.userId } })).isActive).toBe(true);
  });
});

describe("retention rules in the panel", () => {
  it("should refuse an action the rule cannot do, take a valid edit, and show a dry run's counts on the rule", async () => {
    const otp = await t.db.dataRetentionRule.findUniqueOrThrow({ where: { key: "otp.used" } });
    const bad = await act("admin", "DataRetentionRule", otp.id, "edit", { action: "anonymize" });
    expect(JSON.stringify(bad.body)).toContain("delete, archive");
    expect((await t.db.dataRetentionRule.findUniqueOrThrow({ where: { id: otp.id } })).action).toBe("delete");
    await act("admin", "DataRetentionRule", otp.id, "edit", { retentionDays: "3" });
    expect((await t.db.dataRetentionRule.findUniqueOrThrow({ where: { id: otp.id } })).retentionDays).toBe(3);

    await t.db.otp.create({ data: { phone: "+966512340000", codeHash: "x", expiresAt: new Date(Date.now() - 5 * 864e5) } });
    expect(forbidden((await act("management", "DataRetentionRule", otp.id, "dryRun")).body)).toBe(true);
    const dry = await act("admin", "DataRetentionRule", otp.id, "dryRun");
    expect(dry.body.notice).toMatchObject({ type: "success", message: "retentionDryRunDone" });
    expect(await t.db.dataRetentionRule.findUniqueOrThrow({ where: { id: otp.id } })).toMatchObject({ dryRunCount: 1, dryRunProtected: 0 });
    expect(await t.db.otp.count()).toBe(1);
    const run = await act("admin", "DataRetentionRule", otp.id, "runNow");
    expect(run.body.notice).toMatchObject({ type: "success", message: "retentionRunDone" });
    expect(await t.db.otp.count()).toBe(0);
  });

  it("should let admin place a legal hold (as its placer, whatever the form says) and release it with a reason", async () => {
    const user = await createUser(t.db);
    const res = await agents.admin.post("/admin/api/resources/LegalHold/actions/new").type("form").send({ user: String(user.id), reason: "Court order 44/2026", placedBy: String(staff.support!.id) });
    expect(res.status).toBe(200);
    const hold = await t.db.legalHold.findFirstOrThrow({ where: { userId: user.id } });
    expect(hold).toMatchObject({ placedById: staff.admin!.id, releasedAt: null });
    const released = await act("admin", "LegalHold", hold.id, "release", { reason: "Case closed" });
    expect(released.body.notice).toMatchObject({ type: "success", message: "legalHoldReleased" });
    expect((await t.db.legalHold.findUniqueOrThrow({ where: { id: hold.id } })).releasedById).toBe(staff.admin!.id);
  });
});
