/**
 * The management reports, each for a period [from, to) (UTC instants; months and weeks are cut
 * in Asia/Riyadh by the caller). Each returns its columns (headings in both languages) and rows
 * of plain values, small enough to hold in memory (they are aggregates).
 *
 * - monthly_revenue: paid invoices by month (Riyadh), category and invoice kind: count, net, VAT,
 *   total, refunded. The category is the promotion's target category for promotion invoices,
 *   otherwise the paying provider's first category; none → "—".
 * - verification_turnaround: requests decided in the period, submitted → decided in hours:
 *   count, median, p90, per badge type and overall.
 * - support_sla: tickets created in the period, per team: first response and resolution met
 *   (done before the deadline) of those measurable (done, or deadline already passed).
 * - provider_leaderboard: providers by requests completed in the period, with their average
 *   rating on those requests; top 100.
 * - promo_revenue: paid promotion invoices per placement: promotions, days, net, VAT, total.
 */
import type { ReportKind } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import type { CellKind, TableColumn } from "./export-writers.js";

export const REPORT_KINDS: readonly ReportKind[] = ["monthly_revenue", "verification_turnaround", "support_sla", "provider_leaderboard", "promo_revenue"];

export interface ReportPeriod {
  from: Date;
  to: Date;
}

export interface ReportResult {
  report: ReportKind;
  columns: TableColumn[];
  rows: (string | number | null)[][];
}

type Col = { key: string; kind: CellKind; ar: string; en: string };
const c = (key: string, kind: CellKind, en: string, ar: string): Col => ({ key, kind, en, ar });

const COLUMNS: Record<ReportKind, Col[]> = {
  monthly_revenue: [
    c("month", "text", "Month", "الشهر"),
    c("category", "text", "Category", "الفئة"),
    c("kind", "text", "Invoice kind", "نوع الفاتورة"),
    c("invoices", "number", "Invoices", "الفواتير"),
    c("net", "money", "Net (excl. VAT)", "الصافي (دون الضريبة)"),
    c("vat", "money", "VAT", "ضريبة القيمة المضافة"),
    c("total", "money", "Total", "الإجمالي"),
    c("refunded", "money", "Refunded", "المسترد"),
    c("currency", "text", "Currency", "العملة"),
  ],
  verification_turnaround: [
    c("badgeType", "text", "Badge type", "نوع الشارة"),
    c("decided", "number", "Decided", "الطلبات المحسومة"),
    c("medianHours", "number", "Median (hours)", "الوسيط (ساعات)"),
    c("p90Hours", "number", "90th percentile (hours)", "المئين 90 (ساعات)"),
  ],
  support_sla: [
    c("team", "text", "Team", "الفريق"),
    c("tickets", "number", "Tickets", "التذاكر"),
    c("firstResponseMet", "number", "First response met", "الرد الأول في الموعد"),
    c("firstResponseMeasured", "number", "First response measured", "الرد الأول المقيس"),
    c("firstResponsePercent", "number", "First response %", "نسبة الرد الأول"),
    c("resolutionMet", "number", "Resolution met", "الحل في الموعد"),
    c("resolutionMeasured", "number", "Resolution measured", "الحل المقيس"),
    c("resolutionPercent", "number", "Resolution %", "نسبة الحل"),
  ],
  provider_leaderboard: [
    c("rank", "number", "Rank", "الترتيب"),
    c("providerId", "number", "Provider id", "رقم المزود"),
    c("provider", "text", "Provider", "المزود"),
    c("completed", "number", "Completed requests", "الطلبات المكتملة"),
    c("reviews", "number", "Reviews", "التقييمات"),
    c("rating", "number", "Average rating", "متوسط التقييم"),
  ],
  promo_revenue: [
    c("placement", "text", "Placement", "موضع الإعلان"),
    c("promotions", "number", "Promotions", "الإعلانات"),
    c("days", "number", "Days", "الأيام"),
    c("net", "money", "Net (excl. VAT)", "الصافي (دون الضريبة)"),
    c("vat", "money", "VAT", "ضريبة القيمة المضافة"),
    c("total", "money", "Total", "الإجمالي"),
    c("currency", "text", "Currency", "العملة"),
  ],
};

