/**
 * The real entry point (src/main.ts) in a child process over a test database, for tests that must
 * survive what would kill a process (a dropped connection) or that kill one (SIGKILL mid-job).
 * The test process itself must not be the one at risk: an uncaught error there ends the vitest worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface AppProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> for the web role; undefined for the worker. */
  url: string | undefined;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGKILL, as a crash or an OOM killer would; resolves when it has exited. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after `ms`. */
  stop(ms?: number): Promise<void>;
}

/** Starts `src/main.ts <role>` on `databaseUrl` and resolves once its banner says it is ready. */
export async function startAppProcess(
  role: "web" | "worker",
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs = 90_000,
  /** A process the test expects to die may do so before its banner (it already had work queued). */
  opts: { exitBeforeReadyIsFine?: boolean } = {},
): Promise<AppProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nawafeth-proc-"));
  const base: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "TMPDIR", "TZ", "LANG"]) if (process.env[k] !== undefined) base[k] = process.env[k]!;
  const child = spawn(process.execPath, ["--import", TSX, MAIN, role], {
    cwd: ROOT,
    env: {
      ...base,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "false",
      SESSION_SECRET: "process-session-secret-".padEnd(48, "x"),
      DATA_DIR: dataDir,
      UPLOADS_DIR: path.join(dataDir, "uploads"),
      ADMIN_JS_TMP_DIR: path.join(dataDir, "adminjs"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${role} process did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      if (!/ready in/.test(out)) return;
      if (role === "web") {
        const m = /Admin panel\s+https?:\/\/[^:/\s]+:(\d+)\/admin/.exec(out);
        if (!m) return;
        done(`http://127.0.0.1:${m[1]}`);
      } else if (/Worker\s+running in this process/.test(out)) done(undefined);
    };
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      if (opts.exitBeforeReadyIsFine) return resolve(undefined);
      reject(new Error(`${role} process exited before it was ready (code ${code}, signal ${signal}):\n${out}`));
    };
    function done(u: string | undefined) {
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.off("exit", onExit);
      resolve(u);
    }
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
  });

  return {
    child,
    url,
    output: () => out,
    alive,
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    async stop(ms = 15_000) {
      if (!alive()) return;
      const t = setTimeout(() => child.kill("SIGKILL"), ms);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * Polls `check` every `everyMs` until it returns a truthy value or `deadlineMs` passes; `abort`
 * returning a reason ends the wait at once (e.g. the process under test has died).
 */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined | null | false>, deadlineMs: number, opts: { everyMs?: number; abort?: () => string | undefined } = {}): Promise<T> {
  const end = Date.now() + deadlineMs;
  const everyMs = opts.everyMs ?? 250;
  let last: unknown;
  for (;;) {
    const reason = opts.abort?.();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs)); // the poll period, not a wait for an outcome
  }
}
