/**
 * The provider's side of verification: open a request for a badge type, upload documents (every
 * upload of a document type is a new version; earlier versions stay), submit (a priced badge
 * issues its invoice and waits for payment; a free one goes straight to review), resubmit after
 * changes were asked for, and withdraw. Paying or voiding the invoice moves the request through
 * billing's purpose registry.
 */
import type { Invoice, VerificationRequest } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import type { Storage } from "../../platform/storage.js";
import { transition } from "../../platform/transitions.js";
import type { ReceivedFile } from "../../platform/uploads.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";
import { createInvoiceInTx, settleIfFree, voidInvoiceInTx } from "../billing/invoices.service.js";
import { registerInvoicePurpose } from "../billing/invoice-purposes.js";
import { createRequestSchema, uploadFieldsSchema } from "./verification.schemas.js";
import { BADGE_NAMES, namedDocuments } from "./verification.names.js";
import {
  documentMachine,
  OPEN,
  UPLOADABLE,
  VerificationEvents as E,
  verificationMachine,
  type BadgeKind,
  type DocumentStatus,
  type DocType,
  type VerificationStatus,
} from "./verification.status.js";

export type DepsWithStorage = Deps & { storage: Storage };

const DAY = 24 * 3600_000;

const statusLog = (ctx: Ctx, note?: string | null) => (tx: Tx, a: { from: VerificationStatus; to: VerificationStatus; after: VerificationRequest }) =>
  tx.verificationStatusLog.create({ data: { requestId: a.after.id, fromStatus: a.from, toStatus: a.to, actorType: ctx.actor.type, actorId: ctx.actor.id ?? null, note: note ?? null } });

/** Moves a request with its status-log row (actor type from ctx) inside `tx`. */
export function moveRequest(
  deps: Deps,
  ctx: Ctx,
  tx: Tx,
  id: number,
  to: VerificationStatus,
  o: { action: string; note?: string | null; data?: Record<string, unknown> | ((before: VerificationRequest) => Record<string, unknown>); events?: (r: VerificationRequest) => { name: string; payload: Record<string, unknown> }[]; effects?: (tx: Tx, r: VerificationRequest) => Promise<void> },
): Promise<VerificationRequest> {
  return transition<VerificationStatus, VerificationRequest>(deps, ctx, {
    machine: verificationMachine, id, to, action: o.action, data: o.data,
    statusLog: statusLog(ctx, o.note),
    auditMeta: o.note ? { note: o.note } : undefined,
    effects: o.effects ? (t, { after }) => o.effects!(t, after) : undefined,
    events: o.events ? ({ after }) => o.events!(after).map((e) => ({ ...e, entity: "VerificationRequest", entityId: id })) : undefined,
  }, tx);
}

