/**
 * One log line per request, written when its answer is sent or its connection closes first:
 * method, path (never the query string, which may carry tokens), status, time and request id —
 * no headers, cookies or bodies. Info for answers below 400, warn for 4xx, error for 5xx and for
 * requests that ended without an answer.
 *
 * Not pino-http: that builds a child logger with the request bound to it on every request (the
 * app never uses one), which was about a tenth of the CPU of a cached API read.
 */
import type { Request, RequestHandler } from "express";
import type { Logger } from "./logger.js";

export interface RequestLogOptions {
  /** Requests not logged at all (the panel's static bundles). */
  ignore?: (req: Request) => boolean;
  /** The path as logged (a payment link's token is cut out). */
  path: (req: Request) => string;
}

export function requestLog(log: Logger, opts: RequestLogOptions): RequestHandler {
  return (req, res, next) => {
    if (opts.ignore?.(req)) return next();
    const start = performance.now();
    const done = () => {
      res.removeListener("finish", done);
      res.removeListener("close", done);
      const answered = res.writableFinished;
      const status = res.statusCode;
      const level = !answered || status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      if (!log.isLevelEnabled(level)) return;
      const ms = Math.round(performance.now() - start);
      const path = opts.path(req);
      log[level](
        { req: { id: res.locals.requestId as string, method: req.method, path }, res: { status }, responseTime: ms },
        answered ? `${req.method} ${path} ${status} ${ms} ms` : `${req.method} ${path} ${status} failed`,
      );
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}
