/**
 * The Prisma resource every panel model goes through. It adds what the stock adapter lacks:
 * - create/edit write an audit row (changed fields before/after, actor, IP) in the same
 *   transaction as the change;
 * - forms write only the fields admin/field-access.ts declares for the staff member's role (deny
 *   by default; statuses, counters, flags and ownership change only through domain commands),
 *   and only on rows that role may edit;
 * - secrets (hashes, tokens, storage keys) are stripped from every record it returns;
 * - filters, sorts and searches with values the column cannot hold are refused with a clear
 *   message (PanelQueryError) instead of reaching PostgreSQL;
 * - delete is soft (with cascade) for soft-deletable models; lists hide soft-deleted rows unless
 *   filtered on "Deleted";
 * - text filters are case-insensitive;
 * - records named in both languages carry the title in the staff member's language.
 */
import { BaseRecord, Filter, flat, ForbiddenError, ValidationError, type BaseProperty } from "adminjs";
import { Prisma } from "@prisma/client";
import { Resource, convertFilter } from "@adminjs/prisma";
import type { PrismaClient } from "@prisma/client";
import type { Deps } from "../src/platform/deps.js";
import type { Ctx } from "../src/platform/context.js";
import { diffRecords, writeAudit } from "../src/platform/audit.js";
import { hardDelete, isSoftDeletable, softDelete } from "../src/domains/backoffice/soft-delete.service.js";
import type { StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { staffCtx } from "./request-context.js";
import { canEditRow, secretFields, stampOnCreate, writableFields } from "./field-access.js";
import { PanelQueryError } from "./panel-query.js";
import { BilingualRecord, bilingualTitle, type BilingualFields } from "./bilingual-titles.js";
import { isCityField } from "./resource-defaults.js";
import { storedCityName } from "../src/platform/cities.js";
import { isNoneFilter, listFilterParts, takeListFilters } from "./list-filters.js";
import { isStatementTimeout, type PanelReads } from "../src/platform/database/panel-reads.js";
import { DEFERRED_PAGE_OFFSET, LIST_EXACT_UP_TO, LIST_MAX_OFFSET, listCounting, recentEstimate, rememberEstimate, type ListCounting } from "./list-counts.js";
import { LIST_SEARCH, peopleMatching, searchTerm, searchWhere, withoutSearch } from "./list-search.js";

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
  /** Where lists and counts read (statement timeout, estimates); the shared client without it. */
  reads?: PanelReads;
}

function insensitive(where: Record<string, unknown>): Record<string, unknown> {
  for (const v of Object.values(where)) {
    if (v && typeof v === "object" && "contains" in v) (v as Record<string, unknown>).mode = "insensitive";
  }
  return where;
}

export class AuditedResource extends Resource {
  private readonly deps: Deps;
  private readonly reads: PanelReads | undefined;
  private readonly softDeletes: boolean;
  private readonly secrets: readonly string[];
  private readonly titles: BilingualFields | undefined;
  private readonly cityFields: ReadonlySet<string>;

  constructor(args: ResourceArgs) {
    super(args);
    this.deps = args.deps;
    this.reads = args.reads;
    this.softDeletes = isSoftDeletable(this.model.name);
    this.secrets = secretFields(this.model.name);
    this.titles = bilingualTitle(this.model);
    this.cityFields = new Set(this.model.fields.filter(isCityField).map((f) => f.name));
  }

  static override isAdapterFor(args: ResourceArgs): boolean {
    return Resource.isAdapterFor(args) && !!args.deps;
  }

  private delegate(tx: unknown): Delegate {
    const name = this.model.name[0]!.toLowerCase() + this.model.name.slice(1);
    return (tx as Record<string, Delegate>)[name]!;
  }

  private ctx(context: unknown): Ctx {
    return staffCtx(this.staff(context));
  }

  private staff(context: unknown): StaffSession {
    const admin = (context as { currentAdmin?: StaffSession } | undefined)?.currentAdmin;
    if (!admin?.role) throw new ForbiddenError("no signed-in staff member");
    return admin;
  }

  /** Secrets never leave the server: every record the panel sees is built from these values. */
  override prepareReturnValues(params: Record<string, unknown>): Record<string, unknown> {
    const values = super.prepareReturnValues(params);
    for (const f of this.secrets) delete values[f];
    return values;
  }

  override build(params: Record<string, unknown>): BaseRecord {
    const values = flat.unflatten(params) as Record<string, unknown>;
    return this.titles ? new BilingualRecord(values, this, this.titles) : new BaseRecord(values, this);
  }

