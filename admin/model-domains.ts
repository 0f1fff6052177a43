/**
 * Which domain each model belongs to, read from the schema file it is declared in
 * (prisma/schema/<domain>.prisma): the panel's navigation groups follow the folders.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SCHEMA_DIR = fileURLToPath(new URL("../prisma/schema", import.meta.url));

export function modelDomains(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".prisma"))) {
    const domain = path.basename(file, ".prisma");
    for (const m of readFileSync(path.join(SCHEMA_DIR, file), "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)) {
      map.set(m[1]!, domain);
    }
  }
  return map;
}
