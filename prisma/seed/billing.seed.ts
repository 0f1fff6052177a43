/**
 * Billing demo data: promo codes, withdraw methods, and the invoice book every paid workflow
 * (verification, promotion, subscription, extras) issues through — lines, VAT, payment attempts,
 * webhook events, redemptions — plus invoice numbering, a payment link, a reconciliation run,
 * provider wallets and payouts.
 */
import type { Invoice, InvoicePurpose, PaymentAttemptStatus, Prisma, PromoCode, User } from "@prisma/client";
import { auditAt, count, type SeedContext } from "./context.js";
import type { ReconciliationTotals } from "../../src/domains/billing/reconciliation/compare.js";
import type { MarketplaceResult } from "./marketplace.seed.js";
import type { People } from "./people.seed.js";
import type { Rng } from "./random.js";
import type { StaffByRole } from "./staff.seed.js";
import { addDays, addHours, daysAgo, minDate } from "./time.js";

/** VAT rate in basis points used on every demo invoice (also stored as the vat_rate_bp setting). */
export const VAT_RATE_BP = 1500;
/** Days between issue and due date (also the invoice_due_days setting). */
export const INVOICE_DUE_DAYS = 7;

/** One invoice line to issue. */
export interface LineSpec {
  descriptionAr: string;
  descriptionEn: string;
  quantity?: number;
  /** halalas */
  unitAmount: number;
}

/** How the invoice was (or was not) paid. */
export type PaymentStory = "stripe" | "stripe_after_failure" | "manual" | "failed_attempt" | "checkout_open" | "none";

/** What to issue: who, for what, the lines and how the story ends (paid, unpaid, void, refunded). */
export interface InvoiceSpec {
  userId: number;
  purpose: InvoicePurpose;
  lines: LineSpec[];
  issuedAt: Date;
  status: "issued" | "paid" | "void" | "refunded" | "partially_refunded";
  paidAt?: Date;
  payment?: PaymentStory;
  promoCode?: PromoCode;
  voidReason?: string;
  voidedAt?: Date;
  /** halalas refunded (refunded / partially_refunded) */
  refundAmount?: number;
  refundedAt?: Date;
  reminders?: number;
}

/** Computes discount, VAT and total in halalas: VAT is charged on subtotal minus discount. */
export function invoiceAmounts(subtotal: number, code?: PromoCode): { discount: number; vat: number; total: number } {
  let discount = 0;
  if (code?.kind === "percentage" && code.percentOff) discount = Math.min(Math.round((subtotal * code.percentOff) / 100), code.maxDiscount ?? Number.MAX_SAFE_INTEGER);
  if (code?.kind === "fixed" && code.amountOff) discount = Math.min(code.amountOff, subtotal);
  const vat = Math.round(((subtotal - discount) * VAT_RATE_BP) / 10_000);
  return { discount, vat, total: subtotal - discount + vat };
}

const stripeId = (rng: Rng, prefix: string) => `${prefix}${rng.chars(24)}`;

/** Issues demo invoices with consistent amounts, payments and webhooks; numbers are assigned in `finish`. */
export class InvoiceBook {
  private n = 0;
  readonly invoices: Invoice[] = [];

  constructor(
    private readonly sc: SeedContext,
    private readonly rng: Rng,
    private readonly finance: User,
  ) {}

