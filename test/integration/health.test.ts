import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRouter } from "../../src/api/router.js";
import { createPrismaClient } from "../../src/platform/database/prisma-client.js";
import { freePort } from "../../src/platform/database/embedded-postgres.js";
import { logger } from "../../src/platform/logger.js";
import { loadConfig } from "../../src/platform/config.js";
import { diskStorage } from "../../src/platform/storage.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const log = logger("silent");
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

function appWith(deps: TestDatabase | { db: ReturnType<typeof createPrismaClient>; boss: never }) {
  const app = express();
  const cfg = loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "x".repeat(40) });
  app.use("/api/v1", apiRouter({ deps: deps as TestDatabase, cfg, log, storage: diskStorage(cfg.uploadsDir) }).router);
  return app;
}

describe("GET /api/v1/health", () => {
  it("should answer ok when the database is reachable", async () => {
    const res = await request(appWith(t)).get("/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "ok" });
  });

  it("should answer 503 with db down when the database is unreachable", async () => {
    const port = await freePort(); // nothing listens there
    const db = createPrismaClient(`postgresql://nobody@127.0.0.1:${port}/none`);
    try {
      const res = await request(appWith({ db, boss: undefined as never })).get("/api/v1/health");
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: "error", db: "down" });
    } finally {
      await db.$disconnect();
    }
  });

  it("should answer unknown routes with problem+json", async () => {
    const res = await request(appWith(t)).get("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: "ROUTE_NOT_FOUND" });
  });
});
