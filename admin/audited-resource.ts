/**
 * The Prisma resource every panel model goes through. It adds what the stock adapter lacks:
 * - create/edit write an audit row (changed fields before/after, actor, IP) in the same
 *   transaction as the change;
 * - status fields (and deletedAt) cannot be written through forms: only domain transitions;
 * - delete is soft (with cascade) for soft-deletable models; lists hide soft-deleted rows unless
 *   filtered on "Deleted";
 * - text filters are case-insensitive.
 */
import { Filter, type BaseRecord } from "adminjs";
import { Resource, convertFilter } from "@adminjs/prisma";
import type { PrismaClient } from "@prisma/client";
import type { Deps } from "../src/platform/deps.js";
import type { Ctx } from "../src/platform/context.js";
import { diffRecords, writeAudit } from "../src/platform/audit.js";
import { hardDelete, isSoftDeletable, softDelete } from "../src/domains/backoffice/soft-delete.service.js";
import type { StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { staffCtx } from "./request-context.js";

/** Fields no panel form may write: workflow state and deletion bookkeeping. */
export const PROTECTED_FIELDS = ["status", "deletedAt"] as const;

type Delegate = {
  create(a: unknown): Promise<Record<string, unknown> & { id: number }>;
  update(a: unknown): Promise<Record<string, unknown>>;
  findUniqueOrThrow(a: unknown): Promise<Record<string, unknown>>;
  findMany(a: unknown): Promise<Record<string, unknown>[]>;
  count(a: unknown): Promise<number>;
};

interface ResourceArgs {
  model: ConstructorParameters<typeof Resource>[0]["model"];
  client: PrismaClient;
  clientModule?: unknown;
  deps: Deps;
}

function insensitive(where: Record<string, unknown>): Record<string, unknown> {
  for (const v of Object.values(where)) {
    if (v && typeof v === "object" && "contains" in v) (v as Record<string, unknown>).mode = "insensitive";
  }
  return where;
}

export class AuditedResource extends Resource {
  private readonly deps: Deps;
  private readonly softDeletes: boolean;

  constructor(args: ResourceArgs) {
    super(args);
    this.deps = args.deps;
    this.softDeletes = isSoftDeletable(this.model.name);
  }

  static override isAdapterFor(args: ResourceArgs): boolean {
    return Resource.isAdapterFor(args) && !!args.deps;
  }

  private delegate(tx: unknown): Delegate {
    const name = this.model.name[0]!.toLowerCase() + this.model.name.slice(1);
    return (tx as Record<string, Delegate>)[name]!;
  }

  private ctx(context: unknown): Ctx {
    return staffCtx((context as { currentAdmin?: StaffSession } | undefined)?.currentAdmin);
  }

  private where(filter: Filter): Record<string, unknown> {
    const where = insensitive(convertFilter(this.model.fields, filter) as Record<string, unknown>);
    // Soft-deleted rows stay out of lists unless the user filters on the deletion date.
    if (this.softDeletes && !filter?.filters?.deletedAt) where.deletedAt = null;
    return where;
  }

  override async count(filter: Filter): Promise<number> {
    return this.delegate(this.client).count({ where: this.where(filter) });
  }

  override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: "asc" | "desc" } } = {}): Promise<BaseRecord[]> {
    const { limit = 10, offset = 0, sort = {} } = params;
    const rows = await this.delegate(this.client).findMany({ where: this.where(filter), skip: offset, take: limit, orderBy: this.buildSortBy(sort) });
    return rows.map((r) => this.build(this.prepareReturnValues(r)));
  }

  private writable(params: Record<string, unknown>): Record<string, unknown> {
    const data = this.prepareParams(params);
    for (const f of PROTECTED_FIELDS) delete data[f];
    return data;
  }

  override async create(params: Record<string, unknown>, context?: unknown): Promise<Record<string, unknown>> {
    const ctx = this.ctx(context);
    const created = await this.client.$transaction(async (tx) => {
      const row = await this.delegate(tx).create({ data: this.writable(params) });
      await writeAudit(tx, ctx, { action: "record.create", entity: this.model.name, entityId: row.id, changes: diffRecords(null, row) });
      return row;
    });
    return this.prepareReturnValues(created);
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}, context?: unknown): Promise<Record<string, unknown>> {
    const ctx = this.ctx(context);
    const id = Number(pk);
    const after = await this.client.$transaction(async (tx) => {
      const before = await this.delegate(tx).findUniqueOrThrow({ where: { id } });
      const row = await this.delegate(tx).update({ where: { id }, data: this.writable(params) });
      const changes = diffRecords(before, row);
      if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "record.update", entity: this.model.name, entityId: id, changes });
      return row;
    });
    return this.prepareReturnValues(after);
  }

  override async delete(pk: string | number, context?: unknown): Promise<void> {
    const ctx = this.ctx(context);
    if (this.softDeletes) await softDelete(this.deps, ctx, this.model.name, Number(pk));
    else await hardDelete(this.deps, ctx, this.model.name, Number(pk));
  }
}