  /** Creates one invoice with its lines, payment attempts, webhook events and promo redemption. */
  async issue(spec: InvoiceSpec): Promise<Invoice> {
    const { sc, rng } = this;
    const lines = spec.lines.map((l, i) => ({ ...l, quantity: l.quantity ?? 1, amount: (l.quantity ?? 1) * l.unitAmount, sortOrder: i }));
    const subtotal = lines.reduce((s, l) => s + l.amount, 0);
    const { discount, vat, total } = invoiceAmounts(subtotal, spec.promoCode);
    const paid = spec.status === "paid" || spec.status === "refunded" || spec.status === "partially_refunded";
    const paidAt = paid ? (spec.paidAt ?? addHours(spec.issuedAt, 2)) : undefined;
    const refunded = spec.status === "refunded" ? total : spec.status === "partially_refunded" ? (spec.refundAmount ?? Math.round(total / 2)) : 0;
    const refundedAt = refunded ? (spec.refundedAt ?? addDays(paidAt!, 2)) : undefined;
    const voidedAt = spec.status === "void" ? (spec.voidedAt ?? addDays(spec.issuedAt, 1)) : undefined;
    const manual = paid && spec.payment === "manual";
    const reminders = spec.status === "issued" ? (spec.reminders ?? 0) : 0;
    const updatedAt = refundedAt ?? paidAt ?? voidedAt ?? spec.issuedAt;

    const invoice = await sc.tx.invoice.create({
      data: {
        number: `SEED-${++this.n}`,
        userId: spec.userId,
        status: spec.status,
        purpose: spec.purpose,
        subtotal,
        discount,
        vatRateBp: VAT_RATE_BP,
        vat,
        total,
        amountPaid: paid ? total : 0,
        amountRefunded: refunded,
        dueAt: addDays(spec.issuedAt, INVOICE_DUE_DAYS),
        issuedAt: spec.issuedAt,
        paidAt: paidAt ?? null,
        voidedAt: voidedAt ?? null,
        voidReason: voidedAt ? (spec.voidReason ?? "Cancelled before payment") : null,
        promoCodeId: spec.promoCode?.id ?? null,
        paidManuallyById: manual ? this.finance.id : null,
        manualPaymentReference: manual ? `BT-${paidAt!.getUTCFullYear()}-${rng.int(100000, 999999)}` : null,
        manualPaymentReason: manual ? "تحويل بنكي إلى حساب الشركة في مصرف الراجحي، تمت المطابقة مع كشف الحساب" : null,
        reminderCount: reminders,
        lastReminderAt: reminders ? minDate(addDays(spec.issuedAt, reminders * 3), addHours(sc.now, -2)) : null,
        createdAt: spec.issuedAt,
        updatedAt,
        lines: { create: lines.map((l) => ({ ...l, createdAt: spec.issuedAt })) },
      },
    });
    count(sc, "billing_invoice");
    count(sc, "billing_invoiceline", lines.length);
    this.invoices.push(invoice);

    if (manual) auditAt(sc, paidAt!, this.finance, "invoice.mark_paid", "Invoice", invoice.id, { status: { before: "issued", after: "paid" }, _meta: { reference: invoice.manualPaymentReference } });

    if (spec.promoCode && spec.status !== "void") {
      await sc.tx.promoCodeRedemption.create({ data: { promoCodeId: spec.promoCode.id, userId: spec.userId, invoiceId: invoice.id, discount, createdAt: spec.issuedAt } });
      count(sc, "billing_promocoderedemption");
    }

    const story: PaymentStory = spec.payment ?? (paid ? "stripe" : "none");
    if (paid && story === "stripe_after_failure") await this.attempt(invoice, "failed", addHours(paidAt!, -rng.float(1, 20)), total);
    if (paid && story !== "manual") {
      const status: PaymentAttemptStatus = spec.status === "refunded" ? "refunded" : spec.status === "partially_refunded" ? "partially_refunded" : "succeeded";
      await this.attempt(invoice, status, addHours(paidAt!, -3 * rng.float(0.2, 1) / 60), total, refunded, refundedAt);
    }
    if (!paid && story === "failed_attempt") await this.attempt(invoice, "failed", addHours(spec.issuedAt, rng.float(1, 30)), total);
    if (!paid && story === "checkout_open") await this.attempt(invoice, "requires_payment", addHours(spec.issuedAt, rng.float(0.5, 5)), total);
    return invoice;
  }

