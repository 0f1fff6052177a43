/**
 * The streaming core of an export: one `COPY (…) TO STDOUT` on a plain pg connection (one
 * statement, so one snapshot) whose output, already the file's body, is handed chunk by chunk to
 * a streaming writer, with backpressure from the file or the HTTP response down to PostgreSQL.
 * Kept free of the ORM and the job machinery, so a process that only exports (the bench's child)
 * loads nothing else.
 */
import type { Writable } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { exportCopySql, type ExportColumn, type ExportModel, type ExportSort } from "./export-query.js";
import { tableWriter, type ExportFormat } from "./export-writers.js";

/** Progress is reported each time this many more rows are written. */
export const EXPORT_PROGRESS_ROWS = 5000;

/** One export as the panel asks for it. */
export interface ExportRequest {
  model: ExportModel;
  columns: ExportColumn[];
  /** The list's Prisma `where` (JSON-safe: dates may be ISO strings). */
  where: Record<string, unknown>;
  sort: ExportSort;
  format: ExportFormat;
  /** The list's filters as the panel sent them (kept on the audit row and the job). */
  filters: Record<string, unknown>;
  lang: "ar" | "en";
}

const LF = 0x0a;
const QUOTE = 0x22;

/**
 * Counts the records that end in a chunk of COPY output. XLSX rows are one line each (line breaks
 * in values are character references); a CSV record may hold line breaks inside quotes, so a line
 * end counts only outside them (a doubled quote toggles twice). Native indexOf does the scanning.
 */
function recordCounter(format: ExportFormat): (chunk: Buffer) => number {
  if (format === "xlsx") {
    return (chunk) => {
      let n = 0;
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) n++;
      return n;
    };
  }
  let quoted = false;
  return (chunk) => {
    let n = 0;
    let q = chunk.indexOf(QUOTE);
    for (let i = 0; ; ) {
      const lf = chunk.indexOf(LF, i);
      const end = lf === -1 ? chunk.length : lf;
      while (q !== -1 && q < end) {
        quoted = !quoted;
        q = chunk.indexOf(QUOTE, q + 1);
      }
      if (lf === -1) return n;
      if (!quoted) n++;
      i = lf + 1;
    }
  };
}

/**
 * Writes the export's file to `out` (ended when done unless `endOutput` is false). `onProgress`
 * is awaited with each multiple of `progressRows` the rows written pass (a chunk may pass several
 * in a small export). Returns the number of rows written.
 */
export async function writeExport(
  pool: pg.Pool,
  req: ExportRequest,
  out: Writable,
  onProgress?: (rows: number) => Promise<void>,
  progressRows = EXPORT_PROGRESS_ROWS,
  endOutput = true,
): Promise<number> {
  const writer = tableWriter(req.format, out, req.columns, { sheetName: req.model.name, rightToLeft: req.lang === "ar", endOutput, newline: "\n" });
  const count = recordCounter(req.format);
  const client = await pool.connect();
  let rows = 0;
  let failed: unknown;
  try {
    const copy = client.query(copyTo(exportCopySql(req.model, req.columns, req.where, req.sort, req.format)));
    // Reading one chunk at a time and waiting for the writer keeps PostgreSQL's output in step with
    // the file or the response (the socket is not read while a chunk is pending).
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      const before = rows;
      rows += count(chunk);
      await writer.writeRaw(chunk);
      if (onProgress) for (let k = Math.floor(before / progressRows) + 1; k <= Math.floor(rows / progressRows); k++) await onProgress(k * progressRows);
    }
  } catch (e) {
    failed = e;
    throw e;
  } finally {
    // A COPY left half-read leaves the connection unusable: it is closed rather than pooled.
    client.release(failed instanceof Error ? failed : failed === undefined ? undefined : true);
  }
  await writer.end();
  return rows;
}
