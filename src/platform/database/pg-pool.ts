/**
 * node-postgres pools and clients outside Prisma and pg-boss (the session store, migrations).
 * A connection can drop at any time (a restart, a failover, pg_terminate_backend, an idle-session
 * killer). An idle client's error is re-emitted on its pool, and an 'error' event nobody listens to
 * ends the process, so every pool and client gets a listener. The pool has already discarded the
 * broken client; the next query opens a new connection.
 */
import pg from "pg";
import type { Logger } from "../logger.js";

export function createPgPool(connectionString: string, opts: { max: number; log: Logger; name: string; applicationName?: string }): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: opts.max, ...(opts.applicationName ? { application_name: opts.applicationName } : {}) });
  pool.on("error", (err) => opts.log.warn({ err, pool: opts.name }, "idle database connection lost; the pool reconnects on next use"));
  return pool;
}

/** A single client whose connection errors are reported instead of ending the process; the pending query rejects. */
export function createPgClient(config: pg.ClientConfig, onError: (err: Error) => void): pg.Client {
  const client = new pg.Client(config);
  client.on("error", onError);
  return client;
}
