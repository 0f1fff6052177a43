/**
 * Exports of panel lists. The panel hands over what its list runs (model, Prisma `where`, sort)
 * and the columns the staff member's role may read; PostgreSQL writes the file's body with one
 * `COPY … TO STDOUT` on a plain pg connection (no ORM objects, no JS per row) and streaming
 * writers add its frame, so memory stays flat from ten rows to millions.
 *
 * - Small exports (≤ setting `export_stream_max_rows`) stream straight into the HTTP response.
 * - Larger ones become an ExportJob (queued → running → completed | failed → expired) run by the
 *   `exports-run` queue: progress is written per batch, the file goes to storage and may be
 *   downloaded by whoever asked for it until `export_file_hours` pass; then `exports-expire`
 *   deletes it.
 * Every export, streamed or built by a job, writes one audit row: who, which list, filters, rows.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import type pg from "pg";
import type { ExportJob } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import type { Ctx } from "../../platform/context.js";
import type { Storage } from "../../platform/storage.js";
import { nowOf } from "../../platform/clock.js";
import { writeAudit } from "../../platform/audit.js";
import { transactionDb } from "../../platform/jobs.js";
import { DomainError } from "../../platform/errors.js";
import { systemCtx } from "../../platform/context.js";
import { nullIfNotMovable, transition } from "../../platform/transitions.js";
import { exportJobMachine } from "./exports.status.js";
import { readSetting } from "../backoffice/settings.js";
import { exportCountQuery, type ExportColumn, type ExportModel, type ExportSort } from "./export-query.js";
import type { ExportFormat } from "./export-writers.js";
import { EXPORT_PROGRESS_ROWS, writeExport, type ExportRequest } from "./export-stream.js";

export const EXPORT_RUN_QUEUE = "exports-run";
export const EXPORT_EXPIRE_QUEUE = "exports-expire";

/** Exports read with plain pg (a cursor on one pooled connection). */
export type ExportDeps = Deps & { pool: pg.Pool };

/** How many rows the export would have (the list's total). */
export async function countExport(deps: ExportDeps, req: Pick<ExportRequest, "model" | "where">): Promise<number> {
  const q = exportCountQuery(req.model, req.where);
  const r = await deps.pool.query<{ n: number }>(q.text, q.values);
  return r.rows[0]!.n;
}

/** A file name that says what it holds: `ServiceRequest-2026-12-03.csv`. */
export function exportFileName(model: string, format: ExportFormat, at: Date): string {
  return `${model}-${at.toISOString().slice(0, 10)}.${format}`;
}

function auditExport(deps: Deps, ctx: Ctx, req: ExportRequest, rows: number, via: "download" | "job", jobId?: number) {
  return writeAudit(deps.db, ctx, {
    action: via === "download" ? "export.download" : "export.job",
    entity: req.model.name,
    entityId: jobId ?? "list",
    meta: { format: req.format, filters: req.filters, sort: req.sort, rows, columns: req.columns.map((c) => c.header) },
  });
}

/**
 * Streams a small export into `out` (the HTTP response) and audits it. Refuses one above the
 * streaming limit: that must run as a job.
 */
export async function streamExport(deps: ExportDeps, ctx: Ctx, req: ExportRequest, out: Writable): Promise<number> {
  const limit = (await readSetting(deps.db, "export_stream_max_rows"))!;
  const total = await countExport(deps, req);
  if (total > limit) throw new DomainError("EXPORT_TOO_LARGE_TO_STREAM", "export too large to stream", 409, { rows: total, limit });
  // The response ends only once the audit row is written: whoever has the file has been audited.
  const rows = await writeExport(deps.pool, req, out, undefined, undefined, false);
  await auditExport(deps, ctx, req, rows, "download");
  out.end();
  return rows;
}

/** What a job keeps of the request; the columns are rebuilt from these field names when it runs. */
interface JobParams {
  where: Record<string, unknown>;
  sort: ExportSort;
  filters: Record<string, unknown>;
  fields: string[];
  lang: "ar" | "en";
}

