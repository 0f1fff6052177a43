/**
 * Verification in the panel over HTTP: who may open the queue, the workspace and the files; a
 * GET changes nothing; Next claims and redirects; the workspace's operations call the domain;
 * only admins assign.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff } from "../../support/factories.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { samplePdf } from "../../support/sample-files.js";

let t: TestDatabase;
let rig: BillingRig;
let reviewer: User;
let admin: User;
let support: User;
const PASSWORD = "a-long-test-password";

beforeAll(async () => {
  t = await createTestDatabase();
  reviewer = await createStaff(t.db, "verification", PASSWORD);
  admin = await createStaff(t.db, "admin", PASSWORD);
  support = await createStaff(t.db, "support", PASSWORD);
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

/** A free identity request in review, with one PDF uploaded through the API. */
async function inReview() {
  const p = await rig.app.login();
  await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Quick Fix", city: "Jeddah" } });
  const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "identity" } });
  const bytes = await samplePdf(`national id ${r.body.id}`);
  const up = await rig.app.api.upload(`/me/verification-requests/${r.body.id}/documents`, { token: p.token, fields: { doc_type: "national_id" }, file: { name: "id.pdf", bytes } });
  expect(up.status).toBe(201);
  expect((await rig.app.api.call("POST", `/me/verification-requests/${r.body.id}/submit`, { token: p.token })).body.status).toBe("in_review");
  return { id: r.body.id as number, versionId: up.body.documents[0].versions[0].id as number, bytes };
}

const forbidden = (body: unknown) => /ForbiddenError/.test(JSON.stringify(body));
const review = (id: number) => `/admin/api/resources/VerificationRequest/records/${id}/review`;
const queue = "/admin/api/resources/VerificationRequest/actions/queue";
const request = (id: number) => t.db.verificationRequest.findUniqueOrThrow({ where: { id } });

describe("verification in the panel", () => {
  let rev: AdminAgent;
  beforeAll(async () => {
    rev = await signIn(rig.app.url, reviewer.email!, PASSWORD);
  });

  it("should refuse the queue, the workspace and the files to a support agent", async () => {
    const { id, versionId } = await inReview();
    const agent = await signIn(rig.app.url, support.email!, PASSWORD);
    expect(forbidden((await agent.get(queue)).body)).toBe(true);
    expect(forbidden((await agent.get(review(id))).body)).toBe(true);
    expect(forbidden((await agent.post(review(id)).send({ op: "approve" })).body)).toBe(true);
    expect((await agent.get(`/admin/verification/files/${versionId}`)).status).toBe(403);
    expect((await request(id)).status).toBe("in_review");
  });

  it("should serve a reviewer the file inline with its type from the bytes, framable only by the panel", async () => {
    const { versionId, bytes } = await inReview();
    const res = await rev.get(`/admin/verification/files/${versionId}`).buffer(true).parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on("data", (c: Buffer) => parts.push(c));
      r.on("end", () => cb(null, Buffer.concat(parts)));
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect((res.body as Buffer).equals(bytes)).toBe(true);
    expect((await rev.get("/admin/verification/files/99999999")).status).toBe(404);
    expect((await rev.get("/admin/verification/files/abc")).status).toBe(400);
  });

  it("should change nothing on a GET of the workspace, and claim and decide through POSTed operations", async () => {
    const { id, versionId } = await inReview();
    const seen = await rev.get(review(id));
    expect(seen.body.workspace.request.id).toBe(id);
    expect(seen.body.workspace.decisions).toMatchObject({ canDecide: true, approve: true, reject: true, requestChanges: true });
    expect((await request(id)).claimedById).toBeNull();

    const approveEarly = await rev.post(review(id)).send({ op: "approve" });
    expect(approveEarly.body.notice.type).toBe("error");
    const doc = await rev.post(review(id)).send({ op: "reviewDocument", versionId: String(versionId), decision: "approved" });
    expect(doc.body.notice).toMatchObject({ type: "success", message: "documentReviewed" });
    expect(doc.body.workspace.claim.mine).toBe(true);
    const ok = await rev.post(review(id)).send({ op: "approve" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "verificationApproved" });
    expect(ok.body.workspace.decisions).toMatchObject({ canDecide: false, approve: false });
    expect(await request(id)).toMatchObject({ status: "approved", decidedById: reviewer.id });
  });

  it("should claim the oldest free request with Next and send the reviewer to it, then to what they hold", async () => {
    await t.db.verificationRequest.updateMany({ where: { status: "in_review" }, data: { claimedById: admin.id, claimedAt: new Date() } });
    const { id } = await inReview();
    const before = await rev.get(`${queue}?view=unclaimed`);
    expect(before.body.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    const next = await rev.post(queue).send({ op: "next" });
    expect(next.body.redirectUrl).toBe(`/admin/resources/VerificationRequest/records/${id}/review`);
    expect((await request(id)).claimedById).toBe(reviewer.id);
    expect((await rev.get(`${queue}?view=mine`)).body.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    // Nothing free is left: Next opens what the reviewer already holds.
    expect((await rev.post(queue).send({ op: "next" })).body.redirectUrl).toBe(`/admin/resources/VerificationRequest/records/${id}/review`);
    await rev.post(review(id)).send({ op: "release" });
    await t.db.verificationRequest.updateMany({ where: { status: "in_review", claimedById: null }, data: { claimedById: admin.id, claimedAt: new Date() } });
    expect((await rev.post(queue).send({ op: "next" })).body.notice.message).toBe("queueEmptyNotice");
  });

  it("should let only an admin assign requests to a reviewer", async () => {
    const { id } = await inReview();
    const refused = await rev.post(queue).send({ op: "assign", ids: String(id), reviewerId: String(reviewer.id) });
    expect(refused.body.notice.type).toBe("error");
    expect((await request(id)).claimedById).toBeNull();
    const adm = await signIn(rig.app.url, admin.email!, PASSWORD);
    expect((await adm.get(queue)).body.canAssign).toBe(true);
    const badTarget = await adm.post(queue).send({ op: "assign", ids: String(id), reviewerId: String(support.id) });
    expect(badTarget.body.notice.type).toBe("error");
    const ok = await adm.post(queue).send({ op: "assign", ids: String(id), reviewerId: String(reviewer.id) });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "verificationsAssigned" });
    expect((await request(id)).claimedById).toBe(reviewer.id);
  });
});
