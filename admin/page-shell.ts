/**
 * AdminJS renders its HTML pages from fixed templates. This middleware adjusts them on the way
 * out: the Google Fonts link is replaced by self-hosted fonts (the panel must work on closed
 * networks, and Arabic needs an Arabic face), and our stylesheet is added.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type RequestHandler, type Router } from "express";

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

/**
 * Rewrites one AdminJS HTML page: local fonts, our stylesheet, and the text direction, which
 * AdminJS never sets (it only writes lang=…): Arabic pages become dir="rtl" with the RTL rules.
 */
export function rewritePage(html: string): string {
  const lang = HTML_TAG.exec(html)?.[1] ?? "en";
  const rtl = lang === "ar";
  const styles = [FONT_LINKS, `<link rel="stylesheet" href="${STATIC_PATH}/css/panel.css">`, rtl ? `<link rel="stylesheet" href="${STATIC_PATH}/css/rtl.css">` : ""].join("\n");
  return html
    .replace(HTML_TAG, `<html lang="${lang}" dir="${rtl ? "rtl" : "ltr"}">`)
    .replace(GOOGLE_FONTS, styles);
}

/** Wraps res.send for HTML bodies under the admin root. */
export function pageShell(): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      if (typeof body === "string" && body.trimStart().startsWith("<!DOCTYPE html>")) body = rewritePage(body);
      return send(body);
    }) as typeof res.send;
    next();
  };
}
