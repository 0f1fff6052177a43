/**
 * The full Prisma DMMF for @adminjs/prisma. With the client engine, `Prisma.dmmf` is reduced
 * (no isId, relationName, ...) and every AdminJS list fails; getDMMF from @prisma/internals
 * (CommonJS: import its default) rebuilds the full document from the schema files (~50 ms).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import internals from "@prisma/internals";
import type { DMMF } from "@prisma/generator-helper";

const SCHEMA_DIR = fileURLToPath(new URL("../prisma/schema", import.meta.url));

let cached: Promise<DMMF.Document> | undefined;

export function loadFullDmmf(): Promise<DMMF.Document> {
  cached ??= (async () => {
    const files = readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith(".prisma"))
      .sort()
      .map((f): [string, string] => [path.join(SCHEMA_DIR, f), readFileSync(path.join(SCHEMA_DIR, f), "utf8")]);
    return (await internals.getDMMF({ datamodel: files })) as unknown as DMMF.Document;
  })();
  return cached;
}
