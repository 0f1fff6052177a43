/**
 * Backoffice demo data: system settings (VAT, fees, SLAs …), mobile app versions, one dashboard
 * per staff role, data-retention rules, export jobs and daily analytics computed from the data.
 */
import type { Prisma, StaffRole } from "@prisma/client";
import type { Seller } from "../../src/domains/backoffice/settings.js";
import { ensureRetentionRules } from "../../src/domains/backoffice/retention.service.js";
import { INVOICE_DUE_DAYS, VAT_RATE_BP } from "./billing.seed.js";
import { count, type SeedContext } from "./context.js";
import { PROMO_DAILY_PRICES } from "./promo.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { SLA_FIRST_RESPONSE_HOURS, SLA_RESOLUTION_HOURS } from "./support.seed.js";
import { addDays, addHours, daysAgo } from "./time.js";
import { BADGE_VALIDITY_DAYS, VERIFICATION_FEES } from "./verification.seed.js";
import { rollupRange } from "../../src/domains/analytics/analytics.rollup.js";
import { DAY_MS, riyadhDay } from "../../src/platform/riyadh-time.js";
import { nextRunAfter } from "../../src/domains/reports/report-schedules.service.js";

/**
 * Nawafeth as the seller on its tax invoices. The VAT and CR numbers have the real formats but are
 * demo values: a deployment enters its own registration in the panel (Settings → seller).
 */
export const DEMO_SELLER: Seller = {
  nameAr: "شركة نوافذ لتقنية المعلومات",
  nameEn: "Nawafeth Information Technology Co.",
  vatNumber: "310123456700003",
  crNumber: "1010123456",
  address: {
    ar: { street: "طريق الملك فهد", district: "حي العليا", city: "الرياض" },
    en: { street: "King Fahd Road", district: "Al Olaya", city: "Riyadh" },
    buildingNumber: "2345",
    postalCode: "12214",
  },
};

const SETTINGS: { key: string; value: Prisma.InputJsonValue; description: string; isPublic?: boolean }[] = [
  { key: "vat_rate_bp", value: VAT_RATE_BP, description: "VAT rate in basis points (1500 = 15%) applied to subtotal minus discount", isPublic: true },
  { key: "seller", value: DEMO_SELLER as unknown as Prisma.InputJsonValue, description: "The company on every tax invoice and its ZATCA QR code: names, VAT number, CR number, address" },
  { key: "default_currency", value: "SAR", description: "Currency of prices and invoices", isPublic: true },
  { key: "invoice_due_days", value: INVOICE_DUE_DAYS, description: "Days from issue to the due date of an invoice" },
  { key: "invoice_reminder_days", value: [1, 3, 7], description: "Days after issue on which unpaid-invoice reminders are sent" },
  { key: "verification_fees", value: VERIFICATION_FEES, description: "Badge fee per badge type, halalas (0 = free)", isPublic: true },
  { key: "badge_validity_days", value: BADGE_VALIDITY_DAYS, description: "How long a verified badge is valid" },
  { key: "badge_expiry_notice_days", value: [30, 7], description: "Days before expiry on which the provider is told (once each)" },
  { key: "verification_claim_idle_minutes", value: 30, description: "A reviewer's claim lapses after this many idle minutes" },
  { key: "verification_upload_max_bytes", value: 10_000_000, description: "Largest verification document a provider may upload, bytes" },
  { key: "promo_daily_prices", value: PROMO_DAILY_PRICES, description: "Price per day of each promotion placement, halalas", isPublic: true },
  { key: "promo_max_days", value: 60, description: "Longest promotion a provider may book" },
  { key: "sla_first_response_hours", value: SLA_FIRST_RESPONSE_HOURS, description: "Support: hours to the first public reply, per priority" },
  { key: "sla_resolution_hours", value: SLA_RESOLUTION_HOURS, description: "Support: hours to resolution, per priority" },
  { key: "support_auto_close_days", value: 7, description: "Resolved tickets close automatically after this many days" },
  { key: "support_reopen_days", value: 14, description: "A customer's reply reopens a ticket resolved this many days ago at most" },
  { key: "support_agent_open_cap", value: 25, description: "Round robin skips an agent holding this many open tickets" },
  { key: "support_upload_max_bytes", value: 10_000_000, description: "Largest file a customer may attach to a ticket, bytes" },
  { key: "otp_ttl_seconds", value: 300, description: "Validity of an SMS login code" },
  { key: "otp_max_attempts", value: 5, description: "Wrong codes allowed before a new one is needed" },
  { key: "support_contact", value: { phone: "+966920000000", email: "support@example.com", whatsapp: "+966500000000" }, description: "Contact details shown in the app", isPublic: true },
  { key: "maintenance_mode", value: false, description: "When true the app shows a maintenance screen", isPublic: true },
  { key: "account_deletion_grace_days", value: 14, description: "Days between an account deletion and the erasure of its personal data; signing in again before cancels it" },
  { key: "data_export_link_hours", value: 24, description: "How long a personal data export's download link works" },
  { key: "retention_batch_size", value: 1000, description: "Rows one data-retention batch touches in one short transaction" },
  { key: "export_stream_max_rows", value: 5000, description: "Panel exports up to this many rows download at once; bigger ones run as a job" },
  { key: "export_file_hours", value: 24, description: "How long an export job's file can be downloaded before it is deleted" },
];

