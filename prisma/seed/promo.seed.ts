/**
 * Promotion demo data: provider promotions in every status (a draft, unpaid, in review, changes
 * asked for and resubmitted, approved for later, live on each placement, ended, rejected,
 * cancelled) with their images (pixel sizes as the placement rules want), invoices priced days ×
 * the daily rate, claims, decisions and history.
 */
import { createHash } from "node:crypto";
import type { ActorType, PromoPlacement, PromoRequestStatus } from "@prisma/client";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../src/platform/riyadh-time.js";
import { DEFAULT_PROMO_PLACEMENT_RULES } from "../../src/domains/backoffice/settings.js";
import type { InvoiceBook, PromoCodes } from "./billing.seed.js";
import type { Catalog } from "./catalog.seed.js";
import { auditAt, count, type SeedContext } from "./context.js";
import type { People } from "./people.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { addHours, daysAgo, minDate } from "./time.js";
import { bannerPng } from "./demo-files.js";

/** Price per day of each placement in halalas; also stored as the promo_daily_prices setting. */
export const PROMO_DAILY_PRICES: Record<PromoPlacement, number> = { home_banner: 5_000, category_top: 2_500, search_boost: 3_500 };

const PLACEMENT_NAMES: Record<PromoPlacement, readonly [string, string]> = {
  home_banner: ["بانر الصفحة الرئيسية", "Home banner"],
  category_top: ["أعلى قائمة التصنيف", "Top of a category"],
  search_boost: ["أولوية في نتائج البحث", "Search boost"],
};

interface Step {
  to: PromoRequestStatus;
  by: ActorType;
  /** hours after the previous step (live and ended happen at the promotion's own start and end) */
  after: number;
  note?: string;
}

interface Story {
  provider: number;
  placement: PromoPlacement;
  /** subcategory slug: required for category_top */
  subcategory?: string;
  /** targeted at the provider's city */
  city: boolean;
  titleAr: string;
  titleEn: string;
  /** first day shown, in days from today (negative = past) */
  starts: number;
  days: number;
  /** days ago the draft was opened */
  opened: number;
  steps: Step[];
  /** index of the step before which the reviewer claimed it */
  claimedAt?: number;
  promo?: keyof PromoCodes;
}

const submitted: Step[] = [
  { to: "draft", by: "provider", after: 0 },
  { to: "pending_payment", by: "provider", after: 0.6 },
];
const paid: Step[] = [...submitted, { to: "in_review", by: "system", after: 2, note: "تم دفع الفاتورة" }];
const approved: Step[] = [...paid, { to: "approved", by: "staff", after: 20 }];

/** One promotion (or more) per status. */
const STORIES: Story[] = [
  { provider: 11, placement: "home_banner", city: true, titleAr: "خصم ٢٠٪ على غسيل المكيفات", titleEn: "20% off AC servicing", starts: -5, days: 14, opened: 9, claimedAt: 3, steps: [...approved, { to: "live", by: "system", after: 0 }] },
  { provider: 6, placement: "search_boost", city: true, titleAr: "باقات تصوير التخرج", titleEn: "Graduation photo packages", starts: -2, days: 14, opened: 6, claimedAt: 3, promo: "PROMO50", steps: [...approved, { to: "live", by: "system", after: 0 }] },
  { provider: 2, placement: "category_top", subcategory: "home-cleaning", city: true, titleAr: "تنظيف شامل قبل رمضان", titleEn: "Deep clean before Ramadan", starts: 4, days: 14, opened: 3, claimedAt: 3, steps: approved },
  { provider: 7, placement: "category_top", subcategory: "coffee-hospitality", city: false, titleAr: "ضيافة الأعراس بأسعار الموسم", titleEn: "Wedding hospitality season offer", starts: 6, days: 21, opened: 1.2, steps: paid },
  { provider: 12, placement: "home_banner", city: true, titleAr: "تنظيف بالساعة في جدة", titleEn: "Hourly home cleaning in Jeddah", starts: 10, days: 7, opened: 0.5, steps: submitted },
  { provider: 9, placement: "search_boost", city: false, titleAr: "دروس رياضيات للثانوي", titleEn: "High-school maths lessons", starts: 12, days: 10, opened: 0.2, steps: [{ to: "draft", by: "provider", after: 0 }] },
  {
    provider: 5, placement: "home_banner", city: true, titleAr: "فحص كهرباء المنزل مجانًا", titleEn: "Free home electrical check", starts: 9, days: 7, opened: 4, claimedAt: 3,
    steps: [...paid, { to: "changes_requested", by: "staff", after: 18, note: "البانر بمقاس 1080×540؛ المطلوب 1200×400 بكسل بدون نص صغير في الأطراف" }],
  },
  {
    provider: 1, placement: "category_top", subcategory: "plumbing", city: true, titleAr: "كشف تسربات بالأجهزة الحديثة", titleEn: "Leak detection with modern equipment", starts: 7, days: 14, opened: 5, claimedAt: 4,
    steps: [...paid, { to: "changes_requested", by: "staff", after: 10, note: "الرجاء إزالة رقم الجوال من الصورة" }, { to: "in_review", by: "provider", after: 20, note: "تم رفع صورة جديدة" }],
  },
  { provider: 3, placement: "category_top", subcategory: "furniture-moving", city: true, titleAr: "نقل عفش مع التغليف مجانًا", titleEn: "Moving with free packing", starts: -40, days: 30, opened: 44, claimedAt: 3, steps: [...approved, { to: "live", by: "system", after: 0 }, { to: "ended", by: "system", after: 0 }] },
  {
    provider: 4, placement: "home_banner", city: true, titleAr: "غسيل سيارتك عند بابك", titleEn: "Car wash at your door", starts: -8, days: 10, opened: 15, claimedAt: 3,
    steps: [...paid, { to: "rejected", by: "staff", after: 14, note: "الصورة تحتوي على رقم جوال ورابط خارجي، وهذا مخالف لسياسة الإعلانات. الرجاء إزالة بيانات التواصل وإعادة التقديم." }],
  },
  { provider: 14, placement: "search_boost", city: true, titleAr: "دورة آيلتس مكثفة", titleEn: "Intensive IELTS course", starts: 3, days: 14, opened: 8, steps: [...submitted, { to: "cancelled", by: "provider", after: 48, note: "withdrawn by the provider" }] },
];

