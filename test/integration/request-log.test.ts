/** The request log of the whole app: one line per request, and no credentials in it. */
import { Writable } from "node:stream";
import request from "supertest";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import { createApp } from "../../src/server.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let t: TestDatabase;
let app: Express;
let close: () => Promise<void>;
let output = "";
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    output += chunk.toString();
    done();
  },
});

beforeAll(async () => {
  t = await createTestDatabase();
  const cfg = loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "test-session-secret-".padEnd(40, "x") });
  ({ app, close } = await createApp({ deps: t, cfg, log: createLogger("info", sink), databaseUrl: t.url }));
});
afterAll(async () => {
  await close?.();
  await t?.close();
});

interface Line {
  level: number;
  msg: string;
  req?: Record<string, unknown>;
  res?: Record<string, unknown>;
  responseTime?: number;
}

/** The log lines about one request id; waits (with a deadline) for the one written on finish. */
async function linesFor(id: string): Promise<Line[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const lines = output.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line).filter((l) => l.req?.id === id);
    if (lines.length || Date.now() > deadline) return lines;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const secrets = { bearer: "hdr-Secret-1", cookie: "cookie-Secret-2", query: "qs-Secret-3", link: "link-Secret-4" };

describe("request log", () => {
  it("should log one line with method, path, status, time and request id, without headers or query", async () => {
    const res = await request(app)
      .get(`/api/v1/health?token=${secrets.query}`)
      .set("X-Request-Id", "req-log-1")
      .set("Authorization", `Bearer ${secrets.bearer}`)
      .set("Cookie", `connect.sid=${secrets.cookie}; nawafeth_lang=ar`);
    expect(res.status).toBe(200);
    const lines = await linesFor("req-log-1");
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 30, req: { id: "req-log-1", method: "GET", path: "/api/v1/health" }, res: { status: 200 } });
    expect(Object.keys(line!.req!).sort()).toEqual(["id", "method", "path"]);
    expect(Object.keys(line!.res!)).toEqual(["status"]);
    expect(line!.responseTime).toEqual(expect.any(Number));
    expect(line!.msg).toMatch(/^GET \/api\/v1\/health 200 \d+ ms$/);
  });

  it("should log a refused call at warn, and a payment link without its token", async () => {
    await request(app).get("/api/v1/me").set("X-Request-Id", "req-log-2").set("Authorization", `Bearer ${secrets.bearer}`).expect(401);
    expect(await linesFor("req-log-2")).toMatchObject([{ level: 40, req: { method: "GET", path: "/api/v1/me" }, res: { status: 401 } }]);

    await request(app).get(`/pay/${secrets.link}?x=1`).set("X-Request-Id", "req-log-3");
    expect(await linesFor("req-log-3")).toMatchObject([{ req: { path: "/pay/[redacted]" } }]);
  });

  it("should never write a credential anywhere in the log", () => {
    expect(output).not.toMatch(/"headers"/);
    for (const s of Object.values(secrets)) expect(output).not.toContain(s);
  });
});
