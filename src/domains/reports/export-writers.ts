/**
 * Streaming table writers for exports and reports: CSV (csv-stringify, UTF-8 with a BOM so Excel
 * reads Arabic) and XLSX (exceljs's streaming WorkbookWriter: each row is committed and dropped,
 * so memory stays flat whatever the size). Rows arrive in batches of plain values; text cells that
 * a spreadsheet would run as a formula are neutralised first.
 */
import type { Writable } from "node:stream";
import { once } from "node:events";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

export type ExportFormat = "csv" | "xlsx";

/**
 * How a column's values are written: text is neutralised; numbers and money (already a decimal
 * amount, e.g. "12.50") are numeric cells in XLSX; dates are ISO 8601 text in both formats.
 */
export type CellKind = "text" | "number" | "money" | "date" | "bool";

export interface TableColumn {
  /** Heading written in the first row. */
  header: string;
  kind: CellKind;
}

/** One cell as read: text from PostgreSQL (every export column is cast to text), or null. */
export type Cell = string | number | null;

// OWASP's list: a cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a value a spreadsheet would evaluate with an apostrophe, so it is shown as text. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface TableWriter {
  /** Writes a batch of rows (the array may be reused by the caller afterwards). */
  write(rows: Cell[][]): Promise<void>;
  /** Finishes the file; the output stream is ended. */
  end(): Promise<void>;
}

async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

/** Neutralises text cells of a batch in place. */
function clean(rows: Cell[][], textColumns: number[]): void {
  for (const row of rows) {
    for (const i of textColumns) {
      const v = row[i];
      if (typeof v === "string" && v.length && FORMULA_START.test(v)) row[i] = `'${v}`;
    }
  }
}

/** CSV: BOM, heading row, CRLF line ends (what Excel expects), RFC 4180 quoting. */
export function csvWriter(out: Writable, columns: TableColumn[]): TableWriter {
  const textColumns = columns.flatMap((c, i) => (c.kind === "text" ? [i] : []));
  let started = false;
  const start = async () => {
    started = true;
    await writeChunk(out, "\uFEFF" + stringify([columns.map((c) => neutralise(c.header))], { record_delimiter: "windows" }));
  };
  return {
    async write(rows) {
      if (!started) await start();
      if (!rows.length) return;
      clean(rows, textColumns);
      await writeChunk(out, stringify(rows, { record_delimiter: "windows" }));
    },
    async end() {
      if (!started) await start();
      out.end();
      await once(out, "finish");
    },
  };
}

/**
 * XLSX through exceljs's streaming writer: inline strings (no shared-strings table kept in
 * memory), no styles. An Arabic sheet reads right to left.
 */
export function xlsxWriter(out: Writable, columns: TableColumn[], opts: { sheetName?: string; rightToLeft?: boolean } = {}): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet((opts.sheetName ?? "Export").slice(0, 31), { views: [{ rightToLeft: !!opts.rightToLeft }] });
  sheet.addRow(columns.map((c) => neutralise(c.header))).commit();
  const numeric = columns.map((c) => c.kind === "number" || c.kind === "money");
  const text = columns.map((c) => c.kind === "text");
  const values: unknown[] = new Array(columns.length);
  return {
    async write(rows) {
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) {
          const v = row[i];
          if (v === null || v === undefined) values[i] = null;
          else if (numeric[i]) values[i] = typeof v === "number" ? v : Number(v);
          else if (text[i] && typeof v === "string" && FORMULA_START.test(v)) values[i] = `'${v}`;
          else values[i] = v;
        }
        sheet.addRow(values).commit();
      }
      // Let the zip stream flush what the rows produced before the next batch is read.
      if (out.writableNeedDrain) await once(out, "drain");
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function tableWriter(format: ExportFormat, out: Writable, columns: TableColumn[], opts: { sheetName?: string; rightToLeft?: boolean } = {}): TableWriter {
  return format === "csv" ? csvWriter(out, columns) : xlsxWriter(out, columns, opts);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
