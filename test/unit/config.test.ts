import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadEnvFile } from "../../src/platform/config.js";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "cfg-"));

describe("loadConfig", () => {
  it("should use the embedded database when DATABASE_URL is unset or empty", () => {
    expect(loadConfig({ DATA_DIR: tmp() }).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATA_DIR: tmp(), DATABASE_URL: "  " }).databaseUrl).toBeUndefined();
  });

  it("should default PORT to 3000 and parse a given one", () => {
    expect(loadConfig({ DATA_DIR: tmp() }).port).toBe(3000);
    expect(loadConfig({ DATA_DIR: tmp(), PORT: "8080" }).port).toBe(8080);
  });

  it("should name the bad variable when PORT is not a port", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_DIR: tmp(), PORT: "70000" })).toThrow(/PORT/);
  });

  it("should name DATABASE_URL when it is not a postgres URL", () => {
    const err = (() => {
      try {
        loadConfig({ DATA_DIR: tmp(), DATABASE_URL: "mysql://x@y/z" });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual(["DATABASE_URL: must be a postgres:// or postgresql:// URL"]);
  });

  it("should require SESSION_SECRET and DATABASE_URL in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) })).toThrow(/DATABASE_URL: required in production/);
  });

  it("should reject a short SESSION_SECRET and a short DEMO_PASSWORD", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: must be at least 32/);
    expect(() => loadConfig({ DATA_DIR: tmp(), DEMO_PASSWORD: "123" })).toThrow(/DEMO_PASSWORD/);
  });

  it("should generate a development session secret once and keep it under DATA_DIR", () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const b = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(a).toHaveLength(64);
    expect(b).toBe(a);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(a);
  });

  it("should seed demo data by default outside production only", () => {
    expect(loadConfig({ DATA_DIR: tmp() }).seedDemoData).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), DATABASE_URL: "postgres://a@b/c" }).seedDemoData).toBe(false);
  });
});

describe("loadEnvFile (.env)", () => {
  it("should use a value from .env and let a real environment variable override it", () => {
    const dir = tmp();
    const file = path.join(dir, ".env");
    writeFileSync(file, `# copied from .env.example\nPORT=8080\nLOG_LEVEL=debug\nDATA_DIR=${dir}\nMAIL_FROM="Nawafeth <ops@example.com>"\n`);
    const env: NodeJS.ProcessEnv = { PORT: "9090" };
    expect(loadEnvFile(file, env)).toBe(true);
    const cfg = loadConfig(env);
    expect(cfg.port).toBe(9090); // the environment wins
    expect(cfg.logLevel).toBe("debug"); // the file fills what the environment leaves unset
    expect(cfg.smtp.from).toBe("Nawafeth <ops@example.com>");
    expect(cfg.dataDir).toBe(dir);
  });

  it("should be a no-op without a .env file", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(path.join(tmp(), ".env"), env)).toBe(false);
    expect(env).toEqual({});
  });
});
