/**
 * Promo approval in the panel over HTTP: content staff take the next paid promotion from the
 * queue, read its workspace (images, slot, price), approve it, and see it on the schedule; the
 * images reach staff only through the role-checked route; support is refused all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff } from "../../support/factories.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { samplePngOfSize } from "../../support/sample-files.js";
import { riyadhDay } from "../../../src/platform/riyadh-time.js";
import { markInvoicePaidManually } from "../../../src/domains/billing/index.js";

let t: TestDatabase;
let rig: BillingRig;
let content: User;
let support: User;
let finance: User;
const PASSWORD = "a-long-test-password";
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  content = await createStaff(t.db, "content", PASSWORD);
  support = await createStaff(t.db, "support", PASSWORD);
  finance = await createStaff(t.db, "finance", PASSWORD);
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const day = (days: number) => riyadhDay(new Date(Date.now() + days * 86_400_000));

/** A home banner for Jeddah, submitted through the API and paid by bank transfer: in review. */
async function inReview() {
  const p = await rig.app.login();
  await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: `Banner Shop ${++n}`, city: "Jeddah" } });
  const d = await rig.app.api.call("POST", "/me/promotions", { token: p.token, body: { title: "Winter AC offer", placement: "home_banner", city: "Jeddah", starts_on: day(2), ends_on: day(9) } });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const up = await rig.app.api.upload(`/me/promotions/${d.body.id}/assets`, { token: p.token, file: { name: "banner.png", bytes: samplePngOfSize(1200, 400, { seed: n }) } });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const s = await rig.app.api.call("POST", `/me/promotions/${d.body.id}/submit`, { token: p.token, body: {} });
  await markInvoicePaidManually(rig.deps, { actor: { type: "staff", id: finance.id } }, s.body.invoice.id, { reason: "bank transfer", reference: `TRX-${d.body.id}` });
  return d.body.id as number;
}

const forbidden = (body: unknown) => /ForbiddenError/.test(JSON.stringify(body));
const review = (id: number) => `/admin/api/resources/PromoRequest/records/${id}/review`;
const queue = "/admin/api/resources/PromoRequest/actions/queue";
const schedule = "/admin/api/resources/PromoRequest/actions/schedule";

describe("promotions in the panel", () => {
  let agent: AdminAgent;
  beforeAll(async () => {
    agent = await signIn(rig.app.url, content.email!, PASSWORD);
  });

  it("should take the next paid promotion, show its image and slot, approve it and put it on the schedule", async () => {
    const id = await inReview();
    const q = await agent.get(queue);
    const row = q.body.rows.find((r: { id: number }) => r.id === id);
    expect(row).toMatchObject({ subject: "Home banner", thumbUrl: expect.stringMatching(/^\/admin\/promo\/assets\/\d+$/) });
    const next = await agent.post(queue).send({ op: "next" });
    expect(next.body.redirectUrl).toBe(`/admin/resources/PromoRequest/records/${id}/review`);

    const ws = (await agent.get(review(id))).body.workspace;
    expect(ws).toMatchObject({ claim: { mine: true }, decisions: { canDecide: true, approve: true }, rule: { width: 1200, height: 400 }, startsOn: day(2), lastDay: day(8) });
    expect(ws.request.assets).toHaveLength(1);
    expect(ws.request.assets[0]).toMatchObject({ widthPx: 1200, heightPx: 400 });
    const image = await agent.get(ws.request.assets[0].url);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");

    const ok = await agent.post(review(id)).send({ op: "approve" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "promoApproved" });
    expect((await t.db.promoRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    const plan = await agent.get(`${schedule}?from=${day(0)}`);
    expect(plan.body.days).toHaveLength(28);
    expect(plan.body.rows).toContainEqual(expect.objectContaining({ id, placement: "home_banner", city: "Jeddah", startsOn: day(2), lastDay: day(8), status: "approved" }));
  });

  it("should answer a refused decision with the reason and change nothing", async () => {
    const id = await inReview();
    const res = await agent.post(review(id)).send({ op: "reject", reason: "" });
    expect(res.body.notice.type).toBe("error");
    expect((await t.db.promoRequest.findUniqueOrThrow({ where: { id } })).status).toBe("in_review");
    const ok = await agent.post(review(id)).send({ op: "reject", reason: "The banner shows a competitor's logo" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "promoRejected" });
    expect(await t.db.promoRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "rejected", decisionReason: "The banner shows a competitor's logo" });
  });

  it("should refuse the queue, the workspace, the schedule and the images to support", async () => {
    const id = await inReview();
    const asset = await t.db.promoAsset.findFirstOrThrow({ where: { requestId: id } });
    const sup = await signIn(rig.app.url, support.email!, PASSWORD);
    expect(forbidden((await sup.get(queue)).body)).toBe(true);
    expect(forbidden((await sup.get(review(id))).body)).toBe(true);
    expect(forbidden((await sup.post(review(id)).send({ op: "approve" })).body)).toBe(true);
    expect(forbidden((await sup.get(schedule)).body)).toBe(true);
    expect((await sup.get(`/admin/promo/assets/${asset.id}`)).status).toBe(403);
    expect((await t.db.promoRequest.findUniqueOrThrow({ where: { id } })).status).toBe("in_review");
  });
});
