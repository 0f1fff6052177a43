/**
 * Turns a panel list (its model, the Prisma `where` the list runs, its sort) into one SQL query
 * that reads exactly the same rows, each column already formatted as text by PostgreSQL (ISO
 * dates, decimal money amounts), and into the `COPY … TO STDOUT` that writes them as the file's
 * lines (exportCopySql), so JavaScript only moves bytes.
 *
 * Only the shapes the panel's list produces are accepted (equality, null, case-insensitive
 * contains, date ranges, foreign keys); anything else is refused rather than guessed, so an
 * export can never silently widen the list it came from.
 */
import { columnLetters, type CellKind, type TableColumn } from "./export-writers.js";
import { neutraliseSql } from "../../platform/spreadsheet-cells.js";

/** The parts of a Prisma DMMF model an export needs (admin/dmmf.ts loads the full one). */
export interface ExportModel {
  name: string;
  dbName?: string | null;
  fields: readonly ExportField[];
}
export interface ExportField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
  isList?: boolean;
  nativeType?: readonly unknown[] | null;
  relationFromFields?: readonly string[] | null;
}

export interface ExportColumn extends TableColumn {
  /** A SELECT expression yielding text (or null). */
  sql: string;
  /**
   * Values are an enum's labels (identifiers in this schema): no formula, markup or line break can
   * occur, so the per-cell neutralisation and escaping are skipped.
   */
  plain?: boolean;
}

export class ExportQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportQueryError";
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnName = (f: ExportField) => f.dbName ?? f.name;

export interface ColumnOptions {
  /** Fields holding money in minor units: written as decimal amounts (halalas / 100). */
  money: readonly string[];
  /** Whether the staff member's role may read this field (secrets and restricted fields say no). */
  readable: (field: string) => boolean;
  /** Added when the model has money but no currency column of its own. */
  defaultCurrency: string;
}

