/**
 * Verification queue: a daily sweep over badges that tells providers before a badge expires (once
 * at each notice threshold) and ends expired ones. Idempotent: a repeated run changes nothing.
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { systemCtx } from "../src/platform/context.js";
import { nowOf } from "../src/platform/clock.js";
import { runBadgeExpiry } from "../src/domains/verification/index.js";

/** Daily; a dead worker's run is retried after ten minutes. */
export const BADGE_SWEEP: QueueSpec = { name: "verification-badge-sweep", retryLimit: 2, expireInSeconds: 600 };
export const QUEUES: QueueSpec[] = [BADGE_SWEEP];

/** One sweep: notices, then expiries. */
export async function runBadgeSweep(deps: Deps, log: Logger, now = nowOf(deps)) {
  const out = await runBadgeExpiry(deps, systemCtx("badge-sweep"), now);
  log.info(out, "badge sweep done");
  return out;
}

export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(BADGE_SWEEP.name, async () => {
    await runBadgeSweep(deps, log.child({ queue: BADGE_SWEEP.name }));
  });
  // Early morning in Riyadh, so a badge that ends today is gone before the working day.
  await boss.schedule(BADGE_SWEEP.name, "15 3 * * *", {}, { tz: "Asia/Riyadh" });
}
