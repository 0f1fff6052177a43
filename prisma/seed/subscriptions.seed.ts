/**
 * Subscription demo data: three provider plans priced per billing cycle, and subscriptions in
 * every status, each with the invoice of its current period.
 */
import type { BillingCycle, SubscriptionPlan, SubscriptionStatus } from "@prisma/client";
import type { InvoiceBook, PaymentStory, PromoCodes } from "./billing.seed.js";
import { count, type SeedContext } from "./context.js";
import type { People } from "./people.seed.js";
import { addDays, addHours, daysAgo } from "./time.js";

const CYCLE_DAYS: Record<BillingCycle, number> = { monthly: 30, quarterly: 91, half_yearly: 182, yearly: 365 };
const CYCLE_NAMES: Record<BillingCycle, readonly [string, string]> = { monthly: ["شهري", "monthly"], quarterly: ["ربع سنوي", "quarterly"], half_yearly: ["نصف سنوي", "half-yearly"], yearly: ["سنوي", "yearly"] };

/** Monthly price in SAR → prices per cycle in halalas (5%, 10% and 20% off for longer cycles). */
function prices(monthlySar: number) {
  const sar = (n: number) => Math.round(n) * 100;
  return { priceMonthly: sar(monthlySar), priceQuarterly: sar(monthlySar * 3 * 0.95), priceHalfYearly: sar(monthlySar * 6 * 0.9), priceYearly: sar(monthlySar * 12 * 0.8) };
}

function priceOf(plan: SubscriptionPlan, cycle: BillingCycle): number {
  const p = { monthly: plan.priceMonthly, quarterly: plan.priceQuarterly, half_yearly: plan.priceHalfYearly, yearly: plan.priceYearly }[cycle];
  if (p === null) throw new Error(`plan ${plan.code} has no ${cycle} price`);
  return p;
}

interface Story {
  provider: number;
  plan: "basic" | "pro" | "elite";
  cycle: BillingCycle;
  status: SubscriptionStatus;
  /** days ago the current period started (or the subscription was created, for pending_payment) */
  started: number;
  payment?: PaymentStory;
  promo?: keyof PromoCodes;
  cancelAtPeriodEnd?: boolean;
}

const STORIES: Story[] = [
  { provider: 0, plan: "pro", cycle: "monthly", status: "active", started: 12 },
  { provider: 11, plan: "elite", cycle: "yearly", status: "active", started: 40, payment: "stripe_after_failure" },
  { provider: 6, plan: "pro", cycle: "quarterly", status: "active", started: 20, payment: "manual" },
  { provider: 2, plan: "basic", cycle: "monthly", status: "active", started: 18, cancelAtPeriodEnd: true },
  { provider: 9, plan: "basic", cycle: "quarterly", status: "active", started: 60, promo: "WELCOME10" },
  { provider: 8, plan: "basic", cycle: "monthly", status: "past_due", started: 33 },
  { provider: 12, plan: "pro", cycle: "half_yearly", status: "pending_payment", started: 1 },
  { provider: 3, plan: "basic", cycle: "monthly", status: "cancelled", started: 50 },
  { provider: 5, plan: "pro", cycle: "monthly", status: "expired", started: 45 },
];

/** Creates the plans and the providers' subscriptions. */
export async function seedSubscriptions(sc: SeedContext, people: People, book: InvoiceBook, codes: PromoCodes): Promise<void> {
  const created = daysAgo(sc.now, 400, 10);
  const plans = {
    basic: await sc.tx.subscriptionPlan.create({
      data: { code: "basic", nameAr: "الباقة الأساسية", nameEn: "Basic", descriptionAr: "ملف مقدم خدمة كامل و٣٠ عرضًا في الشهر.", descriptionEn: "A full provider profile and 30 offers a month.", ...prices(29), features: { offersPerMonth: 30, portfolioItems: 10, featuredInSearch: false, prioritySupport: false }, sortOrder: 10, createdAt: created },
    }),
    pro: await sc.tx.subscriptionPlan.create({
      data: { code: "pro", nameAr: "الباقة الاحترافية", nameEn: "Pro", descriptionAr: "عروض غير محدودة وظهور أعلى في نتائج البحث.", descriptionEn: "Unlimited offers and a boost in search results.", ...prices(79), features: { offersPerMonth: null, portfolioItems: 50, featuredInSearch: true, prioritySupport: false }, sortOrder: 20, createdAt: created },
    }),
    elite: await sc.tx.subscriptionPlan.create({
      data: { code: "elite", nameAr: "باقة النخبة", nameEn: "Elite", descriptionAr: "كل مزايا الاحترافية مع دعم أولوية وشارة مميز وتقارير أداء.", descriptionEn: "Everything in Pro plus priority support, a featured badge and performance reports.", ...prices(149), features: { offersPerMonth: null, portfolioItems: null, featuredInSearch: true, prioritySupport: true, performanceReports: true }, sortOrder: 30, createdAt: created },
    }),
  };
  count(sc, "subscriptions_subscriptionplan", 3);

  for (const s of STORIES) {
    const p = people.providers[s.provider]!;
    const plan = plans[s.plan];
    const days = CYCLE_DAYS[s.cycle];
    const periodStart = daysAgo(sc.now, s.started, 0);
    const periodEnd = addDays(periodStart, days);
    // past_due: the renewal invoice for the next period is unpaid; expired/cancelled: the last period is over.
    const renewalDue = s.status === "past_due";
    const issuedAt = s.status === "pending_payment" ? daysAgo(sc.now, s.started) : renewalDue ? addDays(periodEnd, -3) : addHours(periodStart, -0.5);
    const unpaid = s.status === "pending_payment" || renewalDue;
    const invoice = await book.issue({
      userId: p.user.id,
      purpose: "subscription",
      lines: [{
        descriptionAr: `اشتراك ${plan.nameAr} — ${CYCLE_NAMES[s.cycle][0]}`,
        descriptionEn: `${plan.nameEn} subscription — ${CYCLE_NAMES[s.cycle][1]}`,
        unitAmount: priceOf(plan, s.cycle),
      }],
      issuedAt,
      status: unpaid ? "issued" : "paid",
      paidAt: unpaid ? undefined : addHours(issuedAt, 0.2),
      payment: unpaid ? (renewalDue ? "failed_attempt" : "none") : (s.payment ?? "stripe"),
      promoCode: s.promo ? codes[s.promo] : undefined,
      reminders: renewalDue ? 2 : 0,
    });
    const hasPeriod = s.status !== "pending_payment";
    const cancelledAt = s.status === "cancelled" ? addDays(periodStart, 9) : null;
    const subscription = await sc.tx.subscription.create({
      data: {
        userId: p.user.id,
        planId: plan.id,
        cycle: s.cycle,
        status: s.status,
        currentPeriodStart: hasPeriod ? periodStart : null,
        currentPeriodEnd: hasPeriod ? periodEnd : null,
        cancelAtPeriodEnd: !!s.cancelAtPeriodEnd || s.status === "cancelled",
        cancelledAt,
        invoiceId: invoice.id,
        createdAt: s.status === "pending_payment" ? issuedAt : addHours(periodStart, -0.6),
        updatedAt: cancelledAt ?? (s.status === "expired" ? periodEnd : issuedAt),
      },
    });
    await sc.tx.invoice.update({ where: { id: invoice.id }, data: { subscriptionId: subscription.id } });
    count(sc, "subscriptions_subscription");
  }
}
