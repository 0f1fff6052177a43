/**
 * What staff read when a backoffice rule refuses them (soft delete, restore, hard delete), and the
 * field messages of its schemas (settings, app versions).
 */
import type { Catalog } from "../../platform/i18n.js";

export const backofficeMessages: Catalog = {
  JOB_NOT_FAILED: { en: "Only a failed job can be retried (this one is {state}).", ar: "لا يُعاد إلا تشغيل مهمة فاشلة (حالة هذه: {state})." },
  JOB_NOT_CANCELLABLE: { en: "This job has already finished ({state}); there is nothing to cancel.", ar: "انتهت هذه المهمة بالفعل ({state})؛ لا شيء لإلغائه." },
  NOT_SOFT_DELETABLE: { en: "These records cannot be deleted this way.", ar: "لا يمكن حذف هذه السجلات بهذه الطريقة." },
  NOT_DELETABLE: { en: "These records cannot be deleted.", ar: "لا يمكن حذف هذه السجلات." },
  HAS_DEPENDENTS: { en: "Other records still refer to this one; it cannot be deleted permanently.", ar: "سجلات أخرى ما زالت تشير إلى هذا السجل؛ لا يمكن حذفه نهائيًا." },
  ALREADY_DELETED: { en: "This record is already deleted.", ar: "هذا السجل محذوف بالفعل." },
  PASSWORD_LENGTH: { en: "The password must be {min} to {max} characters long.", ar: "يجب أن تكون كلمة المرور بين {min} و{max} حرفًا." },
  PASSWORD_CONTAINS_EMAIL: { en: "The password must not contain the email name.", ar: "يجب ألا تحتوي كلمة المرور على اسم البريد الإلكتروني." },
  NOT_A_STAFF_ACCOUNT: { en: "Only staff accounts have a panel password.", ar: "حسابات الموظفين وحدها لها كلمة مرور للوحة." },
  SETTING_INVALID: { en: "The setting \"{key}\" has a value the system cannot use; an administrator must correct it.", ar: "قيمة الإعداد \"{key}\" غير صالحة للاستخدام؛ يجب على المسؤول تصحيحها." },
  NOT_DELETED: { en: "This record is not deleted.", ar: "هذا السجل غير محذوف." },
  UNKNOWN_SETTING: { en: "\"{key}\" is not a setting this system knows", ar: "«{key}» ليس إعدادًا يعرفه النظام" },
  SAUDI_PHONE: { en: "a Saudi number in +966 format", ar: "رقم سعودي يبدأ بـ «+966»" },
  SELLER_NAME_BYTES: { en: "at most 255 UTF-8 bytes (about 127 Arabic letters): the QR code's limit", ar: "الحد 255 بايت (نحو 127 حرفًا عربيًا): حد رمز الاستجابة السريعة" },
  VAT_NUMBER_FORMAT: { en: "a Saudi VAT number has 15 digits and starts and ends with 3", ar: "الرقم الضريبي السعودي 15 رقمًا يبدأ بالرقم 3 وينتهي به" },
  VAT_NUMBER_PLACEHOLDER: { en: "300000000000003 is ZATCA's example number, not a registration", ar: "الرقم 300000000000003 مثال من هيئة الزكاة والضريبة والجمارك وليس رقم تسجيل" },
  CR_NUMBER_FORMAT: { en: "a commercial registration number has 10 digits", ar: "رقم السجل التجاري 10 أرقام" },
  BUILDING_NUMBER_FORMAT: { en: "a building number has 4 digits", ar: "رقم المبنى 4 أرقام" },
  POSTAL_CODE_FORMAT: { en: "a postal code has 5 digits", ar: "الرمز البريدي 5 أرقام" },
  RETENTION_UNKNOWN_TARGET: { en: "No retention job handles this rule's key; it never runs.", ar: "لا توجد مهمة احتفاظ تعالج مفتاح هذه القاعدة؛ لن تعمل أبدًا." },
  RETENTION_ACTION_UNSUPPORTED: { en: "This rule can only: {actions}.", ar: "هذه القاعدة لا تقبل إلا: {actions}." },
  RETENTION_DAYS_INVALID: { en: "The retention period must be a whole number of days, 0 or more.", ar: "يجب أن تكون مدة الاحتفاظ عددًا صحيحًا من الأيام، صفرًا أو أكثر." },
  LEGAL_HOLD_TARGET: { en: "A legal hold names a user, or a record (type and id).", ar: "التجميد القانوني يحدد مستخدمًا أو سجلًا (النوع والمعرف)." },
  LEGAL_HOLD_RELEASED: { en: "This legal hold is already released.", ar: "هذا التجميد القانوني مرفوع بالفعل." },
  VERSION_FORMAT: { en: "must be a dotted numeric version, e.g. \"1.2.3\"", ar: "يجب أن يكون رقم إصدار من أرقام تفصلها نقاط، مثل «1.2.3»" },
};
