/**
 * Runs what a worker would, in the test's process, until the named queues are empty: fetches
 * jobs from pg-boss, runs the production handler, completes or fails each. Lets a test follow an
 * event through fan-out, subscribers and sending without waiting for polling intervals.
 */
import type PgBoss from "pg-boss";
import type { Boss } from "../../src/platform/jobs.js";

export type Handler = (job: PgBoss.Job<unknown>) => Promise<void>;

/** Drains the queues in order, repeatedly, until a full pass finds nothing; returns how many jobs ran. */
export async function drainQueues(boss: Boss, handlers: [queue: string, handler: Handler][], maxPasses = 20): Promise<number> {
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let ran = 0;
    for (const [queue, handle] of handlers) {
      for (;;) {
        const jobs = await boss.fetch(queue, { batchSize: 100 });
        if (!jobs?.length) break;
        for (const job of jobs) {
          try {
            await handle(job);
            await boss.complete(queue, job.id);
          } catch (e) {
            await boss.fail(queue, job.id, { message: String(e) });
          }
          ran++;
        }
      }
    }
    total += ran;
    if (!ran) return total;
  }
  return total;
}
