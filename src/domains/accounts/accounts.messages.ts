/** What app users read when an accounts rule refuses them, and the field messages of its schemas. */
import type { Catalog } from "../../platform/i18n.js";

export const accountsMessages: Catalog = {
  OTP_TOO_MANY_REQUESTS: {
    en: "Too many codes were requested. Try again in a few minutes.",
    ar: "طُلبت رموز كثيرة. حاول مرة أخرى بعد بضع دقائق.",
  },
  OTP_INVALID: { en: "The code is not correct.", ar: "الرمز غير صحيح." },
  OTP_EXPIRED: { en: "The code has expired. Ask for a new one.", ar: "انتهت صلاحية الرمز. اطلب رمزًا جديدًا." },
  OTP_ATTEMPTS_EXCEEDED: {
    en: "Too many wrong codes. Ask for a new one.",
    ar: "أُدخلت رموز خاطئة كثيرة. اطلب رمزًا جديدًا.",
  },
  PHONE_FORMAT: { en: "must be an E.164 phone number, e.g. \"+966512345678\"", ar: "يجب أن يكون رقم هاتف بالصيغة الدولية، مثل «+966512345678»" },
  PHONE_INVALID: { en: "is not a valid phone number", ar: "ليس رقم هاتف صحيحًا" },
  OTP_CODE_FORMAT: { en: "must be the 6-digit code", ar: "يجب أن يكون الرمز المكوّن من 6 أرقام" },
  ACCOUNT_DISABLED: { en: "This account is disabled. Contact support.", ar: "هذا الحساب موقوف. تواصل مع الدعم." },
  STAFF_ACCOUNT: {
    en: "Staff accounts sign in to the admin panel, not the app.",
    ar: "حسابات الموظفين تدخل إلى لوحة الإدارة، لا إلى التطبيق.",
  },
  UNAUTHENTICATED: { en: "Sign in to continue.", ar: "سجّل الدخول للمتابعة." },
  EMAIL_TAKEN: { en: "This email is already used by another account.", ar: "هذا البريد مستخدم في حساب آخر." },
  ALREADY_PROVIDER: { en: "You already have a provider profile.", ar: "لديك ملف مزود خدمة بالفعل." },
  UNKNOWN_SUBCATEGORY: { en: "That service category does not exist.", ar: "تصنيف الخدمة هذا غير موجود." },
  ACCOUNT_HAS_OPEN_REQUESTS: {
    en: "Your account cannot be deleted while you have open requests or offers. Complete, cancel or withdraw them first.",
    ar: "لا يمكن حذف حسابك ولديك طلبات أو عروض مفتوحة. أكملها أو ألغها أو اسحبها أولًا.",
  },
  ACCOUNT_HAS_UNPAID_INVOICES: {
    en: "Your account cannot be deleted while an invoice is unpaid or a refund is on its way. Pay or settle it first.",
    ar: "لا يمكن حذف حسابك وعليك فاتورة غير مدفوعة أو استرداد قيد التنفيذ. سدّدها أو انتظر اكتمالها أولًا.",
  },
  ACCOUNT_HAS_WALLET_BALANCE: {
    en: "Your account cannot be deleted while your wallet has a balance. Withdraw or settle it first.",
    ar: "لا يمكن حذف حسابك وفي محفظتك رصيد. اسحبه أو سوِّه أولًا.",
  },
  ACCOUNT_HAS_PENDING_PAYOUT: {
    en: "Your account cannot be deleted while a payout to you is being processed.",
    ar: "لا يمكن حذف حسابك وهناك دفعة لك قيد المعالجة.",
  },
  ACCOUNT_HAS_OPEN_DISPUTES: {
    en: "Your account cannot be deleted while a dispute you are part of is open.",
    ar: "لا يمكن حذف حسابك وهناك نزاع مفتوح أنت طرف فيه.",
  },
  PHONE_REQUIRED: { en: "Your account has no phone number to send the confirmation code to. Contact support.", ar: "لا يوجد رقم هاتف في حسابك لإرسال رمز التأكيد إليه. تواصل مع الدعم." },
  ACCOUNT_DELETION_PENDING: { en: "This account is already being deleted.", ar: "هذا الحساب قيد الحذف بالفعل." },
  ACCOUNT_DELETION_BLOCKED: {
    en: "The account cannot be erased yet: {reason}.",
    ar: "لا يمكن محو الحساب بعد: {reason}.",
  },
  DATA_EXPORT_NOT_READY: { en: "Your data export is not ready yet.", ar: "ملف بياناتك لم يجهز بعد." },
  DATA_EXPORT_LINK_INVALID: { en: "This download link is not valid.", ar: "رابط التنزيل هذا غير صالح." },
  DATA_EXPORT_LINK_EXPIRED: { en: "This download link has expired. Ask for a new export.", ar: "انتهت صلاحية رابط التنزيل. اطلب ملفًا جديدًا." },
};

/** The SMS text carrying a login code, or a code confirming an account deletion. */
export function otpSmsText(code: string, lang: "ar" | "en", purpose: "login" | "change_phone" | "account_deletion" = "login"): string {
  if (purpose === "account_deletion") {
    return lang === "ar"
      ? `رمز تأكيد حذف حسابك في نوافذ: ${code}. صالح لمدة 5 دقائق. إن لم تطلب حذف حسابك فتجاهل هذه الرسالة.`
      : `Your Nawafeth code to confirm deleting your account is ${code}. It is valid for 5 minutes. If you did not ask to delete your account, ignore this message.`;
  }
  return lang === "ar"
    ? `رمز الدخول إلى نوافذ: ${code}. صالح لمدة 5 دقائق. لا تشاركه مع أحد.`
    : `Your Nawafeth login code is ${code}. It is valid for 5 minutes. Do not share it.`;
}
