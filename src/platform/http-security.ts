/**
 * Security headers (helmet) for each part of the site, and the proxy trust setting.
 * - Panel: a CSP AdminJS works under — scripts only from this origin or with the response's
 *   nonce (AdminJS's two inline state scripts get it), styles inline (styled-components injects
 *   them at run time), no framing, no plugins.
 * - API: JSON only, so nothing may load or frame anything.
 * - Docs: Swagger UI's own files and inline styles.
 * HSTS only in production (it is meaningless over plain http and sticks in browsers).
 * Which proxies are trusted for client IPs is the TRUST_PROXY setting (config.ts).
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`;

const common = (production: boolean) => ({
  hsts: production ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
  frameguard: { action: "deny" as const },
  referrerPolicy: { policy: "same-origin" as const },
  crossOriginEmbedderPolicy: false,
});

/** Panel pages and the panel's JSON calls. */
export function panelSecurityHeaders(production: boolean): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    },
    helmet({
      ...common(production),
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", nonce],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          fontSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  ];
}

/**
 * Headers of a helmet policy with no per-request part (no nonce), worked out once and then set
 * from a list: helmet runs a dozen middlewares per request, a measurable share of a cached API read.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const probe = {
    setHeader: (name: string, value: unknown) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  middleware({ headers: {} } as never, probe as never, ((err?: unknown) => {
    if (err) throw err;
    finished = true;
  }) as never);
  if (!finished) throw new Error("a fixed headers middleware must finish synchronously");
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

/** The public JSON API (and webhooks, payment links). */
export function apiSecurityHeaders(production: boolean): RequestHandler {
  return fixedHeaders(
    helmet({
      ...common(production),
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );
}

/** Swagger UI at /api/docs. */
export function docsSecurityHeaders(production: boolean): RequestHandler {
  return helmet({
    ...common(production),
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"], objectSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
}
