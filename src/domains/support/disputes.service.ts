/**
 * Disputes about a service request (a ticket of type dispute opens one). Staff start reviewing
 * it, then decide an outcome: no action, a warning to the provider, or a full or partial refund
 * of a paid invoice of the customer's, made through billing (Stripe). The refund runs first; the
 * dispute records the outcome only once billing accepted it. Closing the ticket closes the dispute.
 */
import type { Dispute } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, ValidationError } from "../../platform/errors.js";
import { transition } from "../../platform/transitions.js";
import { nowOf } from "../../platform/clock.js";
import { invoiceLeftToRefund, refundInvoice } from "../billing/refunds.service.js";
import { needsApproval } from "../approvals/index.js";
import { requireRecentReauth } from "../backoffice/reauth.js";
import { resolveDisputeSchema } from "./support.schemas.js";
import { disputeMachine, SupportEvents as E, type DisputeStatus } from "./support.status.js";
import { moveTicket } from "./ticket-moves.js";

async function disputeOf(db: Deps["db"] | Tx, ticketId: number): Promise<Dispute> {
  const d = await db.dispute.findUnique({ where: { ticketId } });
  if (!d) throw new DomainError("NOT_A_DISPUTE", "ticket has no dispute", 404);
  return d;
}

/** Staff start looking at the dispute (open → under review). */
export async function startDisputeReview(deps: Deps, ctx: Ctx, ticketId: number): Promise<Dispute> {
  const d = await disputeOf(deps.db, ticketId);
  return transition<DisputeStatus, Dispute>(deps, ctx, { machine: disputeMachine, id: d.id, to: "under_review", action: "dispute.review" });
}

/** The customer's paid invoices a dispute refund may come from (newest first). */
export function refundableInvoices(deps: Deps, customerId: number) {
  return deps.db.invoice.findMany({
    where: { userId: customerId, status: { in: ["paid", "partially_refunded"] } },
    orderBy: { id: "desc" }, take: 20,
    select: { id: true, number: true, purpose: true, total: true, amountRefunded: true, currency: true, paidAt: true, status: true },
  });
}

/**
 * Decides the dispute. A refund outcome names one of the customer's paid invoices (and, when
 * partial, the amount); billing refunds it through Stripe, then the dispute is resolved with the
 * outcome and the ticket, if still open, resolved too. The provider and the customer are told (event).
 */
export async function resolveDispute(deps: Deps, ctx: Ctx, ticketId: number, input: z.input<typeof resolveDisputeSchema>): Promise<Dispute> {
  const data = resolveDisputeSchema.parse(input);
  const d = await disputeOf(deps.db, ticketId);
  if (d.status !== "under_review") throw new ConflictError("DISPUTE_NOT_UNDER_REVIEW", `dispute is ${d.status}`, { status: d.status });
  const ticket = await deps.db.supportTicket.findUniqueOrThrow({ where: { id: ticketId } });
  let refund: { invoiceId: number; amount: number } | null = null;
  if (data.outcome === "refund_full" || data.outcome === "refund_partial") {
    if (!data.invoiceId) throw new ValidationError("no invoice", { invoice_id: "DISPUTE_REFUND_NEEDS_INVOICE" });
    if (data.outcome === "refund_partial" && !data.amount) throw new ValidationError("no amount", { amount: "DISPUTE_PARTIAL_NEEDS_AMOUNT" });
    const inv = await deps.db.invoice.findUnique({ where: { id: data.invoiceId } });
    if (!inv || inv.userId !== ticket.requesterId || !["paid", "partially_refunded"].includes(inv.status)) throw new ValidationError("not the customer's", { invoice_id: "DISPUTE_INVOICE_NOT_CUSTOMERS" });
    // A refund is a money action wherever it is decided: the password typed recently, and above
    // the four-eyes amount for refunds, a second person (from the invoice's Refund, not from here).
    await requireRecentReauth(deps, ctx);
    const amount = data.outcome === "refund_partial" ? data.amount! : invoiceLeftToRefund(inv);
    if (await needsApproval(deps, "invoice.refund", amount)) {
      throw new DomainError("DISPUTE_REFUND_NEEDS_APPROVAL", `a refund of ${amount} needs a second person's approval`, 409, { amount, invoiceId: inv.id });
    }
    // The amount checked above, not worked out again: billing refuses it if it is more than is left.
    const r = await refundInvoice(deps, ctx, inv.id, { amount, reason: `dispute ${ticket.code}: ${data.resolution}` });
    refund = { invoiceId: inv.id, amount: r.refund.amount };
  }
  const request = await deps.db.serviceRequest.findUniqueOrThrow({ where: { id: d.requestId }, select: { clientId: true, provider: { select: { userId: true } } } });
  return deps.db.$transaction(async (tx) => {
    const after = await transition<DisputeStatus, Dispute>(deps, ctx, {
      machine: disputeMachine, id: d.id, to: "resolved", action: "dispute.resolve",
      data: { outcome: data.outcome, resolution: data.resolution, resolvedById: ctx.actor.id ?? null, resolvedAt: nowOf(deps), refundInvoiceId: refund?.invoiceId ?? null, refundAmount: refund?.amount ?? null },
      auditMeta: { outcome: data.outcome, refund },
      events: () => [{ name: E.DISPUTE_RESOLVED, entity: "Dispute", entityId: d.id, payload: { disputeId: d.id, ticketId, code: ticket.code, requestId: d.requestId, userId: ticket.requesterId, providerId: request.provider?.userId ?? null, outcome: data.outcome, refundAmount: refund?.amount ?? null } }],
    }, tx);
    const t = await tx.supportTicket.findUniqueOrThrow({ where: { id: ticketId } });
    if (["new", "triaged", "in_progress", "waiting_on_customer"].includes(t.status)) {
      if (t.status === "new") await moveTicket(deps, ctx, tx, ticketId, "triaged", { action: "ticket.triage" });
      await moveTicket(deps, ctx, tx, ticketId, "resolved", { action: "ticket.move_to_resolved", note: `dispute: ${data.outcome}` });
    }
    return after;
  });
}

/** Inside the ticket's closing transaction: a decided dispute closes with it. */
export async function closeDisputeInTx(deps: Deps, ctx: Ctx, tx: Tx, ticketId: number): Promise<void> {
  const d = await tx.dispute.findUnique({ where: { ticketId } });
  if (!d || (d.status !== "resolved" && d.status !== "dismissed")) return;
  await transition<DisputeStatus, Dispute>(deps, ctx, { machine: disputeMachine, id: d.id, to: "closed", action: "dispute.close", data: { closedAt: nowOf(deps) } }, tx);
}

/** The dispute of a request, if any (the request's page shows it). */
export function disputeOfRequest(deps: Deps, requestId: number) {
  return deps.db.dispute.findMany({ where: { requestId }, orderBy: { id: "desc" }, include: { ticket: { select: { id: true, code: true, status: true } } } });
}

