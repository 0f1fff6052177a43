/** GET /api/v1/health: process up and database reachable (503 when it is not). */
import { Router } from "express";
import type { Deps } from "../platform/deps.js";
import { databaseIsUp } from "../platform/database/health.js";

export function healthRoutes(deps: Pick<Deps, "db">): Router {
  const r = Router();
  r.get("/health", async (_req, res) => {
    const up = await databaseIsUp(deps.db);
    res.status(up ? 200 : 503).json(up ? { status: "ok", db: "ok" } : { status: "error", db: "down" });
  });
  return r;
}
