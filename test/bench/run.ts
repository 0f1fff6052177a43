/**
 * `npm run bench [-- providers|webhooks|reconciliation|retention|notifications|export ...]`: runs the benches in sequence (all
 * by default), each on its own throwaway database, prints a header with the machine and each
 * bench's figures, and exits non-zero if any bench failed. Sizes come from the environment
 * (BENCH_PROVIDERS, BENCH_REQUESTS, BENCH_WEBHOOKS, BENCH_EXPORT_ROWS, ...; see each bench file).
 */
import os from "node:os";
import pg from "pg";
import { startTestServer } from "../support/postgres-server.js";
import { benchApiProviders } from "./api-providers.bench.js";
import { benchWebhookIngest } from "./webhook-ingest.bench.js";
import { benchReconciliation } from "./reconciliation.bench.js";
import { benchRetention } from "./retention.bench.js";
import { benchStartup } from "./startup.bench.js";
import { benchPageWeight } from "./page-weight.bench.js";
import { benchNotifications } from "./notifications.bench.js";
import { benchDashboard } from "./dashboard.bench.js";
import { benchExport } from "./export.bench.js";
import { benchWallet } from "./wallet.bench.js";
import { benchPanelLists } from "./panel-lists.bench.js";
import { loadNote, secs } from "./harness.js";

type Bench = () => Promise<string[]>;

const BENCHES: Array<{ name: string; aliases: string[]; run: Bench }> = [
  { name: "providers", aliases: ["api-providers", "api"], run: () => benchApiProviders() },
  { name: "webhooks", aliases: ["webhook", "webhook-ingest", "ingest"], run: () => benchWebhookIngest() },
  { name: "reconciliation", aliases: ["recon"], run: () => benchReconciliation() },
  { name: "retention", aliases: ["privacy"], run: () => benchRetention() },
  { name: "startup", aliases: ["build", "rss"], run: () => benchStartup() },
  { name: "page-weight", aliases: ["weight", "panel-weight"], run: () => benchPageWeight() },
  { name: "notifications", aliases: ["deliveries", "email"], run: () => benchNotifications() },
  { name: "dashboard", aliases: ["analytics"], run: () => benchDashboard() },
  { name: "export", aliases: ["exports"], run: () => benchExport() },
  { name: "wallet", aliases: ["ledger"], run: () => benchWallet() },
  { name: "panel-lists", aliases: ["lists", "panel"], run: () => benchPanelLists() },
];

async function postgresVersion(): Promise<string> {
  const server = await startTestServer();
  try {
    const c = new pg.Client({ connectionString: server.adminUrl });
    await c.connect();
    try {
      const v = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
      return `${v} (${server.description})`;
    } finally {
      await c.end();
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => a !== "--").map((a) => a.toLowerCase());
  const unknown = asked.filter((a) => !BENCHES.some((b) => b.name === a || b.aliases.includes(a)));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(", ")} (choose from ${BENCHES.map((b) => b.name).join(", ")})`);
    return 2;
  }
  const chosen = BENCHES.filter((b) => !asked.length || asked.some((a) => a === b.name || b.aliases.includes(a)));

  const cpus = os.cpus();
  const header = [
    `Nawafeth Backoffice benchmarks — ${new Date().toISOString()}`,
    `  machine    ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `  node       ${process.version}`,
    `  load       ${loadNote()} at start (other work on the machine skews every figure below)`,
    `  postgres   ${await postgresVersion().catch((e: unknown) => `unknown (${e instanceof Error ? e.message : String(e)})`)}`,
    `  benches    ${chosen.map((b) => b.name).join(", ")}`,
  ];
  console.log(header.join("\n") + "\n");

  let failed = 0;
  const started = performance.now();
  for (const b of chosen) {
    const t0 = performance.now();
    console.log(`== ${b.name}`);
    try {
      const lines = await b.run();
      for (const l of lines) console.log(l.startsWith("  ") ? l : `  ${l}`);
      console.log(`  (${b.name} took ${secs(performance.now() - t0)}; ${loadNote()} at its end)\n`);
    } catch (err) {
      failed++;
      const partial = (err as { lines?: unknown }).lines;
      if (Array.isArray(partial)) for (const l of partial) console.log(String(l).startsWith("  ") ? l : `  ${l}`);
      console.log(`  FAILED after ${secs(performance.now() - t0)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
  }
  console.log(`${chosen.length - failed}/${chosen.length} benches passed in ${secs(performance.now() - started)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
