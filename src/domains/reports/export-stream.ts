/**
 * The streaming core of an export: rows read through a cursor in one read-only snapshot on a
 * plain pg connection (each column already text, formatted by PostgreSQL) and handed batch by
 * batch to a streaming writer. Kept free of the ORM and the job machinery, so a process that only
 * exports (the bench's child) loads nothing else.
 */
import type { Writable } from "node:stream";
import type pg from "pg";
import { exportLinesQuery, type ExportColumn, type ExportModel, type ExportSort, type SqlQuery } from "./export-query.js";
import { tableWriter, type Cell, type ExportFormat } from "./export-writers.js";

/** Rows per cursor fetch: big enough to amortise the round trip, small enough to keep memory flat. */
export const EXPORT_BATCH_ROWS = 5000;


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

/**
 * Runs `query` through a cursor in a read-only snapshot and hands each batch of raw rows (arrays
 * of text) to `onBatch` before fetching the next. Returns the number of rows.
 */
export async function forEachBatch(pool: pg.Pool, query: SqlQuery, onBatch: (rows: Cell[][]) => Promise<void>, batchRows = EXPORT_BATCH_ROWS): Promise<number> {
  const client = await pool.connect();
  let n = 0;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query({ text: `DECLARE export_rows NO SCROLL CURSOR FOR ${query.text}`, values: query.values });
    for (;;) {
      const r = await client.query<Cell[]>({ text: `FETCH FORWARD ${batchRows} FROM export_rows`, rowMode: "array" });
      if (!r.rows.length) break;
      n += r.rows.length;
      await onBatch(r.rows);
      if (r.rows.length < batchRows) break;
    }
    await client.query("COMMIT");
    return n;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Writes the export's file to `out` (ended when done). Returns the number of rows written. */
export async function writeExport(pool: pg.Pool, req: ExportRequest, out: Writable, onProgress?: (rows: number) => Promise<void>, batchRows = EXPORT_BATCH_ROWS, endOutput = true): Promise<number> {
  const writer = tableWriter(req.format, out, req.columns, { sheetName: req.model.name, rightToLeft: req.lang === "ar", endOutput });
  let done = 0;
  const rows = await forEachBatch(pool, exportLinesQuery(req.model, req.columns, req.where, req.sort, req.format), async (batch) => {
    await writer.writeLines(batch.map((r) => r[0] as string));
    done += batch.length;
    await onProgress?.(done);
  }, batchRows);
  await writer.end();
  return rows;
}

