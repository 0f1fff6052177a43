/**
 * Subscriptions to plans: subscribe (a pending subscription and its issued invoice), activation
 * when the invoice is paid, renewal invoices before a period ends, past-due and expiry after it,
 * and cancel at period end. Activation is called by billing (activation.ts) inside the payment's
 * transaction.
 */
import { lockRow } from "../../platform/database/transaction.js";
import type { Invoice, Subscription, SubscriptionPlan } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { dbId } from "../../platform/validation.js";
import { writeAudit } from "../../platform/audit.js";
import { createInvoiceInTx, settleIfFree, voidInvoice, voidInvoiceInTx } from "../billing/invoices.service.js";
import { registerInvoicePurpose } from "../billing/invoice-purposes.js";
import { reasonSchema } from "../../platform/validation.js";
import { addMonths, CYCLE_MONTHS, CYCLES, GRACE_MS, RENEW_AHEAD_MS, subscriptionMachine, type Cycle, type SubscriptionStatus } from "./subscriptions.status.js";

export const subscribeSchema = z.object({
  planId: dbId,
  cycle: z.enum(CYCLES),
  promoCode: z.string().trim().min(1).max(50).optional(),
});

const CYCLE_NAMES: Record<Cycle, { ar: string; en: string }> = {
  monthly: { ar: "شهري", en: "monthly" },
  quarterly: { ar: "ربع سنوي", en: "quarterly" },
  half_yearly: { ar: "نصف سنوي", en: "half-yearly" },
  yearly: { ar: "سنوي", en: "yearly" },
};

export function planPrice(plan: SubscriptionPlan, cycle: Cycle): number | null {
  return { monthly: plan.priceMonthly, quarterly: plan.priceQuarterly, half_yearly: plan.priceHalfYearly, yearly: plan.priceYearly }[cycle];
}

const planLine = (plan: SubscriptionPlan, cycle: Cycle, price: number, renewal = false) => ({
  descriptionAr: `${renewal ? "تجديد " : ""}اشتراك ${plan.nameAr} (${CYCLE_NAMES[cycle].ar})`,
  descriptionEn: `${renewal ? "Renewal: " : ""}${plan.nameEn} subscription (${CYCLE_NAMES[cycle].en})`,
  quantity: 1,
  unitAmount: price,
});

/** Active plans, ordered for display. */
export function listPlans(deps: Deps) {
  return deps.db.subscriptionPlan.findMany({ where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}

/** A provider subscribes: the subscription waits for its invoice to be paid. */
export async function subscribe(deps: Deps, ctx: Ctx, input: z.input<typeof subscribeSchema>): Promise<{ subscription: Subscription; invoice: Invoice }> {
  const userId = ctx.actor.id!;
  const data = subscribeSchema.parse(input);
  const plan = await deps.db.subscriptionPlan.findFirst({ where: { id: data.planId, isActive: true } });
  if (!plan) throw new DomainError("PLAN_NOT_AVAILABLE", "unknown or inactive plan", 422, { fields: { plan_id: "PLAN_NOT_AVAILABLE" } });
  const price = planPrice(plan, data.cycle);
  if (price === null) throw new DomainError("CYCLE_NOT_OFFERED", "cycle not offered", 422, { fields: { cycle: "CYCLE_NOT_OFFERED" } });
  return deps.db.$transaction(async (tx) => {
    // One live subscription per user: serialize this user's subscribe calls.
    await lockRow(tx, "accounts_user", userId);
    const live = await tx.subscription.findFirst({ where: { userId, status: { in: ["pending_payment", "active", "past_due"] } } });
    if (live) throw new ConflictError("SUBSCRIPTION_EXISTS", "a live subscription exists", { subscriptionId: live.id });
    const invoice = await createInvoiceInTx(deps, ctx, tx, { userId, purpose: "subscription", lines: [planLine(plan, data.cycle, price)], promoCode: data.promoCode, currency: plan.currency });
    const subscription = await tx.subscription.create({ data: { userId, planId: plan.id, cycle: data.cycle, invoiceId: invoice.id } });
    await tx.invoice.update({ where: { id: invoice.id }, data: { subscriptionId: subscription.id } });
    const settled = await settleIfFree(deps, ctx, tx, invoice);
    return { subscription: await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id } }), invoice: settled };
  });
}

