/**
 * The provider's side of a promotion: open a draft (placement, targeting, dates), upload images
 * (checked against the placement's rules), submit (priced by days × the placement's daily rate,
 * invoiced, waiting for payment), resubmit after changes were asked for, and withdraw before
 * paying. Paying or voiding the invoice moves the request through billing's purpose registry.
 */
import type { Invoice, PromoAsset, PromoRequest } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../platform/errors.js";
import type { Storage } from "../../platform/storage.js";
import { transition } from "../../platform/transitions.js";
import { imageDimensions, type ReceivedFile } from "../../platform/uploads.js";
import { DAY_MS } from "../../platform/riyadh-time.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";
import { createInvoiceInTx, settleIfFree, voidInvoiceInTx } from "../billing/invoices.service.js";
import { registerInvoicePurpose } from "../billing/invoice-purposes.js";
import { raiseRefundDueInTx } from "../billing/payment-items.js";
import { bookingPeriod, checkAsset, checkBooking, placementRule } from "./promo-rules.js";
import { createPromoSchema, submitPromoSchema } from "./promo.schemas.js";
import { PLACEMENT_NAMES } from "./promo.names.js";
import { EDITABLE, MAX_ASSETS, PromoEvents as E, promoMachine, WITHDRAWABLE, type Placement, type PromoStatus } from "./promo.status.js";

export type DepsWithStorage = Deps & { storage: Storage };

type Events = (r: PromoRequest) => { name: string; payload: Record<string, unknown> }[];

/** Moves a promotion with its status-log row (actor type from ctx) inside `tx`. */
export function movePromo(
  deps: Deps,
  ctx: Ctx,
  tx: Tx,
  id: number,
  to: PromoStatus,
  o: { action: string; note?: string | null; data?: Record<string, unknown> | ((before: PromoRequest) => Record<string, unknown>); events?: Events; effects?: (tx: Tx, r: PromoRequest) => Promise<void> },
): Promise<PromoRequest> {
  return transition<PromoStatus, PromoRequest>(deps, ctx, {
    machine: promoMachine, id, to, action: o.action, data: o.data,
    statusLog: (t, a) => t.promoStatusLog.create({ data: { requestId: id, fromStatus: a.from, toStatus: a.to, actorType: ctx.actor.type, actorId: ctx.actor.id ?? null, note: o.note ?? null } }),
    auditMeta: o.note ? { note: o.note } : undefined,
    effects: o.effects ? (t, { after }) => o.effects!(t, after) : undefined,
    events: o.events ? ({ after }) => o.events!(after).map((e) => ({ ...e, entity: "PromoRequest", entityId: id })) : undefined,
  }, tx);
}

/** What every promotion event says about the request. */
export const promoFacts = (r: PromoRequest) => ({ requestId: r.id, userId: r.requesterId, placement: r.placement, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() });

/** The provider's own request, locked, or 404 (someone else's request does not exist for them). */
async function lockOwn(tx: Tx, ctx: Ctx, id: number): Promise<PromoRequest> {
  if (!(await lockRow(tx, promoMachine.table, id))) throw new NotFoundError("PromoRequest", id);
  const r = await tx.promoRequest.findUniqueOrThrow({ where: { id } });
  if (r.requesterId !== ctx.actor.id) throw new NotFoundError("PromoRequest", id);
  return r;
}

/** A provider opens a draft promotion: placement, optional city and subcategory, and whole Riyadh days. */
export async function createPromoRequest(deps: Deps, ctx: Ctx, input: z.input<typeof createPromoSchema>, now = new Date()): Promise<PromoRequest> {
  const data = createPromoSchema.parse(input);
  const userId = ctx.actor.id!;
  const profile = await deps.db.providerProfile.findFirst({ where: { userId, deletedAt: null }, select: { id: true } });
  if (!profile) throw new DomainError("NOT_A_PROVIDER", "this account has no provider profile", 403);
  // A category list is what category_top leads, so it must say which one.
  if (data.placement === "category_top" && !data.subcategoryId) throw new ValidationError("subcategory required", { subcategory_id: "is required for category_top" });
  const sub = data.subcategoryId
    ? await deps.db.subcategory.findFirst({ where: { id: data.subcategoryId, isActive: true, deletedAt: null }, select: { id: true, categoryId: true } })
    : null;
  if (data.subcategoryId && !sub) throw new ValidationError("unknown subcategory", { subcategory_id: "is not an active subcategory" });
  const period = bookingPeriod(data.startsOn, data.endsOn);
  checkBooking(period, (await readSetting(deps.db, "promo_max_days"))!, now);
  return deps.db.$transaction(async (tx) => {
    const r = await tx.promoRequest.create({
      data: {
        requesterId: userId, title: data.title, placement: data.placement, targetCity: data.city ?? null,
        targetSubcategoryId: sub?.id ?? null, targetCategoryId: sub?.categoryId ?? null, startsAt: period.startsAt, endsAt: period.endsAt, status: "draft",
      },
    });
    await tx.promoStatusLog.create({ data: { requestId: r.id, fromStatus: null, toStatus: "draft", actorType: ctx.actor.type, actorId: userId } });
    await writeAudit(tx, ctx, { action: "promo.create", entity: "PromoRequest", entityId: r.id, meta: { placement: data.placement, startsOn: data.startsOn, endsOn: data.endsOn } });
    return r;
  });
}

