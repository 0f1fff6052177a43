/**
 * A fresh, migrated database for one test file, cloned from the run's template, with a Prisma
 * client and a (send-only) pg-boss on it. Dropped in `close()`.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../src/platform/database/prisma-client.js";
import { startBoss, type Boss } from "../../src/platform/jobs.js";
import type { Deps } from "../../src/platform/deps.js";
import { adminQuery, urlFor } from "./postgres-server.js";

export interface TestDatabase extends Deps {
  url: string;
  name: string;
  db: PrismaClient;
  boss: Boss;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  const name = `nawafeth_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = urlFor(adminUrl, name);
  const db = createPrismaClient(url, { max: 10 });
  const boss = await startBoss(url, "web", () => {});
  return {
    url,
    name,
    db,
    boss,
    async close() {
      await boss.stop({ graceful: false, close: true } as never).catch(() => {});
      await db.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
