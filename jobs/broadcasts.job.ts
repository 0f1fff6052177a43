/**
 * Broadcast fan-out queue: one job per batch of a sending broadcast (src/domains/notifications,
 * runBroadcastBatch). Each batch tells its users and queues the next one in the same transaction
 * that moves the broadcast's cursor, or completes the broadcast. A retried or duplicated batch adds
 * nothing (one notification per broadcast and user; the cursor moves only from where it started);
 * a cancelled broadcast's batch stops at its next user.
 */
import { z } from "zod";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { workEach, type Boss, type QueueSpec } from "../src/platform/jobs.js";
import { BROADCAST_BATCH, BROADCAST_QUEUE, runBroadcastBatch } from "../src/domains/notifications/index.js";

/** A batch of 500 users takes seconds; a dead worker's batch is retried after five minutes. */
export const BROADCASTS: QueueSpec = { name: BROADCAST_QUEUE, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 };
export const QUEUES: QueueSpec[] = [BROADCASTS];

const job = z.object({ broadcastId: z.number().int().positive(), after: z.number().int().nonnegative() });

/** Runs one batch job (the worker's handler; tests call it through drainQueues). */
export async function runBroadcastJob(deps: Deps, log: Logger, data: unknown, batchSize = BROADCAST_BATCH) {
  const parsed = job.parse(data);
  const out = await runBroadcastBatch(deps, parsed, batchSize);
  log.info({ ...parsed, ...out }, "broadcast batch");
  return out;
}

/** Starts the batch handler in this process (the worker role). */
export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  const blog = log.child({ queue: BROADCASTS.name });
  await workEach(boss, BROADCASTS.name, { concurrency: 2 }, async (j) => void (await runBroadcastJob(deps, blog, j.data)));
}