  // The stock adapter builds show and reference records without build(): bilingual ones are rebuilt.
  override async findOne(id: string | number): Promise<BaseRecord | null> {
    // A reference filter of "a,b" or "none" (see list-filters.ts) names no single record to show.
    if (typeof id === "string" && (id === "none" || id.includes(","))) return null;
    const record = await super.findOne(id);
    return record && this.titles ? this.build(record.params) : record;
  }

  override async findMany(ids: (string | number)[]): Promise<BaseRecord[]> {
    const records = await super.findMany(ids);
    return this.titles ? records.map((r) => this.build(r.params)) : records;
  }

  /**
   * The Prisma `where` the list runs for this filter (exports read exactly the same rows): a
   * search's people are looked up first, all of them, so the `where` names no relation.
   */
  async listWhere(filter: Filter): Promise<Record<string, unknown>> {
    const term = searchTerm(this.model.name, filter);
    const people = term && LIST_SEARCH[this.model.name]?.people?.length ? await peopleMatching(this.client, term, Number.MAX_SAFE_INTEGER) : undefined;
    return this.where(filter, people);
  }

  /** The Prisma model behind this resource (its DMMF: field names, columns, types). */
  prismaModel(): { name: string; dbName?: string | null; fields: readonly Record<string, unknown>[] } {
    return this.model as never;
  }

  /** Whether the list may be sorted by this property (exports refuse any other sort too). */
  sortable(path: string): boolean {
    return this.isSortable(path);
  }

  /**
   * `people`: the ids a search term's people lookup found (see list-search.ts), when the caller
   * made it; without them a search on people is a subquery (same rows).
   */
  private where(searched: Filter, people?: number[]): Record<string, unknown> {
    const term = searchTerm(this.model.name, searched);
    const filter = withoutSearch(searched)!;
    for (const f of Object.values(filter?.filters ?? {})) {
      checkFilterValue(f.property, f.value);
      // Arabic pages show cities by their Arabic names, so staff filter by them too.
      if (typeof f.value === "string" && this.cityFields.has(f.path)) f.value = storedCityName(f.value);
    }
    const lists = takeListFilters(filter);
    const where = { ...insensitive(convertFilter(this.model.fields, lists.rest) as Record<string, unknown>), ...lists.where };
    // Soft-deleted rows stay out of lists unless the user filters on the deletion date.
    if (this.softDeletes && !filter?.filters?.deletedAt) where.deletedAt = null;
    if (term) where.AND = [...((where.AND as unknown[] | undefined) ?? []), searchWhere(this.model.name, term, people)];
    return where;
  }

  /** The list's `where`, with a search's people looked up first so its indexes combine. */
  private listQueryWhere(filter: Filter): Promise<Record<string, unknown>> {
    const listing = listCounting.getStore();
    if (!listing) return this.buildListQueryWhere(filter);
    return (listing.where ??= this.buildListQueryWhere(filter));
  }

  private async buildListQueryWhere(filter: Filter): Promise<Record<string, unknown>> {
    const term = searchTerm(this.model.name, filter);
    const people = term && LIST_SEARCH[this.model.name]?.people?.length ? await peopleMatching(this.reads?.db ?? this.client, term) : undefined;
    return this.where(filter, people);
  }

  /**
   * A list counts exactly up to LIST_EXACT_UP_TO rows (counting stops there); beyond it, it gets
   * PostgreSQL's estimate, and says so, unless the staff member asked for the exact figure.
   * Every other caller (related records, exports) gets the exact count.
   */
  override async count(filter: Filter): Promise<number> {
    const listing = listCounting.getStore();
    if (!listing || !this.reads) return this.readingList(async () => this.delegate(this.reads?.db ?? this.client).count({ where: await this.listQueryWhere(filter) }));
    return (listing.counted ??= this.listCount(filter, listing, this.reads));
  }

