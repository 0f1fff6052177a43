/**
 * `npm run analytics:backfill -- --from 2026-01-01 --to 2026-01-31`
 *
 * Computes the daily rollups (platform figures, revenue per invoice kind, requests per category)
 * for every Riyadh day of the range, replacing rows already there, e.g. after importing history
 * or fixing a rollup rule. Safe while the worker runs: runs of the same days take turns.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "./platform/config.js";
import { logger } from "./platform/logger.js";
import { resolveDatabase } from "./platform/database/resolve-database.js";
import { createPrismaClient } from "./platform/database/prisma-client.js";
import { backfillRollups } from "./domains/analytics/index.js";
import { DomainError } from "./platform/errors.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  if (!values.from || !values.to) {
    console.error("usage: npm run analytics:backfill -- --from YYYY-MM-DD --to YYYY-MM-DD");
    return 2;
  }
  const cfg = loadConfig();
  const log = logger(cfg.logLevel);
  const database = await resolveDatabase(cfg, (m) => log.info(m));
  const db = createPrismaClient(database.url, { max: 2, log });
  const started = Date.now();
  try {
    const out = await backfillRollups(db, { from: values.from, to: values.to }, new Date(), (r) => console.log(`computed ${r.from} .. ${r.to}`));
    console.log(`Backfilled ${out.days} day(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});
