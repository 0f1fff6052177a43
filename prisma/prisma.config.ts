/**
 * Prisma CLI configuration. The JS (WebAssembly) schema engine with the pg adapter means the CLI
 * never downloads a native engine. Migrations are produced offline by `npm run db:migration:new`
 * (prisma migrate diff) and applied by our own runner (src/platform/database/migrations.ts).
 */
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's datasource names env("DATABASE_URL"); generate/diff/validate never connect, but the
// CLI refuses to read the schema when the variable is missing.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:5432/unused";
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema",
  migrations: { path: "migrations" },
  async adapter() {
    // allowExitOnIdle: otherwise idle pooled connections keep every CLI call alive for 10 s.
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true, idleTimeoutMillis: 200 });
  },
});