/** The document types a badge type accepts, with whether each is required (data staff edit). */
export function requirementsFor(db: Deps["db"] | Tx, badgeType: BadgeKind) {
  return db.verificationRequirement.findMany({ where: { badgeType }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}

/** The provider's own request, locked, or 404 (someone else's request does not exist for them). */
async function lockOwn(tx: Tx, ctx: Ctx, id: number): Promise<VerificationRequest> {
  if (!(await lockRow(tx, "verification_verificationrequest", id))) throw new NotFoundError("VerificationRequest", id);
  const r = await tx.verificationRequest.findUniqueOrThrow({ where: { id } });
  if (r.requesterId !== ctx.actor.id) throw new NotFoundError("VerificationRequest", id);
  return r;
}

/** A provider opens a draft request for a badge type (one open request per type). */
export async function createVerificationRequest(deps: Deps, ctx: Ctx, input: z.input<typeof createRequestSchema>): Promise<VerificationRequest> {
  const data = createRequestSchema.parse(input);
  const userId = ctx.actor.id!;
  return deps.db.$transaction(async (tx) => {
    // Serialises this provider's requests so two taps never open two drafts.
    await lockRow(tx, "accounts_user", userId);
    const open = await tx.verificationRequest.findFirst({ where: { requesterId: userId, badgeType: data.badgeType, status: { in: [...OPEN] } }, select: { id: true } });
    if (open) throw new ConflictError("VERIFICATION_REQUEST_OPEN", "an open request for this badge exists", { requestId: open.id });
    const noticeFrom = new Date(Date.now() + 30 * DAY);
    const valid = await tx.verifiedBadge.findFirst({ where: { userId, badgeType: data.badgeType, revokedAt: null, expiresAt: { gt: noticeFrom } }, select: { expiresAt: true } });
    if (valid) throw new ConflictError("BADGE_STILL_VALID", "a valid badge of this type exists", { expiresAt: valid.expiresAt.toISOString().slice(0, 10) });
    const r = await tx.verificationRequest.create({ data: { requesterId: userId, badgeType: data.badgeType, note: data.note ?? null } });
    await tx.verificationStatusLog.create({ data: { requestId: r.id, fromStatus: null, toStatus: "draft", actorType: ctx.actor.type, actorId: userId } });
    await writeAudit(tx, ctx, { action: "verification.create", entity: "VerificationRequest", entityId: r.id, meta: { badgeType: data.badgeType } });
    return r;
  });
}

/**
 * Stores an uploaded file as the next version of the request's document of that type. The file
 * was already streamed to a temporary place and typed from its bytes; it is moved into storage
 * only once the request is known to take it, and removed again if the transaction fails.
 */
export async function uploadVerificationDocument(
  deps: DepsWithStorage,
  ctx: Ctx,
  requestId: number,
  fields: z.input<typeof uploadFieldsSchema>,
  file: ReceivedFile,
): Promise<{ documentId: number; version: number; versionId: number }> {
  const data = uploadFieldsSchema.parse(fields);
  let storedKey: string | undefined;
  try {
    return await deps.db.$transaction(async (tx) => {
      const r = await lockOwn(tx, ctx, requestId);
      if (!UPLOADABLE.includes(r.status as VerificationStatus)) throw new ConflictError("VERIFICATION_NOT_EDITABLE", `request is ${r.status}`, { status: r.status });
      const accepted = await requirementsFor(tx, r.badgeType as BadgeKind);
      if (!accepted.some((a) => a.docType === data.docType)) {
        throw new DomainError("DOCUMENT_TYPE_NOT_ACCEPTED", "this badge does not take this document", 422, {
          fields: { doc_type: "DOCUMENT_TYPE_NOT_ACCEPTED" },
          ...namedDocuments(accepted.map((a) => a.docType), "accepted"),
        });
      }
      const existing = await tx.verificationDocument.findFirst({ where: { requestId, docType: data.docType } });
      const doc = existing ?? (await tx.verificationDocument.create({ data: { requestId, docType: data.docType } }));
      const version = doc.currentVersion + 1;
      storedKey = await deps.storage.adopt(`verification/${requestId}`, file.tempPath, file.ext);
      const v = await tx.verificationDocumentVersion.create({
        data: {
          documentId: doc.id, version, fileName: file.fileName.slice(0, 255), mimeType: file.mime, sizeBytes: file.size, storageKey: storedKey, sha256: file.sha256,
          expiresOn: data.expiresOn ? new Date(`${data.expiresOn}T00:00:00Z`) : null,
        },
      });
      await tx.verificationDocument.update({ where: { id: doc.id }, data: { currentVersion: version } });
      // A new version waits for its own review, whatever the last one's outcome was.
      if (doc.status !== "pending") {
        await transition<DocumentStatus>(deps, ctx, { machine: documentMachine, id: doc.id, to: "pending", action: "verification.document.new_version", auditMeta: { version } }, tx);
      }
      await writeAudit(tx, ctx, { action: "verification.document.upload", entity: "VerificationRequest", entityId: requestId, meta: { docType: data.docType, version, sha256: file.sha256, size: file.size, mime: file.mime } });
      return { documentId: doc.id, version, versionId: v.id };
    });
  } catch (e) {
    if (storedKey) await deps.storage.remove(storedKey).catch(() => {});
    throw e;
  }
}

/** The badge's fee in halalas (0 = free) from the verification_fees setting. */
async function feeFor(tx: Tx, badgeType: BadgeKind): Promise<number> {
  const fees = (await readSetting(tx, "verification_fees")) ?? {};
  return fees[badgeType] ?? 0;
}

/** Which required document types have no upload yet. */
async function missingDocuments(tx: Tx, r: VerificationRequest): Promise<DocType[]> {
  const [reqs, docs] = await Promise.all([requirementsFor(tx, r.badgeType as BadgeKind), tx.verificationDocument.findMany({ where: { requestId: r.id, currentVersion: { gt: 0 } }, select: { docType: true } })]);
  const have = new Set(docs.map((d) => d.docType));
  const missing = reqs.filter((q) => q.isRequired && !have.has(q.docType)).map((q) => q.docType as DocType);
  // A badge type whose documents are all optional still needs one of them.
  if (!missing.length && have.size === 0) return reqs.map((q) => q.docType as DocType);
  return missing;
}

/**
 * The provider submits. From a draft: every required document must be there; a priced badge gets
 * its invoice (pending_payment), a free one enters the review queue. After changes were asked
 * for: every named document must have a new version since, and it returns to review.
 */
export async function submitVerificationRequest(deps: Deps, ctx: Ctx, id: number): Promise<{ request: VerificationRequest; invoice: Invoice | null }> {
  return deps.db.$transaction(async (tx) => {
    const r = await lockOwn(tx, ctx, id);
    if (r.status === "changes_requested") {
      const since = r.decidedAt ?? r.updatedAt;
      const docs = await tx.verificationDocument.findMany({ where: { requestId: id, docType: { in: r.requestedDocTypes } }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
      const fresh = new Set(docs.filter((d) => d.versions[0] && d.versions[0].uploadedAt > since).map((d) => d.docType));
      const waiting = r.requestedDocTypes.filter((t) => !fresh.has(t));
      if (waiting.length) throw new DomainError("DOCUMENTS_MISSING", "upload the documents asked for first", 422, { ...namedDocuments(waiting), fields: Object.fromEntries(waiting.map((t) => [`documents.${t}`, "NEW_VERSION_REQUIRED"])) });
      const request = await moveRequest(deps, ctx, tx, id, "in_review", {
        action: "verification.resubmit", data: { claimedById: null, claimedAt: null },
        events: (a) => [{ name: E.QUEUED, payload: { requestId: id, userId: a.requesterId, resubmitted: true } }],
      });
      return { request, invoice: null };
    }
    if (r.status !== "draft") throw new ConflictError("INVALID_TRANSITION", `request is ${r.status}`, { status: r.status });
    const missing = await missingDocuments(tx, r);
    if (missing.length) throw new DomainError("DOCUMENTS_MISSING", "required documents are missing", 422, { ...namedDocuments(missing), fields: Object.fromEntries(missing.map((t) => [`documents.${t}`, "VALUE_REQUIRED"])) });
    const now = new Date();
    await moveRequest(deps, ctx, tx, id, "submitted", {
      action: "verification.submit", data: { submittedAt: now },
      events: (a) => [{ name: E.SUBMITTED, payload: { requestId: id, userId: a.requesterId, badgeType: a.badgeType } }],
    });
    const fee = await feeFor(tx, r.badgeType as BadgeKind);
    if (fee === 0) return { request: await enterQueue(deps, ctx, tx, id, now), invoice: null };
    const name = BADGE_NAMES[r.badgeType as BadgeKind];
    let invoice = await createInvoiceInTx(deps, ctx, tx, {
      userId: r.requesterId, purpose: "verification",
      lines: [{ descriptionAr: `رسوم التوثيق: ${name.ar}`, descriptionEn: `Verification fee: ${name.en}`, quantity: 1, unitAmount: fee }],
    });
    await moveRequest(deps, ctx, tx, id, "pending_payment", { action: "verification.await_payment", data: { invoiceId: invoice.id } });
    // A 100% promo makes it free: paid at once, which queues the request through the purpose hook.
    invoice = await settleIfFree(deps, ctx, tx, invoice);
    return { request: await tx.verificationRequest.findUniqueOrThrow({ where: { id } }), invoice };
  });
}

/** Into the reviewers' queue; the queue keeps the first time it got there as its order. */
function enterQueue(deps: Deps, ctx: Ctx, tx: Tx, id: number, at: Date, note?: string): Promise<VerificationRequest> {
  return moveRequest(deps, ctx, tx, id, "in_review", {
    action: "verification.queue", note,
    data: (before: VerificationRequest) => ({ queuedAt: before.queuedAt ?? at }),
    events: (a) => [{ name: E.QUEUED, payload: { requestId: id, userId: a.requesterId, badgeType: a.badgeType } }],
  });
}

/** The provider withdraws an open request (its unpaid invoice is voided with it). */
export async function cancelOwnVerificationRequest(deps: Deps, ctx: Ctx, id: number): Promise<VerificationRequest> {
  return deps.db.$transaction(async (tx) => {
    const r = await lockOwn(tx, ctx, id);
    return cancelInTx(deps, ctx, tx, r, "withdrawn by the provider");
  });
}

/** Cancels a request in `tx`, voiding its unpaid invoice; shared by the provider and staff. */
export async function cancelInTx(deps: Deps, ctx: Ctx, tx: Tx, r: VerificationRequest, reason: string): Promise<VerificationRequest> {
  const invoice = r.invoiceId ? await tx.invoice.findUnique({ where: { id: r.invoiceId } }) : null;
  const cancelled = await moveRequest(deps, ctx, tx, r.id, "cancelled", {
    action: "verification.cancel", note: reason, data: { claimedById: null, claimedAt: null },
    events: (a) => [{ name: E.CANCELLED, payload: { requestId: r.id, userId: a.requesterId, reason } }],
  });
  // Voiding calls back into onVoided, which finds the request already cancelled and does nothing.
  if (invoice && (invoice.status === "issued" || invoice.status === "draft")) await voidInvoiceInTx(deps, ctx, tx, invoice.id, `verification request cancelled: ${reason}`.slice(0, 1000));
  return cancelled;
}

/** Billing calls this when a verification invoice is paid: the request enters the review queue. */
export async function queueVerificationForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const r = await tx.verificationRequest.findUnique({ where: { invoiceId: invoice.id } });
  if (r?.status !== "pending_payment") return; // cancelled meanwhile: finance refunds
  await enterQueue(deps, ctx, tx, r.id, new Date());
}

/** Billing calls this when a verification invoice is voided: a request still waiting for it is cancelled. */
export async function cancelVerificationForVoidedInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const r = await tx.verificationRequest.findUnique({ where: { invoiceId: invoice.id } });
  if (r?.status !== "pending_payment") return;
  await moveRequest(deps, ctx, tx, r.id, "cancelled", {
    action: "verification.cancel_unpaid", note: "invoice voided",
    events: (a) => [{ name: E.CANCELLED, payload: { requestId: r.id, userId: a.requesterId, reason: "invoice voided" } }],
  });
}

/** Verification invoices: paid → the request is reviewed; voided → a request waiting for it is cancelled. */
export function registerVerificationInvoices(): void {
  registerInvoicePurpose("verification", { onPaid: queueVerificationForInvoice, onVoided: cancelVerificationForVoidedInvoice });
}
