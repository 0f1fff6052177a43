/**
 * Streaming table writers for exports and reports: CSV (UTF-8 with a BOM so Excel reads Arabic)
 * and XLSX (the worksheet streamed into a zip by yazl). Each batch is written and dropped, so
 * memory stays flat whatever the size. Reports hand over rows of plain values (text cells that a
 * spreadsheet would run as a formula are neutralised first); list exports hand over the bytes
 * PostgreSQL's COPY already formatted (`writeRaw`), and the writer adds the frame: BOM and
 * heading, or the zip, the sheet's XML head and tail.
 */
import type { Writable } from "node:stream";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { neutralise } from "../../platform/spreadsheet-cells.js";

export { neutralise };

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


export interface TableWriter {
  /** Writes a batch of rows (the array may be reused by the caller afterwards). */
  write(rows: Cell[][]): Promise<void>;
  /**
   * Writes bytes PostgreSQL already formatted for this format (export-query.ts exportCopySql): CSV
   * records, or the sheet's `<row>` elements one per line. Waits while the output is full.
   */
  writeRaw(chunk: Buffer): Promise<void>;
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
      if (typeof v === "string") row[i] = neutralise(v);
    }
  }
}

// RFC 4180: a field is quoted when it holds a comma, a quote or a line break; quotes are doubled.
const NEEDS_QUOTES = /[",\r\n]/;
function csvField(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? v : String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvLines(rows: Cell[][], newline: string): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i ? "," : "") + csvField(row[i]!);
    out += newline;
  }
  return out;
}

/**
 * CSV: BOM, heading row, RFC 4180 quoting; CRLF line ends unless `newline` says otherwise (list
 * exports take PostgreSQL's COPY records, which end in LF, and their heading matches). The
 * serializer is these few lines rather than csv-stringify: at 21 columns csv-stringify wrote ~19k
 * rows/s here; tests read the output back with csv-parse.
 */
export function csvWriter(out: Writable, columns: TableColumn[], opts: WriterOptions = {}): TableWriter {
  const textColumns = columns.flatMap((c, i) => (c.kind === "text" ? [i] : []));
  const newline = opts.newline ?? "\r\n";
  let started = false;
  const start = async () => {
    started = true;
    await writeChunk(out, "\uFEFF" + csvLines([columns.map((c) => neutralise(c.header))], newline));
  };
  return {
    async write(rows) {
      if (!started) await start();
      if (!rows.length) return;
      clean(rows, textColumns);
      await writeChunk(out, csvLines(rows, newline));
    },
    async writeRaw(chunk) {
      if (!started) await start();
      await writeChunk(out, chunk);
    },
    async end() {
      if (!started) await start();
      if (opts.endOutput === false) return;
      out.end();
      await once(out, "finish");
    },
  };
}

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function xmlText(s: string): string {
  const clean = XML_INVALID.test(s) ? s.replace(XML_INVALID, "") : s;
  XML_INVALID.lastIndex = 0;
  return clean.replace(XML_SPECIAL, (c) => XML_ENTITY[c]!);
}