/** Billing calls this when a subscription invoice is paid: start or extend the period. */
export async function activateSubscriptionForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const sub = await tx.subscription.findUnique({ where: { invoiceId: invoice.id } });
  if (!sub) return; // a stale renewal invoice: the subscription moved on
  const now = new Date();
  if (sub.status === "cancelled" || sub.status === "expired") return; // paid too late; finance refunds
  const start = sub.status === "pending_payment" || !sub.currentPeriodEnd || sub.currentPeriodEnd < now ? now : sub.currentPeriodEnd;
  const end = addMonths(start, CYCLE_MONTHS[sub.cycle as Cycle]);
  await transition<SubscriptionStatus, Subscription>(deps, ctx, {
    machine: subscriptionMachine, id: sub.id, to: "active", action: sub.status === "pending_payment" ? "subscription.activate" : "subscription.renew",
    data: { currentPeriodStart: start, currentPeriodEnd: end },
    auditMeta: { invoiceId: invoice.id },
    events: () => [{ name: "subscriptions.subscription.activated", entity: "Subscription", entityId: sub.id, payload: { subscriptionId: sub.id, userId: sub.userId, periodEnd: end.toISOString() } }],
  }, tx);
}

/** Billing calls this when an invoice is voided: a subscription still waiting for it is cancelled. */
export async function cancelPendingSubscriptionForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const sub = await tx.subscription.findUnique({ where: { invoiceId: invoice.id } });
  if (sub?.status !== "pending_payment") return;
  await transition<SubscriptionStatus, Subscription>(deps, ctx, {
    machine: subscriptionMachine, id: sub.id, to: "cancelled", action: "subscription.cancel_unpaid",
    data: { cancelledAt: new Date() }, auditMeta: { invoiceId: invoice.id },
  }, tx);
}

/**
 * The user cancels: a pending one at once (its invoice is voided), an active one at the end of its
 * period. An open renewal invoice is voided with it, so it can no longer be paid for a period the
 * user has declined.
 */
export async function cancelSubscription(deps: Deps, ctx: Ctx, subscriptionId: number): Promise<Subscription> {
  const sub = await deps.db.subscription.findFirst({ where: { id: subscriptionId, userId: ctx.actor.id } });
  if (!sub) throw new NotFoundError("Subscription", subscriptionId);
  if (sub.status === "pending_payment" && sub.invoiceId) {
    await voidInvoice(deps, ctx, sub.invoiceId, "cancelled by the subscriber before payment");
  } else if (sub.status === "active" || sub.status === "past_due") {
    await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "subscriptions_subscription", sub.id);
      const locked = await tx.subscription.findUniqueOrThrow({ where: { id: sub.id }, include: { invoice: true } });
      await tx.subscription.update({ where: { id: sub.id }, data: { cancelAtPeriodEnd: true } });
      await writeAudit(tx, ctx, { action: "subscription.cancel_at_period_end", entity: "Subscription", entityId: sub.id });
      if (locked.invoice?.status === "issued") await voidInvoiceInTx(deps, ctx, tx, locked.invoice.id, "subscription cancelled at period end");
    });
  } else {
    throw new ConflictError("INVALID_TRANSITION", `subscription is ${sub.status}`);
  }
  return deps.db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
}

/**
 * Staff end a subscription at once, with a reason (e.g. after a full refund, or abuse): its
 * status, the audit row and the event, and voiding an open invoice, in one transaction. Money
 * already paid is not touched; finance refunds it separately.
 */
export async function cancelSubscriptionNow(deps: Deps, ctx: Ctx, subscriptionId: number, reason: string): Promise<Subscription> {
  const why = reasonSchema.parse(reason);
  return deps.db.$transaction(async (tx) => {
    const sub = await tx.subscription.findUnique({ where: { id: subscriptionId }, include: { invoice: true } });
    if (!sub) throw new NotFoundError("Subscription", subscriptionId);
    const cancelled = await transition<SubscriptionStatus, Subscription>(deps, ctx, {
      machine: subscriptionMachine, id: sub.id, to: "cancelled", action: "subscription.cancel_by_staff",
      data: { cancelledAt: new Date() }, auditMeta: { reason: why },
      events: () => [{ name: "subscriptions.subscription.cancelled", entity: "Subscription", entityId: sub.id, payload: { subscriptionId: sub.id, userId: sub.userId, reason: why, byStaff: true } }],
    }, tx);
    if (sub.invoice?.status === "issued" || sub.invoice?.status === "draft") await voidInvoiceInTx(deps, ctx, tx, sub.invoice.id, `subscription cancelled by staff: ${why}`.slice(0, 1000));
    return cancelled;
  });
}