/** The columns of an export: every readable scalar field, in schema order, formatted as text. */
export function exportColumns(model: ExportModel, opts: ColumnOptions): ExportColumn[] {
  const out: ExportColumn[] = [];
  const money = new Set(opts.money);
  let hasMoney = false;
  for (const f of model.fields) {
    if (f.kind !== "scalar" && f.kind !== "enum") continue;
    if (!opts.readable(f.name)) continue;
    const col = ident(columnName(f));
    let kind: CellKind = "text";
    let sql: string;
    let plain = false;
    if (f.isList) sql = `array_to_string(${col}, '; ')`;
    else if (f.kind === "enum") {
      sql = `${col}::text`;
      plain = true;
    }
    else if (money.has(f.name)) {
      kind = "money";
      hasMoney = true;
      sql = `(${col}::numeric / 100)::numeric(20,2)::text`;
    } else if (f.type === "DateTime") {
      kind = "date";
      const dateOnly = f.nativeType?.[0] === "Date";
      sql = dateOnly ? `to_char(${col}, 'YYYY-MM-DD')` : `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    } else if (["Int", "BigInt", "Float", "Decimal"].includes(f.type)) {
      kind = "number";
      sql = `${col}::text`;
    } else if (f.type === "Boolean") {
      kind = "bool";
      sql = `${col}::text`;
    } else if (f.type === "Json") sql = `${col}::text`;
    else if (f.type === "Bytes") continue;
    else sql = `${col}::text`;
    out.push({ header: f.name, kind, sql, ...(plain ? { plain } : {}) });
  }
  if (hasMoney && !model.fields.some((f) => f.name === "currency")) {
    out.push({ header: "currency", kind: "text", sql: `'${opts.defaultCurrency.replace(/[^A-Z]/g, "")}'`, plain: true });
  }
  return out;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

type Where = Record<string, unknown>;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A value written into the statement itself, for COPY, which takes no parameters. Only what
 * whereSql passes arrives here (strings it checked or built, booleans); the E'' form doubles
 * backslashes and quotes, so it reads the same whatever `standard_conforming_strings` says.
 */
export function sqlLiteral(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "string") throw new ExportQueryError("bad value");
  if (v.includes("\0")) throw new ExportQueryError("bad text");
  return `E'${v.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** `$n` parameters collected into `values`. */
const numbered = (values: unknown[]) => (v: unknown) => {
  values.push(v);
  return `$${values.length}`;
};

/**
 * The WHERE clause of a list's Prisma `where` (Dates may be ISO strings). `param` places a value:
 * as a numbered parameter (numbered(values)) or, for COPY, as a literal (sqlLiteral).
 */
export function whereSql(model: ExportModel, where: Where, param: (v: unknown) => string): string {
  const parts: string[] = [];
  for (const [key, cond] of Object.entries(where)) {
    if (cond === undefined) continue;
    // A list's search is an OR of conditions, next to its filters in an AND.
    if (key === "AND" || key === "OR") {
      if (!Array.isArray(cond)) throw new ExportQueryError(`bad ${key} in an export filter`);
      const each = cond.map((c) => `(${whereSql(model, c as Where, param)})`);
      parts.push(each.length ? `(${each.join(key === "AND" ? " AND " : " OR ")})` : key === "AND" ? "TRUE" : "FALSE");
      continue;
    }
    const field = model.fields.find((f) => f.name === key && (f.kind === "scalar" || f.kind === "enum"));
    if (!field || field.isList) throw new ExportQueryError(`cannot export with a filter on ${key}`);
    const col = ident(columnName(field));
    const cast = field.kind === "enum" ? "::text" : "";
    const typed = (v: unknown) => {
      if (field.type === "DateTime") {
        const d = v instanceof Date ? v : new Date(String(v));
        if (Number.isNaN(d.getTime())) throw new ExportQueryError(`bad date for ${key}`);
        return `${param(d.toISOString())}::timestamptz`;
      }
      if (field.type === "Int" || field.type === "Float" || field.type === "Decimal" || field.type === "BigInt") {
        if (typeof v !== "number" && !(typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v))) throw new ExportQueryError(`bad number for ${key}`);
        const sqlType = { Int: "int4", BigInt: "int8", Float: "float8", Decimal: "numeric" }[field.type];
        return `${param(String(v))}::${sqlType}`;
      }
      if (field.type === "Boolean") {
        if (typeof v !== "boolean") throw new ExportQueryError(`bad boolean for ${key}`);
        return param(v);
      }
      if (typeof v !== "string") throw new ExportQueryError(`bad value for ${key}`);
      return param(v);
    };
    if (cond === null) {
      parts.push(`${col} IS NULL`);
      continue;
    }
    if (typeof cond !== "object" || cond instanceof Date) {
      parts.push(`${col}${cast} = ${typed(cond)}`);
      continue;
    }
    const ops = cond as Record<string, unknown>;
    for (const [op, v] of Object.entries(ops)) {
      if (op === "mode") continue;
      if (op === "equals") parts.push(v === null ? `${col} IS NULL` : `${col}${cast} = ${typed(v)}`);
      else if (op === "contains") {
        if (typeof v !== "string") throw new ExportQueryError(`bad text for ${key}`);
        const like = ops.mode === "insensitive" ? "ILIKE" : "LIKE";
        parts.push(`${col}::text ${like} ${param(`%${likeEscape(v)}%`)}`);
      } else if (op === "gte") parts.push(`${col} >= ${typed(v)}`);
      else if (op === "lte") parts.push(`${col} <= ${typed(v)}`);
      else if (op === "gt") parts.push(`${col} > ${typed(v)}`);
      else if (op === "lt") parts.push(`${col} < ${typed(v)}`);
      else if (op === "in") {
        if (!Array.isArray(v)) throw new ExportQueryError(`bad list for ${key}`);
        // Whole numbers (ids) go as one array: a search can name tens of thousands of people.
        if (field.type === "Int" && v.every((x) => Number.isSafeInteger(x))) parts.push(`${col} = ANY(${param(`{${v.join(",")}}`)}::int4[])`);
        else parts.push(v.length ? `${col}${cast} IN (${v.map(typed).join(", ")})` : "FALSE");
      }
      else throw new ExportQueryError(`cannot export with the filter ${key}.${op}`);
    }
  }
  return parts.length ? parts.join(" AND ") : "TRUE";
}

export interface ExportSort {
  /** A scalar field, or a relation whose foreign key is sorted on. */
  field: string;
  direction: "asc" | "desc";
}

function orderClause(model: ExportModel, sort: ExportSort): string {
  const dir = sort.direction === "asc" ? "ASC" : "DESC";
  let sortField = model.fields.find((f) => f.name === sort.field);
  if (sortField?.kind === "object") {
    const fk = sortField.relationFromFields?.[0];
    sortField = fk ? model.fields.find((f) => f.name === fk) : undefined;
  }
  if (!sortField || (sortField.kind !== "scalar" && sortField.kind !== "enum") || sortField.isList) throw new ExportQueryError(`cannot sort an export by ${sort.field}`);
  const id = model.fields.find((f) => f.name === "id");
  if (!id) throw new ExportQueryError(`${model.name} has no id to export by`);
  // Qualified with the table: a bare name would mean the output column of that name when there is
  // one (the text `"id"::text AS id`), sorting ids as text and losing the index.
  const col = (f: ExportField) => `${ident(model.dbName ?? model.name)}.${ident(columnName(f))}`;
  return sortField.name === "id" ? `${col(id)} ${dir}` : `${col(sortField)} ${dir}, ${col(id)} ${dir}`;
}

/**
 * The export's SELECT: the list's filter, its sort, then the primary key in the same direction
 * (a total order, so every row comes exactly once). One text column per export column.
 */
export function exportQuery(model: ExportModel, columns: readonly ExportColumn[], where: Where, sort: ExportSort): SqlQuery {
  const values: unknown[] = [];
  const text = `SELECT ${columns.map((c) => c.sql).join(", ")} FROM ${ident(model.dbName ?? model.name)} WHERE ${whereSql(model, where, numbered(values))} ORDER BY ${orderClause(model, sort)}`;
  return { text, values };
}

// Sheet XML text: markup characters escaped; line breaks as character references, so each row
// stays one line of COPY's output (a raw one would make COPY quote the row). The characters XML
// cannot carry at all are dropped from the bytes by the XLSX writer (export-writers.ts).
const xmlSql = (e: string) => `replace(replace(replace(replace(replace(${e}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), E'\\n', '&#10;'), E'\\r', '&#13;')`;

/**
 * Options of the XLSX COPY: CSV mode with a delimiter and a quote XML cannot carry (so never in a
 * row) writes each row's text exactly as it is, one per line; text mode would escape backslashes.
 */
const XLSX_COPY_OPTIONS = "FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02'";

/**
 * The export as one `COPY (…) TO STDOUT` whose output is the file's body, formatted by
 * PostgreSQL (JavaScript adds only the frame: BOM and heading, or the zip and the sheet's head):
 *
 * - csv: the list's SELECT with text columns neutralised, written by COPY's own CSV (quotes only
 *   where needed, LF line ends, NULL empty and an empty string "").
 * - xlsx: one `<row>` of the sheet per line: numbers as numbers, text neutralised and escaped as
 *   inline strings (no shared-strings table), empty and null cells left out, row numbers from 2
 *   (the heading is row 1), computed once per row by a window over the query's own order.
 *
 * COPY takes no parameters, so the filter's values are literals (sqlLiteral). Formatting in the
 * database leaves JavaScript a byte stream; per-row JS and a cursor were several times slower
 * (test/bench/export.bench.ts and the README's figures).
 */
export function exportCopySql(model: ExportModel, columns: readonly ExportColumn[], where: Where, sort: ExportSort, format: "csv" | "xlsx"): string {
  const from = `FROM ${ident(model.dbName ?? model.name)} WHERE ${whereSql(model, where, sqlLiteral)} ORDER BY ${orderClause(model, sort)}`;
  if (format === "csv") {
    const cells = columns.map((c) => (c.kind === "text" && !c.plain ? neutraliseSql(c.sql) : c.sql));
    return `COPY (SELECT ${cells.join(", ")} ${from}) TO STDOUT (FORMAT csv)`;
  }
  // The window's order is the query's, so PostgreSQL numbers the rows as it reads them (no sort);
  // the window also keeps the subquery from being flattened, so each column is computed once.
  // Empty text is left out like null: nullif here, once per row, not in each use of the value.
  const inner = `SELECT (row_number() OVER (ORDER BY ${orderClause(model, sort)}) + 1)::text AS rn, ${columns.map((c, i) => `${c.kind === "text" ? `nullif(${c.sql}, '')` : c.sql} AS c${i}`).join(", ")} ${from}`;
  // concat() skips nulls: a cell whose value is null yields null and is left out.
  const cells = columns.map((c, i) => {
    const ref = `'<c r="${columnLetters(i)}' || rn || '"`;
    if (c.kind === "number" || c.kind === "money") return `${ref}><v>' || c${i} || '</v></c>'`;
    // Only free text may start or end with spaces (xml:space keeps them); dates, booleans and labels cannot.
    if (c.kind !== "text" || c.plain) return `${ref} t="inlineStr"><is><t>' || c${i} || '</t></is></c>'`;
    return `${ref} t="inlineStr"><is><t xml:space="preserve">' || ${xmlSql(neutraliseSql(`c${i}`))} || '</t></is></c>'`;
  });
  // No ORDER BY outside: a plain projection of an ordered subquery keeps its order, and sorting the
  // formatted lines again would spill hundreds of MB to disk at 1M rows.
  return `COPY (SELECT concat('<row r="', rn, '">', ${cells.join(", ")}, '</row>') FROM (${inner}) s) TO STDOUT (${XLSX_COPY_OPTIONS})`;
}

/** COUNT(*) of the same rows (the list's total). */
export function exportCountQuery(model: ExportModel, where: Where): SqlQuery {
  const values: unknown[] = [];
  return { text: `SELECT count(*)::int AS n FROM ${ident(model.dbName ?? model.name)} WHERE ${whereSql(model, where, numbered(values))}`, values };
}
