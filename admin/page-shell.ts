/**
 * AdminJS renders its HTML pages from fixed templates. This middleware adjusts them on the way
 * out: the Google Fonts link is replaced by self-hosted fonts (the panel must work on closed
 * networks, and Arabic needs an Arabic face), and our stylesheet is added.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type RequestHandler, type Router } from "express";
import { csrfToken } from "./staff-session.js";

export const STATIC_PATH = "/admin-static";
const require = createRequire(import.meta.url);
const fontDir = (pkg: string) => path.dirname(require.resolve(`@fontsource/${pkg}/400.css`));

/** Serves the fonts and the panel's own static files. */
export function staticRouter(): Router {
  const r = express.Router();
  const opts = { maxAge: "7d", immutable: true };
  r.use("/fonts/roboto", express.static(fontDir("roboto"), opts));
  r.use("/fonts/noto-sans-arabic", express.static(fontDir("noto-sans-arabic"), opts));
  r.use("/css", express.static(fileURLToPath(new URL("./static", import.meta.url)), { maxAge: "1h" }));
  r.use("/js", express.static(fileURLToPath(new URL("./static/js", import.meta.url)), { maxAge: "1h" }));
  return r;
}

const FONT_LINKS = [
  ...["300", "400", "500", "700"].map((w) => `${STATIC_PATH}/fonts/roboto/${w}.css`),
  ...["400", "500", "700"].map((w) => `${STATIC_PATH}/fonts/noto-sans-arabic/${w}.css`),
]
  .map((href) => `<link rel="stylesheet" href="${href}" type="text/css">`)
  .join("\n");

const GOOGLE_FONTS = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;
const HTML_TAG = /<html lang=["']?(\w+)["']?>/;
const INLINE_SCRIPT = /<script>/g;
const ASSET_SRC = /src="(\/admin\/frontend\/assets\/[\w./-]+\.js)"/g;
const YEAR_S = 365 * 24 * 3600;

/**
 * AdminJS's bundles have fixed URLs, so browsers revalidate all four (3.4 MB) on every page. Pages
 * name them with a version instead, and a URL with a version is cached for a year: a new build
 * changes the version, and so the URL.
 */
export function assetCache(): RequestHandler {
  return (req, res, next) => {
    if (typeof req.query.v === "string") res.setHeader("Cache-Control", `public, max-age=${YEAR_S}, immutable`);
    next();
  };
}

/**
 * The version of the bundles this process serves: AdminJS's own version with the components
 * bundle's content where it is a file (production: prebuilt by npm run build, or bundled at start),
 * else this process's start (the bundle is then built in memory and lives as long as the process).
 */
export function assetVersionOf(adminVersion: string, componentsBundle: string | undefined): () => string {
  let version: string | undefined;
  const started = Date.now().toString(36);
  return () => {
    if (version) return version;
    const h = createHash("sha256").update(adminVersion);
    if (componentsBundle && existsSync(componentsBundle)) h.update(readFileSync(componentsBundle));
    else h.update(started);
    version = h.digest("hex").slice(0, 12);
    return version;
  };
}

export interface PageExtras {
  /** The session's CSRF token, for the panel's requests (see static/js/csrf.js). */
  csrfToken?: string;
  /** The response's CSP nonce: AdminJS's inline state scripts carry it. */
  nonce?: string;
  /** Appended to AdminJS's bundle URLs (?v=…), which are then cached for a year (see assetCache). */
  assetVersion?: string;
}

const escapeAttr = (v: string) => v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Rewrites one AdminJS HTML page: local fonts, our stylesheet, and the text direction, which
 * AdminJS never sets (it only writes lang=…): Arabic pages become dir="rtl" with the RTL rules.
 */
export function rewritePage(html: string, extras: PageExtras = {}): string {
  const lang = HTML_TAG.exec(html)?.[1] ?? "en";
  const rtl = lang === "ar";
  const styles = [
    FONT_LINKS,
    `<link rel="stylesheet" href="${STATIC_PATH}/css/panel.css">`,
    // Our own icon, so browsers do not ask for /favicon.ico (a 404 on every page).
    `<link rel="icon" type="image/svg+xml" href="${STATIC_PATH}/css/favicon.svg">`,
    rtl ? `<link rel="stylesheet" href="${STATIC_PATH}/css/rtl.css">` : "",
    extras.csrfToken ? `<meta name="csrf-token" content="${escapeAttr(extras.csrfToken)}">` : "",
    // Before AdminJS's bundles, so every request they make carries the token.
    `<script src="${STATIC_PATH}/js/csrf.js"${extras.nonce ? ` nonce="${escapeAttr(extras.nonce)}"` : ""}></script>`,
  ].join("\n");
  let out = html.replace(HTML_TAG, `<html lang="${lang}" dir="${rtl ? "rtl" : "ltr"}">`).replace(GOOGLE_FONTS, styles);
  if (extras.assetVersion) out = out.replace(ASSET_SRC, (_m, src: string) => `src="${src}?v=${encodeURIComponent(extras.assetVersion!)}"`);
  return extras.nonce ? out.replace(INLINE_SCRIPT, `<script nonce="${escapeAttr(extras.nonce)}">`) : out;
}

/** Wraps res.send for HTML bodies under the admin root. */
export function pageShell(assetVersion?: () => string): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      if (typeof body === "string" && body.trimStart().startsWith("<!DOCTYPE html>")) {
        body = rewritePage(body, { csrfToken: csrfToken(req), nonce: res.locals.cspNonce as string | undefined, assetVersion: assetVersion?.() });
      }
      return send(body);
    }) as typeof res.send;
    next();
  };
}
