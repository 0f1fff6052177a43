/**
 * Promotion demo data: provider promo requests in every status (live, approved for later, in
 * review, unpaid, ended, rejected, cancelled) with image/video/text assets, invoices and history.
 */
import type { ActorType, DocumentReviewStatus, PromoPlacement, PromoRequestStatus } from "@prisma/client";
import type { InvoiceBook, PromoCodes } from "./billing.seed.js";
import type { Catalog } from "./catalog.seed.js";
import { auditAt, count, type SeedContext } from "./context.js";
import type { People } from "./people.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { addDays, addHours, daysAgo, minDate } from "./time.js";

/** Price per day of each placement in halalas; also stored as the promo_daily_prices setting. */
export const PROMO_DAILY_PRICES: Record<PromoPlacement, number> = { home_banner: 5_000, search_top: 3_500, category_top: 2_500, featured_provider: 2_000 };

const PLACEMENT_NAMES: Record<PromoPlacement, readonly [string, string]> = {
  home_banner: ["بانر الصفحة الرئيسية", "Home banner"],
  search_top: ["أعلى نتائج البحث", "Top of search results"],
  category_top: ["أعلى صفحة التصنيف", "Top of category page"],
  featured_provider: ["شريط مقدمي الخدمة المميزين", "Featured providers strip"],
};

interface Story {
  provider: number;
  placement: PromoPlacement;
  category: string | null;
  titleAr: string;
  titleEn: string;
  /** days from now (negative = past) */
  starts: number;
  days: number;
  /** days ago the request was submitted */
  submitted: number;
  status: PromoRequestStatus;
  withVideo?: boolean;
  rejectReason?: string;
  promo?: keyof PromoCodes;
}

const STORIES: Story[] = [
  { provider: 11, placement: "home_banner", category: "home-maintenance", titleAr: "خصم ٢٠٪ على غسيل المكيفات", titleEn: "20% off AC servicing", starts: -5, days: 14, submitted: 9, status: "live" },
  { provider: 6, placement: "search_top", category: "events", titleAr: "باقات تصوير التخرج", titleEn: "Graduation photo packages", starts: -2, days: 14, submitted: 6, status: "live", withVideo: true, promo: "PROMO50" },
  { provider: 2, placement: "category_top", category: "cleaning", titleAr: "تنظيف شامل قبل رمضان", titleEn: "Deep clean before Ramadan", starts: 4, days: 14, submitted: 3, status: "approved" },
  { provider: 7, placement: "featured_provider", category: "events", titleAr: "ضيافة الأعراس بأسعار الموسم", titleEn: "Wedding hospitality season offer", starts: 6, days: 21, submitted: 1, status: "in_review" },
  { provider: 12, placement: "home_banner", category: "cleaning", titleAr: "تنظيف بالساعة في جدة", titleEn: "Hourly home cleaning in Jeddah", starts: 10, days: 7, submitted: 0.5, status: "pending_payment" },
  { provider: 3, placement: "category_top", category: "moving", titleAr: "نقل عفش مع التغليف مجانًا", titleEn: "Moving with free packing", starts: -40, days: 30, submitted: 44, status: "ended" },
  { provider: 4, placement: "home_banner", category: "car-services", titleAr: "غسيل سيارتك عند بابك", titleEn: "Car wash at your door", starts: -8, days: 10, submitted: 15, status: "rejected", rejectReason: "الصورة تحتوي على رقم جوال ورابط خارجي، وهذا مخالف لسياسة الإعلانات. الرجاء إزالة بيانات التواصل وإعادة التقديم." },
  { provider: 14, placement: "search_top", category: "tutoring", titleAr: "دورة آيلتس مكثفة", titleEn: "Intensive IELTS course", starts: 3, days: 14, submitted: 8, status: "cancelled" },
];

