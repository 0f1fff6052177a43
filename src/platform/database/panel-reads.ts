/**
 * The Prisma client the panel's lists read through. Two things set it apart from the shared one:
 * - every statement on its connections stops after `statement_timeout`, so a list over millions
 *   of rows with an unindexed filter answers with a message instead of a page that hangs;
 * - a twin client (`estimates`) answers a Prisma `count` with PostgreSQL's own estimate of the
 *   rows, without counting them: the SQL Prisma built is explained instead of executed. Filters
 *   keep one translation to SQL (Prisma's) for lists, counts and estimates alike.
 */
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Logger } from "../logger.js";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type SqlQuery = Parameters<Adapter["queryRaw"]>[0];

interface PlanNode {
  "Node Type": string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}

/** Rows the plan expects under a count's aggregate (and the subquery Prisma wraps it in). */
function rowsUnderAggregate(plan: PlanNode): number {
  let node = plan;
  while (["Aggregate", "Subquery Scan", "Limit", "Gather", "Gather Merge"].includes(node["Node Type"]) && node.Plans?.[0]) node = node.Plans[0];
  return Math.round(node["Plan Rows"]);
}

function firstPlan(value: unknown): PlanNode {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return (parsed as Array<{ Plan: PlanNode }>)[0]!.Plan;
}

// Prisma's count SQL names its one column; the answer must carry that name and an int64.
const COUNT_SQL = /^SELECT COUNT\(\*\) AS "([^"]+)" FROM /;
const INT64 = 1;

/**
 * A driver adapter that answers every count with the planner's estimate instead of counting:
 * it explains the SQL Prisma built (with the same parameters, so the plan sees the real values)
 * and returns the estimated rows as the count's result. Anything else is refused.
 */
class EstimatingPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const run = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query: SqlQuery) => {
      const column = COUNT_SQL.exec(query.sql)?.[1];
      if (!column) throw new Error("the estimating client answers counts only");
      const plan = await run({ ...query, sql: `EXPLAIN (FORMAT JSON) ${query.sql}` });
      const rows = rowsUnderAggregate(firstPlan(plan.rows[0]?.[0]));
      return { columnNames: [column], columnTypes: [INT64], rows: [[String(rows)]] } as never;
    };
    return adapter;
  }
}

export interface PanelReads {
  /** Reads with the panel's statement timeout. */
  db: PrismaClient;
  /**
   * The same models, but `count()` returns PostgreSQL's estimate without counting (fast on any
   * size; as good as the table's statistics). Only counts may be run on it.
   */
  estimates: PrismaClient;
  close(): Promise<void>;
}

export function createPanelReads(databaseUrl: string, opts: { statementTimeoutMs: number; max?: number; log: Logger }): PanelReads {
  const log = opts.log.child({ module: "panel-reads" });
  const pool = { connectionString: databaseUrl, max: opts.max ?? 6, statement_timeout: opts.statementTimeoutMs };
  const onPoolError = (err: Error) => log.warn({ err }, "idle panel connection lost; the pool reconnects on next use");
  // Made at the first list: a web process that serves only the API never pays for them.
  let db: PrismaClient | undefined;
  let estimates: PrismaClient | undefined;
  return {
    get db() {
      return (db ??= new PrismaClient({ adapter: new PrismaPg(pool, { onPoolError }) }));
    },
    get estimates() {
      return (estimates ??= new PrismaClient({ adapter: new EstimatingPg({ ...pool, max: 2 }, { onPoolError }) }));
    },
    close: async () => {
      await Promise.all([db?.$disconnect(), estimates?.$disconnect()]);
    },
  };
}

/** Whether a Prisma error is PostgreSQL cancelling a statement at its `statement_timeout`. */
export function isStatementTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; message?: unknown };
    if (o.code === "57014" || o.originalCode === "57014") return true;
    if (typeof o.message === "string" && o.message.includes("canceling statement due to statement timeout")) return true;
  }
  return false;
}
