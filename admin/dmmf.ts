/**
 * The full Prisma DMMF for @adminjs/prisma. With the client engine, `Prisma.dmmf` is reduced
 * (no isId, relationName, ...) and every AdminJS list fails; getDMMF from @prisma/internals
 * (CommonJS: import its default) rebuilds the full document from the schema files. That costs
 * about two seconds a process (loading @prisma/internals, then its WASM), which every panel start
 * and every test file paid: the document is kept in node_modules/.cache under the schema's hash
 * and read back when the schema has not changed.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DMMF } from "@prisma/generator-helper";

const SCHEMA_DIR = fileURLToPath(new URL("../prisma/schema", import.meta.url));
const CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/nawafeth-dmmf", import.meta.url));

let cached: Promise<DMMF.Document> | undefined;
type GetDmmf = (o: { datamodel: [string, string][] }) => Promise<unknown>;

async function build(files: [string, string][]): Promise<DMMF.Document> {
  // CommonJS: the functions are on the namespace, or on its default under some loaders.
  const mod = (await import("@prisma/internals")) as unknown as { getDMMF?: GetDmmf; default?: { getDMMF: GetDmmf } };
  const getDMMF = mod.getDMMF ?? mod.default!.getDMMF;
  return (await getDMMF({ datamodel: files })) as unknown as DMMF.Document;
}

export function loadFullDmmf(): Promise<DMMF.Document> {
  cached ??= (async () => {
    const files = readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith(".prisma"))
      .sort()
      .map((f): [string, string] => [path.join(SCHEMA_DIR, f), readFileSync(path.join(SCHEMA_DIR, f), "utf8")]);
    const hash = createHash("sha256");
    for (const [file, text] of files) hash.update(path.basename(file)).update("\0").update(text).update("\0");
    const cacheFile = path.join(CACHE_DIR, `${hash.digest("hex").slice(0, 32)}.json`);
    if (existsSync(cacheFile)) {
      try {
        return JSON.parse(readFileSync(cacheFile, "utf8")) as DMMF.Document;
      } catch {
        // A damaged cache file is rebuilt below.
      }
    }
    const dmmf = await build(files);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside and renamed: parallel processes never read half a file.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(dmmf));
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only node_modules (some containers) only loses the cache.
    }
    return dmmf;
  })();
  return cached;
}