  private async attempt(invoice: Invoice, status: PaymentAttemptStatus, at: Date, amount: number, refunded = 0, refundedAt?: Date): Promise<void> {
    const { sc, rng } = this;
    const pi = stripeId(rng, "pi_3");
    const failure = status === "failed" ? rng.pick(["Your card was declined.", "Your card has insufficient funds.", "3D Secure authentication failed."]) : null;
    const stripeStatus = status === "failed" ? "requires_payment_method" : status === "requires_payment" ? "requires_payment_method" : "succeeded";
    const raw = { id: pi, object: "payment_intent", amount, currency: "sar", status: stripeStatus, metadata: { invoiceId: String(invoice.id) }, ...(failure ? { last_payment_error: { message: failure } } : {}) };
    const attempt = await sc.tx.paymentAttempt.create({
      data: {
        invoiceId: invoice.id,
        providerPaymentId: pi,
        idempotencyKey: `invoice-${invoice.id}-${rng.hex(16)}`,
        amount,
        status,
        failureReason: failure,
        refundedAmount: refunded,
        raw: raw as Prisma.InputJsonValue,
        createdAt: at,
        updatedAt: refundedAt ?? addHours(at, 0.02),
      },
    });
    count(sc, "billing_paymentattempt");
    if (refunded) {
      // Refunded money is counted from its refund rows (refunds.service), as Stripe's refund objects.
      await sc.tx.refund.create({
        data: { paymentAttemptId: attempt.id, invoiceId: invoice.id, providerRefundId: stripeId(rng, "re_3"), amount: refunded, currency: "SAR", status: "succeeded", purpose: "invoice", reason: "Demo refund", createdAt: refundedAt ?? at, updatedAt: refundedAt ?? at },
      });
      count(sc, "billing_refund");
    }
    const events: { type: string; at: Date; object: Record<string, unknown> }[] = [];
    if (status === "failed") events.push({ type: "payment_intent.payment_failed", at: addHours(at, 0.01), object: raw });
    if (status === "succeeded" || status === "refunded" || status === "partially_refunded") events.push({ type: "payment_intent.succeeded", at: addHours(at, 0.01), object: raw });
    if (refunded && refundedAt) events.push({ type: "charge.refunded", at: refundedAt, object: { id: stripeId(rng, "ch_3"), object: "charge", payment_intent: pi, amount, amount_refunded: refunded, currency: "sar" } });
    for (const e of events) {
      const eventId = stripeId(rng, "evt_3");
      await sc.tx.webhookEvent.create({
        data: {
          eventId,
          type: e.type,
          payload: { id: eventId, object: "event", type: e.type, created: Math.floor(e.at.getTime() / 1000), data: { object: e.object } } as Prisma.InputJsonValue,
          status: "processed",
          attempts: 1,
          receivedAt: e.at,
          processedAt: new Date(e.at.getTime() + 2000),
        },
      });
      count(sc, "billing_webhookevent");
    }
  }

  /**
   * Gives the demo invoices their human numbers (NWF-<year>-000001 …) in order of issue,
   * continuing any existing per-year sequence, and records the sequences.
   */
  async finish(): Promise<void> {
    const { sc } = this;
    const rows = await sc.tx.invoice.findMany({ where: { number: { startsWith: "SEED-" } }, orderBy: [{ issuedAt: "asc" }, { id: "asc" }], select: { id: true, issuedAt: true, createdAt: true } });
    const last = new Map<number, number>();
    for (const s of await sc.tx.invoiceNumberSequence.findMany()) last.set(s.year, s.lastValue);
    for (const r of rows) {
      const year = addHours(r.issuedAt ?? r.createdAt, 3).getUTCFullYear(); // Asia/Riyadh
      const n = (last.get(year) ?? 0) + 1;
      last.set(year, n);
      await sc.tx.invoice.update({ where: { id: r.id }, data: { number: `NWF-${year}-${String(n).padStart(6, "0")}` } });
    }
    for (const [year, lastValue] of last) {
      await sc.tx.invoiceNumberSequence.upsert({ where: { year }, create: { year, lastValue }, update: { lastValue } });
    }
    await sc.tx.$executeRaw`UPDATE billing_promocode c SET used_count = (SELECT count(*) FROM billing_promocoderedemption r WHERE r.promo_code_id = c.id)`;
  }
}

