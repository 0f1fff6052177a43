/**
 * Verification in the public API: what each badge asks for, and a provider's own requests —
 * open one, upload documents (multipart, streamed, typed from the bytes; every upload of a type
 * is a new version), submit (a priced badge answers with its invoice to pay through
 * /invoices/{id}/pay), withdraw, and read status, reasons and what the reviewer asks for.
 */
import { z } from "zod";
import * as verification from "../domains/verification/index.js";
import { readSetting } from "../domains/backoffice/settings.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { fileRoute } from "./stored-files.js";
import { currency, dbId, dbIdFromString, idParam, isoDateTime, money } from "./schemas/common.js";

const TAG = "Verification";
const names = z.object({ ar: z.string(), en: z.string() });
const badgeType = z.enum(verification.BADGE_TYPES);
const docType = z.enum(verification.DOC_TYPES);
const reviewStatus = z.enum(verification.DOCUMENT_STATUSES);

const requirementSchema = z.object({ doc_type: docType, is_required: z.boolean(), name: names }).meta({ id: "VerificationRequirement" });

const versionSchema = z
  .object({
    id: dbId,
    version: z.number().int(),
    file_name: z.string(),
    mime_type: z.string(),
    size_bytes: z.number().int(),
    expires_on: z.string().nullable().meta({ description: "The expiry printed on the document (YYYY-MM-DD), as stated at upload." }),
    uploaded_at: isoDateTime,
    file_url: z.string().meta({ description: "GET with your bearer token to download the file." }),
  })
  .meta({ id: "VerificationDocumentVersion" });

const documentSchema = z
  .object({
    id: dbId,
    doc_type: docType,
    name: names,
    status: reviewStatus.meta({ description: "The review of the latest version: pending, approved, rejected or needs_review." }),
    current_version: z.number().int(),
    latest_review: z
      .object({ decision: reviewStatus, reason: names.nullable(), note: z.string().nullable(), created_at: isoDateTime })
      .nullable()
      .meta({ description: "The reviewer's latest decision on this document, with the reason in both languages when rejected." }),
    versions: z.array(versionSchema).meta({ description: "Newest first; earlier versions are kept." }),
  })
  .meta({ id: "VerificationDocument" });

const requestSchema = z
  .object({
    id: dbId,
    badge_type: badgeType,
    status: z.enum(verification.VERIFICATION_STATUSES),
    note: z.string().nullable(),
    submitted_at: isoDateTime.nullable(),
    decided_at: isoDateTime.nullable(),
    decision_reason: z.string().nullable().meta({ description: "Why it was rejected, or what the reviewer asks you to change." }),
    requested_documents: z.array(docType).meta({ description: "While changes_requested: the documents to upload again before resubmitting." }),
    invoice: z.object({ id: dbId, number: z.string(), status: z.string(), total: money, currency }).nullable(),
    badge: z.object({ badge_type: badgeType, issued_at: isoDateTime, expires_at: isoDateTime }).nullable(),
    documents: z.array(documentSchema),
    created_at: isoDateTime,
  })
  .meta({ id: "VerificationRequest" });

const requestDetailSchema = requestSchema.extend({ requirements: z.array(requirementSchema) }).meta({ id: "VerificationRequestDetail" });

type OwnRequest = Awaited<ReturnType<typeof verification.listOwnVerificationRequests>>[number];
type Reason = { code: string; labelAr: string; labelEn: string };

function requestOut(r: OwnRequest, reasons: Reason[]) {
  const label = (code: string | null) => {
    const x = code ? reasons.find((q) => q.code === code) : undefined;
    return x ? { ar: x.labelAr, en: x.labelEn } : null;
  };
  return {
    ...r,
    requestedDocuments: r.status === "changes_requested" ? r.requestedDocTypes : [],
    badge: r.badge && !r.badge.revokedAt ? r.badge : null,
    documents: r.documents.map((d) => ({
      ...d,
      name: verification.DOC_NAMES[d.docType as verification.DocType],
      latestReview: d.reviews[0] ? { ...d.reviews[0], reason: label(d.reviews[0].reasonCode) } : null,
      versions: d.versions.map((v) => ({ ...v, expiresOn: v.expiresOn?.toISOString().slice(0, 10) ?? null, fileUrl: `/api/v1/me/verification-documents/${v.id}/file` })),
    })),
  };
}

