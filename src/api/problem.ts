/**
 * RFC 9457 problem+json responses: the one error shape the mobile app sees. `code` is stable for
 * programs; `detail` is for people, in the request's language. Stack traces never leave the server.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { z, ZodError } from "zod";
import { snakeCase } from "./serialize.js";
import { DomainError } from "../platform/errors.js";
import type { Lang } from "../platform/i18n.js";
import type { Logger } from "../platform/logger.js";
import { message } from "./messages.js";
import { detailMessage, issueMessage } from "./field-messages.js";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: "Stable machine-readable error code, e.g. VALIDATION_FAILED." }),
    detail: z.string().optional().meta({ description: "Human-readable message in the request's language." }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Failing fields (dotted paths) and why." }),
    request_id: z.string().optional(),
    retry_after: z.number().int().optional(),
  })
  .meta({ id: "Problem" });

const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 410: "Gone",
  413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
  500: "Internal Server Error", 503: "Service Unavailable",
};

export function langOf(res: Response): Lang {
  return (res.locals.lang as Lang | undefined) ?? "ar";
}

export function sendProblem(res: Response, status: number, code: string, extra: { errors?: Record<string, string>; params?: Record<string, unknown>; detail?: string } = {}): void {
  const retryAfter = typeof extra.params?.retryAfter === "number" ? extra.params.retryAfter : undefined;
  if (retryAfter !== undefined) res.setHeader("Retry-After", String(retryAfter));
  res
    .status(status)
    .type("application/problem+json")
    .json({
      type: "about:blank",
      title: TITLES[status] ?? "Error",
      status,
      code,
      detail: message(code, langOf(res), extra.params) ?? extra.detail,
      ...(extra.errors ? { errors: extra.errors } : {}),
      request_id: res.locals.requestId,
      ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
    });
}

export const notFoundHandler: RequestHandler = (_req, res) => sendProblem(res, 404, "ROUTE_NOT_FOUND");

/** Dotted path of a failing field in the API's spelling (a domain schema's priceTo is price_to). */
const fieldPath = (path: PropertyKey[]) => path.map((p) => (typeof p === "string" ? snakeCase(p) : String(p))).join(".") || "body";

/** Maps domain errors, validation errors and anything unexpected to problem+json. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return;
    const lang = langOf(res);
    if (err instanceof ZodError) {
      const errors: Record<string, string> = {};
      for (const i of err.issues) errors[fieldPath(i.path)] ??= issueMessage(i, lang);
      return sendProblem(res, 400, "VALIDATION_FAILED", { errors });
    }
    if (err instanceof DomainError) {
      const fields = err.details?.fields as Record<string, string> | undefined;
      const errors = fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, detailMessage(v, lang, err.details)]));
      return sendProblem(res, err.status, err.code, { errors, params: err.details, detail: err.message });
    }
    if (err?.type === "entity.parse.failed") return sendProblem(res, 400, "MALFORMED_JSON");
    if (err?.type === "entity.too.large") return sendProblem(res, 413, "PAYLOAD_TOO_LARGE");
    // Every pooled connection stayed busy past the wait: a moment's overload, worth a retry.
    if (err?.code === "P2028") {
      log.warn({ requestId: res.locals.requestId }, "no database connection in time");
      return sendProblem(res, 503, "SERVICE_BUSY", { params: { retryAfter: 2 } });
    }
    log.error({ err, requestId: res.locals.requestId }, "unhandled error");
    return sendProblem(res, 500, "INTERNAL");
  };
}
