/**
 * docker-compose.yml and the Dockerfile cannot run here (no Docker engine); this checks what
 * they declare: services, pinned images, no known password, and commands that exist.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, loadConfig } from "../../src/platform/config.js";

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  user?: string;
}
const compose = parse(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };
const { services } = compose;
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const dockerfile = readFileSync("Dockerfile", "utf8")
  .replace(/\\\n/g, " ") // continuation lines
  .split("\n")
  .filter((l) => l.trim() && !l.trim().startsWith("#"));
const instructions = (name: string) => dockerfile.filter((l) => l.toUpperCase().startsWith(name + " ")).map((l) => l.slice(name.length + 1).trim());
const appServices = ["migrate", "web", "worker"] as const;

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}`, enough to check the values. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string) => {
    const v = env[name];
    if (v) return v;
    if (op === "?") throw new Error(`${name}: ${arg}`);
    return op === "-" ? arg : "";
  });
}
const interpolated = (s: Service, env: Record<string, string>) =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));

/** `npm run <script>` (or `npm start`) as an argv array; the script must exist in package.json. */
function npmScript(argv: string[]): string | undefined {
  if (argv[0] !== "npm") return undefined;
  const name = argv[1] === "run" ? argv[2] : argv[1];
  return name && scripts[name] ? name : undefined;
}

describe("docker-compose.yml", () => {
  it("should declare PostgreSQL, migrations, web, worker, an HTTPS proxy and an SMTP catcher", () => {
    expect(Object.keys(services).sort()).toEqual(["db", "mail", "migrate", "proxy", "web", "worker"]);
    expect(services.db!.image).toMatch(/^postgres:/);
    expect(services.mail!.image).toMatch(/mailpit/);
    expect(services.proxy!.image).toMatch(/^caddy:/);
    expect(services.proxy!.ports).toEqual(["8443:8443"]);
  });

  it("should pin every image by version", () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue; // built from the Dockerfile, pinned there
      expect(s.image, name).toMatch(/^[\w./-]+:v?\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
  });

  it("should build web, worker and migrate from the Dockerfile and run real npm scripts", () => {
    const expected = { migrate: "db:migrate", web: "web", worker: "worker" };
    for (const name of appServices) {
      const s = services[name]!;
      expect(s.build, name).toBe(".");
      expect(Array.isArray(s.command), name).toBe(true);
      expect(npmScript(s.command as string[]), name).toBe(expected[name]);
    }
  });

  it("should migrate first, then start web and worker", () => {
    expect(services.migrate!.depends_on).toEqual({ db: { condition: "service_healthy" } });
    for (const name of ["web", "worker"]) expect(services[name]!.depends_on!.migrate, name).toEqual({ condition: "service_completed_successfully" });
    expect(services.proxy!.depends_on!.web).toEqual({ condition: "service_healthy" });
  });

  it("should contain no known password: secrets come from the environment, SESSION_SECRET required", () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|SECRET/.test(k)) expect(String(v), `${name}.${k}`).toMatch(/^\$\{[A-Z_]+(:[-?][^}]*)?\}$/);
        if (k === "DATABASE_URL") expect(String(v), `${name}.${k}`).toMatch(/^postgresql:\/\/\w+:\$\{POSTGRES_PASSWORD:\?[^}]*\}@/);
      }
    }
    for (const name of appServices) {
      expect(services[name]!.environment!.SESSION_SECRET).toBe("${SESSION_SECRET:?set SESSION_SECRET}");
      expect(() => interpolated(services[name]!, { POSTGRES_PASSWORD: "p" })).toThrow(/SESSION_SECRET: set SESSION_SECRET/);
    }
    expect(services.db!.environment!.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}");
  });

  it("should load as a production configuration without demo data, behind HTTPS", () => {
    const given = { SESSION_SECRET: "s".repeat(48), POSTGRES_PASSWORD: "pg-password" };
    for (const name of appServices) {
      const env = interpolated(services[name]!, given);
      expect(Object.keys(env).filter((k) => !(ENV_KEYS as string[]).includes(k)), name).toEqual([]);
      const cfg = loadConfig(env);
      expect(cfg.isProduction, name).toBe(true);
      expect(cfg.seedDemoData, name).toBe(false);
      expect(cfg.sessionSecret).toBe(given.SESSION_SECRET);
      expect(new URL(cfg.databaseUrl!).hostname).toBe("db");
      expect(new URL(cfg.publicUrl!).protocol).toBe("https:"); // the Secure cookie needs it
      expect(new URL(cfg.smtp.url!).hostname).toBe("mail");
    }
    expect(loadConfig(interpolated(services.web!, { ...given, SEED_DEMO_DATA: "true" })).seedDemoData).toBe(true);
    // The web process is reached only through the proxy (plain http would drop the Secure cookie).
    expect(services.web!.ports).toBeUndefined();
  });
});

describe("Dockerfile", () => {
  it("should build and run on a Node 20.20 image pinned by version", () => {
    const stages = instructions("FROM");
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) expect(s).toMatch(/^node:20\.20(\.\d+)?-bookworm-slim( AS \w+)?$/);
  });

  it("should compile with npm run build and ship dist/ (the web and worker scripts run it with plain node)", () => {
    expect(instructions("RUN").join("\n")).toMatch(/npm run build/);
    expect(instructions("COPY").some((c) => /--from=\w+ \/app\/dist \.\/dist/.test(c))).toBe(true);
    expect(scripts.web).not.toMatch(/tsx/);
    expect(scripts.worker).not.toMatch(/tsx/);
  });

  it("should install with npm install (npm ci rejects this lock file) and generate the Prisma client via postinstall", () => {
    const runs = instructions("RUN").join("\n");
    expect(runs).toMatch(/npm install --no-audit --no-fund/);
    expect(runs).not.toMatch(/npm ci\b/);
    expect(scripts.postinstall).toContain("ensure-client");
    // postinstall needs prisma/ before the install step.
    const lines = dockerfile.map((l) => l.trim());
    expect(lines.findIndex((l) => l.startsWith("COPY prisma"))).toBeLessThan(lines.findIndex((l) => l.includes("npm install")));
  });

  it("should run as a non-root user", () => {
    const users = instructions("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it("should start a real npm script", () => {
    const cmd = instructions("CMD");
    expect(cmd).toHaveLength(1);
    expect(instructions("ENTRYPOINT")).toEqual([]);
    expect(npmScript(JSON.parse(cmd[0]!) as string[])).toBe("web");
  });
});

describe(".env.example", () => {
  it("should document every variable the app reads", () => {
    const documented = readFileSync(".env.example", "utf8").split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=")[0]);
    expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
  });
});
