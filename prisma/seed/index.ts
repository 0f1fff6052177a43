/**
 * Demo data for development: `seedDemoData` fills an empty database with a realistic Saudi
 * services marketplace (Arabic and English) once. It runs in one transaction under an advisory
 * lock and writes a `demo.seeded` marker setting, so it is idempotent and safe to run from
 * several processes at once; a failure leaves nothing behind.
 */
import { registerDomainHooks } from "../../src/domains/register-hooks.js";
import type { Prisma } from "@prisma/client";
import { hashPassword } from "../../src/domains/backoffice/passwords.js";
import type { Deps } from "../../src/platform/deps.js";
import { writeAudit } from "../../src/platform/audit.js";
import { seedBackoffice, seedSettings } from "./backoffice.seed.js";
import { InvoiceBook, seedBillingOperations, seedPromoCodes, seedWalletsAndPayouts } from "./billing.seed.js";
import { seedCatalog } from "./catalog.seed.js";
import { count, depsInTransaction, type SeedContext } from "./context.js";
import { seedExtras } from "./extras.seed.js";
import { seedMarketplace } from "./marketplace.seed.js";
import { seedNotifications } from "./notifications.seed.js";
import { seedBroadcasts } from "./broadcasts.seed.js";
import { seedPeople } from "./people.seed.js";
import { seedPromotions } from "./promo.seed.js";
import { Rng } from "./random.js";
import { DEMO_STAFF_EMAILS, generateDemoPassword, resetStaffPasswords, seedStaff } from "./staff.seed.js";
import { seedSubscriptions } from "./subscriptions.seed.js";
import { seedSupport } from "./support.seed.js";
import { seedVerification } from "./verification.seed.js";
import { MINUTE } from "./time.js";
import type { Storage } from "../../src/platform/storage.js";

/** What the seed did, for the start-up banner. */
export interface SeedResult {
  created: boolean;
  staffEmails: string[];
  passwordSource: string;
  generatedPassword?: string;
}

/** Key of the marker row in backoffice_setting. */
export const DEMO_MARKER_KEY = "demo.seeded";
/** Bump when the demo data changes shape (recorded in the marker). */
export const DEMO_SEED_VERSION = 1;
const LOCK_NAME = "nawafeth:demo-seed";
const RNG_SEED = "nawafeth-demo-v1";

/** Seeds the demo data once (marker + advisory lock); on later runs only re-applies DEMO_PASSWORD to the demo staff. */
export async function seedDemoData(deps: Deps, opts: { password?: string; log?: (m: string) => void; storage?: Storage }): Promise<SeedResult> {
  registerDomainHooks();
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const staffEmails = [...DEMO_STAFF_EMAILS];
  try {
    return await runSeed(deps, opts, log, started, staffEmails);
  } catch (err) {
    // Everything ran in one transaction, so a failure leaves the database as it was.
    throw new Error(`demo seed failed and was rolled back (nothing was written): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function runSeed(deps: Deps, opts: { password?: string; storage?: Storage }, log: (m: string) => void, started: number, staffEmails: string[]): Promise<SeedResult> {
  return deps.db.$transaction(
    async (tx) => {
      // Serialises concurrent starts; the loser waits here and then sees the marker.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1))", LOCK_NAME);
      const marker = await tx.setting.findUnique({ where: { key: DEMO_MARKER_KEY } });
      if (marker) {
        if (opts.password) {
          const updated = await resetStaffPasswords(tx, opts.password);
          if (updated > 0) log(`demo seed: DEMO_PASSWORD applied to ${updated} demo staff account(s)`);
          return { created: false, staffEmails, passwordSource: "DEMO_PASSWORD" };
        }
        return { created: false, staffEmails, passwordSource: "the password printed at first start (set DEMO_PASSWORD to reset it)" };
      }

      const generatedPassword = opts.password ? undefined : generateDemoPassword();
      const passwordHash = await hashPassword(opts.password ?? generatedPassword!);
      const dbNow = (await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]?.now ?? new Date();
      const now = new Date(Math.min(Date.now(), dbNow.getTime()));
      const sc: SeedContext = {
        tx,
        deps: depsInTransaction(deps, tx),
        now,
        freshSince: new Date(now.getTime() - 5 * MINUTE),
        rng: (label) => new Rng(`${RNG_SEED}:${label}`),
        log,
        counts: {},
        audits: [],
        storage: opts.storage,
      };

      const staff = await seedStaff(sc, passwordHash);
      await seedSettings(sc, staff);
      const catalog = await seedCatalog(sc);
      const people = await seedPeople(sc, catalog);
      const market = await seedMarketplace(sc, catalog, people, staff);

      const codes = await seedPromoCodes(sc);
      const book = new InvoiceBook(sc, sc.rng("invoices"), staff.finance);
      await seedVerification(sc, people, staff, book);
      await seedPromotions(sc, people, catalog, staff, book, codes);
      await seedSubscriptions(sc, people, book, codes);
      await seedExtras(sc, people, book);
      await book.finish();
      await seedBillingOperations(sc, book, staff);
      await seedWalletsAndPayouts(sc, people, market, staff);

      await seedSupport(sc, people, market, staff);
      await seedNotifications(sc, people, market);
      await seedBroadcasts(sc, people, staff);
      await seedBackoffice(sc, staff);
      await tx.auditLog.createMany({ data: sc.audits });
      count(sc, "backoffice_auditlog (back-dated workflow rows)", sc.audits.length);

      const seededAt = new Date().toISOString();
      const markerRow = await tx.setting.create({
        data: {
          key: DEMO_MARKER_KEY,
          value: { version: DEMO_SEED_VERSION, seededAt, counts: sc.counts } as Prisma.InputJsonValue,
          description: "Demo data was seeded at first start. Remove the demo rows and this setting to seed again.",
        },
      });
      await writeAudit(tx, { actor: { type: "system", label: "demo-seed" } }, { action: "demo.seed", entity: "Setting", entityId: markerRow.id, meta: { version: DEMO_SEED_VERSION } });
      log(`demo seed: created in ${((Date.now() - started) / 1000).toFixed(1)} s — ${Object.entries(sc.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
      return {
        created: true,
        staffEmails,
        passwordSource: generatedPassword ? `generated at first start: ${generatedPassword} (set DEMO_PASSWORD to choose one)` : "DEMO_PASSWORD",
        generatedPassword,
      };
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}