export function verificationRoutes(api: Api, c: ApiContext): void {
  const withStorage = { ...c.deps, storage: c.storage };

  api.route(
    {
      method: "get", path: "/verification/requirements", tag: TAG, auth: "none", summary: "What each badge asks for, and its fee",
      description: "Per badge type: the documents it takes (required or optional) and the fee in halalas (0 = free).",
      response: z.object({ items: z.array(z.object({ badge_type: badgeType, name: names, fee: money, currency, documents: z.array(requirementSchema) })) }).meta({ id: "VerificationRequirementList" }),
    },
    async () => {
      const fees = (await readSetting(c.deps.db, "verification_fees")) ?? {};
      const items = await Promise.all(
        verification.BADGE_TYPES.map(async (t) => ({
          badgeType: t, name: verification.BADGE_NAMES[t], fee: fees[t] ?? 0, currency: "SAR",
          documents: (await verification.requirementsFor(c.deps.db, t)).map((q) => ({ ...q, name: verification.DOC_NAMES[q.docType as verification.DocType] })),
        })),
      );
      return { items };
    },
  );

  api.route(
    {
      method: "post", path: "/me/verification-requests", tag: TAG, auth: "provider", summary: "Open a verification request (a draft)",
      description: "One open request per badge type (409 VERIFICATION_REQUEST_OPEN); a badge that is still valid for more than 30 days cannot be renewed yet (409 BADGE_STILL_VALID).",
      body: z.object({ badge_type: badgeType, note: z.string().trim().max(1000).nullable().optional() }).strict(),
      response: requestDetailSchema, status: 201, idempotent: true, errors: [409],
    },
    async ({ body, ctx, user }) => {
      const r = await verification.createVerificationRequest(c.deps, ctx, { badgeType: body.badge_type, note: body.note });
      return detail(r.id, user.id);
    },
  );

  api.route(
    {
      method: "get", path: "/me/verification-requests", tag: TAG, auth: "provider", summary: "My verification requests, newest first",
      query: z.object(pageQuery), response: pageOf(requestSchema, "VerificationRequestPage"),
    },
    async ({ query, user }) => {
      const [rows, reasons] = await Promise.all([verification.listOwnVerificationRequests(c.deps, user.id, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor) }), verification.reasonLabels(c.deps)]);
      const page = paginate(rows, query.limit, (r) => r.id);
      return { ...page, items: page.items.map((r) => requestOut(r, reasons)) };
    },
  );

  const detail = async (id: number, userId: number) => {
    const r = await verification.getOwnVerificationRequest(c.deps, userId, id);
    return { ...requestOut(r, r.reasons), requirements: r.requirements.map((q) => ({ ...q, name: verification.DOC_NAMES[q.docType as verification.DocType] })) };
  };

  api.route(
    { method: "get", path: "/me/verification-requests/{id}", tag: TAG, auth: "provider", summary: "One of my verification requests", params: idParam, response: requestDetailSchema },
    ({ params, user }) => detail(params.id, user.id),
  );

  api.route(
    {
      method: "post", path: "/me/verification-requests/{id}/documents", tag: TAG, auth: "provider", summary: "Upload a document (a new version of its type)",
      description:
        "multipart/form-data with `doc_type`, optional `expires_on` (YYYY-MM-DD, the expiry printed on the document) and `file` (JPEG, PNG or PDF, decided from the bytes; " +
        "size limit from the verification_upload_max_bytes setting, 10 MB by default). Only while the request is a draft or changes were asked for.",
      params: idParam,
      multipart: {
        fields: z.object({ doc_type: docType, expires_on: z.string().optional().meta({ description: "YYYY-MM-DD" }) }).strict(),
        allowed: verification.DOCUMENT_MIME_TYPES,
        maxBytes: async () => (await readSetting(c.deps.db, "verification_upload_max_bytes")) ?? 10_000_000,
        tempDir: () => c.storage.tempDir(),
        fileDescription: "The document: JPEG, PNG or PDF.",
      },
      response: requestDetailSchema, status: 201, errors: [409, 422],
    },
    async ({ params, fields, file, ctx, user }) => {
      await verification.uploadVerificationDocument(withStorage, ctx, params.id, { docType: fields.doc_type, expiresOn: fields.expires_on }, file);
      return detail(params.id, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/verification-requests/{id}/submit", tag: TAG, auth: "provider", summary: "Submit for review (or resubmit after changes)",
      description:
        "From a draft: every required document must be uploaded (422 DOCUMENTS_MISSING). A priced badge answers with status pending_payment and its `invoice`: pay it with POST /invoices/{id}/pay; " +
        "once paid the request is in review. After changes_requested: every requested document needs a new version first.",
      params: idParam, response: requestDetailSchema, errors: [409, 422],
    },
    async ({ params, ctx, user }) => {
      await verification.submitVerificationRequest(c.deps, ctx, params.id);
      return detail(params.id, user.id);
    },
  );

  api.route(
    { method: "post", path: "/me/verification-requests/{id}/cancel", tag: TAG, auth: "provider", summary: "Withdraw a request (its unpaid invoice is voided)", params: idParam, response: requestDetailSchema, errors: [409] },
    async ({ params, ctx, user }) => {
      await verification.cancelOwnVerificationRequest(c.deps, ctx, params.id);
      return detail(params.id, user.id);
    },
  );

  fileRoute(api, c.storage, {
    path: "/me/verification-documents/{id}/file", tag: TAG, auth: "user", summary: "Download one of my document versions",
    description: "Only the provider who uploaded it (404 for anyone else). Served with the type detected from the bytes, `nosniff` and a `sandbox` CSP.",
    params: z.object({ id: dbIdFromString.meta({ description: "Document version id" }) }),
    allowed: verification.DOCUMENT_MIME_TYPES,
    load: async ({ params, userId }) => {
      const v = await verification.getOwnDocumentVersionFile(c.deps, userId!, params.id);
      return { key: v.storageKey, disposition: "attachment", filename: v.fileName, entity: "VerificationDocumentVersion", id: params.id };
    },
  });
}
