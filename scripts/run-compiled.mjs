// `npm run web` / `npm run worker`: the compiled production build (dist/, from `npm run build`), in
// this same process so signals from npm or the container reach the app. Plain JavaScript: nothing
// compiles TypeScript here.
import { existsSync } from "node:fs";

const entry = new URL("../dist/start.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("There is no production build in dist/: run `npm run build` first (`npm start` runs the sources for development).");
  process.exit(1);
}
await import(entry.href);
