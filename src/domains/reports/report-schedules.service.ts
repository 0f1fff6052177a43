/**
 * Reports run for a period from the panel, and scheduled reports: a ReportSchedule (report,
 * weekly or monthly, format, recipients, language) is due at its `nextRunAt`; the hourly
 * `reports-due` job sends each due one for the period that just ended (the previous Riyadh week,
 * Sunday to Saturday, or calendar month) to every recipient with the file attached, then moves
 * `nextRunAt` to the next boundary. The move is claimed before sending (one sender per period
 * even with several workers); a failure is kept in `lastError` and not retried for that period.
 */
import { PassThrough } from "node:stream";
import type { ReportCadence, ReportKind, ReportSchedule } from "@prisma/client";
import { z } from "zod";
import type { Deps } from "../../platform/deps.js";
import { nowOf } from "../../platform/clock.js";
import { DomainError } from "../../platform/errors.js";
import { riyadhDay, riyadhDayStart, DAY_MS } from "../../platform/riyadh-time.js";
import { tableWriter, CONTENT_TYPES, type ExportFormat } from "./export-writers.js";
import { REPORT_TITLES, runReport, type ReportPeriod, type ReportResult } from "./reports.queries.js";

export const REPORTS_DUE_QUEUE = "reports-due";

/** The longest period a report runs for from the panel. */
export const MAX_REPORT_DAYS = 400;

/** Reads a period given as Riyadh calendar days, `to` inclusive: [from 00:00, day after `to` 00:00). */
export function reportPeriod(fromDay: string, toDay: string): ReportPeriod {
  const from = riyadhDayStart(fromDay);
  const toStart = riyadhDayStart(toDay);
  const to = new Date(toStart.getTime() + DAY_MS);
  if (Number.isNaN(from.getTime()) || Number.isNaN(toStart.getTime()) || from >= to || to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    throw new DomainError("REPORT_PERIOD_INVALID", "bad report period", 400, { days: MAX_REPORT_DAYS, fields: { from: "REPORT_PERIOD_INVALID" } });
  }
  return { from, to };
}

const riyadhParts = (at: Date) => {
  const [y, m, d] = riyadhDay(at).split("-").map(Number) as [number, number, number];
  return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
};
const dayString = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The period that ended last before `now`: the previous Riyadh calendar month, or week (Sunday–Saturday). */
export function previousPeriod(cadence: ReportCadence, now: Date): ReportPeriod {
  const { y, m, d, weekday } = riyadhParts(now);
  if (cadence === "monthly") {
    const to = riyadhDayStart(dayString(y, m, 1));
    return { from: riyadhDayStart(dayString(y, m - 1, 1)), to };
  }
  const to = riyadhDayStart(dayString(y, m, d - weekday));
  return { from: new Date(to.getTime() - 7 * DAY_MS), to };
}

/** When a schedule is next due after `now`: 06:00 Riyadh on the next 1st of a month, or the next Sunday. */
export function nextRunAfter(cadence: ReportCadence, now: Date): Date {
  const { y, m, d, weekday } = riyadhParts(now);
  const at6 = (day: string) => new Date(riyadhDayStart(day).getTime() + 6 * 3_600_000);
  if (cadence === "monthly") {
    const thisMonth = at6(dayString(y, m, 1));
    return thisMonth > now ? thisMonth : at6(dayString(y, m + 1, 1));
  }
  const thisWeek = at6(dayString(y, m, d - weekday));
  return thisWeek > now ? thisWeek : at6(dayString(y, m, d - weekday + 7));
}

/** A report's file in memory (reports are aggregates: a few hundred rows at most). */
export async function reportFile(result: ReportResult, format: ExportFormat, lang: "ar" | "en"): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const writer = tableWriter(format, out, result.columns, { sheetName: result.report, rightToLeft: lang === "ar" });
  await writer.write(result.rows.map((r) => [...r]));
  await writer.end();
  return Buffer.concat(chunks);
}

