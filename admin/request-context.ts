/**
 * AdminJS action handlers do not see the HTTP request; the client IP and request id reach the
 * audit rows through AsyncLocalStorage, set by a middleware in front of the admin router.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";
import type { Ctx } from "../src/platform/context.js";
import type { StaffSession } from "../src/domains/backoffice/staff-auth.service.js";

interface HttpInfo {
  ip?: string;
  requestId?: string;
  /** Language for pages rendered before sign-in. */
  language?: "ar" | "en";
}
const storage = new AsyncLocalStorage<HttpInfo>();

/** ?lang= first, then the cookie set by the language switch, then the browser's preference; Arabic by default. */
function preferredLanguage(query: unknown, cookieHeader: string | undefined, acceptLanguage: string | undefined): "ar" | "en" {
  if (query === "ar" || query === "en") return query;
  const cookie = /(?:^|;\s*)nawafeth_lang=(ar|en)\b/.exec(cookieHeader ?? "")?.[1];
  if (cookie === "ar" || cookie === "en") return cookie;
  if (acceptLanguage && /^\s*en\b/i.test(acceptLanguage)) return "en";
  return "ar";
}

export function captureRequestContext(): RequestHandler {
  return (req, res, next) =>
    storage.run(
      {
        ip: req.ip,
        requestId: res.locals.requestId as string | undefined,
        language: preferredLanguage(req.query.lang, req.headers.cookie, req.headers["accept-language"]),
      },
      next,
    );
}

export function languageFromRequest(): "ar" | "en" {
  return storage.getStore()?.language ?? "ar";
}

/** The language of the panel pages a staff member reads: their profile's, else the request's. */
export function staffLanguage(currentAdmin: unknown): "ar" | "en" {
  const lang = (currentAdmin as { language?: unknown } | undefined)?.language;
  return lang === "ar" || lang === "en" ? lang : languageFromRequest();
}

/** The domain context of a signed-in staff member acting through the panel. */
export function staffCtx(admin: StaffSession | undefined): Ctx {
  if (!admin) throw new Error("no signed-in staff member");
  const http = storage.getStore() ?? {};
  return {
    actor: { type: "staff", id: admin.id, label: admin.email }, ip: http.ip, requestId: http.requestId,
    ...(admin.reauthAt ? { reauthenticatedAt: new Date(admin.reauthAt) } : {}),
  };
}
