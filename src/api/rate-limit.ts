/**
 * General request limits (express-rate-limit): per signed-in user, else per IP, per minute. The
 * counters live in PostgreSQL (api_ratelimitcounter, unlogged), so every web process shares them
 * and N processes still allow the limit once. The limits that guard secrets (OTP requests and
 * tries) are the accounts domain's, also in PostgreSQL.
 *
 * One upsert per request made every request of a busy key queue on that key's row. Here a process
 * counts a key's hits in memory while the key is far from its limit (the shared count it last
 * read plus its own unsent hits stay within `limit - headroom`), and adds them to the shared row
 * in one statement for all keys, every `flushMs` or every `flushEvery` hits. Near the limit (and
 * on a key's first hit in a window) each hit goes to PostgreSQL before it is answered, hits that
 * arrive meanwhile sharing the next statement, so the decision that refuses a caller is taken on
 * the shared count. Limits of 100 a minute or less are therefore exact; a larger one can be
 * passed by what other processes counted and had not sent yet: at most 2 × `flushEvery` each.
 */
import { rateLimit, ipKeyGenerator, type ClientRateLimitInfo, type Options, type Store } from "express-rate-limit";
import type { RequestHandler } from "express";
import type { PrismaClient } from "@prisma/client";
import { authOf } from "./auth.js";
import { sendProblem } from "./problem.js";

interface Counter {
  /** The shared count as PostgreSQL last returned it, and the end of its window. */
  known: number;
  resetAt: Date;
  /** Hits counted here and not yet added to the shared row. */
  unsent: number;
  /** Callers waiting for the shared count (near the limit). */
  waiting: Array<{ resolve(v: ClientRateLimitInfo): void; reject(e: unknown): void }>;
  sending: boolean;
}

export interface BatchedStoreOptions {
  /** How often unsent hits are added to the shared rows (ms). */
  flushMs?: number;
  /** A key with this many unsent hits is sent at once. */
  flushEvery?: number;
}

export class PostgresRateLimitStore implements Store {
  private windowMs = 60_000;
  private limit = Number.POSITIVE_INFINITY;
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private statements = 0;
  private readonly flushMs: number;
  private readonly flushEvery: number;

  constructor(
    private readonly db: PrismaClient,
    o: BatchedStoreOptions = {},
  ) {
    this.flushMs = o.flushMs ?? 100;
    this.flushEvery = o.flushEvery ?? 200;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    if (typeof options.limit === "number") this.limit = options.limit;
  }