const DASHBOARDS: { role: StaffRole; titleAr: string; titleEn: string; widgets: string[] }[] = [
  { role: "admin", titleAr: "نظرة عامة", titleEn: "Overview", widgets: ["kpi.requests_today", "kpi.revenue_month", "kpi.open_tickets", "kpi.pending_verifications", "chart.requests_by_status", "chart.revenue_30d", "list.latest_audit"] },
  { role: "support", titleAr: "لوحة الدعم", titleEn: "Support desk", widgets: ["kpi.new_tickets", "kpi.sla_breaches", "list.my_tickets", "chart.tickets_by_type", "list.open_disputes"] },
  { role: "verification", titleAr: "طابور التوثيق", titleEn: "Verification queue", widgets: ["kpi.in_review", "kpi.claimed_by_me", "list.verification_queue", "list.badges_expiring"] },
  { role: "finance", titleAr: "المالية", titleEn: "Finance", widgets: ["kpi.revenue_month", "kpi.unpaid_invoices", "kpi.refunds_month", "list.reconciliation_open_items", "list.pending_payouts", "chart.revenue_30d"] },
  { role: "content", titleAr: "المحتوى والإعلانات", titleEn: "Content & promotions", widgets: ["kpi.promos_in_review", "kpi.promos_live", "list.promo_queue", "list.reported_content"] },
  { role: "management", titleAr: "لوحة الإدارة", titleEn: "Management", widgets: ["kpi.gmv_month", "kpi.active_providers", "chart.daily_analytics_30d", "chart.requests_by_city", "list.exports"] },
];

/** Creates the system settings (vat_rate_bp 1500 …); the demo.seeded marker is written by index.ts. */
export async function seedSettings(sc: SeedContext, staff: StaffByRole): Promise<void> {
  const at = daysAgo(sc.now, 180, 10);
  for (const s of SETTINGS) {
    await sc.tx.setting.upsert({ where: { key: s.key }, create: { ...s, isPublic: !!s.isPublic, updatedById: staff.admin.id, createdAt: at, updatedAt: at }, update: {} });
  }
  count(sc, "backoffice_setting", SETTINGS.length);
}

