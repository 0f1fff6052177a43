/**
 * Reads for the provider (own requests with what is asked for), the reviewers' queue and the
 * review workspace (documents with their version history, the provider's earlier requests, and
 * warnings: the same file under another provider, a stated expiry that has passed).
 */
import type { Deps } from "../../platform/deps.js";
import { NotFoundError } from "../../platform/errors.js";
import type { QueueView } from "./verification.schemas.js";
import type { Prisma } from "@prisma/client";
import { queueViews } from "../../platform/review-queue.js";
import { claimIdleMs, verificationQueue } from "./verification-review.service.js";
import { requirementsFor } from "./verification.service.js";
import { nextStatuses } from "../../platform/transitions.js";
import { verificationMachine, type BadgeKind, type VerificationStatus } from "./verification.status.js";

const versionSelect = { id: true, version: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, expiresOn: true, uploadedAt: true } as const;

const ownInclude = {
  documents: {
    orderBy: { id: "asc" as const },
    include: {
      versions: { orderBy: { version: "desc" as const }, select: versionSelect },
      reviews: { orderBy: { id: "desc" as const }, take: 1, select: { decision: true, reasonCode: true, note: true, createdAt: true, versionId: true } },
    },
  },
  badge: { select: { badgeType: true, issuedAt: true, expiresAt: true, revokedAt: true } },
  invoice: { select: { id: true, number: true, status: true, total: true, currency: true } },
} as const;

