/**
 * Runs once per `npm test`: picks the PostgreSQL server, builds a template database with every
 * migration and pg-boss's schema and queues, and hands its name to the test files, which clone
 * it (CREATE DATABASE ... TEMPLATE) so each file starts from a fresh, migrated database.
 * Meanwhile it builds the panel's component bundle once, as `npm run build` does, so no test
 * file's first page load bundles it again (about 15 s of CPU each).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/platform/database/migrations.js";
import { ensureQueues, startBoss } from "../../src/platform/jobs.js";
import { QUEUES } from "../../jobs/index.js";
import { adminQuery, startTestServer, urlFor } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    adminjsDir: string;
  }
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Builds admin/components' bundle into a new folder (bundle.js), in a child process. */
function bundlePanel(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nawafeth-adminjs-run-"));
  const child = spawn(process.execPath, ["--import", "tsx", "admin/bundle-components.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ADMIN_JS_TMP_DIR: dir, ADMIN_JS_SKIP_BUNDLE: "false" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(dir) : reject(new Error(`bundling the panel's components failed (${code}):\n${err}`)))),
  );
}

export default async function setup(project: TestProject) {
  const bundled = bundlePanel();
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
  const adminjsDir = await bundled;
  project.provide("adminjsDir", adminjsDir);
  console.log(`[tests] ${server.description}, template database ${template}, panel bundle in ${adminjsDir}`);

  return async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    await server.stop();
    rmSync(adminjsDir, { recursive: true, force: true });
  };
}
