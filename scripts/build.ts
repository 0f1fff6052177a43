/**
 * `npm run build`: the production build in `dist/`, run by `npm run web` / `npm run worker` with
 * plain `node` (no TypeScript compiler in the running process).
 *   1. every server module (src, admin, jobs, prisma) transpiled to JavaScript, one file per file,
 *      the tree kept so relative paths (migrations, schema, static files) still resolve;
 *   2. the files read at run time copied beside them: migrations, schema, panel CSS/JS, and the
 *      panel's React components (AdminJS checks they exist when they are registered);
 *   3. the panel's component bundle built once, minified, into dist/.adminjs (AdminJS otherwise
 *      bundles at every production start, which costs seconds and ~200 MB);
 *   4. dist/start.js, which points AdminJS at that bundle and starts src/main.js.
 * Types are checked by `npm run typecheck`, not here: the build only strips them (TypeScript's
 * own transpiler), so it takes seconds.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import ts from "typescript";
import { ensurePrismaClient } from "../prisma/ensure-client.js";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
// `--out <dir>` (inside the project, so packages still resolve from its node_modules): tests build elsewhere than dist/.
const outArg = process.argv.indexOf("--out");
const dist = path.resolve(root, outArg > 0 ? process.argv[outArg + 1]! : "dist");
if (!dist.startsWith(root + path.sep)) throw new Error("--out must be a folder inside the project (packages resolve from its node_modules)");
const SOURCES = ["src", "admin", "jobs", "prisma"];
/** Browser code and data read as files, not imported by the server. */
const COPIED = ["prisma/migrations", "prisma/schema", "admin/static", "admin/components"];
const isCopied = (rel: string) => COPIED.some((c) => rel === c || rel.startsWith(c + path.sep));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const started = Date.now();
ensurePrismaClient();
rmSync(dist, { recursive: true, force: true });

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  jsx: ts.JsxEmit.React,
  sourceMap: true,
};
let compiled = 0;
for (const file of SOURCES.flatMap((d) => walk(path.join(root, d)))) {
  const rel = path.relative(root, file);
  if (isCopied(rel) || !/\.tsx?$/.test(file) || file.endsWith(".d.ts")) continue;
  const out = path.join(dist, rel.replace(/\.tsx?$/, ".js"));
  const { outputText, sourceMapText, diagnostics } = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions, fileName: rel, reportDiagnostics: true });
  if (diagnostics?.length) throw new Error(`${rel}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, "\n")}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, outputText);
  if (sourceMapText) writeFileSync(out + ".map", sourceMapText);
  compiled++;
}
for (const c of COPIED) cpSync(path.join(root, c), path.join(dist, c), { recursive: true });

writeFileSync(
  path.join(dist, "start.js"),
  `// Production entry: node dist/start.js <web|worker|migrate>. Written by scripts/build.ts.
import { fileURLToPath } from "node:url";
// The panel's component bundle was built with the app: serve it, never rebuild it at start.
process.env.ADMIN_JS_TMP_DIR ??= fileURLToPath(new URL("./.adminjs", import.meta.url));
process.env.ADMIN_JS_SKIP_BUNDLE ??= "true";
process.env.NODE_ENV ??= "production";
await import("./src/main.js");
`,
);

// The component bundle: AdminJS's own bundler, run once over the compiled component registry.
const bundle = spawnSync(process.execPath, [path.join(dist, "admin", "bundle-components.js")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", ADMIN_JS_TMP_DIR: path.join(dist, ".adminjs"), ADMIN_JS_SKIP_BUNDLE: "false" },
});
if (bundle.status !== 0) process.exit(bundle.status ?? 1);

console.log(`Built ${path.relative(root, dist)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${compiled} modules, panel bundle in .adminjs inside it. Run: npm run web | npm run worker`);
