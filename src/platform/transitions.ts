/**
 * The one way a status changes. In a single transaction: lock the row, check the move is allowed
 * from its current status, write the new status (and any fields that go with it), write the
 * domain's status-log row, any other effects, the audit row and the domain events.
 * Two concurrent callers serialise on the row lock; the loser sees the new status and gets a
 * ConflictError instead of silently doing the move twice.
 */
import { lockRow } from "./database/transaction.js";
import type { Ctx } from "./context.js";
import type { Deps } from "./deps.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { diffRecords, writeAudit } from "./audit.js";
import { emitEvents, type DomainEvent } from "./events.js";
import type { Tx } from "./database/transaction.js";

/** A state machine: the table holding the status, and which moves are allowed from each status. */
export interface StateMachine<S extends string> {
  /** Readable entity name used in audit rows and errors, e.g. "ServiceRequest". */
  entity: string;
  /** Prisma delegate name, e.g. "serviceRequest". */
  model: string;
  /** SQL table name, for the row lock. */
  table: string;
  transitions: Readonly<Record<S, readonly S[]>>;
}

export function defineMachine<S extends string>(m: StateMachine<S>): StateMachine<S> {
  return m;
}

/** Whether `from → to` is a move the machine allows. */
export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.transitions[from]?.includes(to) ?? false;
}

/** The statuses a record in `from` may move to. */
export function nextStatuses<S extends string>(machine: StateMachine<S>, from: S): readonly S[] {
  return machine.transitions[from] ?? [];
}

type Row = Record<string, unknown> & { id: number; status: string };

export interface TransitionSpec<S extends string, R extends Row> {
  machine: StateMachine<S>;
  id: number;
  to: S;
  /** Audit action name, e.g. "request.cancel". */
  action: string;
  /** Columns written together with the status (reason, timestamps, ...). */
  data?: Record<string, unknown> | ((before: R) => Record<string, unknown>);
  /** Extra rule checked on the locked row; throw a DomainError to refuse. */
  guard?: (before: R) => void | Promise<void>;
  /** Writes the domain's status-log row. */
  statusLog?: (tx: Tx, args: { from: S; to: S; before: R; after: R }) => Promise<unknown>;
  /** Other writes that belong to the same move (reject sibling offers, create a thread, ...). */
  effects?: (tx: Tx, args: { from: S; to: S; before: R; after: R }) => Promise<void>;
  /** Domain events to emit, built from the new row. */
  events?: (args: { from: S; to: S; before: R; after: R }) => DomainEvent[];
  /** Extra facts for the audit row (e.g. the reason). */
  auditMeta?: Record<string, unknown>;
  /**
   * The row as the caller read it in this same transaction after locking it FOR UPDATE, unchanged
   * since: the move then neither locks nor reads it again (two statements fewer on hot paths).
   */
  locked?: R;
}

/**
 * Moves one record to `spec.to`. Pass `tx` to join a caller's transaction (e.g. invoice paid →
 * activate what it pays for); otherwise a new transaction is opened.
 */
export async function transition<S extends string, R extends Row = Row>(
  deps: Deps,
  ctx: Ctx,
  spec: TransitionSpec<S, R>,
  tx?: Tx,
): Promise<R> {
  if (tx) return run(deps, ctx, spec, tx);
  return deps.db.$transaction((t) => run(deps, ctx, spec, t), { maxWait: 10_000, timeout: 20_000 });
}

async function run<S extends string, R extends Row>(deps: Deps, ctx: Ctx, spec: TransitionSpec<S, R>, tx: Tx): Promise<R> {
  const { machine } = spec;
  const delegate = (tx as unknown as Record<string, { findUniqueOrThrow(a: unknown): Promise<R>; update(a: unknown): Promise<R> }>)[machine.model];
  if (!delegate) throw new Error(`unknown Prisma model ${machine.model}`);
  if (spec.locked && spec.locked.id !== spec.id) throw new Error(`transition of ${machine.entity} ${spec.id} given the locked row of ${spec.locked.id}`);
  let before = spec.locked;
  if (!before) {
    // The row lock is what makes check-then-write safe under concurrency.
    if (!(await lockRow(tx, machine.table, spec.id))) throw new NotFoundError(machine.entity, spec.id);
    before = await delegate.findUniqueOrThrow({ where: { id: spec.id } });
  }
  const from = before.status as S;
  if (!canTransition(machine, from, spec.to)) {
    throw new ConflictError(
      "INVALID_TRANSITION",
      `${machine.entity} ${spec.id} is ${from}; it cannot move to ${spec.to}`,
      { entity: machine.entity, id: spec.id, from, to: spec.to },
    );
  }
  await spec.guard?.(before);
  const extra = typeof spec.data === "function" ? spec.data(before) : (spec.data ?? {});
  const after = await delegate.update({ where: { id: spec.id }, data: { ...extra, status: spec.to } });
  const args = { from, to: spec.to, before, after };
  await spec.statusLog?.(tx, args);
  await spec.effects?.(tx, args);
  await writeAudit(tx, ctx, {
    action: spec.action,
    entity: machine.entity,
    entityId: spec.id,
    changes: diffRecords(before, after),
    meta: spec.auditMeta,
  });
  if (spec.events) await emitEvents(deps, tx, ctx, spec.events(args));
  return after;
}

/**
 * For idempotent jobs (`transition(...).catch(nullIfNotMovable)`): a record already moved on by
 * someone else, or gone, gives null; any other error is thrown again.
 */
export function nullIfNotMovable(err: unknown): null {
  if ((err instanceof ConflictError && err.code === "INVALID_TRANSITION") || err instanceof NotFoundError) return null;
  throw err;
}
