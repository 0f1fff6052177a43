/** Structured JSON logs (pino). One root logger; modules take children with a `module` field. */
import { pino, type Logger } from "pino";

export type { Logger };

let root: Logger | undefined;

/** The process logger; `level` applies on first call (main sets it from config). */
export function logger(level?: string): Logger {
  root ??= pino({
    level: level ?? "info",
    base: undefined,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.code", "*.token"], censor: "[redacted]" },
  });
  return root;
}
