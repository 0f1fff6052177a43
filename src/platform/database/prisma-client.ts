/**
 * Prisma client over the node-postgres driver adapter: no native query engine is needed.
 */
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { logger, type Logger } from "../logger.js";

export type Db = PrismaClient;

/**
 * One client (and its pool) per database URL; the caller owns closing it with $disconnect.
 * A dropped connection (idle in the pool, or held by a transaction) is logged; the adapter's pool
 * discards it and the next query reconnects. `log` defaults to the process logger.
 */
export function createPrismaClient(databaseUrl: string, opts: { max?: number; log?: Logger } = {}): PrismaClient {
  const log = (opts.log ?? logger()).child({ module: "prisma" });
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: opts.max ?? 10 },
    {
      onPoolError: (err) => log.warn({ err }, "idle database connection lost; the pool reconnects on next use"),
      onConnectionError: (err) => log.warn({ err }, "database connection lost during a transaction"),
    },
  );
  // Prisma's default 2 s wait for a pooled connection turned a burst (dozens of requests on a
  // 10-connection pool, on a busy 2-core machine) into 500s; a request now queues for up to 10 s.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}
