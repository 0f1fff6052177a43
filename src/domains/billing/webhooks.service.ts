/**
 * Stripe webhooks: verified, stored once per event id, processed by a job. Processing reads the
 * event as Stripe facts about one payment intent (stripe-facts.ts) and merges them
 * (payments.service), so late, repeated or out-of-order events are harmless. The outcome and any error stay on the row.
 */
import { Prisma, type WebhookEvent } from "@prisma/client";
import type Stripe from "stripe";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { systemCtx } from "../../platform/context.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { sendInTransaction } from "../../platform/jobs.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { listRefunds, requireStripe, verifyWebhook } from "../../platform/payments/index.js";
import { unstorableTextPaths } from "../../platform/validation.js";
import { webhookMachine, type WebhookStatus } from "./billing.status.js";
import { applyStripeFacts } from "./payments.service.js";
import { factsFromEvent, refundFactOf } from "./stripe-facts.js";

export const WEBHOOK_QUEUE = "billing-webhooks";
export const HANDLED_TYPES = [
  "payment_intent.succeeded", "payment_intent.payment_failed", "checkout.session.completed", "charge.refunded", "charge.dispute.created",
  // A refund's status changes after it was created (pending → succeeded | failed); these carry the refund itself.
  "refund.created", "refund.updated", "refund.failed", "charge.refund.updated",
] as const;

export interface IngestResult {
  eventId: string;
  duplicate: boolean;
}

/**
 * What ingesting and processing read of an event, bounded by its columns (event_id varchar 255,
 * type varchar 100). A signature proves who sent the bytes, not that we can store them.
 */
const eventEnvelope = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

/** A signed event we cannot store (no id, over-long type, NUL anywhere…) is the sender's error: 400, nothing stored. */
export function checkEventEnvelope(event: unknown): Stripe.Event {
  const fields: Record<string, string> = {};
  const parsed = eventEnvelope.safeParse(event);
  if (!parsed.success) for (const i of parsed.error.issues) fields[i.path.join(".") || "event"] ??= i.message;
  // jsonb refuses NUL and unpaired surrogates in the payload as PostgreSQL text does.
  for (const path of unstorableTextPaths(event)) fields[path.map(String).join(".") || "event"] ??= "TEXT_UNSTORABLE";
  if (Object.keys(fields).length) throw new DomainError("WEBHOOK_EVENT_INVALID", "malformed webhook event", 400, { fields });
  return event as Stripe.Event;
}

/** The HTTP side: verify the signature over the raw bytes, store the event once, queue it — one transaction. */
export async function ingestStripeWebhook(deps: Deps, rawBody: Buffer, signature: string | undefined, secret: string | undefined): Promise<IngestResult> {
  const event = checkEventEnvelope(verifyWebhook(requireStripe(deps.stripe), rawBody, signature, secret));
  return deps.db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO billing_webhookevent (provider, event_id, type, payload, status, received_at)
      VALUES ('stripe', ${event.id}, ${event.type}, ${JSON.stringify(event)}::jsonb, 'received', now())
      ON CONFLICT (event_id) DO NOTHING RETURNING id`;
    if (!inserted.length) return { eventId: event.id, duplicate: true };
    await sendInTransaction(deps.boss, tx, WEBHOOK_QUEUE, { webhookEventId: inserted[0]!.id });
    return { eventId: event.id, duplicate: false };
  });
}

async function markCheckoutLinkUsed(tx: Tx, event: Stripe.Event) {
  if (event.type !== "checkout.session.completed") return;
  await tx.paymentLink.updateMany({ where: { stripeCheckoutSessionId: event.data.object.id, usedAt: null }, data: { usedAt: new Date() } });
}

/**
 * The job side: processes one stored event. Already processed (or ignored) → nothing happens, so a
 * re-delivered job is harmless; `replay` forces the idempotent handler to run again.
 */
export async function processWebhookEvent(deps: Deps, webhookEventId: number, opts: { replay?: boolean; ctx?: Ctx } = {}): Promise<WebhookEvent> {
  const ctx = opts.ctx ?? systemCtx("stripe-webhook");
  try {
    // Stripe is read before the transaction: no network wait while rows are locked.
    const stored = await deps.db.webhookEvent.findUnique({ where: { id: webhookEventId } });
    const early = stored && (opts.replay || (stored.status !== "processed" && stored.status !== "ignored")) ? factsFromEvent(stored.payload as unknown as Stripe.Event) : null;
    const listed = early?.refundsOfCharge ? (await listRefunds(requireStripe(deps.stripe), { charge: early.refundsOfCharge })).map(refundFactOf) : undefined;
    return await deps.db.$transaction(async (tx) => {
      if (!(await lockRow(tx, "billing_webhookevent", webhookEventId))) throw new NotFoundError("WebhookEvent", webhookEventId);
      const row = await tx.webhookEvent.findUniqueOrThrow({ where: { id: webhookEventId } });
      if (!opts.replay && (row.status === "processed" || row.status === "ignored")) return row;
      const event = row.payload as unknown as Stripe.Event;
      const read = factsFromEvent(event);
      const facts = read && (read.refundsOfCharge ? { ...read, refunds: listed ?? [] } : read);
      let to: WebhookStatus = "ignored";
      let note: string | null = facts ? null : `event type ${row.type} is not acted on`;
      if (facts) {
        const r = await applyStripeFacts(deps, ctx, tx, facts);
        await markCheckoutLinkUsed(tx, event);
        if (r.outcome === "unknown_payment") note = `no local payment or invoice for ${facts.paymentIntentId}`;
        else to = "processed";
        if (r.outcome === "nothing_to_do") note = "already up to date";
      }
      return transition<WebhookStatus, WebhookEvent>(deps, ctx, {
        machine: webhookMachine, id: webhookEventId, to, action: opts.replay ? "webhook.replay" : "webhook.process",
        data: { attempts: { increment: 1 }, processedAt: new Date(), error: note },
        locked: row,
      }, tx);
    }, { timeout: 20_000 });
  } catch (err) {
    // Keep the failure on the row (its own transaction: the business writes above rolled back).
    const message = err instanceof DomainError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    await deps.db.$transaction(async (tx) => {
      const row = await tx.webhookEvent.findUnique({ where: { id: webhookEventId } });
      if (!row) return;
      await transition<WebhookStatus, WebhookEvent>(deps, ctx, {
        machine: webhookMachine, id: webhookEventId, to: "failed", action: "webhook.fail",
        data: { attempts: { increment: 1 }, error: message.slice(0, 2000) },
      }, tx);
    }).catch(() => undefined);
    throw err;
  }
}

/** Staff: run an event's handler again (idempotent). */
export async function replayWebhookEvent(deps: Deps, ctx: Ctx, webhookEventId: number): Promise<WebhookEvent> {
  return processWebhookEvent(deps, webhookEventId, { replay: true, ctx });
}

export { Prisma };
