/**
 * The figures of the panel's home page, per staff role: live counts of the queues (cheap, on
 * indexed status columns) and the period figures and charts from the daily rollups. Every figure
 * carries the list filter that shows the records behind it; one declaration feeds both the count
 * and the link, so they cannot disagree.
 */
import type { Deps } from "../../platform/deps.js";
import { nowOf } from "../../platform/clock.js";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../platform/riyadh-time.js";
import type { StaffRole } from "../backoffice/staff-auth.service.js";

/** A list filter value: one value, any of several ("a,b"), empty ("none"), or a date range. */
export type FilterValue = string | string[] | null | { from?: Date; to?: Date };
export type ListFilter = Record<string, FilterValue>;

export interface Link {
  model: string;
  /** Query string of the filtered list, e.g. `filters.status=new,triaged&filters.priority=high`. */
  query: string;
}

export interface Figure {
  key: string;
  value: number;
  /** How to show the value: a count, halalas, a percentage, hours. */
  unit: "count" | "money" | "percent" | "hours";
  link?: Link;
  urgent?: boolean;
}

export const DASHBOARD_SECTIONS = ["verification", "promotions", "support", "revenue", "reconciliation", "activity"] as const;
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

/** What each role's home shows: its own work; admin and management see everything (read-only). */
export const SECTIONS_BY_ROLE: Record<StaffRole, readonly DashboardSection[]> = {
  admin: DASHBOARD_SECTIONS,
  management: DASHBOARD_SECTIONS,
  support: ["support"],
  verification: ["verification"],
  finance: ["revenue", "reconciliation"],
  content: ["promotions"],
};

