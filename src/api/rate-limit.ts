/**
 * General request limits (express-rate-limit): per signed-in user, else per IP, per minute. The
 * counters live in each web process's memory, so N processes allow N× the limit; the limits that
 * guard secrets (OTP requests and tries) are kept in PostgreSQL by the accounts domain instead.
 */
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import type { RequestHandler } from "express";
import { authOf } from "./auth.js";
import { sendProblem } from "./problem.js";

export function apiRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const auth = authOf(res);
      return auth ? `user:${auth.user.id}` : `ip:${ipKeyGenerator(req.ip ?? "unknown")}`;
    },
    handler: (_req, res, _next, options) => {
      sendProblem(res, options.statusCode, "RATE_LIMITED", { params: { retryAfter: Math.ceil(options.windowMs / 1000) } });
    },
  });
}