  /** Counting in memory is allowed while this many hits stay between the count and the limit. */
  private get headroom(): number {
    return Math.max(100, this.limit / 2);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const c = this.counters.get(key);
    if (c && c.resetAt.getTime() > Date.now()) return { totalHits: c.known + c.unsent, resetTime: c.resetAt };
    const rows = await this.db.$queryRaw<Array<{ hits: number; resetAt: Date }>>`
      SELECT hits, reset_at AS "resetAt" FROM api_ratelimitcounter WHERE key = ${key} AND reset_at > now()`;
    return rows[0] ? { totalHits: rows[0].hits, resetTime: rows[0].resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const c = this.counters.get(key);
    // At most `flushEvery` unsent hits (and as many being sent): what other processes cannot see yet stays bounded.
    if (c && c.resetAt.getTime() > Date.now() && c.unsent < this.flushEvery && c.known + c.unsent + 1 <= this.limit - this.headroom) {
      c.unsent++;
      if (c.unsent >= this.flushEvery) void this.flush();
      else this.schedule();
      return { totalHits: c.known + c.unsent, resetTime: c.resetAt };
    }
    // First hit here in this window, or close to the limit: decide on the shared count.
    const counter = c ?? { known: 0, resetAt: new Date(0), unsent: 0, waiting: [], sending: false };
    this.counters.set(key, counter);
    return new Promise<ClientRateLimitInfo>((resolve, reject) => {
      counter.unsent++;
      counter.waiting.push({ resolve, reject });
      void this.sendNow(key, counter);
    });
  }

  /** Sends one key's unsent hits and answers its waiting callers in order of arrival. */
  private async sendNow(key: string, c: Counter): Promise<void> {
    if (c.sending) return;
    c.sending = true;
    const waiting = c.waiting.splice(0);
    const delta = c.unsent;
    c.unsent = 0;
    try {
      const [row] = await this.add([key], [delta]);
      c.known = row!.hits;
      c.resetAt = row!.resetAt;
      // The waiting callers are the last `waiting.length` hits of this delta.
      waiting.forEach((w, i) => w.resolve({ totalHits: row!.hits - waiting.length + i + 1, resetTime: row!.resetAt }));
    } catch (e) {
      c.unsent += delta - waiting.length;
      for (const w of waiting) w.reject(e);
    } finally {
      c.sending = false;
      if (c.waiting.length) void this.sendNow(key, c);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Adds every key's unsent hits to the shared rows in one statement and reads their counts back. */
  flush(): Promise<void> {
    this.flushing ??= this.flushAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushAll(): Promise<void> {
    const now = Date.now();
    const keys: string[] = [];
    const deltas: number[] = [];
    for (const [key, c] of this.counters) {
      if (c.sending) {
        if (c.unsent > 0) this.schedule();
        continue;
      }
      if (c.unsent > 0) {
        keys.push(key);
        deltas.push(c.unsent);
        c.unsent = 0;
      } else if (c.resetAt.getTime() <= now && !c.waiting.length) this.counters.delete(key);
    }
    if (!keys.length) return;
    try {
      const rows = await this.add(keys, deltas);
      for (const r of rows) {
        const c = this.counters.get(r.key);
        if (c) {
          c.known = r.hits;
          c.resetAt = r.resetAt;
        }
      }
    } catch {
      // Kept for the next flush: a database hiccup must not lose counts (nor take the API down).
      keys.forEach((k, i) => {
        const c = this.counters.get(k);
        if (c) c.unsent += deltas[i]!;
      });
      this.schedule();
    }
    if (++this.statements % 1000 === 0) void this.db.$executeRaw`DELETE FROM api_ratelimitcounter WHERE reset_at < now() - interval '1 minute'`.catch(() => {});
  }

  /**
   * One statement, so concurrent processes count exactly; keys in sorted order, so two processes
   * locking several rows never wait on each other in a circle.
   */
  private async add(keys: string[], deltas: number[]): Promise<Array<{ key: string; hits: number; resetAt: Date }>> {
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    return this.db.$queryRaw<Array<{ key: string; hits: number; resetAt: Date }>>`
      INSERT INTO api_ratelimitcounter AS c (key, hits, reset_at)
      SELECT k, d, now() + make_interval(secs => ${this.windowMs / 1000})
      FROM unnest(${order.map((i) => keys[i]!)}::text[], ${order.map((i) => deltas[i]!)}::int[]) WITH ORDINALITY AS t(k, d, n)
      ORDER BY n
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN c.reset_at <= now() THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
        reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
      RETURNING key, hits, reset_at AS "resetAt"`;
  }

  async decrement(key: string): Promise<void> {
    const c = this.counters.get(key);
    if (c && c.unsent > 0) return void c.unsent--;
    if (c) c.known = Math.max(0, c.known - 1);
    await this.db.$executeRaw`UPDATE api_ratelimitcounter SET hits = greatest(hits - 1, 0) WHERE key = ${key} AND reset_at > now()`;
  }

  async resetKey(key: string): Promise<void> {
    this.counters.delete(key);
    await this.db.$executeRaw`DELETE FROM api_ratelimitcounter WHERE key = ${key}`;
  }

  /** Sends what is still counted here (a process that stops must not forget its callers). */
  async shutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush().catch(() => {});
  }
}

export function apiRateLimit(db: PrismaClient, perMinute: number, store = new PostgresRateLimitStore(db)): { middleware: RequestHandler; close(): Promise<void> } {
  const middleware = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    store,
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
  return { middleware, close: () => store.shutdown() };
}
