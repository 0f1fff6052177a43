/**
 * The process as an operator meets it: `npm start` on an embedded PostgreSQL, a second start on
 * the same DATA_DIR, a busy PORT, an unreachable DATABASE_URL, a .env file, and SIGTERM.
 * Each spawns the real entry point with its own temp DATA_DIR and a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV_KEYS } from "../../src/platform/config.js";
import { freePort } from "../../src/platform/database/embedded-postgres.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const main = path.join(root, "src", "main.ts");
// Absolute, so the entry point also runs from another working directory (the .env test).
const tsx = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;

/**
 * The test's environment with every app variable blank (a blank one means its default, and beats
 * a developer's .env in the repository), so only what a test sets applies.
 */
function cleanEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ENV_KEYS) env[k] = "";
  return { ...env, NODE_ENV: "development", SEED_DEMO_DATA: "false", HOST: "127.0.0.1", ...vars };
}

/** A data folder the embedded PostgreSQL (running as the postgres user when we are root) can enter. */
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nawafeth-proc-"));
  chmodSync(dir, 0o755);
  return dir;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess) {
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out.stderr += c.toString()));
  return out;
}

function exited(child: ChildProcess, out: { stdout: string; stderr: string }, ms: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no exit within ${ms} ms\n${out.stdout}\n${out.stderr}`)), ms);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      // "exit" can come before the pipes are drained.
      setImmediate(() => resolve({ code, signal, ...out }));
    });
  });
}

/** Runs the entry point to completion (these runs are expected to stop by themselves). */
async function run(args: string[], env: NodeJS.ProcessEnv, cwd = root, ms = 60_000): Promise<Exit> {
  const child = spawn(process.execPath, ["--import", tsx, main, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  return exited(child, collect(child), ms);
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  return { port: (srv.address() as net.AddressInfo).port, close: () => new Promise((r) => srv.close(() => r())) };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(process.platform !== "linux")("npm start on an embedded PostgreSQL", () => {
  let npm: ChildProcess;
  let out: { stdout: string; stderr: string };
  let dir: string;
  let appPid = 0;
  let postgresPid = 0;

  beforeAll(async () => {
    dir = dataDir();
    dirs.push(dir);
    // --ignore-scripts skips only prestart (the Prisma client check), which would write into the
    // node_modules other worktrees share; the start script itself runs exactly as `npm start`.
    npm = spawn("npm", ["start", "--ignore-scripts", "--silent"], {
      cwd: root,
      env: cleanEnv({ DATA_DIR: dir, PORT: String(await freePort()), LOG_LEVEL: "warn" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    out = collect(npm);
    await until("the ready banner", () => out.stdout.includes(" ready in ") || npm.exitCode !== null, 90_000);
    expect(out.stdout, out.stderr).toContain(" ready in ");
    postgresPid = Number(readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    appPid = parentOf(postgresPid);
  }, 120_000);

  afterAll(() => {
    // Only if a test failed half-way: never leave this run's processes behind.
    for (const pid of [appPid, postgresPid]) if (pid && alive(pid)) process.kill(pid, "SIGKILL");
    if (npm?.exitCode === null) npm.kill("SIGKILL");
  });

  it("should refuse a second start on the same DATA_DIR, naming the instance that holds it", async () => {
    const second = await run(["all"], cleanEnv({ DATA_DIR: dir, PORT: String(await freePort()) }));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another instance (pid ${appPid}) is using the embedded database in ${path.join(dir, "postgres")}`);
    expect(second.stderr).not.toMatch(/undefined|\n\s+at /);
    expect(alive(postgresPid)).toBe(true); // and the first one is untouched
  }, 60_000);

  it("should stop the app and its PostgreSQL and exit 0 when npm gets SIGTERM", async () => {
    const done = exited(npm, out, 30_000);
    npm.kill("SIGTERM");
    const exit = await done;
    expect({ code: exit.code, signal: exit.signal }, exit.stderr).toEqual({ code: 0, signal: null });
    await until("the app and PostgreSQL to be gone", () => !alive(appPid) && !alive(postgresPid), 5_000);
    expect(existsSync(path.join(dir, "postgres", "postmaster.pid"))).toBe(false);
  }, 60_000);
});

describe("start-up problems are one clear line and a non-zero exit", () => {
  it("should report a busy PORT before starting the database", async () => {
    const busy = await occupy();
    const dir = dataDir();
    dirs.push(dir);
    try {
      const exit = await run(["all"], cleanEnv({ DATA_DIR: dir, PORT: String(busy.port) }));
      expect(exit.code).toBe(1);
      expect(exit.stderr.trim()).toBe(`PORT ${busy.port} is already in use on 127.0.0.1: another process listens there. Stop it or set PORT to a free port.`);
      expect(existsSync(path.join(dir, "postgres"))).toBe(false); // nothing was started or migrated
    } finally {
      await busy.close();
    }
  });

  it("should say which DATABASE_URL host cannot be reached, without its password", async () => {
    const port = await freePort(); // nothing listens there
    const exit = await run(["web"], cleanEnv({ DATABASE_URL: `postgresql://app:pw-Secret-9@127.0.0.1:${port}/nawafeth`, PORT: String(await freePort()) }));
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toBe(`cannot reach the database at DATABASE_URL (127.0.0.1:${port}): connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(exit.stdout + exit.stderr).not.toContain("pw-Secret-9");
  });

  it("should read .env from the working directory, with the real environment winning", async () => {
    const cwd = dataDir();
    dirs.push(cwd);
    symlinkSync(path.join(root, "node_modules"), path.join(cwd, "node_modules"));
    // Two bad values in the file; the environment sets LOG_LEVEL properly. Only PORT may be
    // reported: the file was read, and the real variable beat the file's.
    writeFileSync(path.join(cwd, ".env"), "# local settings\nPORT=eighty\nLOG_LEVEL=loud\n");
    const port = await freePort(); // in case the file is ignored: fail fast, start nothing
    const env = cleanEnv({ LOG_LEVEL: "info", DATABASE_URL: `postgresql://app@127.0.0.1:${port}/x` });
    delete env.PORT; // unset, so the file's value applies
    const exit = await run(["web"], env, cwd);
    expect(exit.stderr).toMatch(/^Invalid configuration:\n {2}- PORT: .+\n$/);
    expect(exit.code).toBe(78);
  });
});
