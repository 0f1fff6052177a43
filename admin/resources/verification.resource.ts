/**
 * Verification review in the panel: the reviewers' queue (unclaimed / mine / all, claim, next,
 * bulk assign), the review workspace of one request (documents inline with their versions,
 * per-version decisions, the provider's history, warnings, and the request's decisions), staff
 * cancel, and the authenticated route that serves document files to reviewers. Every change is
 * a verification domain command; what a request offers comes from its state machine.
 */
import type { ResourceOptions } from "adminjs";
import type { Router } from "express";
import type { Deps } from "../../src/platform/deps.js";
import type { Storage } from "../../src/platform/storage.js";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import * as verification from "../../src/domains/verification/index.js";
import { canTransition } from "../../src/platform/transitions.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { queueAction, workspaceAction } from "../actions/review-actions.js";
import { Components } from "../components.js";
import { customActionRoles } from "../access.js";
import { staffCtx, staffLanguage } from "../request-context.js";
import { storedFileRoute } from "../file-route.js";

const REVIEW = "VerificationRequest.review";
const QUEUE = "VerificationRequest.queue";
const ASSIGN = "VerificationRequest.assign";

/** Where a reviewer's browser fetches a document version (the route below checks the role). */
export const fileUrl = (versionId: number) => `/admin/verification/files/${versionId}`;

/** The workspace as the page draws it: the domain's read plus file URLs and names in both languages. */
async function workspaceView(deps: Deps, id: number, staff: StaffSession) {
  const ws = await verification.getReviewWorkspace(deps, id, staff.id);
  const r = ws.request;
  return {
    ...ws,
    decisions: {
      canDecide: r.status === "in_review" && (ws.claim.mine || ws.claim.byId === null),
      approve: canTransition(verification.verificationMachine, r.status as verification.VerificationStatus, "approved"),
      reject: canTransition(verification.verificationMachine, r.status as verification.VerificationStatus, "rejected"),
      requestChanges: canTransition(verification.verificationMachine, r.status as verification.VerificationStatus, "changes_requested"),
    },
    badgeName: verification.BADGE_NAMES[r.badgeType as verification.BadgeKind],
    docNames: verification.DOC_NAMES,
    request: {
      ...r,
      documents: r.documents.map((d) => ({ ...d, versions: d.versions.map((v) => ({ ...v, url: fileUrl(v.id) })) })),
    },
  };
}

type Op =
  | { op: "claim" | "release" | "approve" }
  | { op: "reviewDocument"; versionId: string; decision: string; reasonCode?: string; note?: string }
  | { op: "reject"; reason: string; reasonCode?: string }
  | { op: "requestChanges"; message: string; docTypes: string };

/** Runs one workspace command; answers the notice key (or the error text in the staff member's language). */
async function runOp(deps: Deps, staff: StaffSession, id: number, p: Op): Promise<{ message: string; type: "success" | "error" }> {
  const ctx = staffCtx(staff);
  try {
    switch (p.op) {
      case "claim":
        await verification.claimVerificationRequest(deps, ctx, id);
        return { message: "verificationClaimed", type: "success" };
      case "release":
        await verification.releaseVerificationRequest(deps, ctx, id);
        return { message: "verificationReleased", type: "success" };
      case "reviewDocument":
        await verification.reviewDocumentVersion(deps, ctx, Number(p.versionId), {
          decision: p.decision as (typeof verification.DOCUMENT_DECISIONS)[number],
          reasonCode: p.reasonCode || undefined,
          note: p.note?.trim() || undefined,
        });
        return { message: "documentReviewed", type: "success" };
      case "approve":
        await verification.approveVerificationRequest(deps, ctx, id);
        return { message: "verificationApproved", type: "success" };
      case "reject":
        await verification.rejectVerificationRequest(deps, ctx, id, { reason: p.reason, reasonCode: p.reasonCode || undefined });
        return { message: "verificationRejected", type: "success" };
      case "requestChanges":
        await verification.requestVerificationChanges(deps, ctx, id, { message: p.message, docTypes: String(p.docTypes ?? "").split(",").filter(Boolean) as verification.DocType[] });
        return { message: "verificationChangesRequested", type: "success" };
      default:
        return { message: "unknownOperation", type: "error" };
    }
  } catch (err) {
    return { message: errorMessage(err, staffLanguage(staff)), type: "error" };
  }
}

