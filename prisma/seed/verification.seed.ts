/**
 * Verification demo data: provider requests in every status with documents, uploaded versions
 * (a re-upload after "changes requested" keeps v1), per-version reviews, status history, the
 * invoices of paid badges and the verified badges issued on approval.
 */
import { createHash } from "node:crypto";
import type { ActorType, BadgeType, DocumentReviewStatus, VerificationDocType, VerificationRequestStatus } from "@prisma/client";
import type { InvoiceBook } from "./billing.seed.js";
import { auditAt, count, type SeedContext } from "./context.js";
import type { People, SeededProvider } from "./people.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { addDays, addHours, daysAgo, minDate } from "./time.js";
import { certificatePdf, identityCardPng } from "./demo-files.js";

/** Badge fees in halalas (identity is free); also stored as the verification_fees setting. */
export const VERIFICATION_FEES: Record<BadgeType, number> = { identity: 0, business: 19_900, professional: 14_900 };
/** How long a badge is valid. */
export const BADGE_VALIDITY_DAYS = 365;

interface Step {
  to: VerificationRequestStatus;
  by: ActorType;
  /** hours after the previous step */
  after: number;
  note?: string;
}

interface VersionStory {
  /** index of the step at which it was uploaded (just before that step) */
  at: number;
  review?: { at: number; decision: DocumentReviewStatus; reasonCode?: string; note?: string };
}

interface Story {
  provider: number;
  badge: BadgeType;
  startDaysAgo: number;
  note?: string;
  steps: Step[];
  docs: { type: VerificationDocType; versions: VersionStory[] }[];
  /** step index at which the staff member claimed it */
  claimedAt?: number;
  payment?: "issued" | "paid";
  reason?: string;
}

const submitPaid: Step[] = [
  { to: "draft", by: "provider", after: 0 },
  { to: "pending_payment", by: "provider", after: 0.5 },
  { to: "in_review", by: "system", after: 3 },
];
const submitFree: Step[] = [
  { to: "draft", by: "provider", after: 0 },
  { to: "in_review", by: "provider", after: 0.4 },
];

