/**
 * One export run in a process of its own, so its peak RSS is the export's and not the bench
 * harness's (Prisma, the full DMMF and pg-boss alone hold ~500 MB there). Loads only pg and the
 * export's streaming core. Task on stdin-free IPC: { url, mode, file, request, sql }. Besides the
 * time it reports CPU split by thread and the PostgreSQL backend's CPU (cpu-split.ts).
 */
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { writeExport, type ExportRequest } from "../../src/domains/reports/export-stream.js";
import { cpuSince, cpuSnapshot } from "./cpu-split.js";

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
    // One connection, opened first: its backend's CPU is read from /proc.
    const pool = new pg.Pool({ connectionString: task.url, max: 1 });
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    try {
      const backendPid = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const rssBefore = process.memoryUsage.rss();
      const cpu0 = cpuSnapshot(backendPid);
      const t0 = performance.now();
      let rows = 0;
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
      const cpu = cpuSince(cpu0, cpuSnapshot(backendPid));
      clearInterval(timer);
      process.send!({ ok: true, ms, rows, rssBefore, peakRss: Math.max(peak, process.memoryUsage.rss()), maxRss: process.resourceUsage().maxRSS * 1024, cpu }, () => process.exit(0));
    } catch (err) {
      process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
    } finally {
      await pool.end().catch(() => {});
    }
  })();
});
