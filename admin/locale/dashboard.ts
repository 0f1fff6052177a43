/**
 * The home page's figures and charts in English and Arabic, merged into the panel's locale by
 * index.ts (messages; section titles as labels).
 */
import type { Lang } from "./core.js";

type Section = Record<string, string>;
export const dashboardStrings: Record<Lang, { labels: Section; messages: Section }> = {
  en: {
    labels: {
      dash_verification: "Verification", dash_promotions: "Promotions", dash_support: "Support and SLAs", dash_revenue: "Revenue",
      dash_reconciliation: "Reconciliation", dash_activity: "Marketplace activity", dash_charts: "Trends (last 30 days)", dash_work: "Work queues",
    },
    messages: {
      dashTitle: "Business overview",
      dashUpdated: "Period figures and charts as of {{time}}",
      dashNotComputed: "Period figures have not been computed yet (the analytics job runs every ten minutes).",
      dashHoursValue: "{{count}} h",
      dash_verificationsPending: "Verifications waiting for review", dash_verificationsOldestHours: "Oldest waiting for review", dash_verificationsChangesRequested: "Waiting on provider changes",
      dash_promosInReview: "Promotions in review", dash_promosGoingLive: "Going live in the next 7 days", dash_promosLive: "Live promotions",
      dash_ticketsOpen_urgent: "Open tickets · urgent", dash_ticketsOpen_high: "Open tickets · high", dash_ticketsOpen_normal: "Open tickets · normal", dash_ticketsOpen_low: "Open tickets · low",
      dash_ticketsFirstResponseBreached: "Open tickets past first-response deadline", dash_ticketsResolutionBreached: "Open tickets past resolution deadline", dash_ticketsUnassigned: "Open tickets without an assignee",
      dash_reconciliationOpen: "Open reconciliation differences", dash_invoicesOverdue: "Overdue invoices",
      dash_requestsCreated_today: "Requests created today", dash_requestsCreated_days7: "Requests created · 7 days", dash_requestsCreated_days30: "Requests created · 30 days",
      dash_requestsCompleted_today: "Requests completed today", dash_requestsCompleted_days7: "Requests completed · 7 days", dash_requestsCompleted_days30: "Requests completed · 30 days",
      dash_newProviders_today: "New providers today", dash_newProviders_days7: "New providers · 7 days", dash_newProviders_days30: "New providers · 30 days",
      dashPeriod_today: "Today", dashPeriod_days7: "Last 7 days", dashPeriod_days30: "Last 30 days",
      dashKind: "Invoice kind", dashKind_verification: "Verification badges", dashKind_promotion: "Promotions", dashKind_subscription: "Subscriptions", dashKind_extra: "Extras", dashTotal: "Total",
      dashNetVat: "net {{net}} + VAT {{vat}}", dashInvoiceCount_one: "{{count}} invoice", dashInvoiceCount_other: "{{count}} invoices",
      dashChartRevenue: "Daily revenue by invoice kind (incl. VAT)", dashChartCategories: "Service requests per category", dashChartSla: "SLA compliance",
      dashSeriesCreated: "Created", dashSeriesCompleted: "Completed", dashSeriesCompliance: "Within SLA (%)", dashSeriesWithinSla: "Resolved within SLA", dashSeriesLate: "Resolved late",
      dashChartHint: "Click a bar to open its requests.",
    },
  },
  ar: {
    labels: {
      dash_verification: "التوثيق", dash_promotions: "الترويج", dash_support: "الدعم ومهل الخدمة", dash_revenue: "الإيرادات",
      dash_reconciliation: "المطابقة", dash_activity: "نشاط السوق", dash_charts: "الاتجاهات (آخر 30 يومًا)", dash_work: "قوائم العمل",
    },
    messages: {
      dashTitle: "نظرة عامة على الأعمال",
      dashUpdated: "أرقام الفترات والرسوم البيانية محدّثة حتى {{time}}",
      dashNotComputed: "لم تُحسب أرقام الفترات بعد (تعمل مهمة الإحصاءات كل عشر دقائق).",
      dashHoursValue: "{{count}} ساعة",
      dash_verificationsPending: "طلبات توثيق بانتظار المراجعة", dash_verificationsOldestHours: "أقدم طلب بانتظار المراجعة", dash_verificationsChangesRequested: "بانتظار تعديلات مقدم الخدمة",
      dash_promosInReview: "طلبات ترويج قيد المراجعة", dash_promosGoingLive: "تبدأ خلال 7 أيام", dash_promosLive: "إعلانات ترويجية نشطة",
      dash_ticketsOpen_urgent: "تذاكر مفتوحة · عاجلة", dash_ticketsOpen_high: "تذاكر مفتوحة · عالية", dash_ticketsOpen_normal: "تذاكر مفتوحة · عادية", dash_ticketsOpen_low: "تذاكر مفتوحة · منخفضة",
      dash_ticketsFirstResponseBreached: "تذاكر مفتوحة تجاوزت مهلة الرد الأول", dash_ticketsResolutionBreached: "تذاكر مفتوحة تجاوزت مهلة الحل", dash_ticketsUnassigned: "تذاكر مفتوحة بلا موظف مسؤول",
      dash_reconciliationOpen: "فروقات مطابقة مفتوحة", dash_invoicesOverdue: "فواتير متأخرة السداد",
      dash_requestsCreated_today: "طلبات أُنشئت اليوم", dash_requestsCreated_days7: "طلبات أُنشئت · 7 أيام", dash_requestsCreated_days30: "طلبات أُنشئت · 30 يومًا",
      dash_requestsCompleted_today: "طلبات اكتملت اليوم", dash_requestsCompleted_days7: "طلبات اكتملت · 7 أيام", dash_requestsCompleted_days30: "طلبات اكتملت · 30 يومًا",
      dash_newProviders_today: "مقدمو خدمة جدد اليوم", dash_newProviders_days7: "مقدمو خدمة جدد · 7 أيام", dash_newProviders_days30: "مقدمو خدمة جدد · 30 يومًا",
      dashPeriod_today: "اليوم", dashPeriod_days7: "آخر 7 أيام", dashPeriod_days30: "آخر 30 يومًا",
      dashKind: "نوع الفاتورة", dashKind_verification: "شارات التوثيق", dashKind_promotion: "الترويج", dashKind_subscription: "الاشتراكات", dashKind_extra: "الخدمات الإضافية", dashTotal: "الإجمالي",
      dashNetVat: "الصافي {{net}} + الضريبة {{vat}}",
      dashInvoiceCount_zero: "لا فواتير", dashInvoiceCount_one: "فاتورة واحدة", dashInvoiceCount_two: "فاتورتان", dashInvoiceCount_few: "{{count}} فواتير", dashInvoiceCount_many: "{{count}} فاتورة", dashInvoiceCount_other: "{{count}} فاتورة",
      dashChartRevenue: "الإيرادات اليومية حسب نوع الفاتورة (شاملة الضريبة)", dashChartCategories: "طلبات الخدمة حسب الفئة", dashChartSla: "الالتزام بمهل الخدمة",
      dashSeriesCreated: "أُنشئت", dashSeriesCompleted: "اكتملت", dashSeriesCompliance: "ضمن المهلة (%)", dashSeriesWithinSla: "حُلّت ضمن المهلة", dashSeriesLate: "حُلّت متأخرة",
      dashChartHint: "انقر على عمود لفتح طلباته.",
    },
  },
};
