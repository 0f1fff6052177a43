/** docker-compose.yml cannot run here (no Docker engine); this checks what it declares. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, loadConfig } from "../../src/platform/config.js";

interface Service {
  image?: string;
  command?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  ports?: string[];
}
const compose = parse(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };

describe("docker-compose.yml", () => {
  it("should declare PostgreSQL, the app and an SMTP catcher", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db", "mail"]);
    expect(compose.services.db!.image).toMatch(/^postgres:/);
    expect(compose.services.mail!.image).toMatch(/mailpit|mailhog/);
  });

  it("should point the app at the db and mail services and start it with npm start", () => {
    const app = compose.services.app!;
    expect(app.command).toContain("npm start");
    expect(new URL(app.environment!.DATABASE_URL!).hostname).toBe("db");
    expect(new URL(app.environment!.SMTP_URL!).hostname).toBe("mail");
    expect(Object.keys(app.depends_on ?? {})).toEqual(expect.arrayContaining(["db", "mail"]));
    expect(app.ports).toContain("3000:3000");
  });

  it("should only set variables the app knows, and a configuration that loads in production", () => {
    const env = compose.services.app!.environment!;
    expect(Object.keys(env).filter((k) => !(ENV_KEYS as string[]).includes(k))).toEqual([]);
    const cfg = loadConfig(env);
    expect(cfg.isProduction).toBe(true);
    expect(cfg.port).toBe(3000);
  });
});

describe(".env.example", () => {
  it("should document every variable the app reads", () => {
    const documented = readFileSync(".env.example", "utf8").split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=")[0]);
    expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
  });
});
