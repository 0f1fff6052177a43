/**
 * Verification end to end through the API and the domain commands reviewers use: a provider
 * opens a request, uploads documents (multipart, typed from the bytes, versioned), submits and
 * pays; a reviewer takes it with "next", rejects a document and asks for changes; the provider
 * uploads a new version and resubmits; the reviewer approves, and the badge shows on the
 * provider's public profile. Plus the file checks, the claim rules and the race.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff } from "../../support/factories.js";
import { notADocument, samplePdf, samplePng } from "../../support/sample-files.js";
import type { Ctx } from "../../../src/platform/context.js";
import * as verification from "../../../src/domains/verification/index.js";

let t: TestDatabase;
let rig: BillingRig;
let reviewerA: Ctx;
let reviewerB: Ctx;
beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  await t.db.setting.create({ data: { key: "verification_fees", value: { business: 19_900, identity: 0 } } });
  reviewerA = { actor: { type: "staff", id: (await createStaff(t.db, "verification", "pw-aaaaaaaa")).id } };
  reviewerB = { actor: { type: "staff", id: (await createStaff(t.db, "verification", "pw-bbbbbbbb")).id } };
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

async function provider() {
  const p = await rig.app.login();
  const r = await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Fast Fix", city: "Riyadh" } });
  expect(r.status).toBe(201);
  return { ...p, providerId: r.body.id as number };
}

const upload = (token: string, id: number, docType: string, bytes: Buffer, name = "doc.pdf", extra: Record<string, string> = {}) =>
  rig.app.api.upload(`/me/verification-requests/${id}/documents`, { token, fields: { doc_type: docType, ...extra }, file: { name, bytes } });

/** A business request with its CR uploaded and submitted, waiting for payment. */
async function submittedBusinessRequest() {
  const p = await provider();
  const created = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  const up = await upload(p.token, id, "commercial_registration", await samplePdf(`CR ${id}`), "cr.pdf", { expires_on: "2030-01-31" });
  expect(up.status).toBe(201);
  const sub = await rig.app.api.call("POST", `/me/verification-requests/${id}/submit`, { token: p.token });
  expect(sub.status).toBe(200);
  return { ...p, id, submitted: sub.body };
}

async function pay(token: string, invoiceId: number) {
  const pay = await rig.app.api.call("POST", `/invoices/${invoiceId}/pay`, { token });
  expect(pay.status).toBe(200);
  expect((await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)))).status).toBe(200);
  expect(await rig.drain()).toBe(1);
}

const request = (id: number) => t.db.verificationRequest.findUniqueOrThrow({ where: { id } });
const logs = (id: number) => t.db.verificationStatusLog.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });

describe("the provider's request, paid, reviewed, approved", () => {
  it("should walk a request from draft to a badge on the public profile", async () => {
    const { token, id, submitted, providerId } = await submittedBusinessRequest();
    expect(submitted).toMatchObject({ status: "pending_payment", invoice: { status: "issued", total: 22_885, currency: "SAR" } });
    await pay(token, submitted.invoice.id);
    expect((await request(id)).status).toBe("in_review");

    // The reviewer presses next and gets the oldest paid request (this one, the queue is empty otherwise).
    const next = await verification.claimNextVerificationRequest(rig.deps, reviewerA);
    expect(next?.id).toBe(id);
    const ws = await verification.getReviewWorkspace(rig.deps, id, reviewerA.actor.id!);
    expect(ws.claim.mine).toBe(true);
    const doc = ws.request.documents[0]!;
    expect(doc.versions).toHaveLength(1);

    // Reject the CR, ask for changes naming it.
    await verification.reviewDocumentVersion(rig.deps, reviewerA, doc.versions[0]!.id, { decision: "rejected", reasonCode: "unreadable", note: "The stamp is cut off" });
    await verification.requestVerificationChanges(rig.deps, reviewerA, id, { message: "Upload a clear scan of the CR", docTypes: ["commercial_registration"] });
    const asked = await rig.app.api.call("GET", `/me/verification-requests/${id}`, { token });
    expect(asked.body).toMatchObject({ status: "changes_requested", decision_reason: "Upload a clear scan of the CR", requested_documents: ["commercial_registration"] });
    expect(asked.body.documents[0]).toMatchObject({ status: "rejected", latest_review: { decision: "rejected", reason: { en: "The image is blurred or unreadable" }, note: "The stamp is cut off" } });

    // Resubmitting without a new version is refused; with one it returns to review.
    const early = await rig.app.api.call("POST", `/me/verification-requests/${id}/submit`, { token });
    expect(early).toMatchObject({ status: 422, body: { code: "DOCUMENTS_MISSING" } });
    expect((await upload(token, id, "commercial_registration", await samplePng(`CR v2 ${id}`), "cr.png")).status).toBe(201);
    const again = await rig.app.api.call("POST", `/me/verification-requests/${id}/submit`, { token });
    expect(again.body.status).toBe("in_review");
    expect(again.body.documents[0]).toMatchObject({ status: "pending", current_version: 2 });
    expect(again.body.documents[0].versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // Approving the request before the document is refused; after, a badge is issued.
    await expect(verification.approveVerificationRequest(rig.deps, reviewerA, id)).rejects.toMatchObject({ code: "DOCUMENTS_NOT_APPROVED" });
    const v2 = (await verification.getReviewWorkspace(rig.deps, id, reviewerA.actor.id!)).request.documents[0]!.versions[0]!;
    await expect(verification.reviewDocumentVersion(rig.deps, reviewerA, doc.versions[0]!.id, { decision: "approved" })).rejects.toMatchObject({ code: "VERSION_NOT_CURRENT" });
    await verification.reviewDocumentVersion(rig.deps, reviewerA, v2.id, { decision: "approved" });
    await verification.approveVerificationRequest(rig.deps, reviewerA, id);

    const profile = await rig.app.api.call("GET", `/providers/${providerId}`);
    expect(profile.body).toMatchObject({ is_verified: true, badge: { badge_type: "business" } });
    const days = (Date.parse(profile.body.badge.expires_at) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    expect((await logs(id)).map((l) => `${l.fromStatus ?? "-"}>${l.toStatus}:${l.actorType}`)).toEqual([
      "->draft:provider", "draft>submitted:provider", "submitted>pending_payment:provider", "pending_payment>in_review:system",
      "in_review>changes_requested:staff", "changes_requested>in_review:provider", "in_review>approved:staff",
    ]);
    const events = await t.db.eventLog.findMany({ where: { entity: "VerificationRequest", entityId: String(id) }, select: { name: true } });
    expect(events.map((e) => e.name)).toEqual(["verification.request.submitted", "verification.request.queued", "verification.request.changes_requested", "verification.request.queued", "verification.request.approved"]);
    expect(await t.db.auditLog.count({ where: { entity: "VerificationRequest", entityId: String(id), action: "verification.approve" } })).toBe(1);
  });

  it("should put a free badge straight into review on submit", async () => {
    const p = await provider();
    const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "identity" } });
    const none = await rig.app.api.call("POST", `/me/verification-requests/${r.body.id}/submit`, { token: p.token });
    expect(none).toMatchObject({ status: 422, body: { code: "DOCUMENTS_MISSING" } });
    expect((await upload(p.token, r.body.id, "iqama", await samplePng(`iqama ${p.phone}`), "iqama.png")).status).toBe(201);
    const sub = await rig.app.api.call("POST", `/me/verification-requests/${r.body.id}/submit`, { token: p.token });
    expect(sub.body).toMatchObject({ status: "in_review", invoice: null });
    expect((await request(r.body.id)).queuedAt).not.toBeNull();
  });

  it("should cancel a request waiting for payment when its invoice is voided, and void it when the provider withdraws", async () => {
    const a = await submittedBusinessRequest();
    const w = await rig.app.api.call("POST", `/me/verification-requests/${a.id}/cancel`, { token: a.token });
    expect(w.body).toMatchObject({ status: "cancelled", invoice: { status: "void" } });
    const b = await submittedBusinessRequest();
    const { voidInvoice } = await import("../../../src/domains/billing/index.js");
    await voidInvoice(rig.deps, reviewerA, b.submitted.invoice.id, "customer asked");
    expect((await request(b.id)).status).toBe("cancelled");
  });
});

