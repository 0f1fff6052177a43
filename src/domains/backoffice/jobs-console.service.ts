/**
 * The jobs console (admins): what pg-boss holds, read from its own tables — every queue with its
 * jobs counted by state, recent failures with their error and payload (secrets redacted), the
 * schedules with their next run (cron-parser, as pg-boss computes it), and throughput over the
 * last hour — plus retrying a failed job and cancelling a waiting one. The two commands run the
 * same SQL as pg-boss's retry() and cancel() but inside a Prisma transaction, so the audit row
 * commits with the change.
 */
import cronParser from "cron-parser";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { writeAudit } from "../../platform/audit.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";

/** pg-boss's schema (src/platform/jobs.ts starts it there). */
const S = "pgboss";
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueRow {
  name: string;
  policy: string | null;
  retryLimit: number | null;
  expireSeconds: number | null;
  deadLetter: string | null;
  counts: Record<JobState, number>;
  /** Finished in the last hour. */
  lastHour: { completed: number; failed: number };
}

export interface FailureRow {
  id: string;
  queue: string;
  state: "failed" | "retry";
  error: string;
  payload: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: string;
  failedOn: string | null;
}

export interface ScheduleRow {
  queue: string;
  cron: string;
  timezone: string;
  nextRun: string | null;
  /** Set when pg-boss could not read the cron (then it never runs). */
  invalid: boolean;
}

export interface JobsConsole {
  at: string;
  queues: QueueRow[];
  failures: FailureRow[];
  schedules: ScheduleRow[];
  /** Jobs finished per five minutes over the last hour, oldest first (12 buckets). */
  throughput: { from: string; completed: number; failed: number }[];
  lastHour: { completed: number; failed: number };
}

/** Keys whose values never leave the server, wherever they sit in a payload. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authori[sz]ation|cookie|otp|signature|private|credential|session/i;

/** The payload with every secret-looking key's value replaced. */
export function redactPayload(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.map((v) => redactPayload(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redactPayload(v, depth + 1)]));
  }
  return value;
}

/** What pg-boss stored as a job's output when it failed, as one readable line. */
function errorOf(output: unknown): string {
  if (output === null || output === undefined) return "";
  if (typeof output === "string") return output;
  const o = output as { message?: unknown; value?: unknown };
  const text = typeof o.message === "string" ? o.message : typeof o.value === "string" ? o.value : JSON.stringify(redactPayload(output));
  return text.slice(0, 2000);
}

/** The next time a cron fires after `now`, as pg-boss reads it (null when it cannot). */
export function nextRunOf(cron: string, timezone: string | null, now: Date): Date | null {
  try {
    return cronParser.parseExpression(cron, { tz: timezone ?? "UTC", currentDate: now }).next().toDate();
  } catch {
    return null;
  }
}

const zeroCounts = (): Record<JobState, number> => ({ created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 });

