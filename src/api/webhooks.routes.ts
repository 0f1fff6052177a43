/**
 * POST /webhooks/stripe. Mounted before any JSON parser: the signature is checked over the raw
 * bytes. A bad or missing signature is 400 and stores nothing; a duplicate event is 200 and is
 * not processed again.
 */
import express, { Router } from "express";
import type { Config } from "../platform/config.js";
import type { Deps } from "../platform/deps.js";
import type { Logger } from "../platform/logger.js";
import { ingestStripeWebhook } from "../domains/billing/index.js";
import { pickLanguage } from "../platform/i18n.js";
import { problemHandler } from "./problem.js";

export function webhooksRouter(deps: Deps, cfg: Config, log: Logger): Router {
  const r = Router();
  // Before the route: errors skip plain middleware, so a language set after it never applied.
  r.use((req, res, next) => {
    res.locals.lang = pickLanguage(req.header("accept-language")) ?? "en";
    next();
  });
  r.post("/stripe", express.raw({ type: () => true, limit: "1mb" }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await ingestStripeWebhook(deps, body, req.header("stripe-signature"), cfg.stripe.webhookSecret);
      log.info({ stripeEvent: result.eventId, duplicate: result.duplicate }, "stripe webhook received");
      res.json({ received: true, duplicate: result.duplicate });
    } catch (e) {
      next(e);
    }
  });
  r.use(problemHandler(log));
  return r;
}
