/** Shared pieces of the benches: forked servers, autocannon runs, sizes from the environment, formatting. */
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { ServeReady } from "./serve.js";

/** A positive integer from the environment, else the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return n;
}

/** "load 1.23/0.98" (1 and 5 min): the machine may be shared, and the figures mean little when it is busy. */
export const loadNote = () => {
  const [one, five] = os.loadavg();
  return `load ${one!.toFixed(2)}/${five!.toFixed(2)} on ${os.cpus().length} cpus`;
};

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const secs = (msElapsed: number) => `${(msElapsed / 1000).toFixed(1)} s`;
export const int = (n: number) => Math.round(n).toLocaleString("en-US");

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

export interface ForkedServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** The server process's CPU time so far (user + system, µs). */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));

/**
 * The application's configuration for a bench: the bench database, silent logs, no demo data, a
 * rate limit no bench reaches, and files under `dataDir`; `extra` adds to it (e.g. Stripe).
 */
export function appEnv(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    API_RATE_LIMIT_PER_MINUTE: "1000000000",
    SESSION_SECRET: "bench-session-secret-".padEnd(48, "x"),
    SEED_DEMO_DATA: "false",
    DATA_DIR: dataDir,
    UPLOADS_DIR: path.join(dataDir, "uploads"),
    ...extra,
  };
}

/**
 * Forks test/bench/serve.ts (BENCH_SERVE=app|baseline) with the parent's tsx loader, waits for its
 * port. `env` is the child's whole configuration on top of PATH/HOME (nothing else leaks in).
 */
export async function startServer(mode: "app" | "baseline" | "express", env: Record<string, string> = {}): Promise<ForkedServer> {
  const base: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "TMPDIR", "TZ", "LANG"]) if (process.env[k] !== undefined) base[k] = process.env[k]!;
  // BENCH_PROFILE_DIR=<dir>: the app process writes a V8 CPU profile there when it stops.
  const profile = mode === "app" && process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = fork(SERVE, [], {
    execArgv: [...process.execArgv, ...profile],
    env: { ...base, ...env, BENCH_SERVE: mode },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench ${mode} server did not start within 120 s`)), 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench ${mode} server exited early (code ${code})`));
    });
    child.on("message", (m) => {
      const r = m as ServeReady;
      if (r && r.ready) {
        clearTimeout(timer);
        resolve(r.port);
      }
    });
  });
  child.removeAllListeners("exit");
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    cpu() {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bench ${mode} server did not report its CPU time`)), 10_000);
        const on = (m: unknown) => {
          const r = m as { cpu?: number };
          if (typeof r?.cpu !== "number") return;
          clearTimeout(timer);
          child.off("message", on);
          resolve(r.cpu);
        };
        child.on("message", on);
        child.send("cpu");
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        if (child.connected) child.send("stop");
        else child.kill("SIGTERM");
      });
      return stopped;
    },
  };
}

export interface CannonFigures {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
}

/** One autocannon run; `paths` are requested in turn on every connection. */
export async function cannon(url: string, paths: string[], o: { connections: number; seconds: number }): Promise<CannonFigures> {
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    requests: paths.map((path) => ({ method: "GET" as const, path })),
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
