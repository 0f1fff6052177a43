/**
 * Exports and reports queues:
 * - `exports-run`: builds one panel export job's file (sent with the job row, in its transaction);
 * - `exports-expire`: hourly, deletes export files past `export_file_hours`;
 * - `reports-due`: hourly, emails the scheduled reports that are due, file attached.
 * All idempotent: a job is built once (claimed queued → running), an expired file is moved to
 * expired once, and a schedule's period is claimed before it is sent.
 */
import { z } from "zod";
import type pg from "pg";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Storage } from "../src/platform/storage.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";
import { EXPORT_EXPIRE_QUEUE, EXPORT_RUN_QUEUE, expireExportFiles, REPORTS_DUE_QUEUE, runExportJob, sendDueReports } from "../src/domains/reports/index.js";
import { exportPlanner } from "../admin/exports.js";

/** A 1M-row export takes tens of seconds; a failed one is marked failed and not retried (staff ask again). */
export const EXPORT_RUN: QueueSpec = { name: EXPORT_RUN_QUEUE, retryLimit: 0, expireInSeconds: 60 * 60 };
export const EXPORT_EXPIRE: QueueSpec = { name: EXPORT_EXPIRE_QUEUE, retryLimit: 1, expireInSeconds: 15 * 60 };
export const REPORTS_DUE: QueueSpec = { name: REPORTS_DUE_QUEUE, retryLimit: 1, expireInSeconds: 30 * 60 };
export const QUEUES: QueueSpec[] = [EXPORT_RUN, EXPORT_EXPIRE, REPORTS_DUE];

const runJob = z.object({ exportJobId: z.number().int().positive() });

type ExportsDeps = Deps & { storage: Storage; pool: pg.Pool };

/** Builds the export job a message names. */
export async function handleExportRun(deps: ExportsDeps, data: unknown): Promise<void> {
  await runExportJob(deps, runJob.parse(data).exportJobId, exportPlanner(deps.db));
}

/** One hourly pass: delete expired export files. */
export async function runExportExpiry(deps: ExportsDeps, log: Logger): Promise<number> {
  const n = await expireExportFiles(deps);
  if (n) log.info({ expired: n }, "export files expired");
  return n;
}

/** One hourly pass: send the scheduled reports that are due. */
export async function runReportsDue(deps: Deps, log: Logger) {
  const r = await sendDueReports(deps);
  if (r.sent.length || r.failed.length) log.info(r, "scheduled reports sent");
  return r;
}

/** Starts the handlers and schedules in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger, storage: Storage, pool: pg.Pool): Promise<void> {
  const d = { ...deps, storage, pool };
  await workEach(boss, EXPORT_RUN.name, { concurrency: 1 }, (job) => handleExportRun(d, job.data));
  await boss.work(EXPORT_EXPIRE.name, async () => void (await runExportExpiry(d, log.child({ queue: EXPORT_EXPIRE.name }))));
  await boss.work(REPORTS_DUE.name, async () => void (await runReportsDue(deps, log.child({ queue: REPORTS_DUE.name }))));
  await boss.schedule(EXPORT_EXPIRE.name, "41 * * * *", {});
  await boss.schedule(REPORTS_DUE.name, "7 * * * *", {}, { tz: "Asia/Riyadh" });
}