const ACTIONS: Record<PromoRequestStatus, string> = {
  draft: "create", pending_payment: "submit", in_review: "queue", changes_requested: "request_changes", approved: "approve", live: "go_live", ended: "end", rejected: "reject", cancelled: "cancel",
};

/** Creates the promotions with images, invoices, status logs and audit rows. */
export async function seedPromotions(sc: SeedContext, people: People, catalog: Catalog, staff: StaffByRole, book: InvoiceBook, codes: PromoCodes): Promise<void> {
  const rng = sc.rng("promo");
  const reviewer = staff.content;
  for (const s of STORIES) {
    const p = people.providers[s.provider]!;
    const lang = p.seed.language;
    const startsAt = riyadhDayStart(riyadhDay(new Date(sc.now.getTime() + s.starts * DAY_MS)));
    const endsAt = new Date(startsAt.getTime() + s.days * DAY_MS);
    const times: Date[] = [];
    for (const [k, st] of s.steps.entries()) {
      const prev = times[k - 1] ?? daysAgo(sc.now, s.opened);
      times.push(st.to === "live" ? startsAt : st.to === "ended" ? endsAt : minDate(addHours(prev, st.after * rng.float(0.8, 1.2)), addHours(sc.now, -0.2 * (s.steps.length - k))));
    }
    const last = s.steps.at(-1)!;
    const reached = (to: PromoRequestStatus) => s.steps.some((st) => st.to === to);
    const at = (to: PromoRequestStatus) => times[s.steps.findLastIndex((st) => st.to === to)]!;
    const dailyRate = PROMO_DAILY_PRICES[s.placement];

    const invoice = reached("pending_payment")
      ? await book.issue({
          userId: p.user.id,
          purpose: "promotion",
          lines: [{
            descriptionAr: `إعلان «${s.titleAr}» — ${PLACEMENT_NAMES[s.placement][0]} (${s.days} يوم)`,
            descriptionEn: `Promotion "${s.titleEn}" — ${PLACEMENT_NAMES[s.placement][1]} (${s.days} days)`,
            quantity: s.days,
            unitAmount: dailyRate,
          }],
          issuedAt: at("pending_payment"),
          status: !reached("in_review") ? (last.to === "cancelled" ? "void" : "issued") : last.to === "rejected" ? "refunded" : "paid",
          paidAt: reached("in_review") ? at("in_review") : undefined,
          payment: !reached("in_review") ? "failed_attempt" : s.provider === 3 ? "stripe_after_failure" : "stripe",
          promoCode: s.promo ? codes[s.promo] : undefined,
          voidReason: "promotion cancelled: withdrawn by the provider",
          voidedAt: last.to === "cancelled" ? at("cancelled") : undefined,
          refundedAt: last.to === "rejected" ? addHours(at("rejected"), 2) : undefined,
          reminders: !reached("in_review") ? 0 : undefined,
        })
      : null;

    const sub = s.subcategory ? catalog.bySlug.get(s.subcategory)! : undefined;
    const decisionIdx = s.steps.findLastIndex((st) => st.by === "staff");
    const decidedAt = decisionIdx >= 0 ? times[decisionIdx]! : null;
    // Claimed a little before the decision it led to; one back in review is claimed again after it arrived.
    const claimTime = s.claimedAt === undefined ? null : last.to === "in_review" ? minDate(addHours(times.at(-1)!, rng.float(1, 3)), addHours(sc.now, -0.1)) : addHours(times[s.claimedAt]!, -rng.float(0.5, 2));
    const stillHeld = last.to === "in_review" && claimTime !== null;
    const request = await sc.tx.promoRequest.create({
      data: {
        requesterId: p.user.id,
        title: lang === "ar" ? s.titleAr : s.titleEn,
        placement: s.placement,
        targetCity: s.city ? p.seed.city : null,
        targetSubcategoryId: sub?.id ?? null,
        targetCategoryId: sub?.category.id ?? null,
        startsAt,
        endsAt,
        status: last.to,
        ...(reached("pending_payment") ? { days: s.days, dailyRate, amount: s.days * dailyRate, submittedAt: at("pending_payment") } : {}),
        invoiceId: invoice?.id ?? null,
        queuedAt: reached("in_review") ? times[s.steps.findIndex((st) => st.to === "in_review")]! : null,
        claimedById: stillHeld ? reviewer.id : null,
        claimedAt: stillHeld ? claimTime : null,
        decidedById: decidedAt ? reviewer.id : null,
        decidedAt,
        decisionReason: decisionIdx >= 0 ? (s.steps[decisionIdx]!.note ?? null) : null,
        wentLiveAt: reached("live") ? startsAt : null,
        endedAt: reached("ended") ? endsAt : null,
        createdAt: times[0]!,
        updatedAt: times.at(-1)!,
      },
    });
    await sc.tx.promoStatusLog.createMany({
      data: s.steps.map((st, k) => ({
        requestId: request.id, fromStatus: k === 0 ? null : s.steps[k - 1]!.to, toStatus: st.to, actorType: st.by,
        actorId: st.by === "provider" ? p.user.id : st.by === "staff" ? reviewer.id : null, note: st.note ?? null, createdAt: times[k]!,
      })),
    });
    for (const [k, st] of s.steps.entries()) {
      const who = st.by === "provider" ? p.user : st.by === "staff" ? reviewer : null;
      const action = st.to === "in_review" && s.steps[k - 1]?.to === "changes_requested" ? "resubmit" : ACTIONS[st.to];
      auditAt(sc, times[k]!, who, `promo.${action}`, "PromoRequest", request.id, k === 0 ? {} : { status: { before: s.steps[k - 1]!.to, after: st.to }, ...(st.note ? { _meta: { note: st.note } } : {}) });
    }
    if (claimTime) auditAt(sc, claimTime, reviewer, "promo.claim", "PromoRequest", request.id, { claimedById: { before: null, after: reviewer.id } });

    // Images at the size the placement shows; a request sent back for changes keeps its first image and has a new one.
    const rule = DEFAULT_PROMO_PLACEMENT_RULES[s.placement];
    const resubmitted = s.steps.findIndex((st, k) => st.to === "in_review" && s.steps[k - 1]?.to === "changes_requested");
    const firstAt = addHours(times[0]!, 0.3);
    const images = [
      { fileName: `banner-${rule.width}x${rule.height}.png`, at: firstAt, removedAt: resubmitted >= 0 ? addHours(times[resubmitted]!, -0.2) : null },
      ...(resubmitted >= 0 ? [{ fileName: `banner-${rule.width}x${rule.height}-v2.png`, at: addHours(times[resubmitted]!, -0.3), removedAt: null }] : []),
    ];
    // Real PNG files at the placement's size when the seed has storage (the app and the panel show them).
    const data = [];
    for (const [k, img] of images.entries()) {
      const bytes = bannerPng(rule.width, rule.height, request.id * 3 + k);
      const storageKey = sc.storage ? await sc.storage.put(`promo/${request.id}`, bytes, "png") : `promo/${request.id}/banner-${k + 1}.png`;
      data.push({
        requestId: request.id, kind: "image" as const, fileName: img.fileName, mimeType: "image/png", sizeBytes: bytes.length,
        storageKey, sha256: createHash("sha256").update(bytes).digest("hex"),
        widthPx: rule.width, heightPx: rule.height, removedAt: img.removedAt, createdAt: img.at, updatedAt: img.removedAt ?? img.at,
      });
    }
    await sc.tx.promoAsset.createMany({ data });
    count(sc, "promo_promorequest");
    count(sc, "promo_promostatuslog", s.steps.length);
    count(sc, "promo_promoasset", images.length);
  }
}