/** One request per status (draft … cancelled), including an approval after requested changes. */
const STORIES: Story[] = [
  {
    provider: 11, badge: "business", startDaysAgo: 70, payment: "paid", claimedAt: 3,
    steps: [...submitPaid, { to: "approved", by: "staff", after: 20, note: "السجل التجاري ساري ومطابق" }],
    docs: [{ type: "commercial_registration", versions: [{ at: 1, review: { at: 3, decision: "approved" } }] }],
  },
  {
    provider: 0, badge: "identity", startDaysAgo: 38, claimedAt: 2,
    steps: [
      ...submitFree,
      { to: "changes_requested", by: "staff", after: 18, note: "صورة الهوية غير واضحة، الرجاء رفع صورة أوضح للوجهين" },
      { to: "in_review", by: "provider", after: 26, note: "تم رفع نسخة جديدة" },
      { to: "approved", by: "staff", after: 6 },
    ],
    docs: [{ type: "national_id", versions: [{ at: 1, review: { at: 2, decision: "rejected", reasonCode: "unreadable", note: "الصورة مهتزة ولا تظهر تاريخ الانتهاء" } }, { at: 3, review: { at: 4, decision: "approved" } }] }],
  },
  {
    provider: 5, badge: "professional", startDaysAgo: 352, payment: "paid", claimedAt: 3,
    steps: [...submitPaid, { to: "approved", by: "staff", after: 30 }],
    docs: [
      { type: "professional_license", versions: [{ at: 1, review: { at: 3, decision: "approved", note: "رخصة مهنية من هيئة تقويم التعليم" } }] },
      { type: "national_id", versions: [{ at: 1, review: { at: 3, decision: "approved" } }] },
    ],
  },
  {
    provider: 3, badge: "business", startDaysAgo: 55, payment: "paid", claimedAt: 3,
    steps: [...submitPaid, { to: "approved", by: "staff", after: 9 }],
    docs: [{ type: "commercial_registration", versions: [{ at: 1, review: { at: 3, decision: "approved" } }] }],
  },
  {
    provider: 6, badge: "professional", startDaysAgo: 3, payment: "paid", claimedAt: 2,
    steps: [...submitPaid],
    docs: [
      { type: "freelance_certificate", versions: [{ at: 1, review: { at: 2, decision: "approved" } }] },
      { type: "other", versions: [{ at: 1, review: { at: 2, decision: "needs_review", note: "شهادة دورة التصوير تحتاج تحقق من الجهة المانحة" } }] },
    ],
  },
  {
    provider: 12, badge: "identity", startDaysAgo: 1, note: "I am a resident; my iqama is attached.",
    steps: [...submitFree],
    docs: [{ type: "iqama", versions: [{ at: 1 }] }],
  },
  {
    provider: 8, badge: "business", startDaysAgo: 12, payment: "paid", claimedAt: 3,
    steps: [...submitPaid, { to: "changes_requested", by: "staff", after: 22, note: "السجل التجاري منتهي، الرجاء رفع السجل بعد التجديد" }],
    docs: [{ type: "commercial_registration", versions: [{ at: 1, review: { at: 3, decision: "rejected", reasonCode: "expired", note: "تاريخ الانتهاء المدوّن على السجل قد مضى" } }] }],
  },
  {
    provider: 2, badge: "business", startDaysAgo: 2,
    payment: "issued",
    steps: [{ to: "draft", by: "provider", after: 0 }, { to: "pending_payment", by: "provider", after: 1 }],
    docs: [{ type: "commercial_registration", versions: [{ at: 1 }] }],
  },
  {
    provider: 10, badge: "professional", startDaysAgo: 25, payment: "paid", claimedAt: 3,
    reason: "الترخيص المرفق صادر لمنشأة أخرى ولا يخص مقدم الخدمة",
    steps: [...submitPaid, { to: "rejected", by: "staff", after: 28, note: "الترخيص المرفق صادر لمنشأة أخرى ولا يخص مقدم الخدمة" }],
    docs: [{ type: "professional_license", versions: [{ at: 1, review: { at: 3, decision: "rejected", reasonCode: "name_mismatch", note: "اسم المنشأة لا يطابق" } }] }],
  },
  {
    provider: 13, badge: "business", startDaysAgo: 6, note: "Will upload the CR once it is renewed.",
    steps: [{ to: "draft", by: "provider", after: 0 }],
    docs: [{ type: "commercial_registration", versions: [] }],
  },
  {
    provider: 4, badge: "identity", startDaysAgo: 30,
    steps: [{ to: "draft", by: "provider", after: 0 }, { to: "cancelled", by: "provider", after: 30, note: "سأعيد التقديم لاحقًا" }],
    docs: [{ type: "national_id", versions: [] }],
  },
];

const DOC_NAMES: Record<VerificationDocType, string> = {
  national_id: "national-id", iqama: "iqama", commercial_registration: "commercial-registration",
  professional_license: "professional-license", freelance_certificate: "freelance-document", other: "certificate",
};

const isCard = (t: VerificationDocType) => t === "national_id" || t === "iqama";

/**
 * The file of one demo document version: an ID card image or a certificate PDF drawn from the
 * provider's details, written to storage when the seed has one (the rows name it either way).
 */
async function demoDocument(sc: SeedContext, type: VerificationDocType, p: SeededProvider, requestId: number, vi: number, uploadedAt: Date, expired: boolean) {
  const number = `${type === "commercial_registration" ? "1010" : type === "iqama" ? "2" : "1"}${String(100_000 + ((p.user.id * 7919 + vi * 104_729) % 899_999)).padStart(6, "0")}${vi}`;
  // A document rejected as expired states a date already past; the others run two more years.
  const expiresOn = new Date(Date.UTC(uploadedAt.getUTCFullYear() + (expired ? 0 : 2), uploadedAt.getUTCMonth() - (expired ? 2 : 0), 1));
  const bytes = isCard(type)
    ? identityCardPng({ kind: type as "national_id" | "iqama", number, holder: p.user.fullName })
    : await certificatePdf({
        titleAr: TITLES[type].ar, titleEn: TITLES[type].en,
        issuerAr: "وزارة التجارة", issuerEn: "Ministry of Commerce",
        fields: [
          ["الاسم", "Name", p.profile.displayName],
          ["الرقم", "Number", number],
          ["المدينة", "City", p.profile.city],
          ["تاريخ الإصدار", "Issued", uploadedAt.toISOString().slice(0, 10)],
          ["تاريخ الانتهاء", "Expires", expiresOn.toISOString().slice(0, 10)],
        ],
        qr: `https://example.invalid/verify/${number}`,
      });
  const ext = isCard(type) ? "png" : "pdf";
  const key = sc.storage ? await sc.storage.put(`verification/${requestId}`, bytes, ext) : `demo/verification/${requestId}/${DOC_NAMES[type]}-v${vi + 1}.${ext}`;
  return { bytes, ext, mime: isCard(type) ? "image/png" : "application/pdf", key, expiresOn };
}