  private listCount(filter: Filter, listing: ListCounting, reads: PanelReads): Promise<number> {
    return this.readingList(async () => {
      const where = await this.listQueryWhere(filter);
      // A search's first page is read first: short, it is the whole list (an exact figure), and the
      // count (the same trigram scan again) is not needed.
      if (searchTerm(this.model.name, filter) && listing.shortFirstPage) {
        const rows = await listing.shortFirstPage;
        if (rows !== undefined) return rows;
      }
      if (listing.exact) {
        try {
          return await this.delegate(reads.db).count({ where });
        } catch (err) {
          if (!isStatementTimeout(err)) throw err;
          listing.exactTimedOut = true;
        }
      }
      const key = `${this.model.name} ${JSON.stringify(where)}`;
      const known = listing.exact ? undefined : recentEstimate(key);
      if (known !== undefined) {
        listing.estimated = true;
        return known;
      }
      // Most lists are short: their count is the answer, and only a long one asks for an estimate.
      const upTo = listing.exact ? LIST_EXACT_UP_TO + 1 : await this.delegate(reads.db).count({ where, take: LIST_EXACT_UP_TO + 1 });
      if (upTo <= LIST_EXACT_UP_TO) return upTo;
      const estimate = await this.delegate(reads.estimates).count({ where });
      listing.estimated = true;
      // The planner can guess low for a list just shown to be longer than that.
      return rememberEstimate(key, Math.max(estimate, LIST_EXACT_UP_TO + 1));
    });
  }

  /** A list query cut short by the panel's statement timeout becomes a message, not a 500. */
  private async readingList<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (isStatementTimeout(err)) throw new PanelQueryError("timeout");
      throw err;
    }
  }

  override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: "asc" | "desc" } } = {}): Promise<BaseRecord[]> {
    const { limit = 10, offset = 0, sort = {} } = params;
    const listing = listCounting.getStore();
    // Set before the first await: the list's count, started right after, may wait for it.
    let shortPage: ((rows: number | undefined) => void) | undefined;
    if (listing && offset === 0 && !listing.shortFirstPage) listing.shortFirstPage = new Promise((resolve) => (shortPage = resolve));
    try {
      const rows = await this.findPage(filter, { limit, offset, sort });
      shortPage?.(rows.length < limit ? rows.length : undefined);
      return rows;
    } finally {
      shortPage?.(undefined);
    }
  }

  private async findPage(filter: Filter, { limit, offset, sort }: { limit: number; offset: number; sort: { sortBy?: string; direction?: "asc" | "desc" } }): Promise<BaseRecord[]> {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(limit) || limit < 1) throw new PanelQueryError("invalidPage");
    if (sort.sortBy && !this.isSortable(sort.sortBy)) throw new PanelQueryError("invalidSort", { property: sort.sortBy });
    if (sort.direction && sort.direction !== "asc" && sort.direction !== "desc") throw new PanelQueryError("invalidSort", { property: String(sort.direction) });
    // The primary key breaks ties, so pages never repeat or skip rows and an export lists them in the same order.
    const orderBy = sort.sortBy && sort.sortBy !== "id" && this.property("id") ? [this.buildSortBy(sort), { id: sort.direction ?? "desc" }] : this.buildSortBy(sort);
    // Deep offsets walk (and discard) every row before the page: past this, staff narrow the list.
    if (offset > LIST_MAX_OFFSET) throw new PanelQueryError("pageOutOfReach");
    const where = await this.listQueryWhere(filter);
    const db = this.delegate(this.reads?.db ?? this.client);
    const rows = await this.readingList(async () => {
      if (offset < DEFERRED_PAGE_OFFSET || !this.property("id")) return db.findMany({ where, skip: offset, take: limit, orderBy });
      // A deep page: walk the offset over ids only, which the list indexes answer without reading
      // the table (about 2 ms instead of 8 for 10,000 rows), then read just the page's rows.
      const ids = ((await db.findMany({ where, skip: offset, take: limit, orderBy, select: { id: true } })) as Array<{ id: unknown }>).map((r) => r.id);
      if (!ids.length) return [];
      const byId = new Map(((await db.findMany({ where: { AND: [where, { id: { in: ids } }] } })) as Array<{ id: unknown }>).map((r) => [r.id, r]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    });
    return rows.map((r) => this.build(this.prepareReturnValues(r as Record<string, unknown>)));
  }

  private isSortable(path: string): boolean {
    const [base] = path.split(".");
    const property = this.property(base!);
    return !!property && property.isSortable() && !this.secrets.includes(base!);
  }

  /**
   * The part of a form payload this staff member may write: only the fields declared for the
   * role, everything else dropped here, after AdminJS's hooks and whatever the client sent.
   */
  private writable(params: Record<string, unknown>, staff: StaffSession, mode: "edit" | "create"): Record<string, unknown> {
    const allowed = new Set(writableFields(this.model.name, staff.role, mode));
    const prepared = this.prepareParams(params);
    const data: Record<string, unknown> = {};
    for (const property of this.properties()) {
      if (!allowed.has(property.path())) continue;
      const key = columnOf(property);
      if (key in prepared) data[key] = prepared[key];
    }
    checkFormValues(this.properties(), data, staff.language);
    return mode === "create" ? { ...data, ...stampOnCreate(this.model.name, staff.id, data) } : data;
  }

  /** Runs a write; constraint failures come back as form errors on the field, not as a 500. */
  private async guarded<T>(staff: StaffSession, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      throw constraintError(err, staff.language) ?? err;
    }
  }

  override async create(params: Record<string, unknown>, context?: unknown): Promise<Record<string, unknown>> {
    const staff = this.staff(context);
    const ctx = this.ctx(context);
    const data = this.writable(params, staff, "create");
    if (!writableFields(this.model.name, staff.role, "create").length) throw new ForbiddenError(`${staff.role} cannot create ${this.model.name} records`);
    const created = await this.guarded(staff, () =>
      this.client.$transaction(async (tx) => {
        const row = await this.delegate(tx).create({ data });
        await writeAudit(tx, ctx, { action: "record.create", entity: this.model.name, entityId: row.id, changes: diffRecords(null, row) });
        return row;
      }),
    );
    return this.prepareReturnValues(created);
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}, context?: unknown): Promise<Record<string, unknown>> {
    const staff = this.staff(context);
    const ctx = this.ctx(context);
    const id = Number(pk);
    const data = this.writable(params, staff, "edit");
    const after = await this.guarded(staff, () =>
      this.client.$transaction(async (tx) => {
        const before = await this.delegate(tx).findUniqueOrThrow({ where: { id } });
        if (!canEditRow(this.model.name, staff.role, super.prepareReturnValues(before), staff.id)) throw new ForbiddenError(`${staff.role} cannot edit this ${this.model.name}`);
        if (!Object.keys(data).length) return before;
        const row = await this.delegate(tx).update({ where: { id }, data });
        const changes = diffRecords(before, row);
        if (Object.keys(changes).length) await writeAudit(tx, ctx, { action: "record.update", entity: this.model.name, entityId: id, changes });
        return row;
      }),
    );
    return this.prepareReturnValues(after);
  }

  override async delete(pk: string | number, context?: unknown): Promise<void> {
    const ctx = this.ctx(context);
    if (this.softDeletes) await softDelete(this.deps, ctx, this.model.name, Number(pk));
    else await hardDelete(this.deps, ctx, this.model.name, Number(pk));
  }
}

