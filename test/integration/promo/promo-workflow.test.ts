/**
 * Promotions end to end through the API and the domain commands reviewers and the schedule use:
 * a provider opens a draft, uploads images (checked against the placement's rules), submits and
 * pays; a reviewer takes it with "next", asks for changes, approves; the schedule (with a clock
 * the test sets) shows it and ends it; the app reads it from /promotions/live with signed image
 * links, and the provider directory puts its provider first while it is live. Plus rejection with
 * a refund item for finance, cancellation, the claim rules, the race and the home banner slots.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff, createSubcategory } from "../../support/factories.js";
import { notADocument, sampleGif, samplePngOfSize } from "../../support/sample-files.js";
import type { Ctx } from "../../../src/platform/context.js";
import { riyadhDay } from "../../../src/platform/riyadh-time.js";
import { urlSigner } from "../../../src/platform/signed-urls.js";
import { DEFAULT_PROMO_PLACEMENT_RULES } from "../../../src/domains/backoffice/settings.js";
import { markInvoicePaidManually, refundInvoice, voidInvoice } from "../../../src/domains/billing/index.js";
import * as promo from "../../../src/domains/promo/index.js";
import { runPromoScheduleJob } from "../../../jobs/promo.job.js";
import { logger } from "../../../src/platform/logger.js";

const DAY = 86_400_000;
/** The session secret test apps run with (test/support/app-server.ts): image links are signed from it. */
const SESSION_SECRET = "test-session-secret-".padEnd(40, "x");

let t: TestDatabase;
let rig: BillingRig;
let reviewerA: Ctx;
let reviewerB: Ctx;
let finance: Ctx;
let sub: Subcategory;
let n = 0;
beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  sub = await createSubcategory(t.db);
  reviewerA = { actor: { type: "staff", id: (await createStaff(t.db, "content", "pw-aaaaaaaa")).id } };
  reviewerB = { actor: { type: "staff", id: (await createStaff(t.db, "content", "pw-bbbbbbbb")).id } };
  finance = { actor: { type: "staff", id: (await createStaff(t.db, "finance", "pw-ffffffff")).id } };
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

/** A Riyadh calendar day `days` from today. */
const day = (days: number) => riyadhDay(new Date(Date.now() + days * DAY));
const BANNER = () => samplePngOfSize(1200, 400, { seed: ++n });

async function provider(city = "Riyadh", name = `Fast Fix ${++n}`) {
  const p = await rig.app.login();
  // The code row goes, so the per-IP OTP budget lasts the file.
  await t.db.otp.deleteMany({ where: { phone: p.phone } });
  const r = await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: name, city, subcategory_ids: [sub.id] } });
  expect(r.status).toBe(201);
  return { ...p, providerId: r.body.id as number };
}

type Draft = { title?: string; placement?: string; city?: string | null; subcategory_id?: number; starts_on?: string; ends_on?: string };
const draftBody = (o: Draft = {}) => ({ title: "20% off AC servicing", placement: "home_banner", city: "Riyadh", starts_on: day(3), ends_on: day(10), ...o });

