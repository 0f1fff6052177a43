/**
 * Regenerates the Prisma client when prisma/schema changed since it was last generated (e.g. after
 * a `git pull` without `npm install`), so `npm start` and `npm test` never run against a stale
 * client. The schema's hash is kept next to the generated client; the check costs a few ms.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaDir = path.join(root, "prisma", "schema");
const clientDir = path.join(root, "node_modules", ".prisma", "client");
const stamp = path.join(clientDir, ".schema-hash");

export function schemaHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(schemaDir).filter((x) => x.endsWith(".prisma")).sort()) h.update(f).update(readFileSync(path.join(schemaDir, f)));
  return h.digest("hex");
}

/** `force` (npm install's postinstall): always generate, since an upgraded Prisma needs a new client for the same schema. */
export function ensurePrismaClient(force = false): boolean {
  const want = schemaHash();
  if (!force && existsSync(stamp) && readFileSync(stamp, "utf8") === want) return false;
  if (!force) console.log("prisma/schema changed since the client was generated: running prisma generate");
  execFileSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate", "--config", "prisma/prisma.config.ts"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stamp, want);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) ensurePrismaClient(process.argv.includes("--force"));
