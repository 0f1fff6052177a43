/**
 * A throwaway, migrated database for a bench, outside vitest (whose `inject` the test helper
 * needs): on DATABASE_URL's server, else 127.0.0.1:5432, else an embedded PostgreSQL started for
 * the bench (test/support/postgres-server.ts decides). Queues exist; `close()` drops everything.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../src/platform/database/prisma-client.js";
import { migrate } from "../../src/platform/database/migrations.js";
import { ensureQueues, startBoss, type Boss, type QueueSpec } from "../../src/platform/jobs.js";
import type { Deps } from "../../src/platform/deps.js";
import { QUEUES } from "../../jobs/index.js";
import { adminQuery, startTestServer, urlFor } from "../support/postgres-server.js";

export interface BenchDatabase extends Deps {
  url: string;
  name: string;
  /** Where the server came from (DATABASE_URL, local, embedded). */
  description: string;
  db: PrismaClient;
  boss: Boss;
  close(): Promise<void>;
}

/** Creates and migrates `nawafeth_bench_<random>`, with a Prisma client and a send-only pg-boss. */
export async function createBenchDatabase(opts: { extraQueues?: QueueSpec[]; poolSize?: number } = {}): Promise<BenchDatabase> {
  const server = await startTestServer();
  const name = `nawafeth_bench_${randomBytes(5).toString("hex")}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${name}`);
  const url = urlFor(server.adminUrl, name);
  try {
    await migrate(url);
    const db = createPrismaClient(url, { max: opts.poolSize ?? 10 });
    const boss = await startBoss(url, "web", () => {});
    await ensureQueues(boss, [...QUEUES, ...(opts.extraQueues ?? [])]);
    return {
      url,
      name,
      description: server.description,
      db,
      boss,
      async close() {
        await boss.stop({ graceful: false, close: true } as never).catch(() => {});
        await db.$disconnect();
        await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await server.stop();
      },
    };
  } catch (err) {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await server.stop();
    throw err;
  }
}
