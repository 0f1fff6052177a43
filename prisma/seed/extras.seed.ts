/** Extras demo data: the add-on catalog and providers' purchases (active, expired, unpaid, cancelled). */
import type { ExtraPurchaseStatus } from "@prisma/client";
import type { InvoiceBook } from "./billing.seed.js";
import { count, type SeedContext } from "./context.js";
import type { People } from "./people.seed.js";
import { addDays, addHours, daysAgo } from "./time.js";

const CATALOG = [
  { code: "extra_offers_20", nameAr: "٢٠ عرضًا إضافيًا", nameEn: "20 extra offers", descriptionAr: "أضف ٢٠ عرضًا إلى رصيد عروضك الشهري.", descriptionEn: "Adds 20 offers to your monthly allowance.", price: 3_900, durationDays: null },
  { code: "profile_boost_7", nameAr: "تمييز الملف ٧ أيام", nameEn: "7-day profile boost", descriptionAr: "يظهر ملفك أولًا في مدينتك لمدة أسبوع.", descriptionEn: "Shows your profile first in your city for a week.", price: 4_900, durationDays: 7 },
  { code: "featured_badge_30", nameAr: "شارة مميز ٣٠ يومًا", nameEn: "Featured badge, 30 days", descriptionAr: "شارة «مميز» على ملفك وعروضك لمدة شهر.", descriptionEn: "A 'Featured' badge on your profile and offers for a month.", price: 9_900, durationDays: 30 },
  { code: "urgent_alerts_30", nameAr: "تنبيهات الطلبات العاجلة", nameEn: "Urgent request alerts", descriptionAr: "إشعار فوري بالطلبات العاجلة في تخصصك لمدة ٣٠ يومًا.", descriptionEn: "Instant alerts for urgent requests in your trade for 30 days.", price: 2_900, durationDays: 30 },
] as const;

type Code = (typeof CATALOG)[number]["code"];

const STORIES: { provider: number; code: Code; status: ExtraPurchaseStatus; daysAgo: number }[] = [
  { provider: 1, code: "extra_offers_20", status: "active", daysAgo: 16 },
  { provider: 13, code: "profile_boost_7", status: "active", daysAgo: 2 },
  { provider: 8, code: "urgent_alerts_30", status: "active", daysAgo: 11 },
  { provider: 4, code: "featured_badge_30", status: "expired", daysAgo: 45 },
  { provider: 10, code: "urgent_alerts_30", status: "pending_payment", daysAgo: 1 },
  { provider: 7, code: "featured_badge_30", status: "cancelled", daysAgo: 20 },
];

/** Creates the extras catalog and purchases with their invoices (the cancelled one partly refunded). */
export async function seedExtras(sc: SeedContext, people: People, book: InvoiceBook): Promise<void> {
  const created = daysAgo(sc.now, 300, 10);
  const extras = new Map<string, Awaited<ReturnType<typeof sc.tx.extra.create>>>();
  for (const e of CATALOG) extras.set(e.code, await sc.tx.extra.create({ data: { ...e, createdAt: created, updatedAt: created } }));
  await sc.tx.extra.create({ data: { code: "ramadan_banner_legacy", nameAr: "بانر رمضان (موقوف)", nameEn: "Ramadan banner (retired)", price: 14_900, durationDays: 30, isActive: false, createdAt: created } });
  count(sc, "extras_extra", CATALOG.length + 1);

  for (const s of STORIES) {
    const p = people.providers[s.provider]!;
    const extra = extras.get(s.code)!;
    const boughtAt = daysAgo(sc.now, s.daysAgo);
    const paid = s.status !== "pending_payment";
    const activatedAt = paid ? addHours(boughtAt, 0.1) : null;
    const expiresAt = activatedAt && extra.durationDays ? addDays(activatedAt, extra.durationDays) : null;
    const cancelledAt = s.status === "cancelled" ? addDays(boughtAt, 15) : null;
    const invoice = await book.issue({
      userId: p.user.id,
      purpose: "extra",
      lines: [{ descriptionAr: extra.nameAr, descriptionEn: extra.nameEn, unitAmount: extra.price }],
      issuedAt: boughtAt,
      status: s.status === "pending_payment" ? "issued" : s.status === "cancelled" ? "partially_refunded" : "paid",
      paidAt: activatedAt ? addHours(activatedAt, -0.05) : undefined,
      payment: s.status === "pending_payment" ? "checkout_open" : "stripe",
      refundAmount: s.status === "cancelled" ? Math.round((extra.price * 1.15) / 2) : undefined,
      refundedAt: cancelledAt ?? undefined,
      reminders: s.status === "pending_payment" ? 1 : 0,
    });
    await sc.tx.extraPurchase.create({
      data: {
        userId: p.user.id, extraId: extra.id, status: s.status, invoiceId: invoice.id,
        activatedAt, expiresAt: cancelledAt ?? expiresAt, cancelledAt,
        createdAt: boughtAt, updatedAt: cancelledAt ?? (s.status === "expired" ? expiresAt! : activatedAt ?? boughtAt),
      },
    });
    count(sc, "extras_extrapurchase");
  }
}
