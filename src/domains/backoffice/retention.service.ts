/**
 * Data-retention rules that run. Each rule (backoffice_dataretentionrule) names a target in
 * retention.targets.ts; staff edit its age, action and whether it is active in the panel, and a
 * dry run there shows how many rows it would touch now (and how many another rule protects).
 * The nightly job applies every active rule in batches: each batch is one short transaction that
 * locks at most `retention_batch_size` rows (`FOR UPDATE SKIP LOCKED`, walking the primary key),
 * so nothing waits long behind it and a busy row is simply left for the next night. Each rule's
 * run writes one audit row with what it did.
 */
import { Prisma, type DataRetentionRule, type PrismaClient, type RetentionAction } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Storage } from "../../platform/storage.js";
import { nowOf } from "../../platform/clock.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "./settings.js";
import { RETENTION_TARGETS, retentionTarget, type RetentionTarget } from "./retention.targets.js";
import { eraseSoftDeletedUser, removeFiles } from "../accounts/account-deletion.service.js";

const DAY_MS = 24 * 3600_000;

/** Writes the rule of every target that has none yet, with its defaults (existing rules keep staff's edits). */
export async function ensureRetentionRules(db: PrismaClient | Prisma.TransactionClient): Promise<number> {
  const { count } = await db.dataRetentionRule.createMany({
    data: RETENTION_TARGETS.map((t) => ({ key: t.key, entity: t.entity, retentionDays: t.defaults.retentionDays, action: t.defaults.action, isActive: t.defaults.isActive, description: t.defaults.description })),
    skipDuplicates: true,
  });
  return count;
}

/** Why a rule's settings cannot run (unknown target, unsupported action, negative age), or null. */
export function ruleProblem(rule: Pick<DataRetentionRule, "key" | "action" | "retentionDays">): string | null {
  const target = retentionTarget(rule.key);
  if (!target) return "RETENTION_UNKNOWN_TARGET";
  if (!target.actions.includes(rule.action)) return "RETENTION_ACTION_UNSUPPORTED";
  if (!Number.isInteger(rule.retentionDays) || rule.retentionDays < 0) return "RETENTION_DAYS_INVALID";
  return null;
}

function targetOf(rule: DataRetentionRule): RetentionTarget {
  const problem = ruleProblem(rule);
  if (problem) throw new DomainError(problem, `rule ${rule.key} cannot run`, 422, { key: rule.key, action: rule.action, actions: retentionTarget(rule.key)?.actions.join(", ") ?? "" });
  return retentionTarget(rule.key)!;
}

const cutoffOf = (rule: DataRetentionRule, now: Date) => new Date(now.getTime() - rule.retentionDays * DAY_MS);

async function conditions(db: PrismaClient, target: RetentionTarget, action: RetentionAction): Promise<{ aged: string; prot: string }> {
  const prot = target.protectedBy ? await target.protectedBy(db) : "";
  return { aged: target.aged(action), prot: prot || "false" };
}

export interface DryRun {
  /** Rows the rule would touch now. */
  count: number;
  /** Rows old enough but protected by another rule. */
  protectedCount: number;
  cutoff: Date;
}

/** How many rows the rule would touch at `now` (the deps' clock), stored on the rule for the panel's list. */
export async function dryRunRule(deps: Deps, ruleId: number, now = nowOf(deps)): Promise<DryRun> {
  const rule = await deps.db.dataRetentionRule.findUnique({ where: { id: ruleId } });
  if (!rule) throw new NotFoundError("DataRetentionRule", ruleId);
  const target = targetOf(rule);
  const cutoff = cutoffOf(rule, now);
  const { aged, prot } = await conditions(deps.db, target, rule.action);
  const [row] = await deps.db.$queryRawUnsafe<{ n: bigint; p: bigint }[]>(
    `SELECT count(*) FILTER (WHERE NOT (${prot})) AS n, count(*) FILTER (WHERE (${prot})) AS p FROM ${target.table} t WHERE ${aged}`,
    cutoff,
  );
  const result = { count: Number(row!.n), protectedCount: Number(row!.p), cutoff };
  await deps.db.dataRetentionRule.update({ where: { id: ruleId }, data: { dryRunCount: result.count, dryRunProtected: result.protectedCount, dryRunAt: now } });
  return result;
}

export interface RuleRun {
  key: string;
  action: RetentionAction;
  affected: number;
  batches: number;
  /** Largest number of rows one transaction touched. */
  largestBatch: number;
  filesRemoved: number;
  archives: string[];
  cutoff: Date;
}

export interface RunOptions {
  /** Rows per transaction; default the `retention_batch_size` setting. */
  batchSize?: number;
  /** Called between batches (after each commit): tests look at locks there. */
  onBatch?: (info: { batch: number; rows: number }) => Promise<void> | void;
}

type Returned = { id: number | string; file?: string | null; file2?: string | null };

/**
 * Applies one rule at `now`: batches of at most `batchSize` rows, each its own transaction, until
 * none is left. Writes lastRunAt / lastAffectedCount and one audit row (in the last transaction).
 */