const INT4_MAX = 2 ** 31 - 1;

/** The column a property writes: a relation writes its foreign key. */
export function columnOf(property: BaseProperty): string {
  const fk = (property as unknown as { foreignColumnName?: () => string | undefined }).foreignColumnName?.();
  return property.type() === "reference" && fk ? fk : property.path();
}

/**
 * Refuses a filter value the column cannot hold, before it reaches Prisma (which would answer
 * with a 500 and the query in development): numbers and ids, enums, booleans, dates.
 */
export function checkFilterValue(property: BaseProperty, value: unknown): void {
  const name = property.path();
  const bad = () => new PanelQueryError("invalidFilter", { property: name });
  const type = property.type();
  if (isNoneFilter(property, value)) return;
  const parts = listFilterParts(property, value);
  if (parts) {
    for (const part of parts) checkFilterValue(property, part);
    return;
  }
  const scalar = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);
  if (type === "number" || type === "float" || type === "reference") {
    const v = scalar(value);
    if (v === undefined || !/^-?\d+(\.\d+)?$/.test(v.trim())) throw bad();
    // Every integer column and key here is int4: a larger number cannot match and would overflow.
    if (type !== "float" && Math.abs(Number(v)) > INT4_MAX) throw bad();
    return;
  }
  if (type === "boolean") {
    if (!["true", "false"].includes(String(value))) throw bad();
    return;
  }
  const enumValues = property.availableValues();
  if (enumValues) {
    if (!enumValues.includes(String(value))) throw bad();
    return;
  }
  if (type === "date" || type === "datetime") {
    const range = (value ?? {}) as { from?: unknown; to?: unknown };
    if (typeof value === "string" || typeof value !== "object") throw bad();
    for (const v of [range.from, range.to]) {
      if (v === undefined || v === "") continue;
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) throw bad();
    }
    return;
  }
  if (type === "uuid") {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(value))) throw bad();
    return;
  }
  if (typeof value === "string" && (value.includes("\u0000") || value.length > 500)) throw bad();
}