/**
 * Stores an uploaded image for the promotion once it passes its placement's rule (type, size,
 * pixel size read from the header). The file was streamed to a temporary place and typed from
 * its bytes; it moves into storage only once the request takes it, and is removed again if the
 * transaction fails.
 */
export async function uploadPromoAsset(deps: DepsWithStorage, ctx: Ctx, requestId: number, file: ReceivedFile): Promise<PromoAsset> {
  const dims = await imageDimensions(file);
  let storedKey: string | undefined;
  try {
    return await deps.db.$transaction(async (tx) => {
      const r = await lockOwn(tx, ctx, requestId);
      if (!EDITABLE.includes(r.status as PromoStatus)) throw new ConflictError("PROMO_NOT_EDITABLE", `request is ${r.status}`, { status: r.status });
      checkAsset(await placementRule(tx, r.placement as Placement), file, dims);
      if ((await tx.promoAsset.count({ where: { requestId, removedAt: null } })) >= MAX_ASSETS) throw new DomainError("PROMO_ASSETS_LIMIT", "too many images", 422, { max: MAX_ASSETS });
      storedKey = await deps.storage.adopt(`promo/${requestId}`, file.tempPath, file.ext);
      const asset = await tx.promoAsset.create({
        data: { requestId, kind: "image", fileName: file.fileName.slice(0, 255), mimeType: file.mime, sizeBytes: file.size, storageKey: storedKey, sha256: file.sha256, widthPx: dims!.width, heightPx: dims!.height },
      });
      await writeAudit(tx, ctx, { action: "promo.asset.upload", entity: "PromoRequest", entityId: requestId, meta: { assetId: asset.id, sha256: file.sha256, size: file.size, mime: file.mime, width: dims!.width, height: dims!.height } });
      return asset;
    });
  } catch (e) {
    if (storedKey) await deps.storage.remove(storedKey).catch(() => {});
    throw e;
  }
}

/** The provider takes an image out while editing; it stays in the history reviewers see. */
export async function removePromoAsset(deps: Deps, ctx: Ctx, requestId: number, assetId: number): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const r = await lockOwn(tx, ctx, requestId);
    const asset = await tx.promoAsset.findFirst({ where: { id: assetId, requestId, removedAt: null } });
    if (!asset) throw new NotFoundError("PromoAsset", assetId);
    if (!EDITABLE.includes(r.status as PromoStatus)) throw new ConflictError("PROMO_NOT_EDITABLE", `request is ${r.status}`, { status: r.status });
    await tx.promoAsset.update({ where: { id: assetId }, data: { removedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "promo.asset.remove", entity: "PromoRequest", entityId: requestId, meta: { assetId } });
  });
}

/**
 * The provider submits. From a draft: at least one image, a start not yet passed; the price is
 * days × the placement's daily rate, invoiced (an optional promo code applies), and the request
 * waits for payment. After changes were asked for: a new image since, and it returns to review.
 */
export async function submitPromoRequest(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof submitPromoSchema> = {}, now = new Date()): Promise<{ request: PromoRequest; invoice: Invoice | null }> {
  const data = submitPromoSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const r = await lockOwn(tx, ctx, id);
    if (r.status === "changes_requested") {
      const fresh = await tx.promoAsset.count({ where: { requestId: id, removedAt: null, createdAt: { gt: r.decidedAt ?? r.updatedAt } } });
      if (!fresh) throw new DomainError("PROMO_ASSETS_MISSING", "upload a new image first", 422, { fields: { assets: "NEW_IMAGE_REQUIRED" } });
      const request = await movePromo(deps, ctx, tx, id, "in_review", {
        action: "promo.resubmit", data: { claimedById: null, claimedAt: null },
        events: (a) => [{ name: E.QUEUED, payload: { ...promoFacts(a), resubmitted: true } }],
      });
      return { request, invoice: null };
    }
    if (r.status !== "draft") throw new ConflictError("INVALID_TRANSITION", `request is ${r.status}`, { status: r.status });
    if (!(await tx.promoAsset.count({ where: { requestId: id, removedAt: null } }))) throw new DomainError("PROMO_ASSETS_MISSING", "upload an image first", 422, { fields: { assets: "VALUE_REQUIRED" } });
    const days = Math.round((r.endsAt.getTime() - r.startsAt.getTime()) / DAY_MS);
    checkBooking({ startsAt: r.startsAt, days }, (await readSetting(tx, "promo_max_days"))!, now);
    const placement = r.placement as Placement;
    const dailyRate = (await readSetting(tx, "promo_daily_prices"))![placement];
    const name = PLACEMENT_NAMES[placement];
    let invoice = await createInvoiceInTx(deps, ctx, tx, {
      userId: r.requesterId, purpose: "promotion", promoCode: data.promoCode,
      lines: [{ descriptionAr: `إعلان «${r.title}» — ${name.ar} (${days} يوم)`.slice(0, 500), descriptionEn: `Promotion "${r.title}" — ${name.en} (${days} days)`.slice(0, 500), quantity: days, unitAmount: dailyRate }],
    });
    await movePromo(deps, ctx, tx, id, "pending_payment", {
      action: "promo.submit", data: { submittedAt: now, days, dailyRate, amount: days * dailyRate, invoiceId: invoice.id },
      events: (a) => [{ name: E.SUBMITTED, payload: { ...promoFacts(a), amount: a.amount, invoiceId: invoice.id } }],
    });
    // A 100% promo code makes it free: paid at once, which queues the request through the purpose hook.
    invoice = await settleIfFree(deps, ctx, tx, invoice);
    return { request: await tx.promoRequest.findUniqueOrThrow({ where: { id } }), invoice };
  });
}

