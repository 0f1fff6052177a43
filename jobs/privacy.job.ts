/**
 * Privacy queues:
 * - `privacy-data-export`: builds one user's data export ZIP (sent with the request, in its transaction);
 * - `privacy-erasure`: hourly, erases the accounts whose deletion grace period ended;
 * - `privacy-retention`: nightly (02:30 Riyadh), applies the data-retention rules in batches.
 * All idempotent: an export is built once (claimed queued → running), an erased deletion is
 * completed and never picked again, and a retention rule re-selects what is still old enough.
 */
import { z } from "zod";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Storage } from "../src/platform/storage.js";
import { systemCtx } from "../src/platform/context.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";
import { buildDataExport, DATA_EXPORT_QUEUE, eraseDueAccounts } from "../src/domains/accounts/index.js";
import { ensureRetentionRules, runRetention } from "../src/domains/backoffice/retention.service.js";

/** A large account's ZIP can take a while; a failed build is marked failed and not retried (the user asks again). */
export const DATA_EXPORT: QueueSpec = { name: DATA_EXPORT_QUEUE, retryLimit: 0, expireInSeconds: 30 * 60 };
export const ERASURE: QueueSpec = { name: "privacy-erasure", retryLimit: 1, expireInSeconds: 30 * 60 };
/** The whole nightly pass; batches commit one by one, so a retry only redoes what is left. */
export const RETENTION: QueueSpec = { name: "privacy-retention", retryLimit: 2, retryDelay: 600, expireInSeconds: 4 * 3600 };
export const QUEUES: QueueSpec[] = [DATA_EXPORT, ERASURE, RETENTION];

const exportJob = z.object({ exportId: z.number().int().positive() });

/** Builds the export a job names. */
export async function handleDataExport(deps: Deps & { storage: Storage }, data: unknown): Promise<void> {
  await buildDataExport(deps, exportJob.parse(data).exportId);
}

/** One hourly pass: erase what is due. */
export async function runErasureJob(deps: Deps & { storage: Storage }, log: Logger) {
  const r = await eraseDueAccounts(deps, systemCtx("account-erasure"));
  if (r.completed || r.blocked) log.info(r, "account erasure pass");
  return r;
}

/** One nightly pass over the retention rules. */
export async function runRetentionJob(deps: Deps & { storage: Storage }, log: Logger) {
  const r = await runRetention(deps, systemCtx("data-retention"));
  log.info({ runs: r.runs.map((x) => ({ key: x.key, affected: x.affected, batches: x.batches })), skipped: r.skipped }, "data retention pass");
  return r;
}

/** Starts the handlers and schedules in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger, storage: Storage): Promise<void> {
  const d = { ...deps, storage };
  await ensureRetentionRules(deps.db);
  await workEach(boss, DATA_EXPORT.name, { concurrency: 1 }, (job) => handleDataExport(d, job.data));
  await boss.work(ERASURE.name, async () => void (await runErasureJob(d, log.child({ queue: ERASURE.name }))));
  await boss.work(RETENTION.name, async () => void (await runRetentionJob(d, log.child({ queue: RETENTION.name }))));
  await boss.schedule(ERASURE.name, "17 * * * *", {});
  await boss.schedule(RETENTION.name, "30 2 * * *", {}, { tz: "Asia/Riyadh" });
}
