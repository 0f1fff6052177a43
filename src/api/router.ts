/** The public JSON API for the mobile app, mounted at /api/v1. */
import express, { Router } from "express";
import type { Deps } from "../platform/deps.js";
import type { Logger } from "../platform/logger.js";
import { healthRoutes } from "./health.routes.js";
import { notFoundHandler, problemHandler } from "./problem.js";

export function apiRouter(deps: Deps, log: Logger): Router {
  const r = Router();
  r.use(express.json({ limit: "256kb" }));
  r.use(healthRoutes(deps));
  r.use(notFoundHandler);
  r.use(problemHandler(log));
  return r;
}