/** The demo promo codes (NATIONALDAY is the latest National Day code, e.g. NATIONALDAY96 in 2026). */
export type PromoCodes = Record<"WELCOME10" | "PROMO50" | "NATIONALDAY", PromoCode>;

/** Creates three promo codes: a welcome percentage, a fixed promotion discount and an expired National Day code. */
export async function seedPromoCodes(sc: SeedContext): Promise<PromoCodes> {
  const year = addHours(sc.now, 3).getUTCFullYear();
  const created = daysAgo(sc.now, 150, 9);
  const welcome = await sc.tx.promoCode.create({
    data: { code: "WELCOME10", description: "خصم ١٠٪ لأول عملية شراء — 10% off a first purchase", kind: "percentage", percentOff: 10, maxDiscount: 5000, maxUses: 1000, maxUsesPerUser: 1, validFrom: created, validUntil: addDays(sc.now, 120), createdAt: created, updatedAt: created },
  });
  const promo50 = await sc.tx.promoCode.create({
    data: { code: "PROMO50", description: "خصم ٥٠ ريال على الإعلانات — SAR 50 off promotions", kind: "fixed", amountOff: 5000, minAmount: 20000, maxUses: 200, maxUsesPerUser: 2, appliesTo: ["promotion"], validFrom: daysAgo(sc.now, 60, 0), validUntil: addDays(sc.now, 30), createdAt: daysAgo(sc.now, 61, 11) },
  });
  // The latest Saudi National Day campaign (from 18 September, Riyadh midnight, for two weeks).
  const thisYear = new Date(Date.UTC(year, 8, 17, 21));
  const nd = thisYear.getTime() <= sc.now.getTime() ? thisYear : new Date(Date.UTC(year - 1, 8, 17, 21));
  const edition = addHours(nd, 3).getUTCFullYear() - 1930;
  const nationalDay = await sc.tx.promoCode.create({
    data: {
      code: `NATIONALDAY${edition}`, description: `عرض اليوم الوطني ${edition}: خصم ٢٠٪ على الاشتراكات — National Day ${edition}: 20% off subscriptions`,
      kind: "percentage", percentOff: 20, maxDiscount: 30000, maxUses: 300, maxUsesPerUser: 1, appliesTo: ["subscription"],
      validFrom: nd, validUntil: addDays(nd, 14), isActive: addDays(nd, 14).getTime() > sc.now.getTime(), createdAt: addDays(nd, -5), updatedAt: addDays(nd, 15),
    },
  });
  count(sc, "billing_promocode", 3);
  return { WELCOME10: welcome, PROMO50: promo50, NATIONALDAY: nationalDay };
}

