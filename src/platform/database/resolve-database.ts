/**
 * Which PostgreSQL to use: DATABASE_URL when set, else the embedded one under DATA_DIR.
 */
import type { Config } from "../config.js";
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

export async function resolveDatabase(cfg: Config, log: (m: string) => void): Promise<ResolvedDatabase> {
  if (cfg.databaseUrl) {
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
