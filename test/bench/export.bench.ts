/**
 * Export of the service requests list at scale (default 1M rows, the providers bench's seeder):
 * the panel's export path (one COPY whose output PostgreSQL formats as the file's body, streamed
 * through the writers) writing CSV and XLSX files, as management sees the list (no filter, newest
 * first). Each run is a fresh process (export-child.ts) whose peak RSS is printed beside its
 * rows/s; the baseline, in the same bench run, is the same SELECT through
 * `COPY (…) TO STDOUT (FORMAT csv)` into a file (what PostgreSQL alone does, streamed by
 * pg-copy-streams). Each run also prints its CPU time per row (PostgreSQL's backend, this
 * process's main thread and other threads) and the rate that CPU time alone would allow on this
 * machine's cores when idle, since wall-clock rates on a shared machine follow its load.
 * Sizes: BENCH_EXPORT_ROWS (requests), BENCH_PROVIDERS, BENCH_CLIENTS.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import type { DMMF } from "@prisma/generator-helper";
import { exportColumns, exportQuery, type ExportModel } from "../../src/domains/reports/index.js";
import { loadFullDmmf } from "../../admin/dmmf.js";
import { readableField } from "../../admin/field-access.js";
import { moneyFields } from "../../admin/resource-defaults.js";
import { createBenchDatabase } from "./bench-db.js";
import { seedProvidersDirectory } from "./api-providers.bench.js";
import { envInt, int, loadNote, secs } from "./harness.js";
import { cpuCeiling, cpuPerRow, type CpuSplit } from "./cpu-split.js";

const MB = 2 ** 20;
const CHILD = fileURLToPath(new URL("./export-child.ts", import.meta.url));

interface ChildResult { ms: number; rows: number; rssBefore: number; peakRss: number; maxRss: number; cpu: CpuSplit }

/** Runs one export (or the baseline) in a fresh process (export-child.ts) and returns its figures. */
function inChild(task: Record<string, unknown>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (m: { ok: boolean; error?: string } & ChildResult) => (m.ok ? resolve(m) : reject(new Error(m.error))));
    child.once("exit", (code) => code && reject(new Error(`export child exited with ${code}`)));
    child.send(task);
  });
}

export async function benchExport(opts: { rows?: number } = {}): Promise<string[]> {
  const rows = opts.rows ?? envInt("BENCH_EXPORT_ROWS", 1_000_000);
  const providers = envInt("BENCH_PROVIDERS", Math.max(100, Math.round(rows / 50)));
  const clients = envInt("BENCH_CLIENTS", Math.max(100, Math.round(providers / 2)));
  const lines: string[] = [];
  const t = await createBenchDatabase({ poolSize: 2 });
  const dir = await mkdtemp(path.join(tmpdir(), "bench-export-"));
  try {
    const seed = await seedProvidersDirectory(t.url, { providers, clients, requests: rows });
    await t.db.$executeRawUnsafe("VACUUM ANALYZE marketplace_servicerequest");
    lines.push(`seeded ${int(seed.requests)} service requests in ${secs(seed.ms)}`);

    const model = (await loadFullDmmf()).datamodel.models.find((m) => m.name === "ServiceRequest") as unknown as ExportModel;
    const columns = exportColumns(model, { money: moneyFields(model as unknown as DMMF.Model), readable: (f) => readableField("ServiceRequest", "management", f), defaultCurrency: "SAR" });
    const q = exportQuery(model, columns, { deletedAt: null }, { field: "id", direction: "desc" });
    lines.push(`columns (${columns.length}): ${columns.map((c) => c.header).join(", ")}`);

    const base = { model, columns, where: { deletedAt: null } as Record<string, unknown>, sort: { field: "id", direction: "desc" as const }, filters: {}, lang: "ar" as const };
    // Baseline: PostgreSQL formats the same SELECT as CSV by itself (no JS per row).
    const baseline = await inChild({ url: t.url, mode: "copy", file: path.join(dir, "baseline.csv"), request: base, sql: q.text });
    const baseRate = rows / (baseline.ms / 1000);
    lines.push(`baseline COPY (same SELECT) TO STDOUT csv: ${int(rows)} rows in ${secs(baseline.ms)} = ${int(baseRate)} rows/s, peak RSS ${int(baseline.peakRss / MB)} MB (${int(baseline.rssBefore / MB)} MB at start), ${int((await stat(path.join(dir, "baseline.csv"))).size / MB)} MB file`);
    lines.push(`  ${cpuPerRow(baseline.cpu, rows)}; CPU ceiling on ${os.cpus().length} idle cores ${int(cpuCeiling(baseline.cpu, rows, os.cpus().length))} rows/s; ${loadNote()}`);
    await rm(path.join(dir, "baseline.csv"), { force: true });

    for (const format of ["csv", "xlsx"] as const) {
      const file = path.join(dir, `export.${format}`);
      const run = await inChild({ url: t.url, mode: format, file, request: base, sql: q.text });
      if (run.rows !== rows) throw new Error(`${format} export wrote ${run.rows} rows, expected ${rows}`);
      const rate = rows / (run.ms / 1000);
      const target = format === "csv" ? 100_000 : 30_000;
      lines.push(
        `export ${format.toUpperCase()}: ${int(rows)} rows in ${secs(run.ms)} = ${int(rate)} rows/s (target ≥ ${int(target)}: ${rate >= target ? "met" : "MISSED"}), ` +
          `peak RSS ${int(run.peakRss / MB)} MB (target < 250: ${run.peakRss < 250 * MB ? "met" : "MISSED"}; ${int(run.rssBefore / MB)} MB at start), ${int((await stat(file)).size / MB)} MB file, ${(baseRate / rate).toFixed(2)}× the baseline's time`,
      );
      lines.push(`  ${cpuPerRow(run.cpu, rows)}; CPU ceiling on ${os.cpus().length} idle cores ${int(cpuCeiling(run.cpu, rows, os.cpus().length))} rows/s; ${loadNote()}`);
      await rm(file, { force: true });
    }
    return lines;
  } catch (err) {
    (err as { lines?: string[] }).lines = lines;
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  }
}
