import helmet from "helmet";
import type { RequestHandler } from "express";
import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, fixedHeaders } from "../../src/platform/http-security.js";

/** Runs a middleware against a response that records its header calls. */
function headersOf(middleware: RequestHandler): string[] {
  const calls: string[] = [];
  const res = { setHeader: (k: string, v: unknown) => calls.push(`${k}: ${String(v)}`), removeHeader: (k: string) => calls.push(`-${k}`) };
  let nexted = false;
  middleware({ headers: {} } as never, res as never, (() => (nexted = true)) as never);
  expect(nexted).toBe(true);
  return calls.sort();
}

describe("fixed security headers", () => {
  it("should set exactly the headers helmet sets for the API, in development and production", () => {
    for (const production of [false, true]) {
      const policy = {
        hsts: production ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : (false as const),
        frameguard: { action: "deny" as const },
        referrerPolicy: { policy: "same-origin" as const },
        crossOriginEmbedderPolicy: false,
        contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      };
      const fixed = headersOf(apiSecurityHeaders(production));
      expect(fixed).toEqual(headersOf(helmet(policy)));
      expect(fixed).toContain("Content-Security-Policy: default-src 'none';frame-ancestors 'none'");
      expect(fixed.some((h) => h.startsWith("Strict-Transport-Security"))).toBe(production);
    }
  });

  it("should refuse a middleware that does not finish at once (its headers could differ per request)", () => {
    const later: RequestHandler = (_req, _res, next) => void setTimeout(next, 1);
    expect(() => fixedHeaders(later)).toThrow(/synchronously/);
  });
});
