/**
 * The reviewers' side: claim and release a request, take the next one from the queue, decide on
 * each document version, then approve (a badge is issued), reject or ask for changes. A claim
 * lapses after the verification_claim_idle_minutes setting without activity, so a request is never
 * stuck with someone who went home. Two reviewers deciding at once: the row lock lets one win and
 * the other is told who did.
 */
import type { VerificationRequest } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { lockRow, type Tx } from "../../platform/database/transaction.js";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { claimForReview, claimNext, lockForDecision, releaseClaim, type ReviewQueue } from "../../platform/review-queue.js";
import { transition } from "../../platform/transitions.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";
import { issueBadgeInTx } from "./badges.service.js";
import { cancelInTx, moveRequest, requirementsFor } from "./verification.service.js";
import { namedDocuments } from "./verification.names.js";
import { assignSchema, rejectRequestSchema, requestChangesSchema, reviewDocumentSchema } from "./verification.schemas.js";
import { documentMachine, VerificationEvents as E, type BadgeKind, type DocumentStatus } from "./verification.status.js";
import { reasonSchema } from "../../platform/validation.js";

const MINUTE = 60_000;

/** The reviewers' queue of verification requests (claims, next, who decided). */
export const verificationQueue: ReviewQueue = {
  entity: "VerificationRequest", table: "verification_verificationrequest", model: "verificationRequest", logModel: "verificationStatusLog",
  reviewStatus: "in_review", auditPrefix: "verification",
  codes: { decided: "VERIFICATION_ALREADY_DECIDED", claimed: "VERIFICATION_CLAIMED", notClaimed: "VERIFICATION_NOT_CLAIMED" },
  idleMs: async (db) => ((await readSetting(db, "verification_claim_idle_minutes")) ?? 30) * MINUTE,
};

/** How long a claim lasts without activity. */
export function claimIdleMs(db: Deps["db"] | Tx): Promise<number> {
  return verificationQueue.idleMs(db);
}

const lockForReview = (tx: Tx, ctx: Ctx, id: number) => lockForDecision<VerificationRequest>(tx, ctx, verificationQueue, id);

/** A reviewer takes a request in review (refreshing their own claim is fine). */
export function claimVerificationRequest(deps: Deps, ctx: Ctx, id: number): Promise<VerificationRequest> {
  return claimForReview<VerificationRequest>(deps, ctx, verificationQueue, id);
}

/** The reviewer hands a request back to the queue. */
export function releaseVerificationRequest(deps: Deps, ctx: Ctx, id: number): Promise<VerificationRequest> {
  return releaseClaim<VerificationRequest>(deps, ctx, verificationQueue, id);
}

/** "Next": claims the oldest request in review that nobody holds (or whose claim lapsed); null when the queue is empty. */
export function claimNextVerificationRequest(deps: Deps, ctx: Ctx): Promise<VerificationRequest | null> {
  return claimNext<VerificationRequest>(deps, ctx, verificationQueue);
}

