/** What staff read when a backoffice rule refuses them (soft delete, restore, hard delete). */
import type { Catalog } from "../../platform/i18n.js";

export const backofficeMessages: Catalog = {
  NOT_SOFT_DELETABLE: { en: "These records cannot be deleted this way.", ar: "لا يمكن حذف هذه السجلات بهذه الطريقة." },
  NOT_DELETABLE: { en: "These records cannot be deleted.", ar: "لا يمكن حذف هذه السجلات." },
  HAS_DEPENDENTS: { en: "Other records still refer to this one; it cannot be deleted permanently.", ar: "سجلات أخرى ما زالت تشير إلى هذا السجل؛ لا يمكن حذفه نهائيًا." },
  ALREADY_DELETED: { en: "This record is already deleted.", ar: "هذا السجل محذوف بالفعل." },
  PASSWORD_LENGTH: { en: "The password must be {min} to {max} characters long.", ar: "يجب أن تكون كلمة المرور بين {min} و{max} حرفًا." },
  PASSWORD_CONTAINS_EMAIL: { en: "The password must not contain the email name.", ar: "يجب ألا تحتوي كلمة المرور على اسم البريد الإلكتروني." },
  NOT_A_STAFF_ACCOUNT: { en: "Only staff accounts have a panel password.", ar: "حسابات الموظفين وحدها لها كلمة مرور للوحة." },
  SETTING_INVALID: { en: "The setting \"{key}\" has a value the system cannot use; an administrator must correct it.", ar: "قيمة الإعداد \"{key}\" غير صالحة للاستخدام؛ يجب على المسؤول تصحيحها." },
  NOT_DELETED: { en: "This record is not deleted.", ar: "هذا السجل غير محذوف." },
};
