/**
 * Runs once per `npm test`: picks the PostgreSQL server, builds a template database with every
 * migration and pg-boss's schema and queues, and hands its name to the test files, which clone
 * it (CREATE DATABASE ... TEMPLATE) so each file starts from a fresh, migrated database.
 */
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/platform/database/migrations.js";
import { ensureQueues, startBoss } from "../../src/platform/jobs.js";
import { QUEUES } from "../../jobs/index.js";
import { adminQuery, startTestServer, urlFor } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const template = `nawafeth_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${template}`);
  const url = urlFor(server.adminUrl, template);
  await migrate(url);
  const boss = await startBoss(url, "web", () => {});
  await ensureQueues(boss, QUEUES);
  await boss.stop({ graceful: false, close: true } as never);
  // A template must have no open connections when it is cloned.
  await adminQuery(server.adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${template}' AND pid <> pg_backend_pid()`);
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", template);
  console.log(`[tests] ${server.description}, template database ${template}`);

  return async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    await server.stop();
  };
}
