/**
 * Prisma client over the node-postgres driver adapter: no native query engine is needed.
 */
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";

export type Db = PrismaClient;

/** One client (and its pool) per database URL; the caller owns closing it with $disconnect. */
export function createPrismaClient(databaseUrl: string, opts: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.max ?? 10 });
  return new PrismaClient({ adapter });
}