/** Queues an export job for the staff member and sends it to the worker (same transaction). */
export async function startExportJob(deps: ExportDeps, ctx: Ctx, req: ExportRequest): Promise<ExportJob> {
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new DomainError("FORBIDDEN", "only staff export lists", 403);
  const total = await countExport(deps, req);
  const params: JobParams = { where: JSON.parse(JSON.stringify(req.where)) as Record<string, unknown>, sort: req.sort, filters: req.filters, fields: req.columns.map((c) => c.header), lang: req.lang };
  return deps.db.$transaction(async (tx) => {
    const job = await tx.exportJob.create({ data: { requestedById: ctx.actor.id!, resource: req.model.name, format: req.format, params: params as never, totalRows: total, fileName: exportFileName(req.model.name, req.format, nowOf(deps)) } });
    await deps.boss.send(EXPORT_RUN_QUEUE, { exportJobId: job.id }, { db: transactionDb(tx), singletonKey: `export-${job.id}` });
    return job;
  });
}

/** Rebuilds a job's request: the adapter supplies the model and the columns for the saved field names. */
export type ExportPlanner = (resource: string, fields: string[]) => Promise<{ model: ExportModel; columns: ExportColumn[] }>;

/**
 * Builds a queued job's file: claims it (queued → running), streams rows to a temporary file with
 * the progress written along the way (every `progressRows` rows at most, and at most ~50 times),
 * moves the file into storage, completes it with its expiry, and audits it. A failure marks the
 * job failed (the staff member asks again).
 */
export async function runExportJob(
  deps: ExportDeps & { storage: Storage },
  jobId: number,
  plan: ExportPlanner,
  opts: { progressRows?: number; onProgress?: (rowsDone: number) => void } = {},
): Promise<ExportJob | null> {
  const progressRows = opts.progressRows ?? EXPORT_PROGRESS_ROWS;
  const ctx = systemCtx("export-job");
  const move = (to: ExportJob["status"], action: string, data: Record<string, unknown>) =>
    transition<ExportJob["status"], ExportJob>(deps, ctx, { machine: exportJobMachine, id: jobId, to, action, data });
  // A job another worker claimed already (a redelivered queue job), or one gone, is not run again.
  const job = await move("running", "export.start", { startedAt: nowOf(deps), rowsDone: 0 }).catch(nullIfNotMovable);
  if (!job) return null;
  const tmp = path.join(await deps.storage.tempDir(), `export-${randomUUID()}.${job.format}`);
  let key: string | undefined;
  try {
    const p = job.params as unknown as JobParams;
    const { model, columns } = await plan(job.resource!, p.fields);
    const req: ExportRequest = { model, columns, where: p.where, sort: p.sort, filters: p.filters, format: job.format, lang: p.lang };
    let lastWrite = 0;
    const rows = await writeExport(deps.pool, req, createWriteStream(tmp), async (done) => {
      // Progress at most every ~2% of the job, not every step of a 1M export.
      if (done - lastWrite < Math.max(progressRows, (job.totalRows ?? 0) / 50)) return;
      lastWrite = done;
      await deps.db.exportJob.update({ where: { id: jobId }, data: { rowsDone: done } });
      opts.onProgress?.(done);
    }, progressRows);
    const { size } = await stat(tmp);
    key = await deps.storage.adopt("exports/lists", tmp, job.format);
    const hours = (await readSetting(deps.db, "export_file_hours"))!;
    const now = nowOf(deps);
    const done = await move("completed", "export.complete", {
      storageKey: key, rowCount: rows, rowsDone: rows, sizeBytes: size, finishedAt: now, expiresAt: new Date(now.getTime() + hours * 3_600_000),
    });
    await auditExport(deps, { actor: { type: "staff", id: job.requestedById } }, req, rows, "job", job.id);
    return done;
  } catch (e) {
    await rm(tmp, { force: true });
    // A file stored for a job that could not be completed (gone meanwhile) is not left behind.
    if (key) await deps.storage.remove(key).catch(() => undefined);
    // The job's own error is what the caller needs; a failure to record it is logged by the queue with it.
    await move("failed", "export.fail", { error: String((e as Error).message ?? e).slice(0, 500), finishedAt: nowOf(deps) }).catch(() => undefined);
    throw e;
  }
}

