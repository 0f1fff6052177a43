/**
 * Analytics rollups queue: nightly, yesterday's figures are computed for good (a late webhook or
 * status change of the day is in by then); every ten minutes today's are refreshed so the home
 * page's "today" stays close to live. Both replace their day's rows (src/domains/analytics), so a
 * retried or overlapping run changes nothing twice.
 */
import { z } from "zod";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { nowOf } from "../src/platform/clock.js";
import { DAY_MS, riyadhDay } from "../src/platform/riyadh-time.js";
import { rollupRange } from "../src/domains/analytics/index.js";

export const ANALYTICS_NIGHTLY: QueueSpec = { name: "analytics-nightly", retryLimit: 3, expireInSeconds: 1800 };
export const ANALYTICS_TODAY: QueueSpec = { name: "analytics-today", retryLimit: 1, expireInSeconds: 600 };
export const QUEUES: QueueSpec[] = [ANALYTICS_NIGHTLY, ANALYTICS_TODAY];

/** Optional explicit day (YYYY-MM-DD) for a manual run; by default the queue's own day. */
const Payload = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).passthrough();

/** Computes one Riyadh day's rollups: `which` picks yesterday or today relative to the clock. */
export async function runAnalyticsJob(deps: Deps, log: Logger, which: "yesterday" | "today", data: unknown = {}) {
  const now = nowOf(deps);
  const day = Payload.parse(data ?? {}).day ?? riyadhDay(which === "today" ? now : new Date(now.getTime() - DAY_MS));
  const out = await rollupRange(deps.db, { from: day, to: day }, now);
  log.debug({ day }, "analytics rollup computed");
  return { day, ...out };
}

/** Starts the rollup handlers and their crons in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(ANALYTICS_NIGHTLY.name, async ([job]) => {
    await runAnalyticsJob(deps, log.child({ queue: ANALYTICS_NIGHTLY.name }), "yesterday", job?.data);
  });
  await boss.work(ANALYTICS_TODAY.name, async ([job]) => {
    await runAnalyticsJob(deps, log.child({ queue: ANALYTICS_TODAY.name }), "today", job?.data);
  });
  // 00:20 Riyadh: yesterday is over and its late events (webhooks retried at midnight) are in.
  await boss.schedule(ANALYTICS_NIGHTLY.name, "20 0 * * *", {}, { tz: "Asia/Riyadh" });
  await boss.schedule(ANALYTICS_TODAY.name, "*/10 * * * *", {}, { tz: "Asia/Riyadh" });
}
