/** What staff read when a backoffice rule refuses them (soft delete, restore, hard delete). */
import type { Catalog } from "../../platform/i18n.js";

export const backofficeMessages: Catalog = {
  NOT_SOFT_DELETABLE: { en: "These records cannot be deleted this way.", ar: "لا يمكن حذف هذه السجلات بهذه الطريقة." },
  NOT_DELETABLE: { en: "These records cannot be deleted.", ar: "لا يمكن حذف هذه السجلات." },
  HAS_DEPENDENTS: { en: "Other records still refer to this one; it cannot be deleted permanently.", ar: "سجلات أخرى ما زالت تشير إلى هذا السجل؛ لا يمكن حذفه نهائيًا." },
  ALREADY_DELETED: { en: "This record is already deleted.", ar: "هذا السجل محذوف بالفعل." },
  NOT_DELETED: { en: "This record is not deleted.", ar: "هذا السجل غير محذوف." },
};