const FORM_TEXT = {
  en: { enum: "Choose one of the listed values.", number: "Enter a whole number in range.", decimal: "Enter a number.", date: "Enter a valid date.", text: "Remove invalid characters.", tooLong: "Too long (at most {n} characters).", unique: "Another record already has this value.", reference: "Choose an existing record.", required: "This field is required.", invalid: "One of the values cannot be saved. Check the fields and try again." },
  ar: { enum: "اختر إحدى القيم المعروضة.", number: "أدخل عددًا صحيحًا ضمن النطاق.", decimal: "أدخل رقمًا.", date: "أدخل تاريخًا صحيحًا.", text: "احذف الأحرف غير الصالحة.", tooLong: "طويل جدًا (الحد الأقصى {n} حرفًا).", unique: "سجل آخر يحمل هذه القيمة بالفعل.", reference: "اختر سجلًا موجودًا.", required: "هذا الحقل مطلوب.", invalid: "تعذّر حفظ إحدى القيم. راجع الحقول وحاول مرة أخرى." },
} as const;
type FormProblem = keyof (typeof FORM_TEXT)["en"];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
type Column = { type?: string; nativeType?: [string, string[]] | null };

/**
 * Checks every value a form may write against its column (enum members, int4 range, real
 * dates, storable text, VarChar length) and throws AdminJS's ValidationError, shown on the
 * field, instead of letting PostgreSQL or Prisma answer with a 500.
 */
export function checkFormValues(properties: BaseProperty[], data: Record<string, unknown>, lang: "ar" | "en"): void {
  const errors: Record<string, { message: string }> = {};
  const fail = (path: string, problem: FormProblem, n?: number) => (errors[path] = { message: FORM_TEXT[lang][problem].replace("{n}", String(n ?? "")) });
  for (const property of properties) {
    const path = property.path();
    const key = columnOf(property);
    if (!(key in data)) continue;
    const v = data[key];
    if (v === null || v === undefined || v === "") continue;
    const column = ((property as unknown as { column?: Column }).column ?? {}) as Column;
    const enumValues = property.availableValues();
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      if (enumValues) {
        if (!enumValues.includes(String(one))) fail(path, "enum");
      } else if (property.type() === "reference" || column.type === "Int") {
        if (typeof one !== "number" || !Number.isInteger(one) || Math.abs(one) > INT4_MAX || (property.type() === "reference" && one < 1)) fail(path, property.type() === "reference" ? "reference" : "number");
      } else if (property.type() === "number" || property.type() === "float") {
        if (typeof one !== "number" || !Number.isFinite(one)) fail(path, "decimal");
      } else if (property.type() === "date" || property.type() === "datetime") {
        const d = one instanceof Date ? one : new Date(String(one));
        if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) fail(path, "date");
      } else if (typeof one === "string") {
        const max = column.nativeType?.[0] === "VarChar" ? Number(column.nativeType[1]?.[0]) : undefined;
        if (one.includes("\u0000") || LONE_SURROGATE.test(one)) fail(path, "text");
        else if (max && one.length > max) fail(path, "tooLong", max);
      }
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors, { message: FORM_TEXT[lang].invalid, type: "validation" });
}

/**
 * AdminJS treats a record as saved unless some *property* has an error, so an error that names
 * no field is filed under this key (the form then says it was not saved).
 */
const FORM_LEVEL = "_form";

/** Unique, foreign-key, length and null violations as form errors (undefined: not one of those). */
export function constraintError(err: unknown, lang: "ar" | "en"): ValidationError | undefined {
  const text = FORM_TEXT[lang];
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    const target = (err.meta?.target as string[] | string | undefined) ?? (err.meta?.field_name as string | undefined) ?? (err.meta?.column_name as string | undefined);
    const fields = (Array.isArray(target) ? target : target ? [String(target)] : []).map((f) => f.replace(/_id$/, "").replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()));
    const problem: FormProblem | undefined = ({ P2002: "unique", P2003: "reference", P2000: "tooLong", P2011: "required" } as const)[err.code as "P2002"];
    if (!problem) return undefined;
    const message = text[problem].replace(" (at most {n} characters)", "").replace(" (الحد الأقصى {n} حرفًا)", "");
    return new ValidationError(Object.fromEntries((fields.length ? fields : [FORM_LEVEL]).map((f) => [f, { message }])), { message, type: "validation" });
  }
  if (err instanceof Prisma.PrismaClientValidationError) return new ValidationError({ [FORM_LEVEL]: { message: text.invalid } }, { message: text.invalid, type: "validation" });
  return undefined;
}