/** The provider withdraws a promotion before paying for it (its invoice is voided). */
export async function cancelOwnPromoRequest(deps: Deps, ctx: Ctx, id: number): Promise<PromoRequest> {
  return deps.db.$transaction(async (tx) => {
    const r = await lockOwn(tx, ctx, id);
    if (!WITHDRAWABLE.includes(r.status as PromoStatus)) throw new ConflictError("PROMO_NOT_WITHDRAWABLE", `request is ${r.status}`, { status: r.status });
    return cancelPromoInTx(deps, ctx, tx, r, "withdrawn by the provider");
  });
}

/**
 * Cancels a promotion in `tx`: an unpaid invoice is voided; a paid one is raised for finance to
 * refund (a reconciliation item). Shared by the provider and staff.
 */
export async function cancelPromoInTx(deps: Deps, ctx: Ctx, tx: Tx, r: PromoRequest, reason: string): Promise<PromoRequest> {
  const invoice = r.invoiceId ? await tx.invoice.findUnique({ where: { id: r.invoiceId } }) : null;
  let refundItemId: number | null = null;
  const cancelled = await movePromo(deps, ctx, tx, r.id, "cancelled", {
    action: "promo.cancel", note: reason, data: { claimedById: null, claimedAt: null },
    effects: async (t, after) => void (refundItemId = await refundDueInTx(t, ctx, after, "promotion_cancelled", reason)),
    events: (a) => [{ name: E.CANCELLED, payload: { ...promoFacts(a), reason, refundItemId } }],
  });
  // Voiding calls back into onVoided, which finds the request already cancelled and does nothing.
  if (invoice && (invoice.status === "issued" || invoice.status === "draft")) await voidInvoiceInTx(deps, ctx, tx, invoice.id, `promotion cancelled: ${reason}`.slice(0, 1000));
  return cancelled;
}

/** Raises the promotion's paid invoice for a refund (billing's refund_due item); null when nothing was paid. */
export function refundDueInTx(tx: Tx, ctx: Ctx, r: PromoRequest, why: "promotion_rejected" | "promotion_cancelled", reason: string): Promise<number | null> {
  if (!r.invoiceId) return Promise.resolve(null);
  return raiseRefundDueInTx(tx, ctx, r.invoiceId, { dedupeKey: `refund_due:promotion:${r.id}`, details: { reason: why, promoRequestId: r.id, note: reason } });
}

/** Into the reviewers' queue; the queue keeps the first time it got there as its order. */
function enterQueue(deps: Deps, ctx: Ctx, tx: Tx, id: number, at: Date, note?: string): Promise<PromoRequest> {
  return movePromo(deps, ctx, tx, id, "in_review", {
    action: "promo.queue", note,
    data: (before) => ({ queuedAt: before.queuedAt ?? at }),
    events: (a) => [{ name: E.QUEUED, payload: promoFacts(a) }],
  });
}

/** Billing calls this when a promotion invoice is paid: the request enters the review queue. */
export async function queuePromoForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const r = await tx.promoRequest.findUnique({ where: { invoiceId: invoice.id } });
  if (r?.status !== "pending_payment") return; // cancelled meanwhile: the money arrives on a void invoice and billing raises it
  await enterQueue(deps, ctx, tx, r.id, new Date(), "invoice paid");
}

/** Billing calls this when a promotion invoice is voided: a request still waiting for it is cancelled. */
export async function cancelPromoForVoidedInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const r = await tx.promoRequest.findUnique({ where: { invoiceId: invoice.id } });
  if (r?.status !== "pending_payment") return;
  await movePromo(deps, ctx, tx, r.id, "cancelled", {
    action: "promo.cancel_unpaid", note: "invoice voided",
    events: (a) => [{ name: E.CANCELLED, payload: { ...promoFacts(a), reason: "invoice voided", refundItemId: null } }],
  });
}

/** Promotion invoices: paid → the request is reviewed; voided → a request waiting for it is cancelled. */
export function registerPromoInvoices(): void {
  registerInvoicePurpose("promotion", { onPaid: queuePromoForInvoice, onVoided: cancelPromoForVoidedInvoice });
}