/** A provider's requests, newest first. */
export function listOwnVerificationRequests(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  return deps.db.verificationRequest.findMany({
    where: { requesterId: userId, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
    include: ownInclude,
  });
}

/** One of the provider's requests with its documents, versions, latest reviews and what it needs. */
export async function getOwnVerificationRequest(deps: Deps, userId: number, id: number) {
  const r = await deps.db.verificationRequest.findFirst({ where: { id, requesterId: userId }, include: ownInclude });
  if (!r) throw new NotFoundError("VerificationRequest", id);
  const [requirements, reasons] = await Promise.all([requirementsFor(deps.db, r.badgeType as BadgeKind), reasonLabels(deps)]);
  return { ...r, requirements, reasons };
}

/** Rejection reasons by code, for showing a document's latest review in words. */
export async function reasonLabels(deps: Deps) {
  return deps.db.verificationRejectionReason.findMany({ where: { isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { code: true, labelAr: true, labelEn: true } });
}

/** The storage key of a version of the provider's own document (404 for anyone else's). */
export async function getOwnDocumentVersionFile(deps: Deps, userId: number, versionId: number) {
  const v = await deps.db.verificationDocumentVersion.findFirst({ where: { id: versionId, document: { request: { requesterId: userId } } }, select: { storageKey: true, fileName: true, mimeType: true } });
  if (!v) throw new NotFoundError("VerificationDocumentVersion", versionId);
  return v;
}

/** Any version's file, for staff (the panel route checks the role). */
export async function getDocumentVersionFile(deps: Deps, versionId: number) {
  const v = await deps.db.verificationDocumentVersion.findUnique({ where: { id: versionId }, select: { storageKey: true, fileName: true, mimeType: true } });
  if (!v) throw new NotFoundError("VerificationDocumentVersion", versionId);
  return v;
}

export interface QueueRow {
  id: number;
  badgeType: string;
  provider: string;
  queuedAt: Date | null;
  ageHours: number;
  claimedBy: string | null;
  claimedById: number | null;
  claimLive: boolean;
  resubmitted: boolean;
}

/** Requests in review, oldest in the queue first: unclaimed (or lapsed), mine, or all. */
export async function listReviewQueue(deps: Deps, staffId: number, view: QueueView, limit = 100): Promise<{ rows: QueueRow[]; counts: Record<QueueView, number> }> {
  const idle = await claimIdleMs(deps.db);
  const now = Date.now();
  const liveSince = new Date(now - idle);
  const views = queueViews(verificationQueue, staffId, liveSince) as Record<QueueView, Prisma.VerificationRequestWhereInput>;
  const [rows, cUnclaimed, cMine, cAll] = await Promise.all([
    deps.db.verificationRequest.findMany({
      where: views[view], orderBy: [{ queuedAt: "asc" }, { id: "asc" }], take: limit,
      include: { requester: { select: { fullName: true, providerProfile: { select: { displayName: true } } } }, claimedBy: { select: { fullName: true } }, statusLogs: { where: { fromStatus: "changes_requested" }, select: { id: true }, take: 1 } },
    }),
    deps.db.verificationRequest.count({ where: views.unclaimed }),
    deps.db.verificationRequest.count({ where: views.mine }),
    deps.db.verificationRequest.count({ where: views.all }),
  ]);
  return {
    counts: { unclaimed: cUnclaimed, mine: cMine, all: cAll },
    rows: rows.map((r) => ({
      id: r.id,
      badgeType: r.badgeType,
      provider: r.requester.providerProfile?.displayName ?? r.requester.fullName,
      queuedAt: r.queuedAt,
      ageHours: r.queuedAt ? Math.floor((now - r.queuedAt.getTime()) / 3600_000) : 0,
      claimedBy: r.claimedBy?.fullName ?? null,
      claimedById: r.claimedById,
      claimLive: !!r.claimedAt && r.claimedAt.getTime() >= liveSince.getTime(),
      resubmitted: r.statusLogs.length > 0,
    })),
  };
}

/** Everything a reviewer needs to decide one request, in one read. */
export async function getReviewWorkspace(deps: Deps, id: number, staffId: number) {
  const r = await deps.db.verificationRequest.findUnique({
    where: { id },
    include: {
      requester: { select: { id: true, fullName: true, phone: true, email: true, createdAt: true, providerProfile: { select: { id: true, displayName: true, city: true, isVerified: true, ratingAvg: true, ratingCount: true, createdAt: true } } } },
      claimedBy: { select: { id: true, fullName: true } },
      decidedBy: { select: { fullName: true } },
      invoice: { select: { id: true, number: true, status: true, total: true, currency: true, paidAt: true } },
      badge: true,
      documents: {
        orderBy: { id: "asc" },
        include: {
          versions: { orderBy: { version: "desc" }, select: versionSelect },
          reviews: { orderBy: { id: "desc" }, include: { reviewer: { select: { fullName: true } } } },
        },
      },
      statusLogs: { orderBy: { id: "asc" }, include: { actor: { select: { fullName: true } } } },
    },
  });
  if (!r) throw new NotFoundError("VerificationRequest", id);
  const hashes = r.documents.flatMap((d) => d.versions.map((v) => v.sha256));
  const [earlier, duplicates, requirements, reasons, idle] = await Promise.all([
    deps.db.verificationRequest.findMany({ where: { requesterId: r.requesterId, id: { not: id } }, orderBy: { id: "desc" }, take: 20, select: { id: true, badgeType: true, status: true, decisionReason: true, decidedAt: true, createdAt: true } }),
    hashes.length
      ? deps.db.verificationDocumentVersion.findMany({
          where: { sha256: { in: hashes }, document: { request: { requesterId: { not: r.requesterId } } } },
          select: { sha256: true, document: { select: { requestId: true, request: { select: { requester: { select: { id: true, fullName: true } } } } } } },
          take: 50,
        })
      : Promise.resolve([]),
    requirementsFor(deps.db, r.badgeType as BadgeKind),
    reasonLabels(deps),
    claimIdleMs(deps.db),
  ]);
  const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
  const claimLive = !!r.claimedAt && Date.now() - r.claimedAt.getTime() < idle;
  return {
    request: r,
    requirements,
    reasons,
    earlier,
    claim: { byId: claimLive ? r.claimedById : null, by: claimLive ? (r.claimedBy?.fullName ?? null) : null, mine: claimLive && r.claimedById === staffId },
    warnings: {
      duplicates: duplicates.map((d) => ({ sha256: d.sha256, requestId: d.document.requestId, providerId: d.document.request.requester.id, provider: d.document.request.requester.fullName })),
      expired: r.documents.flatMap((d) => d.versions.filter((v) => v.expiresOn && v.expiresOn < today).map((v) => ({ documentId: d.id, versionId: v.id, expiresOn: v.expiresOn!.toISOString().slice(0, 10) }))),
    },
    /** What the machine allows from here (the page offers exactly these decisions). */
    moves: nextStatuses(verificationMachine, r.status as VerificationStatus),
  };
}
