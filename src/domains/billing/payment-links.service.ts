/**
 * Payment links (seed 004): staff send a customer a link for an issued invoice; opening it starts
 * a Stripe Checkout session. A link expires, and is used up when its checkout completes
 * (webhooks.service marks it).
 */
import { randomBytes } from "node:crypto";
import type { PaymentLink } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { createCheckoutSession, requireStripe } from "../../platform/payments/index.js";

const HOUR = 3600_000;
export const linkHoursSchema = z.coerce.number().int().min(1).max(24 * 30).default(72);

/** Staff: a new link for an issued invoice, valid `hours` hours. */
export async function createPaymentLink(deps: Deps, ctx: Ctx, invoiceId: number, hours?: number | string): Promise<PaymentLink> {
  const h = linkHoursSchema.parse(hours === "" ? undefined : hours);
  return deps.db.$transaction(async (tx) => {
    const inv = await tx.invoice.findUnique({ where: { id: invoiceId } });
    if (!inv) throw new NotFoundError("Invoice", invoiceId);
    if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409);
    const link = await tx.paymentLink.create({
      data: { invoiceId, token: randomBytes(24).toString("base64url"), createdById: ctx.actor.id ?? null, expiresAt: new Date(Date.now() + h * HOUR) },
    });
    await writeAudit(tx, ctx, { action: "paymentlink.create", entity: "PaymentLink", entityId: link.id, meta: { invoiceId, hours: h } });
    return link;
  });
}

/** The customer opens a link: returns the Stripe Checkout URL to send them to. */
export async function openPaymentLink(deps: Deps, token: string, baseUrl: string): Promise<string> {
  const stripe = requireStripe(deps.stripe);
  const link = await deps.db.paymentLink.findUnique({ where: { token }, include: { invoice: true } });
  if (!link) throw new DomainError("PAYMENT_LINK_INVALID", "unknown link", 404);
  if (link.usedAt) throw new DomainError("PAYMENT_LINK_USED", "link used", 410);
  const now = Date.now();
  if (link.expiresAt.getTime() <= now) throw new DomainError("PAYMENT_LINK_EXPIRED", "link expired", 410);
  const inv = link.invoice;
  if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409);
  // Stripe Checkout sessions live 30 min to 24 h; the link may outlive one session, so each opening
  // after a session expired gets a fresh one (keyed by the time window, so a double click reuses it).
  const sessionEnd = Math.min(link.expiresAt.getTime(), now + 23 * HOUR);
  const expiresAt = Math.max(sessionEnd, now + 31 * 60_000);
  const session = await createCheckoutSession(stripe, {
    invoiceId: inv.id, invoiceNumber: inv.number, userId: inv.userId, amount: inv.total - inv.amountPaid, currency: inv.currency,
    successUrl: `${baseUrl}/pay/${token}/done`, cancelUrl: `${baseUrl}/pay/${token}`, expiresAt: new Date(expiresAt),
    idempotencyKey: `link-${link.id}-${Math.floor(now / (20 * HOUR))}`,
    metadata: { payment_link_id: String(link.id) },
  });
  await deps.db.paymentLink.update({ where: { id: link.id }, data: { stripeCheckoutSessionId: session.id } });
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return session.url;
}