/** Creates the promo requests with assets, invoices and status logs. */
export async function seedPromotions(sc: SeedContext, people: People, catalog: Catalog, staff: StaffByRole, book: InvoiceBook, codes: PromoCodes): Promise<void> {
  const rng = sc.rng("promo");
  const reviewer = staff.content;
  for (const s of STORIES) {
    const p = people.providers[s.provider]!;
    const lang = p.seed.language;
    const startsAt = daysAgo(sc.now, -s.starts, 0);
    const endsAt = addDays(startsAt, s.days);
    const submittedAt = daysAgo(sc.now, s.submitted);
    const paidAt = addHours(submittedAt, rng.float(0.3, 6));
    const reviewedAt = minDate(addHours(paidAt, rng.float(3, 26)), addHours(sc.now, -0.5));

    // Status path with times.
    const steps: { to: PromoRequestStatus; by: ActorType; at: Date; note?: string }[] = [{ to: "pending_payment", by: "provider", at: submittedAt }];
    const paid = s.status !== "pending_payment" && s.status !== "cancelled";
    if (paid) steps.push({ to: "in_review", by: "system", at: paidAt, note: "تم دفع الفاتورة" });
    if (["approved", "live", "ended"].includes(s.status)) steps.push({ to: "approved", by: "staff", at: reviewedAt });
    if (s.status === "live" || s.status === "ended") steps.push({ to: "live", by: "system", at: startsAt });
    if (s.status === "ended") steps.push({ to: "ended", by: "system", at: endsAt });
    if (s.status === "rejected") steps.push({ to: "rejected", by: "staff", at: reviewedAt, note: s.rejectReason });
    if (s.status === "cancelled") steps.push({ to: "cancelled", by: "provider", at: addDays(submittedAt, 2), note: "Changed the course dates" });

    const invoice = await book.issue({
      userId: p.user.id,
      purpose: "promotion",
      lines: [{
        descriptionAr: `إعلان «${s.titleAr}» — ${PLACEMENT_NAMES[s.placement][0]} (${s.days} يوم)`,
        descriptionEn: `Promotion "${s.titleEn}" — ${PLACEMENT_NAMES[s.placement][1]} (${s.days} days)`,
        quantity: s.days,
        unitAmount: PROMO_DAILY_PRICES[s.placement],
      }],
      issuedAt: submittedAt,
      status: s.status === "pending_payment" ? "issued" : s.status === "cancelled" ? "void" : s.status === "rejected" ? "refunded" : "paid",
      paidAt,
      payment: s.status === "pending_payment" ? "failed_attempt" : s.provider === 3 ? "stripe_after_failure" : "stripe",
      promoCode: s.promo ? codes[s.promo] : undefined,
      voidReason: "ألغى مقدم الخدمة طلب الإعلان قبل الدفع",
      voidedAt: s.status === "cancelled" ? addDays(submittedAt, 2) : undefined,
      refundedAt: s.status === "rejected" ? addHours(reviewedAt, 2) : undefined,
      reminders: s.status === "pending_payment" ? 0 : undefined,
    });

    const category = s.category ? catalog.categories.find((c) => c.slug === s.category) : undefined;
    const decided = s.status === "approved" || s.status === "live" || s.status === "ended" || s.status === "rejected";
    const last = steps[steps.length - 1]!;
    const request = await sc.tx.promoRequest.create({
      data: {
        requesterId: p.user.id,
        title: lang === "ar" ? s.titleAr : s.titleEn,
        placement: s.placement,
        targetCity: s.placement === "featured_provider" ? null : p.seed.city,
        targetCategoryId: category?.id ?? null,
        startsAt,
        endsAt,
        status: s.status,
        invoiceId: invoice.id,
        reviewerId: decided ? reviewer.id : null,
        reviewedAt: decided ? reviewedAt : null,
        rejectReason: s.status === "rejected" ? (s.rejectReason ?? null) : null,
        wentLiveAt: s.status === "live" || s.status === "ended" ? startsAt : null,
        endedAt: s.status === "ended" ? endsAt : null,
        createdAt: submittedAt,
        updatedAt: last.at,
      },
    });
    await sc.tx.promoStatusLog.createMany({
      data: steps.map((st, k) => ({ requestId: request.id, fromStatus: k === 0 ? null : steps[k - 1]!.to, toStatus: st.to, actorType: st.by, actorId: st.by === "provider" ? p.user.id : st.by === "staff" ? reviewer.id : null, note: st.note ?? null, createdAt: st.at })),
    });

    const ACTIONS: Record<PromoRequestStatus, string> = { pending_payment: "submit", in_review: "payment_received", approved: "approve", live: "go_live", ended: "end", rejected: "reject", cancelled: "cancel" };
    for (const [k, st] of steps.entries()) {
      const who = st.by === "provider" ? p.user : st.by === "staff" ? reviewer : null;
      auditAt(sc, st.at, who, `promo.${ACTIONS[st.to]}`, "PromoRequest", request.id, k === 0 ? {} : { status: { before: steps[k - 1]!.to, after: st.to } });
    }
    const assetStatus: DocumentReviewStatus = decided ? "approved" : "pending";
    const assets = [
      { kind: "image" as const, fileName: "banner-1080x540.jpg", mimeType: "image/jpeg", sizeBytes: rng.int(150_000, 900_000), storageKey: `demo/promo/${request.id}/banner.jpg`, textContent: null, status: s.status === "rejected" ? ("rejected" as const) : assetStatus, note: s.status === "rejected" ? "يظهر رقم جوال ورابط واتساب في التصميم" : null },
      { kind: "text" as const, fileName: null, mimeType: null, sizeBytes: null, storageKey: null, textContent: `${s.titleAr}\n${s.titleEn}`, status: assetStatus === "pending" ? ("pending" as const) : ("approved" as const), note: null },
      ...(s.withVideo ? [{ kind: "video" as const, fileName: "promo-15s.mp4", mimeType: "video/mp4", sizeBytes: rng.int(4_000_000, 12_000_000), storageKey: `demo/promo/${request.id}/promo-15s.mp4`, textContent: null, status: assetStatus, note: null }] : []),
    ];
    await sc.tx.promoAsset.createMany({ data: assets.map((a) => ({ ...a, requestId: request.id, createdAt: submittedAt, updatedAt: decided ? reviewedAt : submittedAt })) });
    count(sc, "promo_promorequest");
    count(sc, "promo_promostatuslog", steps.length);
    count(sc, "promo_promoasset", assets.length);
  }
}