/** Job: issue the next invoice for subscriptions whose period ends soon. Safe to run any number of times. */
export async function issueRenewalInvoices(deps: Deps, ctx: Ctx, now = new Date()): Promise<number> {
  const due = await deps.db.subscription.findMany({
    where: { status: "active", cancelAtPeriodEnd: false, currentPeriodEnd: { lte: new Date(now.getTime() + RENEW_AHEAD_MS) } },
    select: { id: true },
  });
  let issued = 0;
  for (const { id } of due) {
    await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "subscriptions_subscription", id);
      const sub = await tx.subscription.findUniqueOrThrow({ where: { id }, include: { plan: true, invoice: true } });
      if (sub.invoice && sub.invoice.status === "issued") return; // a renewal invoice is already open
      const price = planPrice(sub.plan, sub.cycle as Cycle);
      if (price === null || !sub.currentPeriodEnd) return;
      const invoice = await createInvoiceInTx(deps, ctx, tx, {
        userId: sub.userId, purpose: "subscription", lines: [planLine(sub.plan, sub.cycle as Cycle, price, true)], currency: sub.plan.currency,
        dueInDays: Math.max(1, Math.ceil((sub.currentPeriodEnd.getTime() + GRACE_MS - now.getTime()) / (24 * 3600_000))),
      });
      // The subscription points at its current invoice (paying it extends the period); the invoice
      // keeps pointing at the subscription after the next renewal replaces it.
      await tx.subscription.update({ where: { id }, data: { invoiceId: invoice.id } });
      await tx.invoice.update({ where: { id: invoice.id }, data: { subscriptionId: id } });
      await settleIfFree(deps, ctx, tx, invoice);
      issued++;
    });
  }
  return issued;
}

/** Job: end periods. Cancel-at-period-end → cancelled; unpaid → past_due; past grace → expired (its invoice voided). */
export async function expireSubscriptions(deps: Deps, ctx: Ctx, now = new Date()): Promise<{ cancelled: number; pastDue: number; expired: number }> {
  const out = { cancelled: 0, pastDue: 0, expired: 0 };
  const ended = await deps.db.subscription.findMany({ where: { status: { in: ["active", "past_due"] }, currentPeriodEnd: { lte: now } }, include: { invoice: true } });
  for (const sub of ended) {
    // The status move and voiding the open invoice it leaves behind happen together or not at all.
    const move = (to: SubscriptionStatus, action: string, data: Record<string, unknown> = {}, voidReason?: string) =>
      deps.db.$transaction(async (tx) => {
        await transition<SubscriptionStatus, Subscription>(deps, ctx, {
          machine: subscriptionMachine, id: sub.id, to, action, data,
          events: () => [{ name: `subscriptions.subscription.${to}`, entity: "Subscription", entityId: sub.id, payload: { subscriptionId: sub.id, userId: sub.userId } }],
        }, tx);
        if (voidReason && sub.invoice?.status === "issued") await voidInvoiceInTx(deps, ctx, tx, sub.invoice.id, voidReason);
      });
    if (sub.cancelAtPeriodEnd) {
      await move("cancelled", "subscription.end_cancelled", { cancelledAt: now }, "subscription cancelled at period end");
      out.cancelled++;
    } else if (sub.currentPeriodEnd!.getTime() + GRACE_MS <= now.getTime()) {
      await move("expired", "subscription.expire_unpaid", {}, "subscription expired unpaid");
      out.expired++;
    } else if (sub.status === "active") {
      await move("past_due", "subscription.past_due");
      out.pastDue++;
    }
  }
  return out;
}

/** With what the app shows of each: the plan and the current invoice with its lines (one query). */
const withPlanAndInvoice = { plan: true, invoice: { include: { lines: { orderBy: { sortOrder: "asc" as const } } } } } as const;

/** A user's subscriptions, newest first, with plan and invoice. */
export function listOwnSubscriptions(deps: Deps, userId: number) {
  return deps.db.subscription.findMany({ where: { userId }, include: withPlanAndInvoice, orderBy: { id: "desc" }, take: 50 });
}

/** One subscription with plan and invoice (after subscribing or cancelling). */
export function getSubscriptionWithInvoice(deps: Deps, id: number) {
  return deps.db.subscription.findUniqueOrThrow({ where: { id }, include: withPlanAndInvoice });
}

/** Subscription invoices: paid → the subscription is active for its period; voided → a pending one is cancelled. */
export function registerSubscriptionInvoices(): void {
  registerInvoicePurpose("subscription", { onPaid: activateSubscriptionForInvoice, onVoided: cancelPendingSubscriptionForInvoice });
}