/** What the panel shows of a job (progress bar, download link). */
export interface ExportJobView {
  id: number;
  resource: string | null;
  format: ExportFormat;
  status: ExportJob["status"];
  totalRows: number | null;
  rowsDone: number;
  percent: number;
  fileName: string | null;
  expiresAt: Date | null;
  error: string | null;
  createdAt: Date;
}

export function exportJobView(j: ExportJob): ExportJobView {
  const total = j.totalRows ?? 0;
  const percent = j.status === "completed" ? 100 : total > 0 ? Math.min(99, Math.floor((j.rowsDone / total) * 100)) : 0;
  return { id: j.id, resource: j.resource, format: j.format, status: j.status, totalRows: j.totalRows, rowsDone: j.rowsDone, percent, fileName: j.fileName, expiresAt: j.expiresAt, error: j.status === "failed" ? "failed" : null, createdAt: j.createdAt };
}

/** A staff member's recent export jobs (for one list, or all). */
export async function listExportJobs(deps: Deps, staffId: number, resource?: string): Promise<ExportJobView[]> {
  const rows = await deps.db.exportJob.findMany({ where: { requestedById: staffId, ...(resource ? { resource } : {}) }, orderBy: { id: "desc" }, take: 10 });
  return rows.map(exportJobView);
}

/** One job, only for whoever asked for it. */
export async function getExportJob(deps: Deps, staffId: number, jobId: number): Promise<ExportJobView> {
  const j = await deps.db.exportJob.findFirst({ where: { id: jobId, requestedById: staffId } });
  if (!j) throw new DomainError("EXPORT_NOT_FOUND", "no such export", 404);
  return exportJobView(j);
}

/** The finished file of a job, for whoever asked for it, while it has not expired. */
export async function exportJobFile(deps: Deps & { storage: Storage }, staffId: number, jobId: number): Promise<{ fileName: string; format: ExportFormat; stream: NodeJS.ReadableStream; size: number | null }> {
  const j = await deps.db.exportJob.findFirst({ where: { id: jobId, requestedById: staffId } });
  if (!j) throw new DomainError("EXPORT_NOT_FOUND", "no such export", 404);
  const expired = j.status === "expired" || (j.expiresAt && j.expiresAt <= nowOf(deps));
  if (expired) throw new DomainError("EXPORT_EXPIRED", "export file expired", 410);
  if (j.status !== "completed" || !j.storageKey) throw new DomainError("EXPORT_NOT_READY", "export not ready", 409);
  return { fileName: j.fileName ?? `export-${j.id}.${j.format}`, format: j.format, stream: deps.storage.readStream(j.storageKey), size: j.sizeBytes };
}

/** Deletes the files of completed jobs past their expiry (completed → expired). Returns how many. */
export async function expireExportFiles(deps: Deps & { storage: Storage }, batch = 500): Promise<number> {
  const now = nowOf(deps);
  const due = await deps.db.exportJob.findMany({ where: { status: "completed", expiresAt: { lte: now } }, select: { id: true, storageKey: true }, take: batch, orderBy: { id: "asc" } });
  let n = 0;
  const ctx = systemCtx("exports-expire");
  for (const j of due) {
    const moved = await transition<ExportJob["status"], ExportJob>(deps, ctx, {
      machine: exportJobMachine, id: j.id, to: "expired", action: "export.expire", data: { storageKey: null },
    }).catch(nullIfNotMovable);
    if (!moved) continue;
    if (j.storageKey) await deps.storage.remove(j.storageKey);
    n++;
  }
  return n;
}
