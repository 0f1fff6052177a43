/**
 * The migrations and the Prisma schema must describe the same database. Two checks:
 * offline, the snapshot the last migration was generated from equals prisma/schema; and on a
 * real server, a database built by the migrations has exactly the tables, columns, indexes,
 * constraints and enums of a database built straight from the schema.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { diffSql, prisma, SCHEMA_DIR, SNAPSHOT_FILE } from "../../prisma/prisma-cli.js";
import { migrate, readMigrations } from "../../src/platform/database/migrations.js";
import { adminQuery, urlFor } from "../support/postgres-server.js";
import { describeSchema } from "../support/catalog.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const SEED_000_TABLES = [
  "accounts_user", "accounts_otp", "accounts_wallet",
  "providers_category", "providers_subcategory", "providers_providerprofile", "providers_providercategory",
  "providers_providerservice", "providers_providerportfolioitem", "providers_providerfollow", "providers_providerlike",
  "providers_providerportfoliolike",
  "marketplace_servicerequest", "marketplace_offer", "marketplace_requeststatuslog", "marketplace_servicerequestattachment",
  "messaging_thread", "messaging_message", "messaging_messageread",
  "notifications_notification", "notifications_eventlog", "notifications_devicetoken",
  "reviews_review",
  "billing_invoice", "billing_paymentattempt", "billing_webhookevent",
  "verification_verificationrequest", "verification_verificationdocument", "verification_verifiedbadge",
  "promo_promorequest", "promo_promoasset",
  "subscriptions_subscriptionplan", "subscriptions_subscription",
  "extras_extrapurchase",
  "support_supportteam", "support_supportticket", "support_supportattachment", "support_supportcomment", "support_supportstatuslog",
  "backoffice_dashboard", "backoffice_useraccessprofile",
];

describe("migrations", () => {
  let t: TestDatabase;
  const fromSchema = `nawafeth_fromschema_${process.pid}`;
  const adminUrl = inject("pgAdminUrl");

  beforeAll(async () => {
    t = await createTestDatabase();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${fromSchema}`);
    await adminQuery(adminUrl, `CREATE DATABASE ${fromSchema}`);
    const c = new pg.Client({ connectionString: urlFor(adminUrl, fromSchema) });
    await c.connect();
    await c.query(diffSql("empty", SCHEMA_DIR, adminUrl));
    await c.end();
  });
  afterAll(async () => {
    await t?.close();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${fromSchema} WITH (FORCE)`);
  });

  it("should have a snapshot equal to prisma/schema (run npm run db:migration:new after a schema change)", () => {
    const { status, stdout } = prisma(["migrate", "diff", "--from-schema-datamodel", SNAPSHOT_FILE, "--to-schema-datamodel", SCHEMA_DIR, "--exit-code"], adminUrl);
    expect(stdout.trim() === "" || status === 0 ? "no difference" : stdout).toBe("no difference");
    expect(status).toBe(0);
  });

  it("should build the same database as the schema does", async () => {
    const migrated = await describeSchema(t.url);
    const direct = await describeSchema(urlFor(adminUrl, fromSchema));
    expect(migrated.enums).toEqual(direct.enums);
    expect(migrated.columns).toEqual(direct.columns);
    // Partial indexes on live rows (WHERE deleted_at IS NULL) are written in migrations only: the
    // schema language cannot express them.
    expect((migrated.indexes ?? []).filter((i) => !i.includes("WHERE (deleted_at IS NULL)"))).toEqual(direct.indexes);
    expect((migrated.indexes ?? []).filter((i) => i.includes("WHERE (deleted_at IS NULL)")).length).toBeGreaterThan(0);
    expect(migrated.constraints).toEqual(direct.constraints);
  });

  it("should create every table named in seed 000", async () => {
    const rows = await t.db.$queryRaw<{ table_name: string }[]>`SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    const names = new Set(rows.map((r) => r.table_name));
    expect(SEED_000_TABLES.filter((n) => !names.has(n))).toEqual([]);
    expect(SEED_000_TABLES).toHaveLength(41);
  });

  it("should refuse to update or delete audit rows", async () => {
    await t.db.auditLog.create({ data: { actorType: "system", action: "test", entity: "X", entityId: "1" } });
    await expect(t.db.auditLog.updateMany({ data: { action: "changed" } })).rejects.toThrow(/append-only/);
    await expect(t.db.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
  });

  it("should apply nothing the second time and refuse an edited migration", async () => {
    expect(await migrate(t.url)).toEqual([]);
    const first = readMigrations()[0]!;
    await t.db.$executeRaw`UPDATE _migrations SET checksum = 'tampered' WHERE name = ${first.name}`;
    await expect(migrate(t.url)).rejects.toThrow(/was changed after it was applied/);
  });
});