const TITLES: Record<VerificationDocType, { ar: string; en: string }> = {
  national_id: { ar: "الهوية الوطنية", en: "National ID" },
  iqama: { ar: "هوية مقيم", en: "Resident ID" },
  commercial_registration: { ar: "شهادة السجل التجاري", en: "Commercial Registration Certificate" },
  professional_license: { ar: "الترخيص المهني", en: "Professional Licence" },
  freelance_certificate: { ar: "وثيقة العمل الحر", en: "Freelance Work Document" },
  other: { ar: "شهادة", en: "Certificate" },
};

/** Creates the verification requests and badges; providers holding a valid badge become verified. */
export async function seedVerification(sc: SeedContext, people: People, staff: StaffByRole, book: InvoiceBook): Promise<void> {
  const rng = sc.rng("verification");
  const reviewer = staff.verification;
  for (const s of STORIES) {
    const p: SeededProvider = people.providers[s.provider]!;
    let t = daysAgo(sc.now, s.startDaysAgo, rng.float(9, 21));
    const times = s.steps.map((st) => (t = addHours(t, st.after)));
    const last = s.steps[s.steps.length - 1]!;
    const submitIdx = s.steps.findIndex((st) => st.to === "pending_payment" || (st.to === "in_review" && st.by === "provider"));
    const decided = last.to === "approved" || last.to === "rejected" || last.to === "changes_requested" ? times[times.length - 1]! : null;
    const lastIdx = s.steps.length - 1;
    // Claimed just before the decision it led to; a request still in review was claimed after it arrived.
    const stillInReview = last.to === "in_review";
    const claimTime = s.claimedAt === undefined ? null
      : stillInReview && s.claimedAt === lastIdx ? minDate(addHours(times[lastIdx]!, rng.float(1, 3)), addHours(sc.now, -1))
      : addHours(times[s.claimedAt]!, -rng.float(0.5, 2));
    const reviewTime = (at: number, k: number) => (stillInReview && at === lastIdx && claimTime ? addHours(claimTime, 0.3 + k * 0.2) : addHours(times[at]!, -0.05));

    let invoiceId: number | null = null;
    if (s.payment) {
      const fee = VERIFICATION_FEES[s.badge];
      const paidIdx = s.steps.findIndex((st) => st.to === "in_review" && st.by === "system");
      const invoice = await book.issue({
        userId: p.user.id,
        purpose: "verification",
        lines: [{ descriptionAr: `رسوم توثيق ${s.badge === "business" ? "السجل التجاري (شارة منشأة موثقة)" : "الترخيص المهني (شارة مهني موثق)"}`, descriptionEn: `${s.badge === "business" ? "Business" : "Professional"} verification badge fee`, unitAmount: fee }],
        issuedAt: times[submitIdx]!,
        status: s.payment,
        paidAt: paidIdx >= 0 ? addHours(times[paidIdx]!, -0.01) : undefined,
        payment: s.payment === "issued" ? "checkout_open" : s.provider === 10 ? "stripe_after_failure" : "stripe",
      });
      invoiceId = invoice.id;
    }

    const request = await sc.tx.verificationRequest.create({
      data: {
        requesterId: p.user.id,
        badgeType: s.badge,
        status: last.to,
        note: s.note ?? null,
        submittedAt: submitIdx >= 0 ? times[submitIdx]! : null,
        // A decision releases the claim; only requests still in review are held by someone.
        claimedById: s.claimedAt !== undefined && stillInReview ? reviewer.id : null,
        claimedAt: stillInReview ? claimTime : null,
        decidedById: decided && last.by === "staff" ? reviewer.id : null,
        decisionReason: last.to === "rejected" ? (s.reason ?? last.note ?? null) : last.to === "changes_requested" ? (last.note ?? null) : null,
        decidedAt: decided,
        invoiceId,
        queuedAt: (() => {
          const k = s.steps.findIndex((st) => st.to === "in_review");
          return k >= 0 ? times[k]! : null;
        })(),
        requestedDocTypes: last.to === "changes_requested" ? s.docs.filter((d) => d.versions.some((v) => v.review?.decision === "rejected")).map((d) => d.type) : [],
        createdAt: times[0]!,
        updatedAt: times[times.length - 1]!,
      },
    });
    await sc.tx.verificationStatusLog.createMany({
      data: s.steps.map((st, k) => ({
        requestId: request.id,
        fromStatus: k === 0 ? null : s.steps[k - 1]!.to,
        toStatus: st.to,
        actorType: st.by,
        actorId: st.by === "provider" ? p.user.id : st.by === "staff" ? reviewer.id : null,
        note: st.note ?? null,
        createdAt: times[k]!,
      })),
    });
    for (const [k, st] of s.steps.entries()) {
      const action = st.to === "draft" ? "create" : st.to === "pending_payment" ? "submit" : st.to === "in_review" ? (st.by === "system" ? "payment_received" : k > 1 ? "resubmit" : "submit")
        : st.to === "changes_requested" ? "request_changes" : st.to === "approved" ? "approve" : st.to === "rejected" ? "reject" : "cancel";
      const who = st.by === "provider" ? p.user : st.by === "staff" ? reviewer : null;
      auditAt(sc, times[k]!, who, `verification.${action}`, "VerificationRequest", request.id, k === 0 ? {} : { status: { before: s.steps[k - 1]!.to, after: st.to }, ...(st.note ? { _meta: { note: st.note } } : {}) });
    }
    if (claimTime) auditAt(sc, claimTime, reviewer, "verification.claim", "VerificationRequest", request.id, { claimedById: { before: null, after: reviewer.id } });
    count(sc, "verification_verificationrequest");
    count(sc, "verification_verificationstatuslog", s.steps.length);

    for (const [docIdx, d] of s.docs.entries()) {
      const finalReview = [...d.versions].reverse().find((v) => v.review)?.review;
      const latestVersion = d.versions[d.versions.length - 1];
      // A version uploaded after its predecessor's review is pending until reviewed itself.
      const status: DocumentReviewStatus = latestVersion?.review ? latestVersion.review.decision : "pending";
      const doc = await sc.tx.verificationDocument.create({
        data: { requestId: request.id, docType: d.type, status, currentVersion: d.versions.length, createdAt: times[0]!, updatedAt: finalReview ? reviewTime(finalReview.at, docIdx) : times[0]! },
      });
      count(sc, "verification_verificationdocument");
      for (const [vi, v] of d.versions.entries()) {
        const uploadedAt = addHours(times[v.at]!, -rng.float(0.05, 0.3));
        const file = await demoDocument(sc, d.type, p, request.id, vi, uploadedAt, v.review?.reasonCode === "expired");
        const version = await sc.tx.verificationDocumentVersion.create({
          data: {
            documentId: doc.id, version: vi + 1,
            fileName: `${DOC_NAMES[d.type]}${vi > 0 ? `-${vi + 1}` : ""}.${file.ext}`,
            mimeType: file.mime,
            sizeBytes: file.bytes.length,
            storageKey: file.key,
            sha256: createHash("sha256").update(file.bytes).digest("hex"),
            expiresOn: file.expiresOn,
            uploadedAt,
          },
        });
        count(sc, "verification_verificationdocumentversion");
        if (v.review) {
          await sc.tx.verificationDocumentReview.create({
            data: { documentId: doc.id, versionId: version.id, reviewerId: reviewer.id, decision: v.review.decision, reasonCode: v.review.reasonCode ?? null, note: v.review.note ?? null, createdAt: reviewTime(v.review.at, docIdx) },
          });
          count(sc, "verification_verificationdocumentreview");
        }
      }
    }

    if (last.to === "approved") {
      const issuedAt = times[times.length - 1]!;
      const expiresAt = addDays(issuedAt, BADGE_VALIDITY_DAYS);
      const expiringSoon = expiresAt.getTime() - sc.now.getTime() < 30 * 86_400_000;
      await sc.tx.verifiedBadge.create({
        data: { userId: p.user.id, requestId: request.id, badgeType: s.badge, issuedAt, expiresAt, expiryNotifiedAt: expiringSoon ? daysAgo(sc.now, 1, 10) : null, createdAt: issuedAt, updatedAt: issuedAt },
      });
      await sc.tx.providerProfile.update({ where: { id: p.profile.id }, data: { isVerified: true } });
      count(sc, "verification_verifiedbadge");
    }
  }
}
