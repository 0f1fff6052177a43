/**
 * The API's rate limit (src/api/rate-limit.ts): through HTTP with small limits (exact, one count
 * across processes), and the shared counter driven directly, two stores standing for two web
 * processes on one database: far below the limit hits are added in batches, near it the shared
 * count decides, and every hit ends up counted. This file's database has no other app, so no
 * counts sent late by another test's app mix in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Options } from "express-rate-limit";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi } from "../../support/api-client.js";
import { PostgresRateLimitStore } from "../../../src/api/rate-limit.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** A client whose raw statements are counted. */
function counting(db: PrismaClient): { db: PrismaClient; statements(): number } {
  let n = 0;
  const db2 = new Proxy(db, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === "$queryRaw" && typeof v === "function") return (...a: unknown[]) => (n++, (v as (...x: unknown[]) => unknown).apply(target, a));
      return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: db2, statements: () => n };
}

function store(db: PrismaClient, limit: number, flushEvery: number) {
  // No timed flush during the test: batches go when `flushEvery` hits are unsent, and at shutdown.
  const s = new PostgresRateLimitStore(db, { flushMs: 3_600_000, flushEvery });
  s.init({ windowMs: 60_000, limit } as Options);
  return s;
}

const hitsOf = async (key: string) => (await t.db.$queryRaw<Array<{ hits: number }>>`SELECT hits FROM api_ratelimitcounter WHERE key = ${key}`)[0]?.hits;

describe("API rate limit", () => {
  it("should rate-limit per IP with 429 and Retry-After", async () => {
    const limited = await startApi(t, { API_RATE_LIMIT_PER_MINUTE: "5" });
    try {
      // startApi already fetched /openapi.json once: 4 more calls fit in the 5 a minute.
      const rs = [];
      for (let i = 0; i < 6; i++) rs.push(await limited.api.call("GET", "/me", { lang: "en" }));
      expect(rs.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
      expect(rs[4]!.body).toMatchObject({ code: "RATE_LIMITED", detail: "Too many requests. Slow down and try again shortly." });
      expect(Number(rs[4]!.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("should count one limit across web processes, since the counters live in PostgreSQL", async () => {
    await t.db.$executeRaw`DELETE FROM api_ratelimitcounter`;
    const [a, b] = await Promise.all([startApi(t, { API_RATE_LIMIT_PER_MINUTE: "8" }), startApi(t, { API_RATE_LIMIT_PER_MINUTE: "8" })]);
    try {
      // Both fetched /openapi.json (2 of the 8). Twelve calls at once, half to each process: six pass, six are refused.
      const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).api.call("GET", "/me", { lang: "en" })));
      expect(rs.filter((r) => r.status === 401)).toHaveLength(6);
      expect(rs.filter((r) => r.status === 429)).toHaveLength(6);
      const rows = await t.db.$queryRaw<Array<{ key: string; hits: number }>>`SELECT key, hits FROM api_ratelimitcounter`;
      expect(rows).toEqual([{ key: expect.stringMatching(/^ip:/), hits: 14 }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("PostgresRateLimitStore", () => {
  it("should add hits far below the limit to the shared row in batches, losing none", async () => {
    const key = "ip:198.51.100.1";
    const a = counting(t.db);
    const b = counting(t.db);
    const [sa, sb] = [store(a.db, 100_000, 20), store(b.db, 100_000, 20)];
    for (let i = 0; i < 400; i++) await (i % 2 ? sa : sb).increment(key);
    await Promise.all([sa.shutdown(), sb.shutdown()]);
    expect(await hitsOf(key)).toBe(400);
    // About one statement per batch of 20 hits (a hit that finds a full batch still being sent waits and goes with the next), not one per hit.
    expect(a.statements() + b.statements()).toBeLessThanOrEqual(40);
  });

  it("should refuse across both stores once the shared count passes the limit", async () => {
    const key = "ip:198.51.100.2";
    const limit = 300;
    const flushEvery = 10;
    const [sa, sb] = [store(t.db, limit, flushEvery), store(t.db, limit, flushEvery)];
    const totals: number[] = [];
    for (let i = 0; i < 400; i++) totals.push((await (i % 2 ? sa : sb).increment(key)).totalHits);
    await Promise.all([sa.shutdown(), sb.shutdown()]);
    const allowed = totals.filter((n) => n <= limit).length;
    // Exact but for what the other store counted and had not sent yet (at most 2 × flushEvery).
    expect(allowed).toBeGreaterThanOrEqual(limit);
    expect(allowed).toBeLessThanOrEqual(limit + 2 * flushEvery);
    expect(totals.slice(-50).every((n) => n > limit)).toBe(true);
    expect(await hitsOf(key)).toBe(400);
  });

  it("should count exactly, one statement per decision, when the limit is small", async () => {
    const key = "ip:198.51.100.3";
    const [sa, sb] = [store(t.db, 8, 10), store(t.db, 8, 10)];
    const totals = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? sa : sb).increment(key)));
    expect(totals.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await hitsOf(key)).toBe(12);
  });
});
