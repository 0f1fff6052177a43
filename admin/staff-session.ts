/**
 * The panel's session layer, mounted in front of AdminJS's own routes (AdminJS skips its
 * session and body parsing when they already ran):
 * - sessions in PostgreSQL, the id regenerated at sign-in (no fixation);
 * - a CSRF token per session, required on every state-changing request (header from the
 *   panel's scripts, `_csrf` field from plain forms);
 * - the access profile re-read on every page and API call, so deactivation and role changes
 *   take effect at once;
 * - sign-in and sign-out (POST only) handled here.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type AdminJS from "adminjs";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import formidableMiddleware from "express-formidable";
import session, { type Store } from "express-session";
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import { authenticateStaff, currentStaffSession, type StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { nowOf } from "../src/platform/clock.js";

declare module "express-session" {
  interface SessionData {
    adminUser?: StaffSession;
    csrfToken?: string;
    redirectTo?: string;
  }
}

export const SESSION_COOKIE = "nawafeth.sid";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

export interface StaffSessionOptions {
  deps: Deps;
  log: Logger;
  admin: AdminJS;
  store: Store;
  secret: string;
  secureCookie: boolean;
}

/** The signed-in staff member of a request, or undefined. */
export function staffFromSession(req: Request): StaffSession | undefined {
  return req.session?.adminUser;
}

/** The session's CSRF token, created on first use. */
export function csrfToken(req: Request): string {
  if (!req.session) return "";
  req.session.csrfToken ??= randomBytes(32).toString("base64url");
  return req.session.csrfToken;
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses state-changing requests without this session's token (403, nothing runs). */
function csrfProtection(log: Logger): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const sent = req.get(CSRF_HEADER) ?? (req as { fields?: Record<string, unknown> }).fields?.[CSRF_FIELD];
    if (sameToken(typeof sent === "string" ? sent : undefined, req.session?.csrfToken)) return next();
    log.warn({ path: req.path, origin: req.get("origin") }, "panel request refused: missing or wrong CSRF token");
    const ar = staffFromSession(req)?.language !== "en";
    const text = ar ? "انتهت صلاحية هذه الصفحة أو لم تُرسل من اللوحة. أعد تحميل الصفحة وحاول مرة أخرى." : "This page has expired or the request did not come from the panel. Reload the page and try again.";
    if (req.path.startsWith("/api/")) return res.status(403).json({ error: "CSRF_TOKEN_INVALID", message: text });
    res.status(403).type("text").send(text);
  };
}

/** Paths served to anyone (AdminJS's bundles, the login page itself). */
const isAsset = (path: string) => path.startsWith("/frontend/assets/");

/**
 * Re-reads the staff member's access profile on every request (a primary-key read): a
 * deactivated account is signed out at once, a changed role or language applies at once.
 */
function liveAccessCheck(deps: Deps, loginPath: string): RequestHandler {
  return async (req, res, next) => {
    const current = staffFromSession(req);
    if (!current || isAsset(req.path)) return next();
    try {
      const fresh = await currentStaffSession(deps.db, current.id);
      if (!fresh) {
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
        if (req.path.startsWith("/api/")) return res.status(401).json({ error: "SIGNED_OUT", message: "Your access was ended. Sign in again." });
        return res.redirect(302, loginPath);
      }
      // The password stamp belongs to the session, not the profile: it survives a profile refresh.
      if (fresh.role !== current.role || fresh.language !== current.language || fresh.title !== current.title) req.session.adminUser = { ...fresh, reauthAt: current.reauthAt };
      next();
    } catch (err) {
      next(err);
    }
  };
}

async function renderLogin(admin: AdminJS, res: Response, status: number, errorMessage: string | null) {
  const html = await admin.renderLogin({ action: admin.options.loginPath, errorMessage });
  res.status(status).send(html);
}

/** POST /login: throttled check, then a fresh session id for the signed-in staff member. */
function loginHandler(o: StaffSessionOptions): RequestHandler {
  return async (req, res, next) => {
    const fields = ((req as { fields?: Record<string, unknown> }).fields ?? {}) as { email?: unknown; password?: unknown };
    let staff: StaffSession | null;
    try {
      staff = await authenticateStaff(o.deps.db, String(fields.email ?? ""), String(fields.password ?? ""), req.ip ?? "unknown");
    } catch (err) {
      if (err instanceof Error && err.name === "LoginThrottledError") return renderLogin(o.admin, res, 429, err.message);
      return next(err);
    }
    if (!staff) return renderLogin(o.admin, res, 401, "invalidCredentials");
    const redirectTo = req.session.redirectTo;
    req.session.regenerate((err) => {
      if (err) return next(err);
      // Typing the password to sign in counts as a re-authentication for money actions.
      req.session.adminUser = { ...staff, reauthAt: nowOf(o.deps).getTime() };
      csrfToken(req);
      req.session.save((saveErr) => {
        if (saveErr) return next(saveErr);
        const safe = redirectTo && redirectTo.startsWith(o.admin.options.rootPath) && !redirectTo.startsWith("//") ? redirectTo : o.admin.options.rootPath;
        res.redirect(302, safe);
      });
    });
  };
}