/** Adds a payment link on one unpaid invoice and a finished reconciliation run with two mismatches. */
export async function seedBillingOperations(sc: SeedContext, book: InvoiceBook, staff: StaffByRole): Promise<void> {
  const rng = sc.rng("billing-ops");
  const unpaid = book.invoices.filter((i) => i.status === "issued");
  const linkFor = unpaid[0];
  if (linkFor) {
    await sc.tx.paymentLink.create({
      data: { token: rng.chars(40), invoiceId: linkFor.id, createdById: staff.finance.id, stripeCheckoutSessionId: `cs_live_${rng.chars(40)}`, expiresAt: addDays(linkFor.issuedAt!, 7), createdAt: addHours(linkFor.issuedAt!, 3) },
    });
    count(sc, "billing_paymentlink");
  }

  const periodEnd = daysAgo(sc.now, 7, 0);
  const periodStart = addDays(periodEnd, -30);
  const paidInPeriod = book.invoices.filter((i) => i.paidAt && i.paidAt >= periodStart && i.paidAt < periodEnd);
  const sum = paidInPeriod.reduce((s, i) => s + i.amountPaid, 0);
  const startedAt = addHours(periodEnd, 9);
  const mismatched = paidInPeriod.find((i) => !i.paidManuallyById);
  const attempt = mismatched ? await sc.tx.paymentAttempt.findFirst({ where: { invoiceId: mismatched.id, status: "succeeded" } }) : null;
  // The same shape the billing domain writes (ReconciliationTotals), consistent with the two items below.
  const missingLocal = 14_950;
  const mismatch = mismatched && attempt ? { stripe: mismatched.total - 100, local: mismatched.amountPaid } : null;
  const zero = { count: 0, amount: 0 };
  const totals: ReconciliationTotals = {
    stripe: { count: paidInPeriod.length + 1, amount: sum + missingLocal - (mismatch ? mismatch.local - mismatch.stripe : 0) },
    local: { count: paidInPeriod.length, amount: sum },
    matched: { count: paidInPeriod.length - (mismatch ? 1 : 0), amount: sum - (mismatch?.local ?? 0) },
    byKind: {
      missing_local: { count: 1, amount: missingLocal }, missing_remote: zero,
      amount_mismatch: mismatch ? { count: 1, amount: mismatch.stripe } : zero,
      currency_mismatch: zero, refund_not_recorded: zero, disputed: zero,
    },
  };
  const run = await sc.tx.reconciliationRun.create({
    data: {
      periodStart, periodEnd, status: "completed", startedById: staff.finance.id,
      totals: totals as unknown as Prisma.InputJsonValue,
      startedAt, finishedAt: addHours(startedAt, 0.05), createdAt: startedAt, updatedAt: addHours(startedAt, 0.05),
    },
  });
  await sc.tx.reconciliationItem.create({
    data: {
      runId: run.id, kind: "missing_local", status: "open", remoteId: `pi_3${rng.chars(24)}`, remoteAmount: missingLocal, currency: "SAR",
      details: { note: "Succeeded at Stripe with no local payment attempt (checkout session completed after the app timed out)" },
      createdAt: addHours(startedAt, 0.05),
    },
  });
  if (mismatch && mismatched && attempt) {
    const resolvedAt = addDays(startedAt, 1);
    await sc.tx.reconciliationItem.create({
      data: {
        runId: run.id, kind: "amount_mismatch", status: "resolved", invoiceId: mismatched.id, paymentAttemptId: attempt.id, remoteId: attempt.providerPaymentId,
        localAmount: mismatch.local, remoteAmount: mismatch.stripe, currency: "SAR", details: { note: "Stripe amount differs by SAR 1.00 (rounding in an old app build)" },
        resolvedById: staff.finance.id, resolvedAt, resolutionNote: "Rounding difference from app 2.3.x; written off under the SAR 5 tolerance.",
        createdAt: addHours(startedAt, 0.05), updatedAt: resolvedAt,
      },
    });
  }
  count(sc, "billing_reconciliationrun");
  count(sc, "billing_reconciliationitem", mismatch ? 2 : 1);
}

const BANKS = [["مصرف الراجحي", "Al Rajhi Bank"], ["البنك الأهلي السعودي", "Saudi National Bank"], ["بنك الرياض", "Riyad Bank"], ["مصرف الإنماء", "Alinma Bank"]] as const;

