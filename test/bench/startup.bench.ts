/**
 * The production web process, compiled (`npm run build`, then `node dist/start.js web`) beside the
 * same process run from the TypeScript sources through tsx, as production ran before the build
 * existed (AdminJS then also bundles the panel's components at every start). For each: time from
 * spawn to a 200 from /api/v1/health, and resident memory once idle. Rounds: BENCH_STARTUP_ROUNDS.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBenchDatabase } from "./bench-db.js";
import { appEnv, envInt, secs } from "./harness.js";
import { freePort } from "../../src/platform/database/embedded-postgres.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Spawns one web process, waits for /health, lets it settle, reads its RSS, stops it. */
async function startOnce(argv: string[], env: Record<string, string>): Promise<{ startMs: number; rss: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr.slice(-500)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - t0 > 120_000) throw new Error("no /health within 120 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    const startMs = performance.now() - t0;
    // Idle: the first requests and timers have run; what stays resident is the process's cost.
    await new Promise((r) => setTimeout(r, 3000));
    return { startMs, rss: await rssMiB(child.pid!) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(): Promise<string[]> {
  const rounds = envInt("BENCH_STARTUP_ROUNDS", 3);
  const t = await createBenchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-startup-"));
  const adminjsTmp = await mkdtemp(path.join(tmpdir(), "bench-startup-adminjs-"));
  try {
    const b0 = performance.now();
    const build = spawnSync(process.execPath, ["--import", TSX, path.join(root, "scripts/build.ts")], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    const buildMs = performance.now() - b0;

    const env = { ...appEnv(t.url, dataDir), NODE_ENV: "production", LOG_LEVEL: "warn" };
    const variants = [
      // Before: TypeScript through tsx; production AdminJS bundles the components at start (into its own folder here).
      { name: "tsx, sources", argv: ["--import", TSX, "src/main.ts", "web"], env: { ...env, ADMIN_JS_TMP_DIR: adminjsTmp } },
      { name: "compiled dist", argv: ["dist/start.js", "web"], env },
    ];
    const results: Record<string, { startMs: number; rss: number }> = {};
    for (const v of variants) {
      const runs = [];
      for (let i = 0; i < rounds; i++) runs.push(await startOnce(v.argv, v.env));
      results[v.name] = { startMs: median(runs.map((r) => r.startMs)), rss: median(runs.map((r) => r.rss)) };
    }
    const before = results["tsx, sources"]!;
    const after = results["compiled dist"]!;
    return [
      `npm run build: ${secs(buildMs)}`,
      `web process, median of ${rounds} starts (spawn → 200 from /health; RSS 3 s after):`,
      ...variants.map((v) => `  ${v.name.padEnd(14)} start ${secs(results[v.name]!.startMs).padStart(6)}   idle RSS ${results[v.name]!.rss.toFixed(0).padStart(4)} MiB`),
      `  compiled / tsx: start ×${(after.startMs / before.startMs).toFixed(2)}, RSS ×${(after.rss / before.rss).toFixed(2)}`,
    ];
  } finally {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(adminjsTmp, { recursive: true, force: true });
  }
}
