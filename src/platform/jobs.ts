/**
 * The pg-boss client. Jobs sent with a transaction commit or roll back with the business write
 * (pg-boss `db` option backed by the Prisma interactive transaction).
 */
import PgBoss from "pg-boss";
import type { Tx } from "./database/transaction.js";

export type Boss = PgBoss;

/** Queue definitions live beside their handlers in jobs/; this is the shape both sides share. */
export interface QueueSpec {
  name: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  deadLetter?: string;
}

/** A pg-boss `Db` that runs its SQL inside a Prisma interactive transaction. */
export function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values);
      return { rows };
    },
  };
}

/**
 * Creates and starts pg-boss. Web processes only send (no maintenance, no cron);
 * workers also supervise and run schedules.
 */
export async function startBoss(databaseUrl: string, role: "web" | "worker", onError: (e: Error) => void): Promise<Boss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: "pgboss",
    max: 5,
    supervise: role === "worker",
    // The supervisor is what retries a job whose worker died (kill -9, OOM, lost host): once the
    // job's expiry has passed it fails it back to retry. It only looks every maintenance interval
    // (pg-boss default 120 s, on top of the expiry); 15 s keeps recovery close to each queue's
    // expireInSeconds. pg-boss lets one process per interval do it, however many workers run.
    maintenanceIntervalSeconds: 15,
    schedule: role === "worker",
    migrate: true,
    application_name: `nawafeth-${role}`,
  });
  boss.on("error", onError);
  await boss.start();
  return boss;
}

/**
 * Creates the queues that do not exist yet (send to a missing queue silently returns null) and
 * brings existing ones to their spec: createQueue leaves an existing queue as it was, so a changed
 * expiry or retry policy would never reach a deployed database. pg-boss copies these options into
 * each job when it is sent, so they apply to jobs sent from now on. An option removed from a spec
 * keeps its stored value (pg-boss's update only sets what it is given).
 */
export async function ensureQueues(boss: Boss, queues: QueueSpec[]): Promise<void> {
  for (const q of queues) {
    const { name, ...spec } = q;
    const options = { retryLimit: 3, retryBackoff: true, ...spec };
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, { name, ...options });
      continue;
    }
    const stale = (Object.keys(options) as (keyof typeof options)[]).some((k) => existing[k] !== options[k]);
    // updateQueue would reset the policy to "standard" unless given; keep the queue's own.
    if (stale) await boss.updateQueue(name, { name, policy: existing.policy, ...options });
  }
}

/**
 * Runs `handle` on each job of queue `name` on its own. pg-boss 10 hands a worker an array and
 * completes or fails the whole array on the handler's outcome; here a job whose handler throws is
 * failed by itself (pg-boss then completes only the jobs still active), so one bad job neither
 * fails nor repeats the others of its batch. pg-boss 10 waits out the polling interval (2 s by
 * default) between fetches even when it found jobs, so one job per fetch caps a loop at half a job
 * per second: busy queues of quick jobs (events, webhooks) take a `batchSize` of several, handled
 * one after another, and a loop whose fetch came back full fetches again at once (only a short or
 * empty fetch waits out the interval), so a backlog drains at the handlers' speed. The default stays 1, because each job's expiry runs from its batch's fetch
 * and slow handlers (exports) need all of theirs. `concurrency` loops (pg-boss has no
 * local-concurrency option) keep that many batches in flight.
 */
export async function workEach<T = unknown>(
  boss: Boss,
  name: string,
  opts: { concurrency?: number; pollingIntervalSeconds?: number; batchSize?: number },
  handle: (job: PgBoss.Job<T>) => Promise<void>,
): Promise<string[]> {
  const workers: string[] = [];
  const options: PgBoss.WorkOptions = { batchSize: opts.batchSize ?? 1, ...(opts.pollingIntervalSeconds ? { pollingIntervalSeconds: opts.pollingIntervalSeconds } : {}) };
  for (let i = 0; i < Math.max(1, opts.concurrency ?? 1); i++) {
    let id: string | undefined;
    id = await boss.work<T>(name, options, async (jobs) => {
      // A full batch means more are likely waiting: fetch again as soon as this one is done
      // instead of waiting out the polling interval (pg-boss skips its pause once notified).
      if (id && jobs.length >= options.batchSize!) boss.notifyWorker(id);
      for (const job of jobs) {
        try {
          await handle(job);
        } catch (err) {
          // Alone in its fetch: pg-boss fails it exactly as before.
          if (jobs.length === 1) throw err;
          await boss.fail(name, job.id, err instanceof Error ? err : new Error(String(err)));
        }
      }
    });
    workers.push(id);
  }
  return workers;
}

/** Sends a job in the given transaction; throws if pg-boss refused it (unknown queue). */
export async function sendInTransaction(boss: Boss, tx: Tx, name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const id = await boss.send(name, data, { ...options, db: transactionDb(tx) });
  if (!id && !options.singletonKey) throw new Error(`pg-boss did not accept a job for queue "${name}" (does the queue exist?)`);
  return id ?? "";
}
