/**
 * Which PostgreSQL server the tests use: DATABASE_URL when given, else 127.0.0.1:5432 if it
 * answers (CI and dev machines), else an embedded one started for this run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/platform/database/embedded-postgres.js";

export interface TestServer {
  /** URL of a maintenance database on the server (CREATE/DROP DATABASE run there). */
  adminUrl: string;
  description: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function startTestServer(): Promise<TestServer> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) {
    const u = new URL(given);
    u.pathname = "/postgres";
    return { adminUrl: u.toString(), description: "DATABASE_URL's server", stop: async () => {} };
  }
  const local = "postgresql://root@127.0.0.1:5432/postgres";
  if (await answers(local)) return { adminUrl: local, description: "PostgreSQL on 127.0.0.1:5432", stop: async () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), "nawafeth-test-pg-"));
  const emb = await startEmbeddedPostgres(dir);
  const u = new URL(emb.url);
  u.pathname = "/postgres";
  return {
    adminUrl: u.toString(),
    description: "embedded PostgreSQL",
    stop: async () => {
      await emb.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same server, another database. */
export function urlFor(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = "/" + database;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
