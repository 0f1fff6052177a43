/** What staff read when an export or a report is refused. */
import type { Catalog } from "../../platform/i18n.js";

export const reportsMessages: Catalog = {
  EXPORT_TOO_LARGE_TO_STREAM: { en: "This list has {rows} rows, more than {limit} download at once: start it as a background export.", ar: "في هذه القائمة {rows} صفًا، أكثر من {limit} صف يمكن تنزيلها مباشرة: شغّلها تصديرًا في الخلفية." },
  EXPORT_NOT_FOUND: { en: "There is no such export.", ar: "لا يوجد تصدير بهذا الرقم." },
  EXPORT_EXPIRED: { en: "This export's file has expired and was deleted. Export the list again.", ar: "انتهت صلاحية ملف هذا التصدير وحُذف. صدّر القائمة مرة أخرى." },
  EXPORT_NOT_READY: { en: "This export is not ready yet.", ar: "هذا التصدير لم يجهز بعد." },
  EXPORT_FILTER_UNSUPPORTED: { en: "This list's filters cannot be exported. Clear the unusual filter and try again.", ar: "لا يمكن تصدير القائمة بعوامل التصفية هذه. امسح عامل التصفية غير المعتاد وحاول مرة أخرى." },
  REPORT_PERIOD_INVALID: { en: "Choose a period: a start date before the end date, at most {days} days.", ar: "اختر فترة: تاريخ بداية قبل تاريخ النهاية، وبحد أقصى {days} يومًا." },
  REPORT_RECIPIENTS_INVALID: { en: "Give one to 20 valid email addresses.", ar: "أدخل من عنوان بريد إلكتروني صحيح واحد إلى 20 عنوانًا." },
};
