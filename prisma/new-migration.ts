/**
 * `npm run db:migration:new -- <name> [--empty]`
 *
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the schema as
 * it was at the last migration (schema.snapshot.prisma) to prisma/schema, then refreshes the
 * snapshot. Works offline with no database. `--empty` creates a blank migration for hand-written
 * SQL (triggers, data fixes). Review the SQL before committing it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSql, PRISMA_DIR, SCHEMA_DIR, SNAPSHOT_FILE } from "./prisma-cli.js";
import { startEmbeddedPostgres } from "../src/platform/database/embedded-postgres.js";
import { loadConfig } from "../src/platform/config.js";
import pg from "pg";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const empty = args.includes("--empty");
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration:new -- <name_in_snake_case> [--empty]");
  process.exit(2);
}

/** The schema folder as one file: what the next migration will be diffed against. */
function snapshotOfSchema(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => `// ---- ${f}\n${readFileSync(path.join(SCHEMA_DIR, f), "utf8")}`)
    .join("\n");
}

/** The diff engine needs some PostgreSQL to talk to: DATABASE_URL, the local server, or the embedded one. */
async function anyServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const cfg = loadConfig();
  if (cfg.databaseUrl) return { url: cfg.databaseUrl, stop: async () => {} };
  const local = "postgresql://root@127.0.0.1:5432/postgres";
  const c = new pg.Client({ connectionString: local, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return { url: local, stop: async () => {} };
  } catch {
    return startEmbeddedPostgres(cfg.dataDir);
  }
}

let sql = "-- Hand-written migration.\n";
if (!empty) {
  const server = await anyServer();
  try {
    sql = diffSql(existsSync(SNAPSHOT_FILE) ? SNAPSHOT_FILE : "empty", SCHEMA_DIR, server.url);
  } finally {
    await server.stop();
  }
}
if (!empty && !/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema matches the last migration: nothing to do.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(PRISMA_DIR, "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
if (!empty) writeFileSync(SNAPSHOT_FILE, snapshotOfSchema());
console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
