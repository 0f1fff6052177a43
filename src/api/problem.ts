/**
 * RFC 9457 problem+json responses: the one error shape the mobile app sees.
 * Stack traces never leave the server.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { ZodError } from "zod";
import { DomainError } from "../platform/errors.js";
import type { Logger } from "../platform/logger.js";

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Record<string, string>;
  request_id?: string;
  [k: string]: unknown;
}

export function sendProblem(res: Response, p: Omit<Problem, "type"> & { type?: string }): void {
  res
    .status(p.status as number)
    .type("application/problem+json")
    .json({ type: p.type ?? "about:blank", request_id: res.locals.requestId, ...p });
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  sendProblem(res, { status: 404, title: "Not Found", code: "ROUTE_NOT_FOUND", detail: "No such endpoint" });
};

/** Maps domain errors, validation errors and anything unexpected to problem+json. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof ZodError) {
      const errors: Record<string, string> = {};
      for (const i of err.issues) errors[i.path.join(".") || "body"] = i.message;
      return sendProblem(res, { status: 400, title: "Bad Request", code: "VALIDATION_FAILED", detail: "The request is not valid", errors });
    }
    if (err instanceof DomainError) {
      const fields = (err.details?.fields ?? undefined) as Record<string, string> | undefined;
      return sendProblem(res, { status: err.status, title: err.name, code: err.code, detail: err.message, ...(fields ? { errors: fields } : {}) });
    }
    if (err?.type === "entity.parse.failed") {
      return sendProblem(res, { status: 400, title: "Bad Request", code: "MALFORMED_JSON", detail: "The body is not valid JSON" });
    }
    log.error({ err, requestId: res.locals.requestId }, "unhandled error");
    return sendProblem(res, { status: 500, title: "Internal Server Error", code: "INTERNAL", detail: "Something went wrong on our side" });
  };
}