// The same characters as bytes of UTF-8, for sheet XML PostgreSQL wrote (read as latin1, one
// character per byte): C0 controls other than tab and line breaks, and U+FFFE/U+FFFF. Dropping them
// here costs one scan per chunk; in SQL it cost more than formatting the rest of the row.
const XML_INVALID_BYTES = /[\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/g;

/**
 * Drops the bytes XML cannot carry from a chunk of sheet XML. `carry` holds the start of a
 * 3-byte sequence cut at the chunk's end (0–2 bytes), prefixed to the next chunk.
 */
function xmlBytes(chunk: Buffer, carry: { rest: Buffer | null }): Buffer {
  let buf = carry.rest ? Buffer.concat([carry.rest, chunk]) : chunk;
  carry.rest = null;
  const n = buf.length;
  const cut = n >= 2 && buf[n - 2] === 0xef && buf[n - 1] === 0xbf ? 2 : n >= 1 && buf[n - 1] === 0xef ? 1 : 0;
  if (cut) {
    carry.rest = Buffer.from(buf.subarray(n - cut));
    buf = buf.subarray(0, n - cut);
  }
  const s = buf.toString("latin1");
  XML_INVALID_BYTES.lastIndex = 0;
  if (!XML_INVALID_BYTES.test(s)) return buf;
  return Buffer.from(s.replace(XML_INVALID_BYTES, ""), "latin1");
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const workbookXml = (sheetName: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${xmlText(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/**
 * XLSX written as a stream: the worksheet's XML is generated row by row (inline strings, no
 * shared-strings table held in memory, no styles) and deflated into the zip by yazl as it goes.
 * exceljs's streaming WorkbookWriter, tried first, wrote ~12k rows/s at 21 columns here (its
 * per-cell models), short of the 30k rows/s target; tests read these files back with exceljs.
 * An Arabic sheet reads right to left.
 */
export function xlsxWriter(out: Writable, columns: TableColumn[], opts: WriterOptions = {}): TableWriter {
  const zip = new yazl.ZipFile();
  const sheet = new PassThrough();
  const done = opts.endOutput === false ? new Promise<void>((resolve, reject) => {
    zip.outputStream.on("end", resolve).on("error", reject);
    zip.outputStream.pipe(out, { end: false });
  }) : pipeline(zip.outputStream, out);
  zip.addBuffer(Buffer.from(CONTENT_TYPES_XML), "[Content_Types].xml");
  zip.addBuffer(Buffer.from(ROOT_RELS), "_rels/.rels");
  zip.addBuffer(Buffer.from(workbookXml(opts.sheetName ?? "Export")), "xl/workbook.xml");
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), "xl/_rels/workbook.xml.rels");
  // Level 1: the sheet is most of the bytes; faster deflate costs a little size, not time.
  zip.addReadStream(sheet, "xl/worksheets/sheet1.xml", { compressionLevel: 1 });
  zip.end();
  const letters = columns.map((_, i) => columnLetters(i));
  const numeric = columns.map((c) => c.kind === "number" || c.kind === "money");
  const text = columns.map((c) => c.kind === "text");
  let rowNumber = 0;
  const rowXml = (row: Cell[], header = false) => {
    const r = ++rowNumber;
    let x = `<row r="${r}">`;
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null || v === undefined || v === "") continue;
      const ref = letters[i]! + r;
      if (!header && numeric[i] && (typeof v === "number" || Number.isFinite(Number(v)))) x += `<c r="${ref}"><v>${v}</v></c>`;
      else {
        const s = typeof v === "string" ? v : String(v);
        x += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(text[i] || header ? neutralise(s) : s)}</t></is></c>`;
      }
    }
    return x + "</row>";
  };
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetViews><sheetView workbookViewId="0"${opts.rightToLeft ? ' rightToLeft="1"' : ""}/></sheetViews><sheetData>` +
    rowXml(columns.map((c) => c.header), true);
  let started = false;
  const carry: { rest: Buffer | null } = { rest: null };
  return {
    async write(rows) {
      let chunk = started ? "" : head;
      started = true;
      for (const row of rows) chunk += rowXml(row);
      await writeChunk(sheet, chunk);
    },
    async writeRaw(chunk) {
      if (!started) await writeChunk(sheet, head);
      started = true;
      await writeChunk(sheet, xmlBytes(chunk, carry));
    },
    async end() {
      // A partial sequence left at the very end cannot be U+FFFE/U+FFFF: it is written as it is.
      if (carry.rest) await writeChunk(sheet, carry.rest);
      sheet.end(`${started ? "" : head}</sheetData></worksheet>`);
      await done;
    },
  };
}

export interface WriterOptions {
  sheetName?: string;
  rightToLeft?: boolean;
  /** false: leave `out` open at the end (the caller ends it, e.g. after auditing the export). */
  endOutput?: boolean;
  /** CSV line end of the writer's own lines ("\r\n" unless said). */
  newline?: "\r\n" | "\n";
}

export function tableWriter(format: ExportFormat, out: Writable, columns: TableColumn[], opts: WriterOptions = {}): TableWriter {
  return format === "csv" ? csvWriter(out, columns, opts) : xlsxWriter(out, columns, opts);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
