/**
 * Payment links (seed 004): staff send a customer a link for an issued invoice; opening it starts
 * a Stripe Checkout session. A link expires, and is used up when its checkout completes
 * (webhooks.service marks it).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { PaymentLink } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { createCheckoutSession, expireCheckoutSession, requireStripe, retrieveCheckoutSession, type Stripe } from "../../platform/payments/index.js";

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

/** A session this close to its end is not handed out again: the customer could not finish paying in it. */
const MIN_SESSION_LEFT_MS = 10 * 60_000;

/**
 * The customer opens a link: returns the Stripe Checkout URL to send them to. Every opening while
 * the link is valid works: the stored session is retrieved and handed out again while it is open
 * (same amount, time left); otherwise a new one replaces it. Replacing never leaves two open
 * sessions for one link, so voiding or paying the invoice closes the only one.
 */
export async function openPaymentLink(deps: Deps, token: string, baseUrl: string): Promise<string> {
  const stripe = requireStripe(deps.stripe);
  for (let round = 0; round < 3; round++) {
    const link = await deps.db.paymentLink.findUnique({ where: { token }, include: { invoice: true } });
    if (!link) throw new DomainError("PAYMENT_LINK_INVALID", "unknown link", 404);
    if (link.usedAt) throw new DomainError("PAYMENT_LINK_USED", "link used", 410);
    const now = Date.now();
    if (link.expiresAt.getTime() <= now) throw new DomainError("PAYMENT_LINK_EXPIRED", "link expired", 410);
    const inv = link.invoice;
    if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409);
    const amount = inv.total - inv.amountPaid;
    const previous = link.stripeCheckoutSessionId;

    if (previous) {
      const current = await retrieveCheckoutSession(stripe, previous);
      // Paid at Stripe; its webhook marks the link used.
      if (current.status === "complete") throw new DomainError("PAYMENT_LINK_USED", "link used", 410);
      if (current.status === "open") {
        const usable = current.url && current.amount_total === amount && current.currency === inv.currency.toLowerCase()
          && current.expires_at * 1000 - now >= MIN_SESSION_LEFT_MS;
        if (usable) return current.url!;
        // Open but stale (another amount, about to end): close it so it cannot take money beside the new one.
        await closeCheckoutSession(stripe, previous);
      }
    }

    // Sessions live 30 min to 24 h; the link may outlive several of them.
    const sessionEnd = Math.min(link.expiresAt.getTime(), now + 23 * HOUR);
    const session = await createCheckoutSession(stripe, {
      invoiceId: inv.id, invoiceNumber: inv.number, userId: inv.userId, amount, currency: inv.currency,
      successUrl: `${baseUrl}/pay/${token}/done`, cancelUrl: `${baseUrl}/pay/${token}`, expiresAt: new Date(Math.max(sessionEnd, now + 31 * 60_000)),
      // One key per new session: the SDK's network retries reuse it; a later opening reuses the stored
      // session instead of replaying a key (its expires_at would differ, which Stripe refuses).
      idempotencyKey: `link-${link.id}-${randomUUID()}`,
      metadata: { payment_link_id: String(link.id) },
    });
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    // Two openings at once: the first to store its session wins, the other closes its own and uses the winner's.
    const stored = await deps.db.paymentLink.updateMany({ where: { id: link.id, stripeCheckoutSessionId: previous }, data: { stripeCheckoutSessionId: session.id } });
    if (stored.count === 1) return session.url;
    await closeCheckoutSession(stripe, session.id);
  }
  throw new Error("the payment link's session kept changing while it was opened");
}

/**
 * Expires a session if it is still open. Stripe answers a closed one with a code-less 400, so the
 * session's status decides: complete means it was paid (the link is used), expired is done.
 */
async function closeCheckoutSession(stripe: Stripe, id: string): Promise<void> {
  try {
    await expireCheckoutSession(stripe, id);
  } catch (err) {
    const now = await retrieveCheckoutSession(stripe, id);
    if (now.status === "complete") throw new DomainError("PAYMENT_LINK_USED", "link used", 410);
    if (now.status === "open") throw err;
  }
}
