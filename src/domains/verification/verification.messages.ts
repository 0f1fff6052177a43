/** What providers and reviewers read when a verification rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const verificationMessages: Catalog = {
  VERIFICATION_REQUEST_OPEN: { en: "You already have an open request for this badge.", ar: "لديك طلب مفتوح لهذا التوثيق بالفعل." },
  BADGE_STILL_VALID: { en: "Your badge is valid until {expiresAt}; you can renew it in its last 30 days.", ar: "توثيقك ساري حتى {expiresAt}؛ يمكنك تجديده خلال آخر 30 يومًا من صلاحيته." },
  VERIFICATION_NOT_EDITABLE: { en: "Documents can be added only while the request is a draft or changes were asked for.", ar: "يمكن إضافة المستندات فقط والطلب مسودة أو بعد طلب تعديلات." },
  DOCUMENT_TYPE_NOT_ACCEPTED: { en: "This badge does not take that document. Accepted: {acceptedEn}.", ar: "هذا التوثيق لا يقبل هذا المستند. المقبول: {acceptedAr}." },
  DOCUMENTS_MISSING: { en: "Upload these documents first: {documentsEn}.", ar: "ارفع هذه المستندات أولًا: {documentsAr}." },
  DOCUMENTS_NOT_APPROVED: { en: "Approve every required document first: {documentsEn}.", ar: "اعتمد كل المستندات المطلوبة أولًا: {documentsAr}." },
  VERIFICATION_ALREADY_DECIDED: { en: "This request was already handled by {by}.", ar: "عالج {by} هذا الطلب بالفعل." },
  VERIFICATION_CLAIMED: { en: "{by} is reviewing this request.", ar: "يراجع {by} هذا الطلب الآن." },
  VERIFICATION_NOT_CLAIMED: { en: "You are not reviewing this request.", ar: "أنت لا تراجع هذا الطلب." },
  DOCUMENTS_NONE_NAMED: { en: "name at least one document", ar: "حدّد مستندًا واحدًا على الأقل" },
  REJECTION_REASON_REQUIRED: { en: "a rejection needs a reason", ar: "الرفض يحتاج إلى سبب" },
  NEW_VERSION_REQUIRED: { en: "needs a new version", ar: "يحتاج إلى نسخة جديدة" },
  NOT_A_REVIEWER: { en: "is not an active verification reviewer", ar: "ليس مراجع توثيق نشطًا" },
  REASON_NOT_LISTED: { en: "is not one of the listed reasons", ar: "ليس من الأسباب المدرجة" },
  VERSION_NOT_CURRENT: { en: "A newer version of this document was uploaded; review that one.", ar: "رُفعت نسخة أحدث من هذا المستند؛ راجع النسخة الأحدث." },
};