export async function runRule(deps: Deps & { storage: Storage }, ctx: Ctx, ruleId: number, opts: RunOptions = {}, now = nowOf(deps)): Promise<RuleRun> {
  const rule = await deps.db.dataRetentionRule.findUnique({ where: { id: ruleId } });
  if (!rule) throw new NotFoundError("DataRetentionRule", ruleId);
  const target = targetOf(rule);
  const cutoff = cutoffOf(rule, now);
  const n = opts.batchSize ?? (await readSetting(deps.db, "retention_batch_size"))!;
  const { aged, prot } = await conditions(deps.db, target, rule.action);
  const id = `t.${target.id.column}`;
  const fileCols = target.files ?? [];
  const out: RuleRun = { key: rule.key, action: rule.action, affected: 0, batches: 0, largestBatch: 0, filesRemoved: 0, archives: [], cutoff };
  // Keyset over the primary key, so every batch starts where the last one ended (protected or
  // busy rows are passed once, not re-read by every batch). Text keys only occur on tables whose
  // rows all go, so those simply restart from the beginning.
  let last: number | undefined;
  const after = () => (target.id.type === "int" && last !== undefined ? ` AND ${id} > ${last}` : "");
  const pick = (lock: boolean) => `SELECT ${id} AS id FROM ${target.table} t WHERE (${aged}) AND NOT (${prot})${after()} ORDER BY ${id} LIMIT ${n}${lock ? " FOR UPDATE OF t SKIP LOCKED" : ""}`;

  for (;;) {
    let rows: Returned[];
    if (rule.action === "anonymize" && target.anonymizeRowByRow) {
      // Users: each through account erasure (its own transaction, re-checking obligations and holds).
      rows = await deps.db.$queryRawUnsafe<Returned[]>(pick(false), cutoff);
      for (const r of rows) await eraseSoftDeletedUser(deps, ctx, Number(r.id));
    } else {
      rows = await deps.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
        if (rule.action === "archive") return archiveBatch(deps.storage, tx, target, pick(true), cutoff, now, out);
        const returning = [`${id} AS id`, ...fileCols.map((c, i) => `t.${c} AS file${i ? i + 1 : ""}`)].join(", ");
        const sql =
          rule.action === "delete"
            ? `WITH batch AS (${pick(true)}) DELETE FROM ${target.table} t USING batch WHERE ${id} = batch.id RETURNING ${returning}`
            : `WITH batch AS (${pick(true)}) UPDATE ${target.table} t SET ${target.anonymizeSet} FROM batch WHERE ${id} = batch.id RETURNING ${id} AS id`;
        return tx.$queryRawUnsafe<Returned[]>(sql, cutoff);
      }, { maxWait: 10_000, timeout: 60_000 });
      const files = rows.flatMap((r) => [r.file, r.file2]).filter((f): f is string => !!f);
      await removeFiles(deps.storage, files);
      out.filesRemoved += files.length;
    }
    if (!rows.length) break;
    out.batches++;
    out.affected += rows.length;
    out.largestBatch = Math.max(out.largestBatch, rows.length);
    if (target.id.type === "int") last = Math.max(...rows.map((r) => Number(r.id)));
    await opts.onBatch?.({ batch: out.batches, rows: rows.length });
    if (rows.length < n) break;
  }

  await deps.db.$transaction(async (tx) => {
    await tx.dataRetentionRule.update({ where: { id: ruleId }, data: { lastRunAt: now, lastAffectedCount: out.affected } });
    await writeAudit(tx, ctx, {
      action: "retention.run", entity: "DataRetentionRule", entityId: ruleId,
      meta: { key: rule.key, action: rule.action, retentionDays: rule.retentionDays, cutoff: cutoff.toISOString(), affected: out.affected, batches: out.batches, filesRemoved: out.filesRemoved, archives: out.archives },
    });
  });
  return out;
}

async function archiveBatch(storage: Storage, tx: Prisma.TransactionClient, target: RetentionTarget, pick: string, cutoff: Date, now: Date, out: RuleRun): Promise<Returned[]> {
  const rows = await tx.$queryRawUnsafe<{ id: number | string; row: string }[]>(`SELECT b.id, row_to_json(t)::text AS row FROM (${pick}) b JOIN ${target.table} t ON t.${target.id.column} = b.id ORDER BY b.id`, cutoff);
  if (!rows.length) return [];
  const key = await storage.put(`archive/${target.key}/${now.toISOString().slice(0, 10)}`, Buffer.from(rows.map((r) => r.row).join("\n") + "\n"), "jsonl");
  out.archives.push(key);
  await tx.$executeRawUnsafe(`DELETE FROM ${target.table} WHERE ${target.id.column} = ANY($1::${target.id.type}[])`, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id }));
}

/** The nightly job: every active rule, one after the other. A rule that cannot run is reported, not fatal. */
export async function runRetention(deps: Deps & { storage: Storage }, ctx: Ctx, opts: RunOptions = {}): Promise<{ runs: RuleRun[]; skipped: { key: string; problem: string }[] }> {
  await ensureRetentionRules(deps.db);
  const now = nowOf(deps);
  const rules = await deps.db.dataRetentionRule.findMany({ where: { isActive: true }, orderBy: { id: "asc" } });
  const runs: RuleRun[] = [];
  const skipped: { key: string; problem: string }[] = [];
  for (const rule of rules) {
    const problem = ruleProblem(rule);
    if (problem) {
      skipped.push({ key: rule.key, problem });
      continue;
    }
    runs.push(await runRule(deps, ctx, rule.id, opts, now));
  }
  return { runs, skipped };
}