/** The per-model options for the verification models (merged into admin/index.ts perModel). */
export function verificationResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    VerificationRequest: {
      listProperties: ["id", "requester", "badgeType", "status", "queuedAt", "claimedBy"],
      filterProperties: ["status", "badgeType", "requester", "claimedBy", "decidedBy", "submittedAt", "createdAt"],
      sort: { sortBy: "id", direction: "desc" },
      properties: {
        decisionReason: { type: "textarea", isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        review: workspaceAction({
          action: REVIEW,
          component: Components.VerificationWorkspace,
          run: (staff, id, payload) => runOp(deps, staff, id, payload as Op),
          view: (staff, id) => workspaceView(deps, id, staff),
        }),
        queue: queueAction({
          action: QUEUE,
          component: Components.ReviewQueue,
          resourceId: "VerificationRequest",
          claimedMessage: "verificationClaimed",
          next: (ctx) => verification.claimNextVerificationRequest(deps, ctx),
          list: async (staff, view) => {
            const canAssign = customActionRoles(ASSIGN).includes(staff.role);
            const queue = await verification.listReviewQueue(deps, staff.id, view);
            const reviewers = canAssign
              ? await deps.db.user.findMany({ where: { userType: "staff", accessProfile: { role: { in: ["verification", "admin"] }, isActive: true } }, select: { id: true, fullName: true }, orderBy: { fullName: "asc" } })
              : [];
            const lang = staffLanguage(staff);
            const rows = queue.rows.map((r) => ({ ...r, subject: verification.BADGE_NAMES[r.badgeType as verification.BadgeKind][lang], flagKey: r.resubmitted ? "queueResubmitted" : null }));
            return { counts: queue.counts, rows, reviewers, canAssign, titleKey: "queueTitle", subjectKey: "queueBadge" };
          },
          other: async (staff, p) => {
            if (p.op !== "assign" || !customActionRoles(ASSIGN).includes(staff.role)) return undefined;
            try {
              const n = await verification.assignVerificationRequests(deps, staffCtx(staff), { ids: String(p.ids ?? "").split(",").filter(Boolean).map(Number), reviewerId: Number(p.reviewerId) });
              return { message: n ? "verificationsAssigned" : "nothingAssigned", type: n ? "success" : "info" };
            } catch (err) {
              return { message: errorMessage(err, staffLanguage(staff)), type: "error" };
            }
          },
        }),
        cancelByStaff: reasonAction({
          action: "VerificationRequest.cancelByStaff",
          moves: { machine: verification.verificationMachine, to: "cancelled" },
          run: (ctx, id, reason) => verification.cancelVerificationRequestByStaff(deps, ctx, id, reason),
          successMessage: "verificationCancelled",
        }),
      },
    },
    VerificationRequirement: {
      listProperties: ["badgeType", "docType", "isRequired", "sortOrder"],
      sort: { sortBy: "badgeType", direction: "asc" },
    },
    VerificationRejectionReason: {
      listProperties: ["code", "labelAr", "labelEn", "isActive", "sortOrder"],
      sort: { sortBy: "sortOrder", direction: "asc" },
    },
  };
}

/**
 * GET /admin/verification/files/:id — a document version's bytes for reviewers, typed from the
 * bytes (JPEG, PNG or PDF), shown inline so the workspace can draw images and embed PDFs; the page
 * may frame it (same origin only), nothing else may, and it can run nothing.
 */
export function verificationRoutes(router: Router, deps: Deps, storage: Storage): void {
  storedFileRoute(router, storage, {
    path: "/verification/files/:id",
    allowed: (role) => customActionRoles(REVIEW).includes(role),
    find: (id) => verification.getDocumentVersionFile(deps, id),
    mimeTypes: verification.DOCUMENT_MIME_TYPES,
    framable: true,
  });
}
