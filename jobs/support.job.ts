/**
 * Support SLA queue: every minute, tickets whose running deadline passed are marked breached,
 * raised one priority step and their team lead told (event); tickets resolved longer ago than
 * support_auto_close_days are closed (src/domains/support, sla-sweep.service). Idempotent: a
 * repeated or overlapping run re-checks each ticket under its row lock and moves nothing twice.
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { nowOf } from "../src/platform/clock.js";
import { autoCloseResolved, sweepSlaBreaches } from "../src/domains/support/index.js";

/** Every minute; a dead worker's run expires within the minute and the next tick does the same work. */
export const SUPPORT_SLA: QueueSpec = { name: "support-sla", retryLimit: 0, expireInSeconds: 60 };
export const QUEUES: QueueSpec[] = [SUPPORT_SLA];

/** One pass at `now` (the deps' clock by default). */
export async function runSupportSlaJob(deps: Deps, log: Logger, now = nowOf(deps)) {
  const breached = await sweepSlaBreaches(deps, now);
  const closed = await autoCloseResolved(deps, now);
  if (breached || closed) log.info({ breached, closed }, "support SLA pass");
  return { breached, closed };
}

/** Starts the handler and its cron in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(SUPPORT_SLA.name, async () => {
    await runSupportSlaJob(deps, log.child({ queue: SUPPORT_SLA.name }));
  });
  await boss.schedule(SUPPORT_SLA.name, "* * * * *", {});
}
