/**
 * General request limits (express-rate-limit): per signed-in user, else per IP, per minute. The
 * counters live in PostgreSQL (api_ratelimitcounter), so every web process shares them and N
 * processes still allow the limit once. The limits that guard secrets (OTP requests and tries)
 * are the accounts domain's, also in PostgreSQL.
 */
import { rateLimit, ipKeyGenerator, type ClientRateLimitInfo, type Options, type Store } from "express-rate-limit";
import type { RequestHandler } from "express";
import type { PrismaClient } from "@prisma/client";
import { authOf } from "./auth.js";
import { sendProblem } from "./problem.js";

/** One fixed window per key: the first hit after the window ended starts a new one. */
export class PostgresRateLimitStore implements Store {
  private windowMs = 60_000;
  private calls = 0;

  constructor(private readonly db: PrismaClient) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.db.$queryRaw<Array<{ hits: number; resetAt: Date }>>`
      SELECT hits, reset_at AS "resetAt" FROM api_ratelimitcounter WHERE key = ${key} AND reset_at > now()`;
    return rows[0] ? { totalHits: rows[0].hits, resetTime: rows[0].resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    // One statement, so concurrent requests from several processes count exactly.
    const rows = await this.db.$queryRaw<Array<{ hits: number; resetAt: Date }>>`
      INSERT INTO api_ratelimitcounter AS c (key, hits, reset_at)
      VALUES (${key}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.hits + 1 END,
        reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
      RETURNING hits, reset_at AS "resetAt"`;
    // Now and then, drop windows that ended (cheap: indexed on reset_at).
    if (++this.calls % 1000 === 0) void this.db.$executeRaw`DELETE FROM api_ratelimitcounter WHERE reset_at < now() - interval '1 minute'`.catch(() => {});
    return { totalHits: rows[0]!.hits, resetTime: rows[0]!.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.db.$executeRaw`UPDATE api_ratelimitcounter SET hits = greatest(hits - 1, 0) WHERE key = ${key} AND reset_at > now()`;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM api_ratelimitcounter WHERE key = ${key}`;
  }
}

export function apiRateLimit(db: PrismaClient, perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    store: new PostgresRateLimitStore(db),
    // A database hiccup must not take the API down with it: let the request through.
    passOnStoreError: true,
    keyGenerator: (req, res) => {
      const auth = authOf(res);
      return auth ? `user:${auth.user.id}` : `ip:${ipKeyGenerator(req.ip ?? "unknown")}`;
    },
    handler: (_req, res, _next, options) => {
      sendProblem(res, options.statusCode, "RATE_LIMITED", { params: { retryAfter: Math.ceil(options.windowMs / 1000) } });
    },
  });
}
