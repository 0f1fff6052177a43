/**
 * The export button of every list and the reports page, in English and Arabic (kept apart from
 * core.ts so that file stays short to merge). index.ts merges these over the shared strings.
 */
import type { Lang } from "./core.js";

export const exportsCore: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    actions: { export: "Export", runReport: "Reports" },
    messages: {
      exportTitle: "Export this list",
      exportRows: "{{rows}} rows match the list's current filters and search, in its order.",
      exportStreamHint: "It downloads at once.",
      exportJobHint: "More than {{limit}} rows: the file is built in the background; follow its progress here and download it when it is ready.",
      exportColumnsTitle: "Columns your role may read",
      exportCsv: "CSV (Excel, UTF-8)", exportXlsx: "Excel workbook (XLSX)",
      exportJobsTitle: "Your recent exports of this list",
      exportNoJobs: "No background exports yet.",
      exportDownload: "Download", exportExpiresAt: "until {{at}}",
      exportStatus_queued: "Waiting", exportStatus_running: "Writing", exportStatus_completed: "Ready", exportStatus_failed: "Failed", exportStatus_expired: "Expired (file deleted)",
      reportsTitle: "Reports", reportsHint: "Run a report for a period and download it. Scheduled reports are emailed with the file attached (see the schedules list).",
      reportFrom: "From", reportTo: "To (inclusive)",
      report_monthly_revenue: "Monthly revenue by category and invoice kind (with VAT)",
      report_verification_turnaround: "Verification turnaround (submitted → decided: median and p90)",
      report_support_sla: "Support SLA compliance by team",
      report_provider_leaderboard: "Provider leaderboard (completed requests, rating)",
      report_promo_revenue: "Promotion revenue by placement",
    },
  },
  ar: {
    actions: { export: "تصدير", runReport: "التقارير" },
    messages: {
      exportTitle: "تصدير هذه القائمة",
      exportRows: "{{rows}} صفًا يطابق عوامل التصفية والبحث الحالية للقائمة، بترتيبها.",
      exportStreamHint: "يُنزَّل الملف فورًا.",
      exportJobHint: "أكثر من {{limit}} صف: يُجهَّز الملف في الخلفية؛ تابع تقدمه هنا ونزّله عندما يجهز.",
      exportColumnsTitle: "الأعمدة التي يحق لدورك قراءتها",
      exportCsv: "CSV (إكسل، UTF-8)", exportXlsx: "مصنف إكسل (XLSX)",
      exportJobsTitle: "آخر تصديراتك لهذه القائمة",
      exportNoJobs: "لا توجد تصديرات في الخلفية بعد.",
      exportDownload: "تنزيل", exportExpiresAt: "حتى {{at}}",
      exportStatus_queued: "في الانتظار", exportStatus_running: "قيد الكتابة", exportStatus_completed: "جاهز", exportStatus_failed: "فشل", exportStatus_expired: "منتهي (حُذف الملف)",
      reportsTitle: "التقارير", reportsHint: "شغّل تقريرًا لفترة ونزّله. التقارير المجدولة تُرسل بالبريد مع الملف مرفقًا (انظر قائمة الجداول).",
      reportFrom: "من", reportTo: "إلى (شاملًا)",
      report_monthly_revenue: "الإيرادات الشهرية حسب الفئة ونوع الفاتورة (مع الضريبة)",
      report_verification_turnaround: "مدة إنجاز التوثيق (من التقديم إلى القرار: الوسيط والمئين 90)",
      report_support_sla: "الالتزام بمواعيد الدعم حسب الفريق",
      report_provider_leaderboard: "ترتيب مزودي الخدمة (الطلبات المكتملة، التقييم)",
      report_promo_revenue: "إيرادات الإعلانات حسب الموضع",
    },
  },
};

/** Labels of the report schedules and of the export job fields these lists add (merged over resource-labels.ts). */
export const exportsLabels: Record<Lang, Record<string, { label?: string; properties: Record<string, string> }>> = {
  en: {
    ExportJob: {
      properties: { resource: "List", format: "Format", "format.csv": "CSV", "format.xlsx": "XLSX", totalRows: "Rows to write", rowsDone: "Rows written", sizeBytes: "Size (bytes)", expiresAt: "File deleted at" },
    },
    ReportSchedule: {
      label: "Report schedules",
      properties: {
        id: "ID", report: "Report",
        "report.monthly_revenue": "Monthly revenue", "report.verification_turnaround": "Verification turnaround", "report.support_sla": "Support SLA compliance", "report.provider_leaderboard": "Provider leaderboard", "report.promo_revenue": "Promotion revenue",
        cadence: "Every", "cadence.weekly": "Week (sent Sunday)", "cadence.monthly": "Month (sent on the 1st)",
        format: "Format", "format.csv": "CSV", "format.xlsx": "XLSX", recipients: "Recipients (email)", language: "Language", "language.ar": "Arabic", "language.en": "English",
        isActive: "Active", nextRunAt: "Next send", lastRunAt: "Last sent", lastError: "Last error", createdBy: "Created by", createdById: "Created by", createdAt: "Created", updatedAt: "Updated",
      },
    },
  },
  ar: {
    ExportJob: {
      properties: { resource: "القائمة", format: "الصيغة", "format.csv": "CSV", "format.xlsx": "XLSX", totalRows: "الصفوف المطلوبة", rowsDone: "الصفوف المكتوبة", sizeBytes: "الحجم (بايت)", expiresAt: "يُحذف الملف في" },
    },
    ReportSchedule: {
      label: "جداول التقارير",
      properties: {
        id: "المعرف", report: "التقرير",
        "report.monthly_revenue": "الإيرادات الشهرية", "report.verification_turnaround": "مدة إنجاز التوثيق", "report.support_sla": "الالتزام بمواعيد الدعم", "report.provider_leaderboard": "ترتيب مزودي الخدمة", "report.promo_revenue": "إيرادات الإعلانات",
        cadence: "كل", "cadence.weekly": "أسبوع (يُرسل الأحد)", "cadence.monthly": "شهر (يُرسل في اليوم الأول)",
        format: "الصيغة", "format.csv": "CSV", "format.xlsx": "XLSX", recipients: "المستلمون (البريد الإلكتروني)", language: "اللغة", "language.ar": "العربية", "language.en": "الإنجليزية",
        isActive: "نشط", nextRunAt: "الإرسال القادم", lastRunAt: "آخر إرسال", lastError: "آخر خطأ", createdBy: "أنشأه", createdById: "أنشأه", createdAt: "تاريخ الإنشاء", updatedAt: "آخر تحديث",
      },
    },
  },
};
