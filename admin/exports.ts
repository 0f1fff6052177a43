/**
 * Export on every panel list, and the reports page. Thin: it turns the list's query (filters,
 * sort, as AdminJS puts them in the URL) into the same Prisma `where` the list runs
 * (AuditedResource.listWhere), picks the columns the staff member's role may read, and hands
 * that to the reports domain, which reads, writes, audits and runs the jobs.
 *
 * - `export` resource action (every resource, for every role that may list it; a read): GET
 *   answers the row count, the streaming limit, the columns and the member's recent jobs; POST
 *   `{ format }` starts a background job.
 * - GET /admin/exports/:resource.(csv|xlsx)?<list query> streams a small export.
 * - GET /admin/exports/jobs/:id/file downloads a finished job's file (its requester only).
 * - GET /admin/reports/:report.(csv|xlsx)?from=YYYY-MM-DD&to=YYYY-MM-DD runs a report.
 */
import AdminJS, { Filter, flat, type ActionContext, type ActionRequest, type BaseResource } from "adminjs";
import type { Router, Response } from "express";
import type pg from "pg";
import { z } from "zod";
import type { DMMF } from "@prisma/generator-helper";
import type { ReportKind } from "@prisma/client";
import type { Deps } from "../src/platform/deps.js";
import type { Storage } from "../src/platform/storage.js";
import { DomainError } from "../src/platform/errors.js";
import type { StaffRole, StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { readSetting } from "../src/domains/backoffice/settings.js";
import {
  buildReport, countExport, CONTENT_TYPES, exportColumns, exportJobFile, ExportQueryError, listExportJobs, REPORT_KINDS, reportPeriod, startExportJob, streamExport, exportFileName,
  type ExportColumn, type ExportFormat, type ExportModel, type ExportRequest,
} from "../src/domains/reports/index.js";
import { message } from "../src/api/messages.js";
import { AuditedResource } from "./audited-resource.js";
import { PanelQueryError, panelQueryMessage } from "./panel-query.js";
import { readableField } from "./field-access.js";
import { moneyFields } from "./resource-defaults.js";
import { loadFullDmmf } from "./dmmf.js";
import { staffCtx, staffLanguage } from "./request-context.js";
import { staffFromSession } from "./staff-session.js";
import { hasSearch, SEARCH_FILTER } from "./list-search.js";

const formatSchema = z.enum(["csv", "xlsx"]);

/** The columns of `model` a role may read (or exactly `fields`, when a job rebuilds what was asked). */
async function columnsFor(db: Deps["db"], model: ExportModel, readable: (field: string) => boolean): Promise<ExportColumn[]> {
  const currency = (await readSetting(db, "default_currency")) ?? "SAR";
  return exportColumns(model, { money: moneyFields(model as DMMF.Model), readable, defaultCurrency: currency });
}

/** Rebuilds a job's model and columns from the field names saved when it was asked for (jobs/reports.job.ts). */
export function exportPlanner(db: Deps["db"]) {
  return async (resource: string, fields: string[]) => {
    const model = (await loadFullDmmf()).datamodel.models.find((m) => m.name === resource);
    if (!model) throw new Error(`no model ${resource}`);
    const wanted = new Set(fields);
    return { model: model as unknown as ExportModel, columns: await columnsFor(db, model as unknown as ExportModel, (f) => wanted.has(f)) };
  };
}

/**
 * The export of a list as the staff member sees it: the list's `where` for these filters, its
 * sort (the resource's default when none is given), the columns the role may read.
 */
export async function exportRequest(db: Deps["db"], resource: BaseResource, query: Record<string, unknown>, staff: StaffSession, format: ExportFormat): Promise<ExportRequest> {
  if (!(resource instanceof AuditedResource)) throw new PanelQueryError("invalidFilter", { property: "resource" });
  const { filters = {}, sortBy, direction } = flat.unflatten(query) as { filters?: Record<string, unknown>; sortBy?: unknown; direction?: unknown };
  const filter = new Filter(filters as Record<string, string>, resource);
  for (const f of Object.values(filter.filters)) if (!f.property && !(f.path === SEARCH_FILTER && hasSearch(resource.id()))) throw new PanelQueryError("invalidFilter", { property: f.path });
  const where = await resource.listWhere(filter);
  const options: { sortBy?: string; direction?: string } = resource.decorate().options.sort ?? {};
  const field = String(sortBy ?? options.sortBy ?? "id");
  const dir = String(direction ?? options.direction ?? "asc") === "asc" ? "asc" : "desc";
  if (!resource.sortable(field)) throw new PanelQueryError("invalidSort", { property: field });
  const model = resource.prismaModel() as unknown as ExportModel;
  const columns = await columnsFor(db, model, (f) => readableField(model.name, staff.role, f));
  return { model, columns, where: where as Record<string, unknown>, sort: { field, direction: dir }, format, filters: filters as Record<string, unknown>, lang: staff.language ?? "ar" };
}

/** The message staff read for an error an export or a report answered with (undefined: not ours). */
function problemText(err: unknown, lang: "ar" | "en"): { status: number; text: string } | undefined {
  if (err instanceof PanelQueryError) return { status: 400, text: panelQueryMessage(err, lang) };
  if (err instanceof ExportQueryError) return { status: 400, text: message("EXPORT_FILTER_UNSUPPORTED", lang) ?? err.message };
  if (err instanceof DomainError) return { status: err.status, text: message(err.code, lang, err.details) ?? err.message };
  return undefined;
}

/** The `export` resource action every list gets (roles: those who may list the resource). */
export function exportAction(deps: Deps & { pool: pg.Pool }, component: string, isAccessible: (ctx: { currentAdmin?: unknown }) => boolean) {
  return {
    actionType: "resource",
    icon: "Download",
    showInDrawer: true,
    component,
    isAccessible,
    handler: async (req: ActionRequest, _res: unknown, context: ActionContext) => {
      const staff = context.currentAdmin as unknown as StaffSession;
      const lang = staffLanguage(staff);
      const query = (req.query ?? {}) as Record<string, unknown>;
      try {
        if (req.method === "post") {
          const format = formatSchema.parse((req.payload as { format?: unknown } | undefined)?.format);
          const job = await startExportJob(deps, staffCtx(staff), await exportRequest(deps.db, context.resource, query, staff, format));
          return { job: { id: job.id }, jobs: await listExportJobs(deps, staff.id, context.resource.id()), notice: { message: lang === "ar" ? "بدأ التصدير في الخلفية." : "The export is running in the background.", type: "success" } };
        }
        const request = await exportRequest(deps.db, context.resource, query, staff, "csv");
        const [rows, limit, jobs] = await Promise.all([countExport(deps, request), readSetting(deps.db, "export_stream_max_rows"), listExportJobs(deps, staff.id, context.resource.id())]);
        return { rows, limit, columns: request.columns.map((c) => c.header), sort: request.sort, jobs };
      } catch (err) {
        const p = problemText(err, lang);
        if (!p) throw err;
        return { rows: 0, limit: 0, columns: [], jobs: [], notice: { message: p.text, type: "error" } };
      }
    },
  };
}

function sendFile(res: Response, fileName: string, format: ExportFormat) {
  res.setHeader("Content-Type", CONTENT_TYPES[format]);
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
}

/** Who may run the reports page: admin, management and finance (all reads). */
export const REPORT_ROLES: readonly StaffRole[] = ["admin", "management", "finance"];

/**
 * Download routes (on the authenticated admin router). `canList(role, resource)` is the list rule:
 * an export is refused to whoever may not read the list.
 */
export function exportRoutes(router: Router, admin: AdminJS, deps: Deps & { pool: pg.Pool; storage: Storage }, canList: (role: StaffRole, resource: string) => boolean): void {
  router.get("/exports/jobs/:id/file", async (req, res, next) => {
    const staff = staffFromSession(req);
    const lang = staff?.language ?? "ar";
    try {
      if (!staff) return void res.status(401).type("text").send("Sign in first");
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) return void res.status(404).type("text").send(message("EXPORT_NOT_FOUND", lang));
      const file = await exportJobFile(deps, staff.id, id);
      sendFile(res, file.fileName, file.format);
      if (file.size) res.setHeader("Content-Length", String(file.size));
      file.stream.on("error", next);
      file.stream.pipe(res);
    } catch (err) {
      const p = problemText(err, lang);
      if (p) return void res.status(p.status).type("text").send(p.text);
      next(err);
    }
  });

  router.get(/^\/exports\/(\w+)\.(csv|xlsx)$/, async (req, res, next) => {
    const staff = staffFromSession(req);
    const lang = staff?.language ?? "ar";
    try {
      if (!staff) return void res.status(401).type("text").send("Sign in first");
      const resourceId = String(req.params[0]);
      const format = req.params[1] as ExportFormat;
      if (!canList(staff.role, resourceId)) return void res.status(403).type("text").send(message("FORBIDDEN", lang));
      const resource = admin.findResource(resourceId);
      const request = await exportRequest(deps.db, resource, req.query as Record<string, unknown>, staff, format);
      // Refused before any byte is sent when it is too large, so the answer can still be an error page.
      const limit = (await readSetting(deps.db, "export_stream_max_rows"))!;
      const rows = await countExport(deps, request);
      if (rows > limit) return void res.status(409).type("text").send(message("EXPORT_TOO_LARGE_TO_STREAM", lang, { rows, limit }));
      sendFile(res, exportFileName(resourceId, format, new Date()), format);
      await streamExport(deps, staffCtx(staff), request, res);
    } catch (err) {
      const p = problemText(err, lang);
      if (p && !res.headersSent) return void res.status(p.status).type("text").send(p.text);
      if (res.headersSent) return void res.destroy(err as Error);
      next(err);
    }
  });

  router.get(/^\/reports\/(\w+)\.(csv|xlsx)$/, async (req, res, next) => {
    const staff = staffFromSession(req);
    const lang = staff?.language ?? "ar";
    try {
      if (!staff) return void res.status(401).type("text").send("Sign in first");
      if (!REPORT_ROLES.includes(staff.role)) return void res.status(403).type("text").send(message("FORBIDDEN", lang));
      const report = String(req.params[0]) as ReportKind;
      if (!REPORT_KINDS.includes(report)) return void res.status(404).type("text").send(message("NOT_FOUND", lang));
      const period = reportPeriod(String(req.query.from ?? ""), String(req.query.to ?? ""));
      const file = await buildReport(deps, report, period, req.params[1] as ExportFormat, lang);
      sendFile(res, file.fileName, req.params[1] as ExportFormat);
      res.send(file.content);
    } catch (err) {
      const p = problemText(err, lang);
      if (p) return void res.status(p.status).type("text").send(p.text);
      next(err);
    }
  });
}
