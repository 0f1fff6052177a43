/**
 * Runs the Prisma CLI offline with the project's config (JS schema engine, no native engines).
 * Used by the migration generator and by the test that checks schema and migrations agree.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const PRISMA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_DIR = path.join(PRISMA_DIR, "schema");
export const SNAPSHOT_FILE = path.join(PRISMA_DIR, "migrations", "schema.snapshot.prisma");
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");

/**
 * Runs `prisma <args>`; returns stdout and the exit code (diff --exit-code uses 2 for "changes").
 * The JS schema engine opens a connection even for offline diffs, so a reachable server's URL
 * goes in `databaseUrl` (any database; nothing is written to it).
 */
export function prisma(args: string[], databaseUrl?: string): { stdout: string; status: number } {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args, "--config", path.join(PRISMA_DIR, "prisma.config.ts")], {
      cwd: path.dirname(PRISMA_DIR),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    return { stdout, status: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    if (typeof e.status === "number" && e.status !== 1) return { stdout: e.stdout ?? "", status: e.status };
    throw new Error(`prisma ${args.join(" ")} failed:\n${e.stderr ?? ""}${e.stdout ?? ""}`);
  }
}

/** SQL that takes a database from `from` (a schema file/folder, or empty) to `to`. */
export function diffSql(from: string | "empty", to: string, databaseUrl?: string): string {
  const fromArgs = from === "empty" ? ["--from-empty"] : ["--from-schema-datamodel", from];
  return prisma(["migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"], databaseUrl).stdout;
}
