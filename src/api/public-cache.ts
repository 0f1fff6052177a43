/**
 * A short-lived cache of anonymous catalog answers (categories, the provider directory, public
 * profiles), shared by every request of this web process. Only routes that declare `cache` use
 * it, and only for calls without an Authorization header: an answer that may depend on who asks
 * (followed_by_me, liked_by_me) is never stored nor served from here.
 *
 * Freshness: an entry lives `ttlMs` at most, so a change made anywhere (another web process, the
 * panel) shows within that time; a catalog write through this process's API empties it at once.
 * Concurrent misses for one key wait for a single computation (64 connections asking for the same
 * page run one query, not 64). Each entry keeps its body as bytes and a strong ETag (a hash of the
 * body, so every process gives the same tag for the same answer).
 */
import { createHash } from "node:crypto";
import type { Clock } from "../platform/clock.js";

export interface CachedAnswer {
  body: Buffer;
  etag: string;
}

interface Entry extends CachedAnswer {
  expiresAt: number;
}

export interface PublicCacheOptions {
  /** 0 turns the cache off (every call computes its answer). */
  ttlMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  clock?: Clock;
}

/** A strong ETag over the bytes of an answer. */
export const etagOf = (body: Buffer) => `"${createHash("sha1").update(body).digest("base64url")}"`;

export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, Promise<CachedAnswer | undefined>>();
  /** Bumped by `clear()`, so a computation that started before a write is not stored after it. */
  private generation = 0;
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(o: PublicCacheOptions) {
    this.ttlMs = Math.max(0, o.ttlMs);
    this.maxEntries = o.maxEntries ?? 5_000;
    this.now = o.clock ? () => o.clock!().getTime() : Date.now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Seconds a client or proxy may reuse an answer (Cache-Control max-age). */
  get maxAgeSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  /**
   * The stored answer for `key`, or the one `compute` gives (stored when it is not `undefined`,
   * i.e. a 200). Concurrent callers of one key share one `compute`.
   */
  async get(key: string, compute: () => Promise<CachedAnswer | undefined>): Promise<{ answer: CachedAnswer | undefined; hit: boolean }> {
    const found = this.entries.get(key);
    if (found && found.expiresAt > this.now()) return { answer: found, hit: true };
    if (found) this.entries.delete(key);
    const pending = this.computing.get(key);
    if (pending) return { answer: await pending, hit: false };
    const generation = this.generation;
    const run = compute().then((answer) => {
      if (answer && generation === this.generation) this.store(key, answer);
      return answer;
    });
    this.computing.set(key, run);
    try {
      return { answer: await run, hit: false };
    } finally {
      this.computing.delete(key);
    }
  }

  private store(key: string, answer: CachedAnswer): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...answer, expiresAt: this.now() + this.ttlMs });
  }

  /** Forgets everything (after a catalog write through this process). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