function reauthPage(token: string, ar: boolean, action: string, next: string, error: boolean): string {
  const t = ar
    ? { title: "تأكيد كلمة المرور", ask: "العمليات المالية والاعتمادات تتطلب إعادة إدخال كلمة المرور.", label: "كلمة المرور", button: "تأكيد", error: "كلمة المرور غير صحيحة." }
    : { title: "Confirm your password", ask: "Money actions and approvals need your password again.", label: "Password", button: "Confirm", error: "That password is not correct." };
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="${ar ? "ar" : "en"}" dir="${ar ? "rtl" : "ltr"}"><head><meta charset="utf-8"><title>${t.title}</title>
<meta name="csrf-token" content="${token}"><link rel="stylesheet" href="/admin-static/css/panel.css"></head><body class="plain-page"><main class="plain-card"><h1>${t.title}</h1><p>${t.ask}</p>
${error ? `<p class="plain-error" role="alert">${t.error}</p>` : ""}<form method="post" action="${action}"><input type="hidden" name="${CSRF_FIELD}" value="${token}"><input type="hidden" name="next" value="${esc(next)}">
<label>${t.label} <input type="password" name="password" autocomplete="current-password" required autofocus></label> <button type="submit">${t.button}</button></form></main></body></html>`;
}

/** A panel path to go back to after re-auth (never another site). */
const safeNext = (v: unknown, rootPath: string) => (typeof v === "string" && v.startsWith(rootPath) && !v.startsWith("//") && !v.includes("\\") ? v : rootPath);

function logoutPage(token: string, ar: boolean, action: string): string {
  const t = ar
    ? { title: "تسجيل الخروج", ask: "هل تريد تسجيل الخروج من لوحة نوافذ؟", button: "تسجيل الخروج" }
    : { title: "Log out", ask: "Log out of the Nawafeth panel?", button: "Log out" };
  return `<!DOCTYPE html><html lang="${ar ? "ar" : "en"}" dir="${ar ? "rtl" : "ltr"}"><head><meta charset="utf-8"><title>${t.title}</title>
<meta name="csrf-token" content="${token}"><link rel="stylesheet" href="/admin-static/css/panel.css"></head><body class="plain-page"><main class="plain-card"><h1>${t.title}</h1><p>${t.ask}</p>
<form method="post" action="${action}"><input type="hidden" name="${CSRF_FIELD}" value="${token}"><button type="submit">${t.button}</button></form></main></body></html>`;
}

/**
 * The router AdminJS's routes are added to: session, body parsing, CSRF, live access checks,
 * sign-in and sign-out come first.
 */
export function staffSessionRouter(o: StaffSessionOptions): Router {
  const router = express.Router();
  const { rootPath, loginPath, logoutPath } = o.admin.options;
  const local = (p: string) => p.replace(rootPath, "") || "/";
  router.use(
    session({
      store: o.store,
      secret: o.secret,
      name: SESSION_COOKIE,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: "lax", secure: o.secureCookie, maxAge: 8 * 60 * 60 * 1000 },
    }),
  );
  // Form bodies: small fields only; the panel uploads no files through AdminJS forms.
  router.use(formidableMiddleware({ maxFields: 500, maxFieldsSize: 2 * 1024 * 1024, maxFileSize: 10 * 1024 * 1024 }));
  router.use(csrfProtection(o.log));
  router.use(liveAccessCheck(o.deps, loginPath));
  router.post(local(loginPath), loginHandler(o));
  // Signing out is a POST with the token; the GET (AdminJS's menu link) asks for confirmation.
  router.get(local(logoutPath), (req, res) => {
    if (!staffFromSession(req)) return res.redirect(302, loginPath);
    res.type("html").send(logoutPage(csrfToken(req), staffFromSession(req)?.language !== "en", logoutPath));
  });
  // Re-authentication: the password again, stamped in the session (money actions need a recent one).
  const reauthPath = `${rootPath}/reauth`;
  router.get("/reauth", (req, res) => {
    const current = staffFromSession(req);
    if (!current) return res.redirect(302, loginPath);
    res.type("html").send(reauthPage(csrfToken(req), current.language !== "en", reauthPath, safeNext(req.query.next, rootPath), false));
  });
  router.post("/reauth", async (req, res, next) => {
    const current = staffFromSession(req);
    if (!current) return res.redirect(302, loginPath);
    const fields = ((req as { fields?: Record<string, unknown> }).fields ?? {}) as { password?: unknown; next?: unknown };
    const back = safeNext(fields.next, rootPath);
    try {
      const ok = await authenticateStaff(o.deps.db, current.email, String(fields.password ?? ""), req.ip ?? "unknown");
      if (!ok || ok.id !== current.id) {
        o.log.warn({ staffId: current.id }, "re-authentication failed");
        return res.status(401).type("html").send(reauthPage(csrfToken(req), current.language !== "en", reauthPath, back, true));
      }
      req.session.adminUser = { ...current, reauthAt: nowOf(o.deps).getTime() };
      req.session.save((err) => (err ? next(err) : res.redirect(303, back)));
    } catch (err) {
      if (err instanceof Error && err.name === "LoginThrottledError") return res.status(429).type("text").send(err.message);
      next(err);
    }
  });
  router.post(local(logoutPath), (req, res) => {
    req.session.destroy(() => {
      res.clearCookie(SESSION_COOKIE);
      res.redirect(302, loginPath);
    });
  });
  return router;
}