export const REPORT_TITLES: Record<ReportKind, { en: string; ar: string }> = {
  monthly_revenue: { en: "Monthly revenue by category and invoice kind", ar: "الإيرادات الشهرية حسب الفئة ونوع الفاتورة" },
  verification_turnaround: { en: "Verification turnaround", ar: "مدة إنجاز طلبات التوثيق" },
  support_sla: { en: "Support SLA compliance by team", ar: "الالتزام بمواعيد الدعم حسب الفريق" },
  provider_leaderboard: { en: "Provider leaderboard", ar: "ترتيب مزودي الخدمة" },
  promo_revenue: { en: "Promotion revenue by placement", ar: "إيرادات الإعلانات حسب الموضع" },
};

/** Minor units (halalas) as a decimal amount with two places, e.g. 11500 → "115.00". */
export function decimalAmount(minor: bigint | number | null): string {
  const n = BigInt(minor ?? 0);
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const round = (v: unknown, places: number): number | null => (v === null || v === undefined ? null : Number(Number(v).toFixed(places)));
const pct = (met: number, measured: number): number | null => (measured ? Number(((met / measured) * 100).toFixed(1)) : null);

/** Runs one report for a period; headings in `lang`. */
export async function runReport(deps: Pick<Deps, "db" | "clock">, report: ReportKind, period: ReportPeriod, lang: "ar" | "en", now: Date = new Date()): Promise<ReportResult> {
  const { from, to } = period;
  const db = deps.db;
  const nameCol = lang === "ar" ? Prisma.raw("name_ar") : Prisma.raw("name_en");
  let rows: (string | number | null)[][];
  switch (report) {
    case "monthly_revenue": {
      const r = await db.$queryRaw<{ month: string; category: string | null; kind: string; invoices: bigint; net: bigint; vat: bigint; total: bigint; refunded: bigint; currency: string }[]>`
        WITH inv AS (
          SELECT i.*, COALESCE(pr.target_category_id, ps.category_id, prov.category_id) AS category_id
          FROM billing_invoice i
          LEFT JOIN promo_promorequest pr ON pr.invoice_id = i.id
          LEFT JOIN providers_subcategory ps ON ps.id = pr.target_subcategory_id
          LEFT JOIN LATERAL (
            SELECT s.category_id FROM providers_providerprofile pp
            JOIN providers_providercategory pc ON pc.provider_id = pp.id
            JOIN providers_subcategory s ON s.id = pc.subcategory_id
            WHERE pp.user_id = i.user_id ORDER BY pc.id LIMIT 1
          ) prov ON true
          WHERE i.paid_at >= ${from} AND i.paid_at < ${to} AND i.status IN ('paid', 'refunded', 'partially_refunded')
        )
        SELECT to_char(date_trunc('month', inv.paid_at AT TIME ZONE 'Asia/Riyadh'), 'YYYY-MM') AS month,
               cat.${nameCol} AS category, inv.purpose::text AS kind, count(*) AS invoices,
               sum(inv.total - inv.vat) AS net, sum(inv.vat) AS vat, sum(inv.total) AS total,
               sum(inv.amount_refunded) AS refunded, inv.currency::text AS currency
        FROM inv LEFT JOIN providers_category cat ON cat.id = inv.category_id
        GROUP BY 1, 2, 3, inv.currency
        ORDER BY 1, 2 NULLS LAST, 3`;
      rows = r.map((x) => [x.month, x.category ?? "—", x.kind, num(x.invoices), decimalAmount(x.net), decimalAmount(x.vat), decimalAmount(x.total), decimalAmount(x.refunded), x.currency]);
      break;
    }
    case "verification_turnaround": {
      const r = await db.$queryRaw<{ badge: string | null; decided: bigint; median: number | null; p90: number | null }[]>`
        SELECT badge_type::text AS badge, count(*) AS decided,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at) / 3600) AS median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at) / 3600) AS p90
        FROM verification_verificationrequest
        WHERE decided_at >= ${from} AND decided_at < ${to} AND submitted_at IS NOT NULL AND status IN ('approved', 'rejected')
        GROUP BY GROUPING SETS ((badge_type), ())
        ORDER BY badge_type NULLS LAST`;
      rows = r.map((x) => [x.badge ?? (lang === "ar" ? "الكل" : "All"), num(x.decided), round(x.median, 2), round(x.p90, 2)]);
      break;
    }
    case "support_sla": {
      const r = await db.$queryRaw<{ team: string | null; tickets: bigint; fr_met: bigint; fr_measured: bigint; res_met: bigint; res_measured: bigint }[]>`
        SELECT tm.${nameCol} AS team, count(*) AS tickets,
          count(*) FILTER (WHERE t.first_responded_at IS NOT NULL AND t.first_responded_at <= t.first_response_due_at) AS fr_met,
          count(*) FILTER (WHERE t.first_response_due_at IS NOT NULL AND (t.first_responded_at IS NOT NULL OR t.first_response_due_at < ${now})) AS fr_measured,
          count(*) FILTER (WHERE t.resolved_at IS NOT NULL AND t.resolved_at <= t.resolution_due_at) AS res_met,
          count(*) FILTER (WHERE t.resolution_due_at IS NOT NULL AND (t.resolved_at IS NOT NULL OR t.resolution_due_at < ${now})) AS res_measured
        FROM support_supportticket t LEFT JOIN support_supportteam tm ON tm.id = t.assigned_team_id
        WHERE t.created_at >= ${from} AND t.created_at < ${to}
        GROUP BY tm.id, 1 ORDER BY 1 NULLS LAST`;
      rows = r.map((x) => {
        const [frm, frn, rm, rn] = [num(x.fr_met), num(x.fr_measured), num(x.res_met), num(x.res_measured)];
        return [x.team ?? "—", num(x.tickets), frm, frn, pct(frm, frn), rm, rn, pct(rm, rn)];
      });
      break;
    }
    case "provider_leaderboard": {
      const r = await db.$queryRaw<{ id: number; name: string; completed: bigint; reviews: bigint; rating: number | null }[]>`
        SELECT p.id, p.display_name AS name, count(sr.id) AS completed, count(rv.id) AS reviews, avg(rv.rating)::float8 AS rating
        FROM marketplace_servicerequest sr
        JOIN providers_providerprofile p ON p.id = sr.provider_id
        LEFT JOIN reviews_review rv ON rv.request_id = sr.id AND rv.deleted_at IS NULL AND NOT rv.is_hidden
        WHERE sr.status = 'completed' AND sr.completed_at >= ${from} AND sr.completed_at < ${to} AND sr.deleted_at IS NULL
        GROUP BY p.id ORDER BY completed DESC, rating DESC NULLS LAST, p.id LIMIT 100`;
      rows = r.map((x, i) => [i + 1, x.id, x.name, num(x.completed), num(x.reviews), round(x.rating, 2)]);
      break;
    }
    case "promo_revenue": {
      const r = await db.$queryRaw<{ placement: string; promotions: bigint; days: bigint; net: bigint; vat: bigint; total: bigint; currency: string }[]>`
        SELECT pr.placement::text AS placement, count(*) AS promotions, sum(coalesce(pr.days, 0)) AS days,
               sum(i.total - i.vat) AS net, sum(i.vat) AS vat, sum(i.total) AS total, i.currency::text AS currency
        FROM promo_promorequest pr JOIN billing_invoice i ON i.id = pr.invoice_id
        WHERE i.paid_at >= ${from} AND i.paid_at < ${to} AND i.status IN ('paid', 'refunded', 'partially_refunded')
        GROUP BY 1, i.currency ORDER BY 1`;
      rows = r.map((x) => [x.placement, num(x.promotions), num(x.days), decimalAmount(x.net), decimalAmount(x.vat), decimalAmount(x.total), x.currency]);
      break;
    }
  }
  return { report, columns: COLUMNS[report].map((col) => ({ header: col[lang], kind: col.kind })), rows };
}

/** The column keys of a report (stable, for tests and API consumers). */
export function reportColumnKeys(report: ReportKind): string[] {
  return COLUMNS[report].map((col) => col.key);
}
