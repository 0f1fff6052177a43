/**
 * GET /pay/{token}: the page a payment link opens. Sends the customer to Stripe Checkout, or
 * explains (in Arabic and English) why the link cannot be used.
 */
import { Router, type Response } from "express";
import type { Config } from "../platform/config.js";
import type { Deps } from "../platform/deps.js";
import type { Logger } from "../platform/logger.js";
import { DomainError } from "../platform/errors.js";
import { openPaymentLink } from "../domains/billing/payment-links.service.js";
import { message } from "./messages.js";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: Response, status: number, ar: string, en: string) {
  res.status(status).type("html").send(`<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>نوافذ · Nawafeth</title>
<style>body{font-family:system-ui,"Noto Sans Arabic",sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1c1c38}p{font-size:1.1rem;line-height:1.6}.en{direction:ltr;text-align:left;color:#555}</style></head>
<body><h1>نوافذ</h1><p>${escape(ar)}</p><p class="en" lang="en">${escape(en)}</p></body></html>`);
}

export function payLinkRouter(deps: Deps, cfg: Config, log: Logger): Router {
  const r = Router();
  r.get("/:token", async (req, res) => {
    const base = cfg.publicUrl ?? `${req.protocol}://${req.get("host")}`;
    try {
      res.redirect(303, await openPaymentLink(deps, req.params.token, base));
    } catch (e) {
      if (!(e instanceof DomainError)) {
        log.error({ err: e }, "payment link failed");
        return page(res, 502, message("INTERNAL", "ar")!, message("INTERNAL", "en")!);
      }
      page(res, e.status, message(e.code, "ar") ?? e.message, message(e.code, "en") ?? e.message);
    }
  });
  r.get("/:token/done", (_req, res) =>
    page(res, 200, "شكرًا لك. سيصلك تأكيد الدفع قريبًا.", "Thank you. You will receive the payment confirmation shortly."),
  );
  return r;
}