/** Everything the console page shows, read in one go. */
export async function getJobsConsole(deps: Deps, opts: { failures?: number } = {}): Promise<JobsConsole> {
  const db = deps.db;
  const [{ now }] = await db.$queryRawUnsafe<{ now: Date }[]>(`SELECT now() AS now`) as [{ now: Date }];
  const queues = await db.$queryRawUnsafe<{ name: string; policy: string | null; retry_limit: number | null; expire_seconds: number | null; dead_letter: string | null }[]>(
    `SELECT name, policy, retry_limit, expire_seconds, dead_letter FROM ${S}.queue ORDER BY name`,
  );
  const counts = await db.$queryRawUnsafe<{ name: string; state: JobState; n: number }[]>(`SELECT name, state::text AS state, count(*)::int AS n FROM ${S}.job GROUP BY 1, 2`);
  // Finished jobs stay in the job table until pg-boss archives them (12 h by default); the
  // archive is read too, for a shorter archive setting.
  const finished = `SELECT name, state::text AS state, completed_on FROM ${S}.job WHERE completed_on >= now() - interval '1 hour' AND state IN ('completed', 'failed')
    UNION ALL SELECT name, state::text, completed_on FROM ${S}.archive WHERE archived_on >= now() - interval '1 hour' AND completed_on >= now() - interval '1 hour' AND state IN ('completed', 'failed')`;
  const perQueue = await db.$queryRawUnsafe<{ name: string; completed: number; failed: number }[]>(
    `SELECT name, count(*) FILTER (WHERE state = 'completed')::int AS completed, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM (${finished}) f GROUP BY name`,
  );
  const buckets = await db.$queryRawUnsafe<{ bucket: number; completed: number; failed: number }[]>(
    `SELECT LEAST(11, floor(extract(epoch FROM now() - completed_on) / 300))::int AS bucket, count(*) FILTER (WHERE state = 'completed')::int AS completed, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM (${finished}) f GROUP BY 1`,
  );
  const failures = await db.$queryRawUnsafe<{ id: string; name: string; state: "failed" | "retry"; data: unknown; output: unknown; retry_count: number; retry_limit: number; created_on: Date; completed_on: Date | null }[]>(
    `SELECT id::text AS id, name, state::text AS state, data, output, retry_count, retry_limit, created_on, completed_on FROM ${S}.job
      WHERE state = 'failed' OR (state = 'retry' AND output IS NOT NULL) ORDER BY COALESCE(completed_on, created_on) DESC LIMIT $1`,
    Math.min(200, Math.max(1, opts.failures ?? 50)),
  );
  const schedules = await db.$queryRawUnsafe<{ name: string; cron: string; timezone: string | null }[]>(`SELECT name, cron, timezone FROM ${S}.schedule ORDER BY name`);

  const byQueue = new Map(queues.map((q) => [q.name, { counts: zeroCounts(), lastHour: { completed: 0, failed: 0 } }]));
  for (const c of counts) {
    const q = byQueue.get(c.name);
    if (q && c.state in q.counts) q.counts[c.state] = c.n;
  }
  for (const p of perQueue) {
    const q = byQueue.get(p.name);
    if (q) q.lastHour = { completed: p.completed, failed: p.failed };
  }
  const throughput = Array.from({ length: 12 }, (_, i) => {
    const b = buckets.find((x) => x.bucket === 11 - i);
    return { from: new Date(now.getTime() - (12 - i) * 300_000).toISOString(), completed: b?.completed ?? 0, failed: b?.failed ?? 0 };
  });
  return {
    at: now.toISOString(),
    queues: queues.map((q) => ({ name: q.name, policy: q.policy, retryLimit: q.retry_limit, expireSeconds: q.expire_seconds, deadLetter: q.dead_letter, ...byQueue.get(q.name)! })),
    failures: failures.map((f) => ({
      id: f.id, queue: f.name, state: f.state, error: errorOf(f.output), payload: redactPayload(f.data), retryCount: f.retry_count, retryLimit: f.retry_limit,
      createdOn: f.created_on.toISOString(), failedOn: f.completed_on?.toISOString() ?? null,
    })),
    schedules: schedules.map((s) => {
      const next = nextRunOf(s.cron, s.timezone, now);
      return { queue: s.name, cron: s.cron, timezone: s.timezone ?? "UTC", nextRun: next?.toISOString() ?? null, invalid: !next };
    }),
    throughput,
    lastHour: perQueue.reduce((a, p) => ({ completed: a.completed + p.completed, failed: a.failed + p.failed }), { completed: 0, failed: 0 }),
  };
}

export const jobRefSchema = z.object({ queue: z.string().trim().min(1).max(200), id: z.uuid() });
export type JobRef = z.infer<typeof jobRefSchema>;

async function moveJob(deps: Deps, ctx: Ctx, ref: JobRef, op: "retry" | "cancel"): Promise<void> {
  const { queue, id } = jobRefSchema.parse(ref);
  await deps.db.$transaction(async (tx) => {
    const found = await tx.$queryRawUnsafe<{ state: JobState }[]>(`SELECT state::text AS state FROM ${S}.job WHERE name = $1 AND id = $2::uuid FOR UPDATE`, queue, id);
    if (!found.length) throw new NotFoundError("Job", id);
    const before = found[0]!.state;
    // As pg-boss's retry(): a failed job goes back to retry with one more attempt allowed;
    // as its cancel(): anything not yet finished is cancelled.
    const moved = op === "retry"
      ? await tx.$executeRawUnsafe(`UPDATE ${S}.job SET state = 'retry', retry_limit = retry_limit + 1 WHERE name = $1 AND id = $2::uuid AND state = 'failed'`, queue, id)
      : await tx.$executeRawUnsafe(`UPDATE ${S}.job SET completed_on = now(), state = 'cancelled' WHERE name = $1 AND id = $2::uuid AND state < 'completed'`, queue, id);
    if (moved !== 1) throw new ConflictError(op === "retry" ? "JOB_NOT_FAILED" : "JOB_NOT_CANCELLABLE", `job ${id} is ${before}`, { state: before });
    await writeAudit(tx, ctx, { action: `jobs.${op}`, entity: "Job", entityId: id, meta: { queue, from: before } });
  });
}

/** Admin: a failed job is tried again (it keeps its payload; one more attempt is allowed). */
export const retryJob = (deps: Deps, ctx: Ctx, ref: JobRef) => moveJob(deps, ctx, ref, "retry");
/** Admin: a job waiting, retrying or running is cancelled (a running handler finishes, its result is ignored). */
export const cancelJob = (deps: Deps, ctx: Ctx, ref: JobRef) => moveJob(deps, ctx, ref, "cancel");
