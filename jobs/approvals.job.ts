/**
 * Approvals expiry queue: every ten minutes, pending four-eyes approvals past their time become
 * expired (src/domains/approvals, expireApprovals). Idempotent: an approval expires once.
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { expireApprovals } from "../src/domains/approvals/index.js";

export const APPROVALS_EXPIRY: QueueSpec = { name: "approvals-expiry", retryLimit: 1, expireInSeconds: 300 };
export const QUEUES: QueueSpec[] = [APPROVALS_EXPIRY];

/** One pass: expires what is due and says how many. */
export async function runApprovalsExpiryJob(deps: Deps, log: Logger): Promise<number> {
  const n = await expireApprovals(deps);
  if (n) log.info({ expired: n }, "pending approvals expired");
  return n;
}

/** Starts the handler and its cron in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(APPROVALS_EXPIRY.name, async () => {
    await runApprovalsExpiryJob(deps, log.child({ queue: APPROVALS_EXPIRY.name }));
  });
  await boss.schedule(APPROVALS_EXPIRY.name, "*/10 * * * *", {}, { tz: "Asia/Riyadh" });
}
