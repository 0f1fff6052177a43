/**
 * One export run in a process of its own, so its peak RSS is the export's and not the bench
 * harness's (Prisma, the full DMMF and pg-boss alone hold ~500 MB there). Loads only pg and the
 * export's streaming core. Task on stdin-free IPC: { url, mode, file, model, columns, query }.
 */
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { writeExport, type ExportRequest } from "../../src/domains/reports/export-stream.js";

interface Task {
  url: string;
  mode: "copy" | "csv" | "xlsx";
  file: string;
  request: Omit<ExportRequest, "format">;
  /** The same SELECT as text (baseline only). */
  sql: string;
}

process.once("message", (task: Task) => {
  void (async () => {
    const pool = new pg.Pool({ connectionString: task.url, max: 1 });
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const rssBefore = process.memoryUsage.rss();
    const t0 = performance.now();
    let rows = 0;
    try {
      if (task.mode === "copy") {
        const client = await pool.connect();
        try {
          await pipeline(client.query(copyStreams.to(`COPY (${task.sql}) TO STDOUT (FORMAT csv, HEADER)`)), createWriteStream(task.file));
        } finally {
          client.release();
        }
      } else {
        rows = await writeExport(pool, { ...task.request, format: task.mode }, createWriteStream(task.file));
      }
      const ms = performance.now() - t0;
      clearInterval(timer);
      process.send!({ ok: true, ms, rows, rssBefore, peakRss: Math.max(peak, process.memoryUsage.rss()), maxRss: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
    } catch (err) {
      process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
    } finally {
      await pool.end().catch(() => {});
    }
  })();
});
