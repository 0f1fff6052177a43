/**
 * Promotion schedule queue: every five minutes, approved promotions whose start has come go live
 * and live ones whose end has passed end (src/domains/promo, runPromoSchedule). Idempotent: a
 * repeated or overlapping run moves nothing twice.
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { systemCtx } from "../src/platform/context.js";
import { runPromoSchedule } from "../src/domains/promo/index.js";

/** Every five minutes; a dead worker's run is retried after five minutes (the next tick would do the same). */
export const PROMO_SCHEDULE: QueueSpec = { name: "promo-schedule", retryLimit: 1, expireInSeconds: 300 };
export const QUEUES: QueueSpec[] = [PROMO_SCHEDULE];

/** One pass of the schedule at `now`. */
export async function runPromoScheduleJob(deps: Deps, log: Logger, now = new Date()) {
  const out = await runPromoSchedule(deps, systemCtx("promo-schedule"), now);
  if (out.live || out.ended) log.info(out, "promo schedule moved promotions");
  return out;
}

/** Starts the schedule's handler and its cron in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(PROMO_SCHEDULE.name, async () => {
    await runPromoScheduleJob(deps, log.child({ queue: PROMO_SCHEDULE.name }));
  });
  // Promotions start and end at midnight Riyadh, so a run at :00 catches them within seconds.
  await boss.schedule(PROMO_SCHEDULE.name, "*/5 * * * *", {}, { tz: "Asia/Riyadh" });
}