async function draft(token: string, o: Draft = {}) {
  const r = await rig.app.api.call("POST", "/me/promotions", { token, body: draftBody(o) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as number;
}

const upload = (token: string, id: number, bytes: Buffer, name = "banner.png", lang?: "ar" | "en") => rig.app.api.upload(`/me/promotions/${id}/assets`, { token, file: { name, bytes }, lang });

/** A promotion with an image, submitted: waiting for payment. */
async function submitted(o: Draft = {}, who?: Awaited<ReturnType<typeof provider>>) {
  const p = who ?? (await provider(o.city ?? "Riyadh"));
  const id = await draft(p.token, o);
  const bytes = o.placement === "category_top" ? samplePngOfSize(800, 400, { seed: ++n }) : o.placement === "search_boost" ? samplePngOfSize(400, 400, { seed: ++n }) : BANNER();
  expect((await upload(p.token, id, bytes)).status).toBe(201);
  const res = await rig.app.api.call("POST", `/me/promotions/${id}/submit`, { token: p.token, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...p, id, submitted: res.body };
}

/** Paid through Stripe (the fake), with its signed webhook processed. */
async function pay(token: string, invoiceId: number) {
  const r = await rig.app.api.call("POST", `/invoices/${invoiceId}/pay`, { token });
  expect(r.status).toBe(200);
  expect((await rig.post(rig.stripe.signEvent(rig.stripe.succeed(r.body.payment_intent_id)))).status).toBe(200);
  expect(await rig.drain()).toBe(1);
}

/** Submitted and paid (by finance, outside Stripe, which is quicker): in review. */
async function inReview(o: Draft = {}) {
  const s = await submitted(o);
  await markInvoicePaidManually(rig.deps, finance, s.submitted.invoice.id, { reason: "bank transfer", reference: `TRX-${s.id}` });
  expect((await request(s.id)).status).toBe("in_review");
  return s;
}

/** In review, then approved by reviewer A. */
async function approved(o: Draft = {}) {
  const s = await inReview(o);
  await promo.approvePromoRequest(rig.deps, reviewerA, s.id);
  return s;
}

const request = (id: number) => t.db.promoRequest.findUniqueOrThrow({ where: { id } });
const logs = async (id: number) => (await t.db.promoStatusLog.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((l) => `${l.fromStatus ?? "-"}>${l.toStatus}:${l.actorType}`);
const events = async (id: number) => (await t.db.eventLog.findMany({ where: { entity: "PromoRequest", entityId: String(id) }, orderBy: { id: "asc" } })).map((e) => e.name);
const setRules = (rules: object) => t.db.setting.upsert({ where: { key: "promo_placement_rules" }, create: { key: "promo_placement_rules", value: rules }, update: { value: rules } });
const dropSetting = (key: string) => t.db.setting.deleteMany({ where: { key } });

describe("a promotion from draft to its end", () => {
  it("should be priced, paid, sent back for changes, approved, shown at its start and ended at its end, each step logged with events", async () => {
    const { token, id, submitted: sub } = await submitted({ starts_on: day(3), ends_on: day(10) });
    // 7 days × 50.00 = 350.00, plus 15% VAT.
    expect(sub).toMatchObject({ status: "pending_payment", days: 7, daily_rate: 5_000, amount: 35_000, invoice: { status: "issued", total: 40_250, currency: "SAR" } });
    await pay(token, sub.invoice.id);
    expect((await request(id)).status).toBe("in_review");

    const next = await promo.claimNextPromoRequest(rig.deps, reviewerA);
    expect(next?.id).toBe(id);
    await promo.requestPromoChanges(rig.deps, reviewerA, id, { message: "The banner has a phone number; remove it" });
    const asked = await rig.app.api.call("GET", `/me/promotions/${id}`, { token });
    expect(asked.body).toMatchObject({ status: "changes_requested", decision_reason: "The banner has a phone number; remove it" });

    // Resubmitting without a new image is refused; with one (the old one removed) it returns to review.
    expect(await rig.app.api.call("POST", `/me/promotions/${id}/submit`, { token, body: {} })).toMatchObject({ status: 422, body: { code: "PROMO_ASSETS_MISSING" } });
    const old = asked.body.assets[0].id as number;
    expect((await upload(token, id, BANNER())).status).toBe(201);
    const removed = await rig.app.api.call("DELETE", `/me/promotions/${id}/assets/${old}`, { token });
    expect(removed.body.assets.map((a: { id: number }) => a.id)).not.toContain(old);
    const again = await rig.app.api.call("POST", `/me/promotions/${id}/submit`, { token, body: {} });
    expect(again.body).toMatchObject({ status: "in_review", invoice: { status: "paid" } });

    await promo.approvePromoRequest(rig.deps, reviewerA, id);
    const r = await request(id);
    expect(r).toMatchObject({ status: "approved", decidedById: reviewerA.actor.id, claimedById: null });

    // The schedule, on a clock the test sets: nothing before the start, live at it, ended at the end.
    const ctx: Ctx = { actor: { type: "system", label: "test" } };
    await promo.runPromoSchedule(rig.deps, ctx, new Date(r.startsAt.getTime() - 60_000));
    expect((await request(id)).status).toBe("approved");
    await promo.runPromoSchedule(rig.deps, ctx, r.startsAt);
    expect(await request(id)).toMatchObject({ status: "live", wentLiveAt: r.startsAt });
    await promo.runPromoSchedule(rig.deps, ctx, new Date(r.endsAt.getTime() - 1));
    expect((await request(id)).status).toBe("live");
    await promo.runPromoSchedule(rig.deps, ctx, r.endsAt);
    expect(await request(id)).toMatchObject({ status: "ended", endedAt: r.endsAt });
    expect(await promo.runPromoSchedule(rig.deps, ctx, r.endsAt)).toEqual({ live: 0, ended: 0 });

    expect(await logs(id)).toEqual([
      "->draft:provider", "draft>pending_payment:provider", "pending_payment>in_review:system", "in_review>changes_requested:staff",
      "changes_requested>in_review:provider", "in_review>approved:staff", "approved>live:system", "live>ended:system",
    ]);
    expect(await events(id)).toEqual([
      "promo.request.submitted", "promo.request.queued", "promo.request.changes_requested", "promo.request.queued", "promo.request.approved", "promo.request.live", "promo.request.ended",
    ]);
    const audits = (await t.db.auditLog.findMany({ where: { entity: "PromoRequest", entityId: String(id) }, select: { action: true } })).map((a) => a.action);
    for (const a of ["promo.create", "promo.asset.upload", "promo.submit", "promo.queue", "promo.claim", "promo.request_changes", "promo.asset.remove", "promo.resubmit", "promo.approve", "promo.go_live", "promo.end"]) expect(audits).toContain(a);
  });

  it("should run the schedule from its job", async () => {
    const { id } = await approved({ starts_on: day(0), ends_on: day(2) });
    expect(await runPromoScheduleJob(rig.deps, logger("silent"))).toMatchObject({ live: 1 });
    expect((await request(id)).status).toBe("live");
    await runPromoScheduleJob(rig.deps, logger("silent"), new Date(Date.now() + 3 * DAY));
    expect((await request(id)).status).toBe("ended");
  });

  it("should refuse a start in the past, a booking too long, an end before the start and a category_top without subcategory", async () => {
    const p = await provider();
    const refuse = async (o: Draft, status: number, code: string) => {
      const r = await rig.app.api.call("POST", "/me/promotions", { token: p.token, body: draftBody(o), lang: "en" });
      expect(r, JSON.stringify(r.body)).toMatchObject({ status, body: { code } });
      return r.body;
    };
    expect((await refuse({ starts_on: day(-1) }, 422, "PROMO_START_PASSED")).detail).toBe("A promotion starts today or later.");
    expect((await refuse({ starts_on: day(1), ends_on: day(62) }, 422, "PROMO_TOO_LONG")).detail).toBe("A promotion runs at most 60 days.");
    expect((await refuse({ starts_on: day(5), ends_on: day(5) }, 400, "VALIDATION_FAILED")).errors).toHaveProperty("ends_on");
    expect((await refuse({ placement: "category_top" }, 400, "VALIDATION_FAILED")).errors).toHaveProperty("subcategory_id");
    expect((await refuse({ placement: "category_top", subcategory_id: 99_999_999 }, 400, "VALIDATION_FAILED")).errors).toHaveProperty("subcategory_id");
    const id = await draft(p.token);
    expect(await rig.app.api.call("POST", `/me/promotions/${id}/submit`, { token: p.token, body: {} })).toMatchObject({ status: 422, body: { code: "PROMO_ASSETS_MISSING" } });
  });
});

describe("images", () => {
  it("should take an image of the placement's exact size, keep its pixel size and give it back to its owner only", async () => {
    const p = await provider();
    const id = await draft(p.token);
    const bytes = BANNER();
    const up = await upload(p.token, id, bytes);
    expect(up.status).toBe(201);
    expect(up.body.assets).toEqual([expect.objectContaining({ mime_type: "image/png", width: 1200, height: 400, size_bytes: bytes.length })]);
    const url = up.body.assets[0].file_url as string;
    const mine = await fetch(rig.app.url + url, { headers: { authorization: `Bearer ${p.token}` } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
    const other = await provider();
    expect((await fetch(rig.app.url + url, { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(404);
    expect((await fetch(rig.app.url + url)).status).toBe(401);
  });

  it("should refuse a type, a size or a pixel size the placement does not take, say why in both languages, and store nothing", async () => {
    const p = await provider();
    const id = await draft(p.token);
    // Not an image at all, whatever its name: refused by its bytes before anything else.
    expect(await upload(p.token, id, notADocument, "banner.png")).toMatchObject({ status: 415, body: { code: "FILE_TYPE_NOT_ALLOWED" } });
    expect(await upload(p.token, id, sampleGif, "banner.png")).toMatchObject({ status: 415, body: { code: "FILE_TYPE_NOT_ALLOWED" } });
    const wrongSize = await upload(p.token, id, samplePngOfSize(1080, 540), "banner.png", "en");
    expect(wrongSize).toMatchObject({ status: 422, body: { code: "PROMO_ASSET_DIMENSIONS", detail: "Images for this placement are exactly 1200×400 pixels; this one is 1080×540." } });
    const ar = await upload(p.token, id, samplePngOfSize(1080, 540), "banner.png", "ar");
    expect(ar.body.detail).toBe("صور هذا الموضع بأبعاد 1200×400 بكسل تمامًا؛ وهذه الصورة 1080×540.");
    await setRules({ ...DEFAULT_PROMO_PLACEMENT_RULES, home_banner: { ...DEFAULT_PROMO_PLACEMENT_RULES.home_banner, types: ["image/jpeg", "image/webp"] } });
    try {
      expect(await upload(p.token, id, BANNER(), "banner.png", "en")).toMatchObject({ status: 415, body: { code: "PROMO_ASSET_TYPE_NOT_ALLOWED", detail: "This placement takes JPEG, WEBP images only." } });
      await setRules({ ...DEFAULT_PROMO_PLACEMENT_RULES, home_banner: { ...DEFAULT_PROMO_PLACEMENT_RULES.home_banner, maxBytes: 50_000 } });
      // Checked before the pixel size, so any picture over 50 KB will do.
      const big = await upload(p.token, id, samplePngOfSize(200, 100, { noise: true }), "banner.png", "en");
      expect(big).toMatchObject({ status: 413, body: { code: "PROMO_ASSET_TOO_LARGE", detail: "The image is too large: at most 50 KB for this placement." } });
    } finally {
      await dropSetting("promo_placement_rules");
    }
    // search_boost takes anything at least 400×400.
    const boost = await draft(p.token, { placement: "search_boost", city: null });
    expect(await upload(p.token, boost, samplePngOfSize(399, 800), "b.png")).toMatchObject({ status: 422, body: { code: "PROMO_ASSET_TOO_SMALL" } });
    expect((await upload(p.token, boost, samplePngOfSize(640, 480), "b.png")).status).toBe(201);
    expect(await t.db.promoAsset.count({ where: { requestId: id } })).toBe(0);
  });

  it("should take images only while a draft or sent back, and at most five", async () => {
    const p = await provider();
    const id = await draft(p.token);
    for (let k = 0; k < 5; k++) expect((await upload(p.token, id, BANNER())).status).toBe(201);
    expect(await upload(p.token, id, BANNER())).toMatchObject({ status: 422, body: { code: "PROMO_ASSETS_LIMIT" } });
    expect((await rig.app.api.call("POST", `/me/promotions/${id}/submit`, { token: p.token, body: {} })).status).toBe(200);
    expect(await upload(p.token, id, BANNER())).toMatchObject({ status: 409, body: { code: "PROMO_NOT_EDITABLE" } });
  });
});

describe("rejection and cancellation", () => {
  it("should reject a paid promotion with a reason and raise its invoice for finance, resolved once refunded", async () => {
    const { token, id, submitted: sub } = await submitted();
    await pay(token, sub.invoice.id);
    await expect(promo.rejectPromoRequest(rig.deps, reviewerA, id, { reason: "" })).rejects.toThrow();
    await promo.rejectPromoRequest(rig.deps, reviewerA, id, { reason: "The banner shows a competitor's logo" });
    expect((await rig.app.api.call("GET", `/me/promotions/${id}`, { token })).body).toMatchObject({ status: "rejected", decision_reason: "The banner shows a competitor's logo" });
    const item = await t.db.reconciliationItem.findFirstOrThrow({ where: { invoiceId: sub.invoice.id } });
    expect(item).toMatchObject({ kind: "refund_due", status: "open", localAmount: 40_250, currency: "SAR", paymentAttemptId: expect.any(Number), remoteId: expect.stringMatching(/^pi_/) });
    const rejected = await t.db.eventLog.findFirstOrThrow({ where: { name: "promo.request.rejected", entityId: String(id) } });
    expect(rejected.payload).toMatchObject({ reason: "The banner shows a competitor's logo", refundItemId: item.id });

    await refundInvoice(rig.deps, finance, sub.invoice.id, { reason: "promotion rejected" });
    expect(await t.db.reconciliationItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "resolved" });
  });

  it("should let the provider withdraw only before paying (voiding the invoice), cancel on a voided invoice, and let staff cancel a paid one with a refund item", async () => {
    const a = await submitted();
    const w = await rig.app.api.call("POST", `/me/promotions/${a.id}/cancel`, { token: a.token });
    expect(w.body).toMatchObject({ status: "cancelled", invoice: { status: "void" } });

    const b = await submitted();
    await voidInvoice(rig.deps, finance, b.submitted.invoice.id, "customer asked");
    expect((await request(b.id)).status).toBe("cancelled");
    expect(await events(b.id)).toEqual(["promo.request.submitted", "promo.request.cancelled"]);

    const c = await inReview();
    expect(await rig.app.api.call("POST", `/me/promotions/${c.id}/cancel`, { token: c.token })).toMatchObject({ status: 409, body: { code: "PROMO_NOT_WITHDRAWABLE" } });
    await promo.cancelPromoRequestByStaff(rig.deps, reviewerA, c.id, "Provider asked by phone");
    expect((await request(c.id)).status).toBe("cancelled");
    expect(await t.db.reconciliationItem.count({ where: { invoiceId: c.submitted.invoice.id, kind: "refund_due", status: "open" } })).toBe(1);
    // A paid-by-transfer invoice has no Stripe payment to name.
    expect(await t.db.reconciliationItem.findFirstOrThrow({ where: { invoiceId: c.submitted.invoice.id } })).toMatchObject({ paymentAttemptId: null, remoteId: null });
  });
});

describe("claims, next and the race", () => {
  it("should give next the promotion paid longest ago, keep a claim from others until it lapses, and list the queue", async () => {
    // Leave an empty queue behind whatever earlier tests left.
    for (let r = await promo.claimNextPromoRequest(rig.deps, reviewerB); r; r = await promo.claimNextPromoRequest(rig.deps, reviewerB)) await promo.cancelPromoRequestByStaff(rig.deps, reviewerB, r.id, "clearing the queue");
    const first = await inReview();
    const second = await inReview();
    await t.db.promoRequest.update({ where: { id: first.id }, data: { queuedAt: new Date(Date.now() - 3_600_000) } });
    expect((await promo.claimNextPromoRequest(rig.deps, reviewerA))?.id).toBe(first.id);
    await expect(promo.claimPromoRequest(rig.deps, reviewerB, first.id)).rejects.toMatchObject({ code: "PROMO_CLAIMED" });
    await expect(promo.approvePromoRequest(rig.deps, reviewerB, first.id)).rejects.toMatchObject({ code: "PROMO_CLAIMED" });
    expect((await promo.claimNextPromoRequest(rig.deps, reviewerB))?.id).toBe(second.id);
    // Nothing free is left: B's Next opens what B already holds; A's (holding nothing else free) opens A's own.
    expect((await promo.claimNextPromoRequest(rig.deps, reviewerB))?.id).toBe(second.id);
    // Idle past the setting (30 minutes): the claim lapses and B may take it.
    await t.db.promoRequest.update({ where: { id: first.id }, data: { claimedAt: new Date(Date.now() - 31 * 60_000) } });
    const queue = await promo.listPromoReviewQueue(rig.deps, reviewerB.actor.id!, "unclaimed");
    expect(queue.rows.map((r) => r.id)).toEqual([first.id]);
    expect(queue.counts).toMatchObject({ unclaimed: 1, all: 2 });
    expect((await promo.claimPromoRequest(rig.deps, reviewerB, first.id)).claimedById).toBe(reviewerB.actor.id);
    await expect(promo.releasePromoRequest(rig.deps, reviewerA, first.id)).rejects.toMatchObject({ code: "PROMO_NOT_CLAIMED" });
    expect((await promo.releasePromoRequest(rig.deps, reviewerB, first.id)).claimedById).toBeNull();
  });

  it("should let one reviewer win when two decide at once, and tell the other who did", async () => {
    const { id } = await inReview();
    const results = await Promise.allSettled([
      promo.approvePromoRequest(rig.deps, reviewerA, id),
      promo.rejectPromoRequest(rig.deps, reviewerB, id, { reason: "Blurry banner" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    const winner = results[0]!.status === "fulfilled" ? reviewerA : reviewerB;
    const winnerName = (await t.db.user.findUniqueOrThrow({ where: { id: winner.actor.id! } })).fullName;
    const status = winner === reviewerA ? "approved" : "rejected";
    expect(lost.reason).toMatchObject({ code: "PROMO_ALREADY_DECIDED", details: { status, by: winnerName } });
    expect((await logs(id)).filter((l) => l.startsWith("in_review>"))).toHaveLength(1);
  });
});

describe("home banner slots", () => {
  it("should refuse an approval that puts more home banners in a city at once than the rule allows", async () => {
    await setRules({ ...DEFAULT_PROMO_PLACEMENT_RULES, home_banner: { ...DEFAULT_PROMO_PLACEMENT_RULES.home_banner, maxLivePerCity: 2 } });
    try {
      const city = `Abha ${++n}`;
      await approved({ city, starts_on: day(20), ends_on: day(27) });
      await approved({ city, starts_on: day(24), ends_on: day(30) });
      // Days 24–26 would show three.
      const third = await inReview({ city, starts_on: day(25), ends_on: day(26) });
      await expect(promo.approvePromoRequest(rig.deps, reviewerA, third.id)).rejects.toMatchObject({ code: "PROMO_SLOTS_FULL", status: 422, details: { limit: 2 } });
      expect((await request(third.id)).status).toBe("in_review");
      // Days 27–29 overlap only the second; another city is another set of slots.
      await approved({ city, starts_on: day(27), ends_on: day(29) });
      await approved({ city: `Tabuk ${n}`, starts_on: day(25), ends_on: day(26) });
      // A banner shown in every city takes a slot in this one too.
      const everywhere = await inReview({ city: null, starts_on: day(21), ends_on: day(22) });
      await promo.approvePromoRequest(rig.deps, reviewerA, everywhere.id);
      const fourth = await inReview({ city, starts_on: day(21), ends_on: day(23) });
      await expect(promo.approvePromoRequest(rig.deps, reviewerA, fourth.id)).rejects.toMatchObject({ code: "PROMO_SLOTS_FULL" });
    } finally {
      await dropSetting("promo_placement_rules");
    }
  });
});

describe("what the app shows", () => {
  it("should list a promotion only while it is live, with image links that work until they expire and only as signed", async () => {
    const { id } = await approved({ placement: "category_top", subcategory_id: sub.id, city: "Hail", starts_on: day(0), ends_on: day(5) });
    const live = (q: string) => rig.app.api.call("GET", `/promotions/live?${q}`);
    const query = `placement=category_top&city=Hail&subcategory=${sub.id}`;
    expect((await live(query)).body.items.map((i: { id: number }) => i.id)).not.toContain(id);

    await promo.runPromoSchedule(rig.deps, { actor: { type: "system" } });
    const shown = (await live(query)).body.items.find((i: { id: number }) => i.id === id);
    expect(shown).toMatchObject({ placement: "category_top", city: "Hail", subcategory_id: sub.id, assets: [{ width: 800, height: 400, mime_type: "image/png" }] });
    // Targeted at Hail and the subcategory: not listed for another city, nor without them.
    expect((await live(`placement=category_top&city=Riyadh&subcategory=${sub.id}`)).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await live("placement=category_top")).body.items.map((i: { id: number }) => i.id)).not.toContain(id);

    const url = new URL(shown.assets[0].url as string, rig.app.url);
    const img = await fetch(url);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    const stored = await t.db.promoAsset.findUniqueOrThrow({ where: { id: shown.assets[0].id } });
    expect(Buffer.from(await img.arrayBuffer()).length).toBe(stored.sizeBytes);

    const assetId = Number(url.pathname.split("/").at(-1));
    const tampered = new URL(url);
    tampered.searchParams.set("exp", String(Number(url.searchParams.get("exp")) + 600));
    expect(await rig.app.api.call("GET", `/promotions/assets/${assetId}${tampered.search}`, { lang: "en" })).toMatchObject({ status: 403, body: { code: "PROMO_ASSET_LINK_INVALID" } });
    const otherImage = `/promotions/assets/${assetId + 1}${url.search}`;
    expect(await rig.app.api.call("GET", otherImage)).toMatchObject({ status: 403, body: { code: "PROMO_ASSET_LINK_INVALID" } });
    const signer = urlSigner(SESSION_SECRET, promo.PROMO_ASSET_LINK);
    const past = Math.floor(Date.now() / 1000) - 1;
    expect(await rig.app.api.call("GET", `/promotions/assets/${assetId}?exp=${past}&sig=${signer.sign(assetId, past)}`)).toMatchObject({ status: 403, body: { code: "PROMO_ASSET_LINK_EXPIRED" } });
    expect(await rig.app.api.call("GET", `/promotions/assets/${assetId}`)).toMatchObject({ status: 400 });

    // Once ended: not listed, and its still-unexpired link no longer opens.
    await promo.runPromoSchedule(rig.deps, { actor: { type: "system" } }, (await request(id)).endsAt);
    expect((await live(query)).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await fetch(url)).status).toBe(404);
  });

  it("should put a provider first in the directory, marked sponsored, only while its promotion is live and only on the first page", async () => {
    const city = `Najran ${++n}`;
    const sponsoredPro = await provider(city, "Sponsored Sparkle");
    const others = [await provider(city, "Plain Shine"), await provider(city, "Plain Shine Two")];
    const list = async (q: string) => (await rig.app.api.call("GET", `/providers?${q}`)).body;
    const firstPage = `subcategory=${sub.id}&city=${encodeURIComponent(city)}&limit=2`;

    // Newest first, nobody sponsored.
    let page = await list(firstPage);
    expect(page.items.map((i: { id: number; sponsored: boolean }) => [i.id, i.sponsored])).toEqual([[others[1]!.providerId, false], [others[0]!.providerId, false]]);

    const mine = await submitted({ placement: "category_top", subcategory_id: sub.id, city, starts_on: day(0), ends_on: day(3) }, sponsoredPro);
    await markInvoicePaidManually(rig.deps, finance, mine.submitted.invoice.id, { reason: "bank transfer", reference: `TRX-${mine.id}` });
    await promo.approvePromoRequest(rig.deps, reviewerA, mine.id);
    expect((await list(firstPage)).items.some((i: { sponsored: boolean }) => i.sponsored)).toBe(false); // approved, not live yet

    await promo.runPromoSchedule(rig.deps, { actor: { type: "system" } });
    page = await list(firstPage);
    expect(page.items.map((i: { id: number; sponsored: boolean }) => [i.id, i.sponsored])).toEqual([[sponsoredPro.providerId, true], [others[1]!.providerId, false], [others[0]!.providerId, false]]);
    // The next page is the plain list: the sponsored provider appears at its own place, unmarked.
    const second = await list(`${firstPage}&cursor=${page.next_cursor}`);
    expect(second.items.map((i: { id: number; sponsored: boolean }) => [i.id, i.sponsored])).toEqual([[sponsoredPro.providerId, false]]);
    expect(second.next_cursor).toBeNull();
    // Another subcategory's list, or another city's, is not led by it; a search is not (category_top leads its category only).
    const otherSub = await createSubcategory(t.db);
    expect((await list(`subcategory=${otherSub.id}&city=${encodeURIComponent(city)}`)).items.some((i: { sponsored: boolean }) => i.sponsored)).toBe(false);
    expect((await list(`q=Plain&city=${encodeURIComponent(city)}`)).items.map((i: { id: number }) => i.id)).not.toContain(sponsoredPro.providerId);

    // A search boost puts its provider first on any search in its city, even one its name does not match.
    const boost = await submitted({ placement: "search_boost", city, starts_on: day(0), ends_on: day(3) }, others[0]);
    await markInvoicePaidManually(rig.deps, finance, boost.submitted.invoice.id, { reason: "bank transfer", reference: `TRX-${boost.id}` });
    await promo.approvePromoRequest(rig.deps, reviewerA, boost.id);
    await promo.runPromoSchedule(rig.deps, { actor: { type: "system" } });
    const searched = await list(`q=Sparkle&city=${encodeURIComponent(city)}`);
    expect(searched.items.map((i: { id: number; sponsored: boolean }) => [i.id, i.sponsored])).toEqual([[others[0]!.providerId, true], [sponsoredPro.providerId, false]]);

    // Ended: the plain list again.
    await promo.runPromoSchedule(rig.deps, { actor: { type: "system" } }, new Date(Date.now() + 4 * DAY));
    page = await list(firstPage);
    expect(page.items.map((i: { id: number; sponsored: boolean }) => [i.id, i.sponsored])).toEqual([[others[1]!.providerId, false], [others[0]!.providerId, false]]);
  });
});
