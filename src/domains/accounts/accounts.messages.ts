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
};

/** The SMS text carrying a login code. */
export function otpSmsText(code: string, lang: "ar" | "en"): string {
  return lang === "ar"
    ? `رمز الدخول إلى نوافذ: ${code}. صالح لمدة 5 دقائق. لا تشاركه مع أحد.`
    : `Your Nawafeth login code is ${code}. It is valid for 5 minutes. Do not share it.`;
}
