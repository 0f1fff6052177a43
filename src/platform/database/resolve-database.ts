/**
 * Which PostgreSQL to use: DATABASE_URL when set, else the embedded one under DATA_DIR.
 */
import pg from "pg";
import { StartupError, type Config } from "../config.js";
import { startEmbeddedPostgres } from "./embedded-postgres.js";

export interface ResolvedDatabase {
  url: string;
  /** Human description for the start banner (password removed). */
  description: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * Connects once so an unreachable server is one clear line before migrations, not a driver stack.
 * Names host and port only: the URL's password never reaches the output, even inside pg's reason.
 */
/** Node reports a refused "localhost" (tried over IPv6 and IPv4) as an AggregateError with no message. */
function describe(e: unknown): string {
  if (e instanceof AggregateError && !e.message) return [...new Set(e.errors.map(describe))].join("; ");
  if (e instanceof Error) return e.message || String((e as NodeJS.ErrnoException).code ?? e.name);
  return String(e);
}

export async function checkReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const u = new URL(url);
  const where = `${u.hostname || "localhost"}:${u.port || "5432"}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {}); // a late socket error after a failed connect must not crash the process
  try {
    await client.connect();
  } catch (e) {
    let reason = describe(e);
    const password = decodeURIComponent(u.password);
    if (password) reason = reason.split(password).join("***");
    throw new StartupError(`cannot reach the database at DATABASE_URL (${where}): ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function resolveDatabase(cfg: Config, log: (m: string) => void): Promise<ResolvedDatabase> {
  if (cfg.databaseUrl) {
    await checkReachable(cfg.databaseUrl);
    return { url: cfg.databaseUrl, description: redactUrl(cfg.databaseUrl), embedded: false, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres(cfg.dataDir, log);
  return {
    url: pg.url,
    description: `embedded PostgreSQL (data in ${cfg.dataDir}/postgres) at ${redactUrl(pg.url)}`,
    embedded: true,
    stop: pg.stop,
  };
}
