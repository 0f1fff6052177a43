/**
 * `npm run build` produces JavaScript that runs with plain node: the compiled web process starts
 * in production mode over a test database, answers /health, serves the prebuilt panel bundle and
 * the sign-in page, and stops cleanly on SIGTERM.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/platform/database/embedded-postgres.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = path.join(root, ".scratch", `build-test-${process.pid}`);
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

describe("production build", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    const build = spawnSync(process.execPath, ["--import", TSX, "scripts/build.ts", "--out", out], { cwd: root, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await t?.close();
  });

  it("should compile every module to JavaScript and bundle the panel's components", () => {
    expect(existsSync(path.join(out, "start.js"))).toBe(true);
    expect(existsSync(path.join(out, "src", "main.js"))).toBe(true);
    expect(existsSync(path.join(out, "src", "main.ts"))).toBe(false);
    expect(existsSync(path.join(out, ".adminjs", "bundle.js"))).toBe(true);
  });

  it("should start the compiled web process with plain node, serve /health and the panel, and stop on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(out, "start.js"), "web"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: t.url, PORT: String(port), HOST: "127.0.0.1", SESSION_SECRET: "production-build-test-secret-".padEnd(48, "x"), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += String(d)));
    child.stderr!.on("data", (d) => (output += String(d)));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      const t0 = Date.now();
      let health: Response | undefined;
      while (Date.now() - t0 < 90_000 && child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined);
        if (health?.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status, output).toBe(200);
      expect(await health!.json()).toMatchObject({ status: "ok", db: "ok" });
      // The bundle built with the app is served: AdminJS did not bundle again at start.
      expect(output).not.toMatch(/bundling user components/i);
      const bundle = await fetch(`http://127.0.0.1:${port}/admin/frontend/assets/components.bundle.js`);
      expect(bundle.status).toBe(200);
      expect((await bundle.text()).length).toBeGreaterThan(10_000);
      const login = await fetch(`http://127.0.0.1:${port}/admin/login`);
      expect(login.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited, output).toBe(0);
  }, 150_000);
});