describe("uploads", () => {
  it("should refuse a file that is not JPEG, PNG or PDF by its bytes, whatever its name, and store nothing", async () => {
    const p = await provider();
    const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
    const bad = await upload(p.token, r.body.id, "commercial_registration", notADocument, "cr.pdf");
    expect(bad).toMatchObject({ status: 415, body: { code: "FILE_TYPE_NOT_ALLOWED" } });
    expect(await t.db.verificationDocumentVersion.count({ where: { document: { requestId: r.body.id } } })).toBe(0);
  });

  it("should refuse a file over the size setting with 413 before storing it", async () => {
    await t.db.setting.upsert({ where: { key: "verification_upload_max_bytes" }, create: { key: "verification_upload_max_bytes", value: 100_000 }, update: { value: 100_000 } });
    try {
      const p = await provider();
      const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
      const big = Buffer.concat([await samplePdf("big"), Buffer.alloc(150_000, 0x20)]);
      const res = await upload(p.token, r.body.id, "commercial_registration", big);
      expect(res).toMatchObject({ status: 413, body: { code: "FILE_TOO_LARGE" } });
      expect(await t.db.verificationDocumentVersion.count({ where: { document: { requestId: r.body.id } } })).toBe(0);
    } finally {
      await t.db.setting.delete({ where: { key: "verification_upload_max_bytes" } });
    }
  });

  it("should refuse a document type the badge does not take, JSON instead of multipart, and a missing file", async () => {
    const p = await provider();
    const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
    expect(await upload(p.token, r.body.id, "professional_license", await samplePdf())).toMatchObject({ status: 422, body: { code: "DOCUMENT_TYPE_NOT_ACCEPTED" } });
    const json = await rig.app.api.call("POST", `/me/verification-requests/${r.body.id}/documents`, { token: p.token, body: { doc_type: "commercial_registration" } });
    expect(json).toMatchObject({ status: 415, body: { code: "MULTIPART_REQUIRED" } });
    const none = await rig.app.api.upload(`/me/verification-requests/${r.body.id}/documents`, { token: p.token, fields: { doc_type: "commercial_registration" } });
    expect(none).toMatchObject({ status: 400, body: { code: "FILE_MISSING" } });
  });

  it("should give the owner their file back byte for byte and nobody else", async () => {
    const p = await provider();
    const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
    const bytes = await samplePdf(`owner ${r.body.id}`);
    const up = await upload(p.token, r.body.id, "commercial_registration", bytes);
    const url = up.body.documents[0].versions[0].file_url as string;
    const mine = await fetch(rig.app.url + url, { headers: { authorization: `Bearer ${p.token}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
    const other = await provider();
    expect((await fetch(rig.app.url + url, { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(404);
    expect((await fetch(rig.app.url + url)).status).toBe(401);
  });
});

describe("claims and the race", () => {
  it("should let one reviewer win when two decide at once, and tell the other who did", async () => {
    const { token, id, submitted } = await submittedBusinessRequest();
    await pay(token, submitted.invoice.id);
    const ws = await verification.getReviewWorkspace(rig.deps, id, reviewerA.actor.id!);
    // Nobody holds it: both reviewers try to reject at the same moment.
    const results = await Promise.allSettled([
      verification.rejectVerificationRequest(rig.deps, reviewerA, id, { reason: "Forged stamp" }),
      verification.rejectVerificationRequest(rig.deps, reviewerB, id, { reason: "Wrong company" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    const winner = results[0]!.status === "fulfilled" ? reviewerA : reviewerB;
    const winnerName = (await t.db.user.findUniqueOrThrow({ where: { id: winner.actor.id! } })).fullName;
    expect(lost.reason).toMatchObject({ code: "VERIFICATION_ALREADY_DECIDED", details: { status: "rejected", by: winnerName } });
    expect((await logs(id)).filter((l) => l.toStatus === "rejected")).toHaveLength(1);
    expect(ws.request.status).toBe("in_review");
  });

  it("should keep a claimed request from another reviewer until the claim lapses, and skip it in next", async () => {
    const { token, id, submitted } = await submittedBusinessRequest();
    await pay(token, submitted.invoice.id);
    await verification.claimVerificationRequest(rig.deps, reviewerA, id);
    await expect(verification.claimVerificationRequest(rig.deps, reviewerB, id)).rejects.toMatchObject({ code: "VERIFICATION_CLAIMED" });
    const nextForB = await verification.claimNextVerificationRequest(rig.deps, reviewerB);
    expect(nextForB?.id).not.toBe(id);
    // Idle past the setting (30 minutes): the claim lapses and B may take it.
    await t.db.verificationRequest.update({ where: { id }, data: { claimedAt: new Date(Date.now() - 31 * 60_000) } });
    const queue = await verification.listReviewQueue(rig.deps, reviewerB.actor.id!, "unclaimed");
    expect(queue.rows.map((r) => r.id)).toContain(id);
    expect((await verification.claimVerificationRequest(rig.deps, reviewerB, id)).claimedById).toBe(reviewerB.actor.id);
  });

  it("should warn when the same file was submitted by another provider, and when a stated expiry has passed", async () => {
    const bytes = await samplePdf("the very same CR");
    const ids: number[] = [];
    for (const expires of ["2020-05-01", "2031-01-01"]) {
      const p = await provider();
      const r = await rig.app.api.call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
      expect((await upload(p.token, r.body.id, "commercial_registration", bytes, "cr.pdf", { expires_on: expires })).status).toBe(201);
      ids.push(r.body.id);
    }
    const ws = await verification.getReviewWorkspace(rig.deps, ids[0]!, reviewerA.actor.id!);
    expect(ws.warnings.duplicates.map((d) => d.requestId)).toEqual([ids[1]]);
    expect(ws.warnings.expired).toEqual([expect.objectContaining({ expiresOn: "2020-05-01" })]);
  });
});

describe("badge expiry", () => {
  it("should tell the provider 30 and 7 days before, once each, and end the badge when it expires", async () => {
    const { token, id, submitted, providerId } = await submittedBusinessRequest();
    await pay(token, submitted.invoice.id);
    const doc = (await verification.getReviewWorkspace(rig.deps, id, reviewerA.actor.id!)).request.documents[0]!;
    await verification.reviewDocumentVersion(rig.deps, reviewerA, doc.versions[0]!.id, { decision: "approved" });
    await verification.approveVerificationRequest(rig.deps, reviewerA, id);
    const badge = await t.db.verifiedBadge.findUniqueOrThrow({ where: { requestId: id } });
    const ctx: Ctx = { actor: { type: "system", label: "test" } };
    const at = (daysBefore: number) => new Date(badge.expiresAt.getTime() - daysBefore * 86_400_000);
    const expiring = () => t.db.eventLog.findMany({ where: { name: "verification.badge.expiring", entityId: String(badge.id) } });

    await verification.runBadgeExpiry(rig.deps, ctx, at(40));
    expect(await expiring()).toHaveLength(0);
    await verification.runBadgeExpiry(rig.deps, ctx, at(29));
    await verification.runBadgeExpiry(rig.deps, ctx, at(28));
    expect((await expiring()).map((e) => (e.payload as { daysBefore: number }).daysBefore)).toEqual([30]);
    await verification.runBadgeExpiry(rig.deps, ctx, at(6));
    expect((await expiring()).map((e) => (e.payload as { daysBefore: number }).daysBefore)).toEqual([30, 7]);
    expect((await t.db.providerProfile.findUniqueOrThrow({ where: { id: providerId } })).isVerified).toBe(true);

    const after = await verification.runBadgeExpiry(rig.deps, ctx, at(-1));
    expect(after.expired).toBeGreaterThanOrEqual(1);
    expect((await t.db.providerProfile.findUniqueOrThrow({ where: { id: providerId } })).isVerified).toBe(false);
    expect(await t.db.eventLog.count({ where: { name: "verification.badge.expired", entityId: String(badge.id) } })).toBe(1);
    await verification.runBadgeExpiry(rig.deps, ctx, at(-2));
    expect(await t.db.eventLog.count({ where: { name: "verification.badge.expired", entityId: String(badge.id) } })).toBe(1);
  });
});