/** Creates app versions, role dashboards, retention rules, export jobs and 30 days of analytics. */
export async function seedBackoffice(sc: SeedContext, staff: StaffByRole): Promise<void> {
  const versions = [
    { version: "2.3.0", build: 230, days: 120, forced: false, ar: "تحسينات على المحادثة وإصلاح أخطاء.", en: "Chat improvements and bug fixes.", active: false },
    { version: "2.4.0", build: 240, days: 45, forced: false, ar: "الدفع عبر روابط الدفع، وتوثيق مقدمي الخدمة من التطبيق.", en: "Payment links and in-app provider verification.", active: true },
    { version: "2.4.1", build: 241, days: 9, forced: true, ar: "إصلاح أمني مهم — التحديث إلزامي.", en: "Important security fix — update required.", active: true },
  ];
  const rows: Prisma.AppVersionCreateManyInput[] = [];
  for (const platform of ["ios", "android"] as const) {
    for (const v of versions) {
      const releasedAt = daysAgo(sc.now, v.days + (platform === "android" ? 1 : 0), 14);
      rows.push({ platform, version: v.version, buildNumber: platform === "ios" ? v.build : v.build * 10 + 1, minSupportedVersion: v.forced ? v.version : "2.3.0", isForcedUpdate: v.forced, releaseNotesAr: v.ar, releaseNotesEn: v.en, isActive: v.active, releasedAt, createdAt: releasedAt, updatedAt: releasedAt });
    }
  }
  await sc.tx.appVersion.createMany({ data: rows });
  count(sc, "backoffice_appversion", rows.length);

  await sc.tx.dashboard.createMany({
    data: DASHBOARDS.map((d, i) => ({ key: `${d.role}.home`, titleAr: d.titleAr, titleEn: d.titleEn, role: d.role, sortOrder: (i + 1) * 10, config: { widgets: d.widgets.map((w, k) => ({ id: w, position: k })) } })),
  });
  count(sc, "backoffice_dashboard", DASHBOARDS.length);

  // The retention job's own rules with their defaults (the nightly job and the panel's dry run use them).
  count(sc, "backoffice_dataretentionrule", await ensureRetentionRules(sc.tx));

  const exportAt = daysAgo(sc.now, 3, 11);
  await sc.tx.exportJob.createMany({
    data: [
      { requestedById: staff.management.id, kind: "service_requests", params: { from: addDays(sc.now, -30).toISOString().slice(0, 10), to: sc.now.toISOString().slice(0, 10) }, status: "completed", fileName: "service-requests-last-30-days.csv", storageKey: "demo/exports/service-requests-last-30-days.csv", rowCount: 41, createdAt: exportAt, startedAt: addHours(exportAt, 0.01), finishedAt: addHours(exportAt, 0.02) },
      { requestedById: staff.finance.id, kind: "invoices", params: { status: ["paid", "refunded"] }, status: "completed", fileName: "invoices-paid.csv", storageKey: "demo/exports/invoices-paid.csv", rowCount: 22, createdAt: addHours(exportAt, 26), startedAt: addHours(exportAt, 26.01), finishedAt: addHours(exportAt, 26.02) },
      { requestedById: staff.support.id, kind: "support_tickets", params: { status: ["new", "triaged"] }, status: "failed", error: "storage unavailable (timeout after 30 s)", createdAt: addHours(exportAt, 40), startedAt: addHours(exportAt, 40.01), finishedAt: addHours(exportAt, 40.5) },
    ],
  });
  count(sc, "backoffice_exportjob", 3);

  // Finance sends management the monthly revenue report on the 1st (the hourly job emails it).
  await sc.tx.reportSchedule.create({
    data: { report: "monthly_revenue", cadence: "monthly", format: "xlsx", language: "en", recipients: [staff.management.email ?? "management@example.com"], createdById: staff.finance.id, nextRunAt: nextRunAfter("monthly", sc.now) },
  });
  count(sc, "backoffice_reportschedule", 1);
  await seedDailyAnalytics(sc);
}

/** The daily rollups of the last 30 days and today (Asia/Riyadh), computed from the seeded rows by the analytics domain. */
async function seedDailyAnalytics(sc: SeedContext): Promise<void> {
  const today = riyadhDay(sc.now);
  const { days } = await rollupRange(sc.tx, { from: riyadhDay(new Date(sc.now.getTime() - 30 * DAY_MS)), to: today }, sc.now);
  count(sc, "backoffice_dailyanalytics", days);
}