export function reportFileName(report: ReportKind, period: ReportPeriod, format: ExportFormat): string {
  const last = new Date(period.to.getTime() - 1);
  return `${report}_${riyadhDay(period.from)}_${riyadhDay(last)}.${format}`;
}

/** Runs a report for a period and returns its file (the panel's download). */
export async function buildReport(deps: Pick<Deps, "db" | "clock">, report: ReportKind, period: ReportPeriod, format: ExportFormat, lang: "ar" | "en") {
  const result = await runReport(deps, report, period, lang, nowOf(deps));
  return { fileName: reportFileName(report, period, format), contentType: CONTENT_TYPES[format], content: await reportFile(result, format, lang), rows: result.rows.length };
}

export const scheduleRecipientsSchema = z.array(z.email()).min(1).max(20);

/** Sends every schedule that is due now. Returns the schedules sent and the ones that failed. */
export async function sendDueReports(deps: Deps): Promise<{ sent: number[]; failed: number[] }> {
  const now = nowOf(deps);
  const due = await deps.db.reportSchedule.findMany({ where: { isActive: true, OR: [{ nextRunAt: null }, { nextRunAt: { lte: now } }] }, orderBy: { id: "asc" }, take: 100 });
  const sent: number[] = [];
  const failed: number[] = [];
  for (const s of due) {
    const next = nextRunAfter(s.cadence, now);
    // A new schedule without a due time starts at its next boundary.
    if (!s.nextRunAt) {
      await deps.db.reportSchedule.updateMany({ where: { id: s.id, nextRunAt: null }, data: { nextRunAt: next } });
      continue;
    }
    // The claim moves the due time past now, so a second worker's claim finds nothing due. It
    // compares with now rather than with the value read: PostgreSQL keeps microseconds, a Date
    // only milliseconds, and a due time written by SQL would otherwise never match.
    const claimed = await deps.db.reportSchedule.updateMany({ where: { id: s.id, isActive: true, nextRunAt: { lte: now } }, data: { nextRunAt: next, lastRunAt: now } });
    if (claimed.count !== 1) continue;
    try {
      await sendScheduledReport(deps, s, previousPeriod(s.cadence, now));
      await deps.db.reportSchedule.update({ where: { id: s.id }, data: { lastError: null } });
      sent.push(s.id);
    } catch (e) {
      await deps.db.reportSchedule.update({ where: { id: s.id }, data: { lastError: String((e as Error).message ?? e).slice(0, 500) } });
      failed.push(s.id);
    }
  }
  return { sent, failed };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

/** Emails one schedule's report for a period to each of its recipients. */
export async function sendScheduledReport(deps: Deps, s: ReportSchedule, period: ReportPeriod): Promise<void> {
  if (!deps.mail) throw new Error("mail is not configured");
  const lang = s.language;
  const file = await buildReport(deps, s.report, period, s.format, lang);
  const title = REPORT_TITLES[s.report][lang];
  const last = riyadhDay(new Date(period.to.getTime() - 1));
  const range = `${riyadhDay(period.from)} – ${last}`;
  const subject = lang === "ar" ? `${title}: ${range}` : `${title}: ${range}`;
  const text =
    lang === "ar"
      ? `مرفق تقرير «${title}» للفترة ${range} (${file.rows} صفًا).\nنوافذ — لوحة الإدارة`
      : `Attached is the "${title}" report for ${range} (${file.rows} rows).\nNawafeth backoffice`;
  const html = `<div dir="${lang === "ar" ? "rtl" : "ltr"}" lang="${lang}">${text.split("\n").map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</div>`;
  for (const [i, to] of s.recipients.entries()) {
    await deps.mail.send({
      to,
      subject,
      text,
      html,
      lang,
      messageId: `<report-${s.id}-${riyadhDay(period.from)}-${i}@nawafeth.local>`,
      attachments: [{ filename: file.fileName, content: file.content, contentType: file.contentType }],
    });
  }
}
