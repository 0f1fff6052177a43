/**
 * What every seed module receives: the transaction, deps bound to it (so domain commands join the
 * seed's single transaction), the seed clock and deterministic randomness.
 */
import type { Prisma, PrismaClient, User } from "@prisma/client";
import type { Deps } from "../../src/platform/deps.js";
import type { Tx } from "../../src/platform/database/transaction.js";
import { Rng } from "./random.js";
import type { Storage } from "../../src/platform/storage.js";

/** The seed run shared by all modules. */
export interface SeedContext {
  /** The seed's transaction (everything the seed writes commits or rolls back together). */
  tx: Tx;
  /** Deps whose `db` is that transaction, for calling domain commands. */
  deps: Deps;
  /** "Now" for the demo timelines (the earlier of the Node and database clocks). */
  now: Date;
  /** Rows written by this run carry timestamps at or after this instant; back-dated ones are before it. */
  freshSince: Date;
  /** A deterministic random stream for one module (same label → same numbers on every run). */
  rng(label: string): Rng;
  log(message: string): void;
  /** Rows created per table, for the summary line. */
  counts: Record<string, number>;
  /** Where demo files (documents, images) are written; absent, rows name files that do not exist. */
  storage?: Storage;
  /** Back-dated audit rows of the workflows seeded without a domain service yet (written at the end). */
  audits: Prisma.AuditLogCreateManyInput[];
}

/**
 * Records what a staff member (or the system) did at `at` in a workflow whose domain service does
 * not exist yet, so the audit trail of the demo matches its status histories.
 */
export function auditAt(sc: SeedContext, at: Date, actor: User | null, action: string, entity: string, entityId: number, changes?: Record<string, unknown>): void {
  sc.audits.push({
    actorType: actor ? (actor.userType === "staff" ? "staff" : actor.userType) : "system",
    actorId: actor?.id ?? null,
    actorLabel: actor ? (actor.email ?? actor.phone ?? actor.fullName) : "scheduler",
    action,
    entity,
    entityId: String(entityId),
    changes: (changes ?? {}) as Prisma.InputJsonValue,
    createdAt: at,
  });
}

/** Adds `n` to the created-rows counter of `table`. */
export function count(sc: SeedContext, table: string, n = 1): void {
  sc.counts[table] = (sc.counts[table] ?? 0) + n;
}

/**
 * Deps whose `db` is the given interactive transaction. A domain command that opens its own
 * `$transaction` runs its callback directly in the outer one (a flattened unit of work), so the
 * whole seed — status logs, audit rows, events and their pg-boss jobs included — is atomic.
 */
export function depsInTransaction(deps: Deps, tx: Tx): Deps {
  const runNested = async (arg: unknown): Promise<unknown> => {
    if (typeof arg === "function") return (arg as (t: unknown) => Promise<unknown>)(db);
    if (Array.isArray(arg)) {
      const out: unknown[] = [];
      for (const p of arg) out.push(await p);
      return out;
    }
    throw new Error("unsupported $transaction argument in the seed unit of work");
  };
  const db: PrismaClient = new Proxy(tx as object, {
    get(target, prop) {
      if (prop === "$transaction") return runNested;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as PrismaClient;
  return { db, boss: deps.boss };
}