export const INVOICE_KINDS = ["verification", "promotion", "subscription", "extra"] as const;
type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const OPEN_TICKET_STATUSES = ["new", "triaged", "in_progress", "waiting_on_customer"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
/** A date before any record: "the deadline was breached at some time" as a date-range filter. */
const EVER = new Date("2000-01-01T00:00:00.000Z");
const CHART_DAYS = 30;

export interface RevenueCell { invoices: number; net: number; vat: number; gross: number; link: Link }
export interface RevenuePeriod { key: "today" | "days7" | "days30"; byKind: Record<InvoiceKind, RevenueCell>; total: RevenueCell }

export interface DashboardData {
  sections: { key: DashboardSection; figures: Figure[] }[];
  revenue?: { currency: "SAR"; periods: RevenuePeriod[] };
  charts: {
    revenueByKind?: { days: string[]; series: { kind: InvoiceKind; values: number[] }[] };
    requestsByCategory?: { categories: { id: number; nameAr: string; nameEn: string; created: number; completed: number; link: Link }[] };
    slaCompliance?: { days: string[]; resolved: number[]; withinSla: number[]; percent: (number | null)[] };
  };
  /** When the rollups were last computed (the period figures and charts are as of then). */
  computedAt: Date | null;
  today: string;
}

/** The panel filters a relation by the relation's name, the count by its foreign key. */
const LIST_PATHS: Record<string, string> = { subcategoryId: "subcategory", assignedToId: "assignedTo" };

/** The query string of a list filtered as `filter` (AdminJS `filters.*` parameters). */
export function listQuery(filter: ListFilter, extra: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const [column, v] of Object.entries(filter)) {
    const k = LIST_PATHS[column] ?? column;
    if (v === null) parts.push(`filters.${k}=none`);
    else if (typeof v === "string") parts.push(`filters.${k}=${encodeURIComponent(v)}`);
    else if (Array.isArray(v)) parts.push(`filters.${k}=${v.map(encodeURIComponent).join(",")}`);
    else {
      if (v.from) parts.push(`filters.${k}~~from=${encodeURIComponent(v.from.toISOString())}`);
      if (v.to) parts.push(`filters.${k}~~to=${encodeURIComponent(v.to.toISOString())}`);
    }
  }
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${encodeURIComponent(v)}`);
  return parts.join("&");
}

/** The Prisma `where` the list builds from the same filter (date ranges inclusive, as AdminJS). */
export function listWhere(filter: ListFilter): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (v === null) w[k] = null;
    else if (typeof v === "string") w[k] = v === "true" ? true : v === "false" ? false : v;
    else if (Array.isArray(v)) w[k] = { in: v };
    else w[k] = { ...(v.from ? { gte: v.from } : {}), ...(v.to ? { lte: v.to } : {}) };
  }
  return w;
}

const link = (model: string, filter: ListFilter, extra?: Record<string, string>): Link => ({ model, query: listQuery(filter, extra) });

type Delegate = { count(a: { where: unknown }): Promise<number> };
async function countOf(deps: Deps, model: string, filter: ListFilter): Promise<number> {
  const delegate = (deps.db as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
  return delegate.count({ where: listWhere(filter) });
}

async function liveFigure(deps: Deps, key: string, model: string, filter: ListFilter, opts: { urgent?: boolean; extra?: Record<string, string> } = {}): Promise<Figure> {
  return { key, value: await countOf(deps, model, filter), unit: "count", link: link(model, filter, opts.extra), urgent: opts.urgent };
}

/** The instants a period of whole Riyadh days covers, ending with today: [from, to] for list filters. */
function period(today: string, days: number): { from: Date; to: Date } {
  const from = riyadhDayStart(today);
  from.setTime(from.getTime() - (days - 1) * DAY_MS);
  // The list's date filter is inclusive: the last millisecond of today.
  return { from, to: new Date(riyadhDayStart(today).getTime() + DAY_MS - 1) };
}

const daysBack = (today: string, n: number) => Array.from({ length: n }, (_, i) => riyadhDay(new Date(riyadhDayStart(today).getTime() - (n - 1 - i) * DAY_MS)));
const dateOnly = (d: string) => new Date(`${d}T00:00:00.000Z`);

async function verificationSection(deps: Deps, now: Date): Promise<Figure[]> {
  const filter = { status: "in_review" };
  const [pending, oldest] = await Promise.all([
    liveFigure(deps, "verificationsPending", "VerificationRequest", filter),
    deps.db.verificationRequest.findFirst({ where: { status: "in_review" }, orderBy: [{ queuedAt: "asc" }, { id: "asc" }], select: { queuedAt: true, createdAt: true } }),
  ]);
  const since = oldest ? (oldest.queuedAt ?? oldest.createdAt) : null;
  const hours = since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000)) : 0;
  return [
    pending,
    { key: "verificationsOldestHours", value: hours, unit: "hours", urgent: hours >= 48, link: link("VerificationRequest", filter, { sortBy: "queuedAt", direction: "asc" }) },
    await liveFigure(deps, "verificationsChangesRequested", "VerificationRequest", { status: "changes_requested" }),
  ];
}

async function promotionsSection(deps: Deps, now: Date): Promise<Figure[]> {
  return Promise.all([
    liveFigure(deps, "promosInReview", "PromoRequest", { status: "in_review" }),
    liveFigure(deps, "promosGoingLive", "PromoRequest", { status: "approved", startsAt: { from: now, to: new Date(now.getTime() + 7 * DAY_MS) } }),
    liveFigure(deps, "promosLive", "PromoRequest", { status: "live" }),
  ]);
}

async function supportSection(deps: Deps): Promise<Figure[]> {
  const open = [...OPEN_TICKET_STATUSES];
  return Promise.all([
    ...PRIORITIES.map((p) => liveFigure(deps, `ticketsOpen_${p}`, "SupportTicket", { status: open, priority: p }, { urgent: p === "urgent" })),
    liveFigure(deps, "ticketsFirstResponseBreached", "SupportTicket", { status: open, firstResponseBreachedAt: { from: EVER } }, { urgent: true }),
    liveFigure(deps, "ticketsResolutionBreached", "SupportTicket", { status: open, resolutionBreachedAt: { from: EVER } }, { urgent: true }),
    liveFigure(deps, "ticketsUnassigned", "SupportTicket", { status: open, assignedToId: null }),
  ]);
}

async function reconciliationSection(deps: Deps): Promise<Figure[]> {
  return Promise.all([
    liveFigure(deps, "reconciliationOpen", "ReconciliationItem", { status: "open" }, { urgent: true }),
    liveFigure(deps, "invoicesOverdue", "Invoice", { status: "issued", dueAt: { to: nowOf(deps) } }, { urgent: true }),
  ]);
}

/** The rollup rows of the last 30 days, each table read once per page however many parts use it. */
function rollupReads(deps: Deps, today: string) {
  const range = { gte: dateOnly(daysBack(today, CHART_DAYS)[0]!), lte: dateOnly(today) };
  let platform: ReturnType<typeof readPlatform> | undefined;
  let money: ReturnType<typeof readMoney> | undefined;
  const readPlatform = () => deps.db.dailyAnalytics.findMany({ where: { date: range }, select: { date: true, resolvedTickets: true, resolvedWithinSla: true, newRequests: true, completedRequests: true, newProviders: true, computedAt: true } });
  const readMoney = () => deps.db.dailyRevenue.findMany({ where: { date: range, currency: "SAR" } });
  return { platform: () => (platform ??= readPlatform()), money: () => (money ??= readMoney()) };
}
type Reads = ReturnType<typeof rollupReads>;

async function revenue(reads: Reads, today: string): Promise<{ currency: "SAR"; periods: RevenuePeriod[] }> {
  const rows = await reads.money();
  const periods: RevenuePeriod[] = ([["today", 1], ["days7", 7], ["days30", 30]] as const).map(([key, n]) => {
    const range = period(today, n);
    const first = dateOnly(daysBack(today, n)[0]!).getTime();
    const cell = (kind?: InvoiceKind): RevenueCell => {
      const inCell = rows.filter((r) => r.date.getTime() >= first && (!kind || r.purpose === kind));
      const sum = (f: "invoices" | "net" | "vat" | "gross") => inCell.reduce((s, r) => s + r[f], 0);
      return { invoices: sum("invoices"), net: sum("net"), vat: sum("vat"), gross: sum("gross"), link: link("Invoice", { ...(kind ? { purpose: kind } : {}), currency: "SAR", paidAt: range }) };
    };
    return { key, byKind: Object.fromEntries(INVOICE_KINDS.map((k) => [k, cell(k)])) as Record<InvoiceKind, RevenueCell>, total: cell() };
  });
  return { currency: "SAR", periods };
}

async function revenueChart(reads: Reads, today: string) {
  const days = daysBack(today, CHART_DAYS);
  const rows = await reads.money();
  const index = new Map(days.map((d, i) => [d, i]));
  const series = INVOICE_KINDS.map((kind) => ({ kind, values: days.map(() => 0) }));
  for (const r of rows) series[INVOICE_KINDS.indexOf(r.purpose)]!.values[index.get(r.date.toISOString().slice(0, 10))!]! += r.gross;
  return { days, series };
}

async function slaChart(reads: Reads, today: string) {
  const days = daysBack(today, CHART_DAYS);
  const rows = await reads.platform();
  const byDay = new Map(rows.map((r) => [r.date.toISOString().slice(0, 10), r]));
  const resolved = days.map((d) => byDay.get(d)?.resolvedTickets ?? 0);
  const withinSla = days.map((d) => byDay.get(d)?.resolvedWithinSla ?? 0);
  return { days, resolved, withinSla, percent: resolved.map((n, i) => (n ? Math.round((withinSla[i]! / n) * 1000) / 10 : null)) };
}

async function activity(deps: Deps, reads: Reads, today: string): Promise<{ figures: Figure[]; chart: NonNullable<DashboardData["charts"]["requestsByCategory"]> }> {
  const days = daysBack(today, 30);
  const rows = await reads.platform();
  const periods = [["today", 1], ["days7", 7], ["days30", 30]] as const;
  const metrics = [
    ["requestsCreated", "newRequests", (range: { from: Date; to: Date }) => link("ServiceRequest", { createdAt: range })],
    ["requestsCompleted", "completedRequests", (range: { from: Date; to: Date }) => link("ServiceRequest", { completedAt: range })],
    ["newProviders", "newProviders", (range: { from: Date; to: Date }) => link("User", { userType: "provider", createdAt: range })],
  ] as const;
  // One row per measure (created, completed, new providers), one column per period.
  const figures: Figure[] = metrics.flatMap(([name, field, linkFor]) =>
    periods.map(([key, n]) => {
      const first = dateOnly(days[30 - n]!).getTime();
      const value = rows.filter((r) => r.date.getTime() >= first).reduce((s, r) => s + r[field], 0);
      return { key: `${name}_${key}`, value, unit: "count" as const, link: linkFor(period(today, n)) };
    }),
  );
  // Requests per category over the 30 days, linked to the requests of that category's subcategories.
  const range = period(today, 30);
  const [perCategory, categories] = await Promise.all([
    deps.db.dailyCategoryAnalytics.groupBy({ by: ["categoryId"], where: { date: { gte: dateOnly(days[0]!), lte: dateOnly(today) } }, _sum: { newRequests: true, completedRequests: true } }),
    deps.db.category.findMany({ where: { deletedAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, nameAr: true, nameEn: true, subcategories: { select: { id: true } } } }),
  ]);
  const sums = new Map(perCategory.map((c) => [c.categoryId, c._sum]));
  const chart = {
    categories: categories.map((c) => ({
      id: c.id, nameAr: c.nameAr, nameEn: c.nameEn,
      created: sums.get(c.id)?.newRequests ?? 0, completed: sums.get(c.id)?.completedRequests ?? 0,
      link: link("ServiceRequest", { subcategoryId: c.subcategories.length ? c.subcategories.map((s) => String(s.id)) : null, createdAt: range }),
    })),
  };
  return { figures, chart };
}

/** The home page's figures and charts for a staff role (sections it may not see are absent). */
export async function getDashboard(deps: Deps, role: StaffRole): Promise<DashboardData> {
  const now = nowOf(deps);
  const today = riyadhDay(now);
  const show = new Set(SECTIONS_BY_ROLE[role]);
  const out: DashboardData = { sections: [], charts: {}, computedAt: null, today };
  const reads = rollupReads(deps, today);
  // Every part at once (each is a few indexed reads), sections kept in their fixed order.
  const [verification, promotions, support, sla, money, moneyChart, reconciliation, act, last] = await Promise.all([
    show.has("verification") ? verificationSection(deps, now) : undefined,
    show.has("promotions") ? promotionsSection(deps, now) : undefined,
    show.has("support") ? supportSection(deps) : undefined,
    show.has("support") ? slaChart(reads, today) : undefined,
    show.has("revenue") ? revenue(reads, today) : undefined,
    show.has("revenue") ? revenueChart(reads, today) : undefined,
    show.has("reconciliation") ? reconciliationSection(deps) : undefined,
    show.has("activity") ? activity(deps, reads, today) : undefined,
    show.has("revenue") || show.has("activity") || show.has("support") ? reads.platform() : undefined,
  ]);
  const push = (key: DashboardSection, figures: Figure[] | undefined) => figures && out.sections.push({ key, figures });
  push("verification", verification);
  push("promotions", promotions);
  push("support", support);
  push("reconciliation", reconciliation);
  push("activity", act?.figures);
  if (sla) out.charts.slaCompliance = sla;
  if (money) out.revenue = money;
  if (moneyChart) out.charts.revenueByKind = moneyChart;
  if (act) out.charts.requestsByCategory = act.chart;
  // Today's row is refreshed last: the newest computation says how fresh the period figures are.
  out.computedAt = last?.reduce<Date | null>((m, r) => (!m || r.computedAt > m ? r.computedAt : m), null) ?? null;
  return out;
}

