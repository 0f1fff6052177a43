/** Every queue the system uses and the worker registration. One file per queue family. */
import { registerDomainHooks } from "../src/domains/register-hooks.js";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import * as domainEvents from "./domain-events.job.js";
import * as billing from "./billing.job.js";
import * as billingReconciliation from "./billing-reconciliation.job.js";
import * as verification from "./verification.job.js";
import * as promo from "./promo.job.js";
import * as support from "./support.job.js";
import * as notifications from "./notifications.job.js";
import * as broadcasts from "./broadcasts.job.js";
import * as privacy from "./privacy.job.js";
import * as scheduledMessages from "./scheduled-messages.job.js";
import * as analytics from "./analytics.job.js";
import * as reports from "./reports.job.js";
import * as approvals from "./approvals.job.js";
import type pg from "pg";
import type { Storage } from "../src/platform/storage.js";

export const QUEUES: QueueSpec[] = [...domainEvents.QUEUES, ...billing.QUEUES, ...billingReconciliation.QUEUES, ...verification.QUEUES, ...promo.QUEUES, ...support.QUEUES, ...notifications.QUEUES, ...broadcasts.QUEUES, ...privacy.QUEUES, ...scheduledMessages.QUEUES, ...analytics.QUEUES, ...reports.QUEUES, ...approvals.QUEUES];

/** Starts the handlers in this process (the worker role). `pool`: plain pg connections for the export cursor; `hooks`: test-only delivery hooks. */
export async function registerWorkers(boss: Boss, deps: Deps, log: Logger, storage?: Storage, opts: { pool?: pg.Pool; hooks?: notifications.DeliveryHooks } = {}): Promise<void> {
  const { pool, hooks = {} } = opts;
  registerDomainHooks();
  await billing.register(boss, deps, log);
  await billingReconciliation.register(boss, deps, log);
  await verification.register(boss, deps, log);
  await promo.register(boss, deps, log);
  await support.register(boss, deps, log);
  await notifications.register(boss, deps, log, hooks);
  await broadcasts.register(boss, deps, log);
  await scheduledMessages.register(boss, deps, log);
  await analytics.register(boss, deps, log);
  await approvals.register(boss, deps, log);
  // Without file storage (some tests) the privacy jobs, which read and remove files, do not run here.
  if (storage) await privacy.register(boss, deps, log, storage);
  // Exports read through plain pg (a cursor) and write files: both are needed.
  if (storage && pool) await reports.register(boss, deps, log, storage, pool);
  // Last: the event fan-out must only start once every domain above has subscribed.
  await domainEvents.register(boss, deps, log);
}