/** An admin assigns requests in review to a reviewer (verification staff or admin). */
export async function assignVerificationRequests(deps: Deps, ctx: Ctx, input: z.input<typeof assignSchema>): Promise<number> {
  const { ids, reviewerId } = assignSchema.parse(input);
  const reviewer = await deps.db.userAccessProfile.findUnique({ where: { userId: reviewerId }, select: { role: true, isActive: true } });
  if (!reviewer?.isActive || !["verification", "admin"].includes(reviewer.role)) throw new ValidationError("not a reviewer", { reviewer_id: "NOT_A_REVIEWER" });
  return deps.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM verification_verificationrequest WHERE id IN (${Prisma.join(ids)}) AND status = 'in_review' ORDER BY id FOR UPDATE`;
    for (const { id } of locked) await writeAudit(tx, ctx, { action: "verification.assign", entity: "VerificationRequest", entityId: id, meta: { reviewerId } });
    const n = await tx.verificationRequest.updateMany({ where: { id: { in: locked.map((r) => r.id) } }, data: { claimedById: reviewerId, claimedAt: new Date() } });
    return n.count;
  });
}

/** The active rejection reason with this code, or a field error. */
async function requireReason(tx: Tx, code: string | undefined, field: string): Promise<void> {
  if (!code) return;
  const ok = await tx.verificationRejectionReason.findFirst({ where: { code, isActive: true }, select: { id: true } });
  if (!ok) throw new ValidationError("unknown reason", { [field]: "REASON_NOT_LISTED" });
}

/** The reviewer's decision on the latest version of one document (approved, rejected with a reason, or flagged). */
export async function reviewDocumentVersion(deps: Deps, ctx: Ctx, versionId: number, input: z.input<typeof reviewDocumentSchema>) {
  const data = reviewDocumentSchema.parse(input);
  const v = await deps.db.verificationDocumentVersion.findUnique({ where: { id: versionId }, include: { document: { select: { requestId: true } } } });
  if (!v) throw new NotFoundError("VerificationDocumentVersion", versionId);
  return deps.db.$transaction(async (tx) => {
    await lockForReview(tx, ctx, v.document.requestId);
    await requireReason(tx, data.reasonCode, "reason_code");
    const doc = await tx.verificationDocument.findUniqueOrThrow({ where: { id: v.documentId } });
    if (doc.currentVersion !== v.version) throw new ConflictError("VERSION_NOT_CURRENT", "a newer version was uploaded", { current: doc.currentVersion });
    const review = await tx.verificationDocumentReview.create({ data: { documentId: doc.id, versionId, reviewerId: ctx.actor.id!, decision: data.decision, reasonCode: data.decision === "rejected" ? data.reasonCode! : null, note: data.note ?? null } });
    if (doc.status !== data.decision) {
      await transition<DocumentStatus>(deps, ctx, { machine: documentMachine, id: doc.id, to: data.decision, action: "verification.document.review", auditMeta: { versionId, reasonCode: data.reasonCode, note: data.note } }, tx);
    }
    return review;
  });
}

/** Approves when every required document's latest version is approved: the request is approved and its badge issued. */
export async function approveVerificationRequest(deps: Deps, ctx: Ctx, id: number): Promise<VerificationRequest> {
  return deps.db.$transaction(async (tx) => {
    const r = await lockForReview(tx, ctx, id);
    const [reqs, docs] = await Promise.all([requirementsFor(tx, r.badgeType as BadgeKind), tx.verificationDocument.findMany({ where: { requestId: id, currentVersion: { gt: 0 } } })]);
    const approved = new Set(docs.filter((d) => d.status === "approved").map((d) => d.docType));
    const notApproved = reqs.filter((q) => q.isRequired && !approved.has(q.docType)).map((q) => q.docType);
    if (notApproved.length || approved.size === 0) {
      const names = notApproved.length ? notApproved : docs.map((d) => d.docType);
      throw new DomainError("DOCUMENTS_NOT_APPROVED", "approve the required documents first", 422, namedDocuments(names));
    }
    const now = new Date();
    return moveRequest(deps, ctx, tx, id, "approved", {
      action: "verification.approve", data: { decidedById: ctx.actor.id, decidedAt: now, decisionReason: null, claimedById: null, claimedAt: null },
      effects: async (t, after) => void (await issueBadgeInTx(deps, ctx, t, after, now)),
      events: (a) => [{ name: E.APPROVED, payload: { requestId: id, userId: a.requesterId, badgeType: a.badgeType } }],
    });
  });
}

/** Rejects the request with a reason (optionally one of the listed reasons). */
export async function rejectVerificationRequest(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof rejectRequestSchema>): Promise<VerificationRequest> {
  const data = rejectRequestSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    await lockForReview(tx, ctx, id);
    await requireReason(tx, data.reasonCode, "reason_code");
    return moveRequest(deps, ctx, tx, id, "rejected", {
      action: "verification.reject", note: data.reason,
      data: { decidedById: ctx.actor.id, decidedAt: new Date(), decisionReason: data.reason, claimedById: null, claimedAt: null },
      events: (a) => [{ name: E.REJECTED, payload: { requestId: id, userId: a.requesterId, reason: data.reason, reasonCode: data.reasonCode ?? null } }],
    });
  });
}

/** Asks the provider for new versions of the named documents, with a message; the claim is released. */
export async function requestVerificationChanges(deps: Deps, ctx: Ctx, id: number, input: z.input<typeof requestChangesSchema>): Promise<VerificationRequest> {
  const data = requestChangesSchema.parse(input);
  return deps.db.$transaction(async (tx) => {
    const r = await lockForReview(tx, ctx, id);
    const accepted = new Set((await requirementsFor(tx, r.badgeType as BadgeKind)).map((q) => q.docType));
    const foreign = data.docTypes.filter((t) => !accepted.has(t));
    if (foreign.length) throw new DomainError("DOCUMENT_TYPE_NOT_ACCEPTED", "not a document of this badge", 422, { ...namedDocuments([...accepted], "accepted"), fields: { doc_types: "DOCUMENT_TYPE_NOT_ACCEPTED" } });
    return moveRequest(deps, ctx, tx, id, "changes_requested", {
      action: "verification.request_changes", note: data.message,
      data: { decidedById: ctx.actor.id, decidedAt: new Date(), decisionReason: data.message, requestedDocTypes: data.docTypes, claimedById: null, claimedAt: null },
      events: (a) => [{ name: E.CHANGES_REQUESTED, payload: { requestId: id, userId: a.requesterId, message: data.message, documents: data.docTypes } }],
    });
  });
}

/** Staff cancel an open request with a reason (its unpaid invoice is voided). */
export async function cancelVerificationRequestByStaff(deps: Deps, ctx: Ctx, id: number, reason: string): Promise<VerificationRequest> {
  const why = reasonSchema.parse(reason);
  return deps.db.$transaction(async (tx) => {
    if (!(await lockRow(tx, "verification_verificationrequest", id))) throw new NotFoundError("VerificationRequest", id);
    return cancelInTx(deps, ctx, tx, await tx.verificationRequest.findUniqueOrThrow({ where: { id } }), why);
  });
}