/** Creates withdraw methods, provider wallets credited with job earnings, and payouts in several statuses. */
export async function seedWalletsAndPayouts(sc: SeedContext, people: People, market: MarketplaceResult, staff: StaffByRole): Promise<void> {
  const rng = sc.rng("payouts");
  const methods = {
    bank: await sc.tx.withdrawMethod.create({ data: { type: "bank_transfer", nameAr: "تحويل بنكي", nameEn: "Bank transfer", minAmount: 10_000, maxAmount: 5_000_000, isEnabled: true } }),
    stc: await sc.tx.withdrawMethod.create({ data: { type: "stc_pay", nameAr: "STC Pay", nameEn: "STC Pay", minAmount: 5_000, maxAmount: 500_000, isEnabled: true } }),
  };
  await sc.tx.withdrawMethod.create({ data: { type: "cash", nameAr: "نقدًا من المكتب", nameEn: "Cash at the office", minAmount: 5_000, maxAmount: 200_000, isEnabled: false } });
  count(sc, "billing_withdrawmethod", 3);

  const payoutPlan = ["paid", "paid", "pending", "approved", "processing", "rejected"] as const;
  let payoutIdx = 0;
  for (const p of people.providers) {
    const jobs = market.requests.filter((r) => r.provider?.profile.id === p.profile.id && r.request.status === "completed");
    const wallet = await sc.tx.wallet.create({ data: { userId: p.user.id, createdAt: p.user.createdAt } });
    count(sc, "accounts_wallet");
    let balance = 0;
    const entries: { amount: number; kind: "credit" | "payout"; reference: string; note: string; createdAt: Date }[] = [];
    for (const j of jobs.sort((a, b) => a.lastAt.getTime() - b.lastAt.getTime())) {
      const price = j.offers.find((o) => o.id === j.request.acceptedOfferId)?.price ?? 0;
      const net = Math.round(price * 0.9); // 10% platform commission
      entries.push({ amount: net, kind: "credit", reference: `request:${j.request.id}`, note: `أرباح الطلب #${j.request.id} بعد عمولة المنصة ١٠٪`, createdAt: addHours(j.lastAt, 1) });
    }
    let created = 0;
    for (const e of entries) {
      balance += e.amount;
      await sc.tx.walletTransaction.create({ data: { walletId: wallet.id, amount: e.amount, balanceAfter: balance, kind: e.kind, reference: e.reference, note: e.note, createdAt: e.createdAt } });
      created++;
    }
    const status = balance >= 10_000 && payoutIdx < payoutPlan.length ? payoutPlan[payoutIdx++] : undefined;
    if (status) {
      const useStc = payoutIdx % 3 === 0;
      const amount = Math.floor((balance * (status === "paid" ? 0.8 : 0.6)) / 100) * 100;
      const requestedAt = minDate(addDays(entries[entries.length - 1]!.createdAt, rng.float(0.5, 3)), addHours(sc.now, -30));
      const addressedAt = status === "pending" ? null : addHours(requestedAt, rng.float(2, 20));
      const paidAt = status === "paid" ? addHours(addressedAt!, rng.float(2, 20)) : null;
      // As the wallet domain does: the amount is held when the payout is requested, and given back if refused.
      balance -= amount;
      const hold = await sc.tx.walletTransaction.create({ data: { walletId: wallet.id, amount: -amount, balanceAfter: balance, kind: "hold", reference: "payout", note: "حجز مبلغ طلب السحب", createdAt: requestedAt } });
      const walletTransactionId: number | null = hold.id;
      created++;
      if (status === "rejected") {
        balance += amount;
        await sc.tx.walletTransaction.create({ data: { walletId: wallet.id, amount, balanceAfter: balance, kind: "release", reference: "payout", note: "إعادة مبلغ طلب سحب مرفوض", createdAt: addressedAt! } });
        created++;
      }
      const bank = rng.pick(BANKS);
      const payout = await sc.tx.payout.create({
        data: {
          userId: p.user.id,
          methodId: useStc ? methods.stc.id : methods.bank.id,
          receiver: useStc ? p.user.phone ?? "" : `SA${String(rng.int(10, 99))}${rng.chars(20, "0123456789")}`,
          bankName: useStc ? null : bank[p.seed.language === "ar" ? 0 : 1],
          amount,
          status,
          note: p.seed.language === "ar" ? "تحويل أرباح الشهر" : "Monthly earnings withdrawal",
          rejectReason: status === "rejected" ? "اسم صاحب الآيبان لا يطابق اسم مقدم الخدمة المسجل" : null,
          receiptKey: status === "paid" ? `demo/payouts/${p.user.id}/receipt.pdf` : null,
          addressedById: addressedAt ? staff.finance.id : null,
          addressedAt,
          paidAt,
          walletTransactionId,
          createdAt: requestedAt,
          updatedAt: paidAt ?? addressedAt ?? requestedAt,
        },
      });
      await sc.tx.walletTransaction.updateMany({ where: { walletId: wallet.id, reference: "payout" }, data: { reference: `payout:${payout.id}` } });
      count(sc, "billing_payout");
    }
    count(sc, "accounts_wallettransaction", created);
    await sc.tx.wallet.update({ where: { id: wallet.id }, data: { balance } });
  }
}
