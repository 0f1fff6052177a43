/**
 * The only module that reads process.env. It validates once at boot and fails fast with a
 * message naming each bad variable, so a misconfigured deploy never half-starts.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  DEMO_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8, "must be at least 8 characters").optional()),
  SEED_DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(true|false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be "false", "true", a hop count, or addresses/subnets like "loopback" or "10.0.0.0/8"')
      .default("false"),
  ),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(300)),
  API_PUBLIC_CACHE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(300).default(5)),
  UPLOADS_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  PANEL_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(600_000).default(5_000)),
  STRIPE_SECRET_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  STRIPE_API_BASE: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional()),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Nawafeth <no-reply@nawafeth.local>")),
  // Push through FCM HTTP v1 when all three are set; otherwise pushes are logged.
  FCM_PROJECT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  FCM_CLIENT_EMAIL: z.preprocess(emptyToUndefined, z.string().optional()),
  FCM_PRIVATE_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  FCM_API_BASE: z.preprocess(emptyToUndefined, z.string().url().optional()),
  FCM_TOKEN_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  // Tests only (refused outside NODE_ENV=test): a worker kills itself right after it has sent and
  // recorded a delivery, before its job is acknowledged, to prove the retry does not send again.
  TEST_KILL_WORKER_AFTER_SEND: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
});

export type Env = z.infer<typeof envSchema>;

/** Every environment variable the application reads. */
export const ENV_KEYS = Object.keys(envSchema.shape) as (keyof Env)[];

export interface Config {
  env: Env["NODE_ENV"];
  isProduction: boolean;
  /** Unset means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe (false: none). */
  trustProxy: boolean | number | string;
  publicUrl: string | undefined;
  sessionSecret: string;
  demoPassword: string | undefined;
  seedDemoData: boolean;
  logLevel: Env["LOG_LEVEL"];
  /** Requests per minute per signed-in user, and per IP for anonymous calls (each web process). */
  apiRateLimitPerMinute: number;
  /** The longest a panel list or count query may run before the page says so instead of hanging. */
  panelStatementTimeoutMs: number;
  /** How long anonymous catalog answers (categories, provider directory and profiles) are reused; 0: never. */
  apiPublicCacheSeconds: number;
  /** Where uploaded images and documents are stored (default DATA_DIR/uploads). */
  uploadsDir: string;
  stripe: { secretKey?: string; webhookSecret?: string; apiBase?: string };
  smtp: { url?: string; from: string };
  /** FCM HTTP v1 service account; absent: pushes are logged. */
  fcm?: { projectId: string; clientEmail: string; privateKey: string; apiBase?: string; tokenUrl?: string };
  /** Crash points a test can turn on (NODE_ENV=test only). */
  testHooks: { killWorkerAfterSend: boolean };
}

/**
 * Reads a dotenv file (KEY=value lines, as in .env.example) into `env`, leaving every variable
 * that is already set alone: the real environment wins over the file. A missing file is fine.
 * It fills process.env itself (not only our Config) because libraries read NODE_ENV from there.
 */
export function loadEnvFile(file: string = path.resolve(".env"), env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(file)) return false;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] === undefined) env[key] = value;
  }
  return true;
}

/** A configuration problem; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The process cannot start for a reason the operator fixes; main prints the message, not a stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

/**
 * Parses an environment: by default process.env, after filling it from ./.env (real variables
 * win). Pure apart from that and the development session secret, which is generated once and
 * kept under DATA_DIR so sessions survive restarts.
 */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  if (!source) {
    loadEnvFile();
    source = process.env;
  }
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const problems: string[] = [];
  if (isProduction && !e.SESSION_SECRET) problems.push("SESSION_SECRET: required in production");
  if (e.TEST_KILL_WORKER_AFTER_SEND === "true" && e.NODE_ENV !== "test") problems.push("TEST_KILL_WORKER_AFTER_SEND: only for tests (NODE_ENV=test)");
  if (isProduction && !e.DATABASE_URL) problems.push("DATABASE_URL: required in production (the embedded PostgreSQL is for development)");
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    isProduction,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    port: e.PORT,
    host: e.HOST,
    trustProxy: trustProxyValue(e.TRUST_PROXY),
    publicUrl: e.PUBLIC_URL,
    sessionSecret: e.SESSION_SECRET ?? developmentSessionSecret(dataDir),
    demoPassword: e.DEMO_PASSWORD,
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === "true" : !isProduction,
    logLevel: e.LOG_LEVEL,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    panelStatementTimeoutMs: e.PANEL_STATEMENT_TIMEOUT_MS,
    apiPublicCacheSeconds: e.API_PUBLIC_CACHE_SECONDS,
    uploadsDir: path.resolve(e.UPLOADS_DIR ?? path.join(dataDir, "uploads")),
    stripe: { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE },
    smtp: { url: e.SMTP_URL, from: e.MAIL_FROM },
    fcm: e.FCM_PROJECT_ID && e.FCM_CLIENT_EMAIL && e.FCM_PRIVATE_KEY
      ? { projectId: e.FCM_PROJECT_ID, clientEmail: e.FCM_CLIENT_EMAIL, privateKey: e.FCM_PRIVATE_KEY.replace(/\\n/g, "\n"), apiBase: e.FCM_API_BASE, tokenUrl: e.FCM_TOKEN_URL }
      : undefined,
    testHooks: { killWorkerAfterSend: e.NODE_ENV === "test" && e.TEST_KILL_WORKER_AFTER_SEND === "true" },
  };
}

function developmentSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

let cached: Config | undefined;
/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/**
 * Express's `trust proxy` from TRUST_PROXY: "false" (default: the socket's address is the client),
 * "true", a hop count, or addresses/subnets ("loopback", "10.0.0.0/8, 192.168.1.1"). Only with a
 * trusted proxy does X-Forwarded-For decide the client IP (login throttling, audit rows).
 */
export function trustProxyValue(raw: string | undefined): boolean | number | string {
  const v = (raw ?? "").trim();
  if (v === "" || v === "false" || v === "0") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
