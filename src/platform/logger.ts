/** Structured JSON logs (pino). One root logger; modules take children with a `module` field. */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * A logger with the project's settings; `destination` defaults to stdout (tests pass a stream).
 * Redaction is the last line of defence: the request log line carries no headers at all.
 */
export function createLogger(level = "info", destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']", "*.password", "*.code", "*.token"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

let root: Logger | undefined;

/** The process logger; `level` applies on first call (main sets it from config). */
export function logger(level?: string): Logger {
  root ??= createLogger(level);
  return root;
}
