/**
 * Panel lists at scale: the service requests list (1M rows, BENCH_REQUESTS, the providers
 * seeder's data) through the panel's list API as a signed-in admin — page 1 in the default order,
 * page 1000, a status filter, sorted by creation date, the last page that opens, and searches —
 * p50/p95 of sequential requests, beside a stock AdminJS app (stock Prisma adapter, default
 * options, no sign-in) over the same database in the same run, and the ratio.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createBenchDatabase, type BenchDatabase } from "./bench-db.js";
import { seedProvidersDirectory } from "./api-providers.bench.js";
import { appEnv, envInt, int, loadNote, ms, secs, startServer, type ForkedServer } from "./harness.js";
import { createStaff } from "../support/factories.js";

const STOCK = fileURLToPath(new URL("./stock-admin-process.ts", import.meta.url));
const PASSWORD = "panel-lists-bench-password";
const LIST = "/admin/api/resources/ServiceRequest/actions/list";

interface Stock {
  url: string;
  stop(): Promise<void>;
}

async function startStock(databaseUrl: string): Promise<Stock> {
  const child = fork(STOCK, [], { execArgv: process.execArgv, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: databaseUrl }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`stock AdminJS exited (code ${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}

/** Signs in through the login form and returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/admin/login`);
  const anon = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on the login page");
  const res = await fetch(`${base}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: anon },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf }).toString(),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

interface Timing {
  p50: number;
  p95: number;
  body: { meta?: { total: number; rows?: number; estimated?: boolean; lastPage?: number }; records?: unknown[]; notice?: { message: string } };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Sequential GETs of one list URL after a short warm-up: a staff member clicking, one page at a time. */
async function time(url: string, samples: number, cookie?: string): Promise<Timing> {
  const headers = cookie ? { cookie } : undefined;
  let body: Timing["body"] = {};
  for (let i = 0; i < 3; i++) body = (await (await fetch(url, { headers })).json()) as Timing["body"];
  if (!body.records) throw new Error(`${url} answered without records: ${JSON.stringify(body).slice(0, 300)}`);
  const took: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const text = await res.text();
    took.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  took.sort((a, b) => a - b);
  return { p50: pct(took, 50), p95: pct(took, 95), body };
}

export async function benchPanelLists(): Promise<string[]> {
  const requests = envInt("BENCH_REQUESTS", 1_000_000);
  const providers = envInt("BENCH_PROVIDERS", 100_000);
  const samples = envInt("BENCH_LIST_SAMPLES", 60);
  const stockSamples = envInt("BENCH_LIST_STOCK_SAMPLES", 15);
  const progress = (m: string) => process.stderr.write(`[panel-lists] ${m}\n`);
  const lines: string[] = [];
  let database: BenchDatabase | undefined;
  let app: ForkedServer | undefined;
  let stock: Stock | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nawafeth-bench-lists-"));
  try {
    database = await createBenchDatabase();
    progress(`seeding ${int(providers)} providers and ${int(requests)} service requests`);
    const seed = await seedProvidersDirectory(database.url, { providers, clients: Math.round(providers / 2), requests });
    const staff = await createStaff(database.db, "admin", PASSWORD);
    await database.db.$executeRawUnsafe("VACUUM ANALYZE marketplace_servicerequest");
    lines.push(`${int(seed.requests)} service requests, ${int(seed.providers)} providers, seeded in ${secs(seed.ms)}`);
    const sample = await database.db.serviceRequest.findFirstOrThrow({ where: { id: { gt: Math.floor(seed.requests / 2) } }, include: { client: true } });
    const firstWord = sample.title.split(/\s+/)[0]!;

    progress("starting the app and stock AdminJS");
    app = await startServer("app", appEnv(database.url, tmp));
    stock = await startStock(database.url);
    const cookie = await signIn(app.url, staff.email!);

    const ours = (q: string) => `${app!.url}${LIST}${q}`;
    const first = await time(ours("?page=1"), 3, cookie);
    const lastPage = first.body.meta?.lastPage ?? Math.ceil((first.body.meta?.total ?? 0) / 10);
    const stockFirst = await time(`${stock.url}${LIST}?page=1`, 1);
    const stockLast = Math.ceil((stockFirst.body.meta?.total ?? 0) / 10);
    lines.push(
      `count on page 1: ours ${first.body.meta?.estimated ? "about " : ""}${int(first.body.meta?.rows ?? 0)} (${first.body.meta?.estimated ? "estimate" : "exact"}), stock ${int(stockFirst.body.meta?.total ?? 0)} (exact); ` +
        `last page that opens: ours ${int(lastPage)}, stock ${int(stockLast)}`,
    );

    const scenarios: Array<{ name: string; q: string; stockQ?: string | null; target: boolean }> = [
      { name: "page 1, default order", q: "?page=1", target: true },
      { name: "page 1000", q: "?page=1000", target: true },
      { name: "status = completed", q: "?filters.status=completed", target: true },
      { name: "sorted by createdAt desc", q: "?sortBy=createdAt&direction=desc", target: true },
      { name: "last page that opens", q: `?page=${lastPage}`, stockQ: `?page=${stockLast}`, target: true },
      { name: `search "${firstWord}" (common)`, q: `?filters.search=${encodeURIComponent(firstWord)}`, stockQ: `?filters.title=${encodeURIComponent(firstWord)}`, target: true },
      { name: `search "${sample.title}" (one row)`, q: `?filters.search=${encodeURIComponent(sample.title)}`, stockQ: `?filters.title=${encodeURIComponent(sample.title)}`, target: true },
      { name: `search client phone`, q: `?filters.search=${encodeURIComponent(sample.client.phone ?? "")}`, stockQ: null, target: true },
      { name: "exact count asked for", q: "?page=1&count=exact", stockQ: "?page=1", target: false },
    ];
    lines.push(`p50 / p95 of ${samples} sequential requests (stock: ${stockSamples}) as admin; targets p50 < 25 ms, p95 < 50 ms; ${loadNote()}`);
    // What any list request costs before its query (session, sign-in check, AdminJS): a small table.
    const floor = await time(`${app.url}/admin/api/resources/Category/actions/list?page=1`, samples, cookie);
    const stockFloor = await time(`${stock.url}/admin/api/resources/Category/actions/list?page=1`, samples);
    lines.push(`  ${"floor: the categories list (5 rows)".padEnd(38)} ours ${ms(floor.p50).padStart(9)} / ${ms(floor.p95).padStart(9)}   stock ${ms(stockFloor.p50).padStart(9)} / ${ms(stockFloor.p95).padStart(9)}`);
    for (const s of scenarios) {
      progress(s.name);
      const a = await time(ours(s.q), samples, cookie);
      if (a.body.notice) throw new Error(`${s.name}: the list answered with a notice: ${a.body.notice.message}`);
      // The stock app has no search across fields: no baseline for it.
      const b = s.stockQ === null ? undefined : await time(`${stock.url}${LIST}${s.stockQ ?? s.q}`, stockSamples);
      const met = s.target ? (a.p50 < 25 && a.p95 < 50 ? "  met" : "  NOT met") : "";
      lines.push(
        `  ${s.name.padEnd(38)} ours ${ms(a.p50).padStart(9)} / ${ms(a.p95).padStart(9)}   ${b ? `stock ${ms(b.p50).padStart(9)} / ${ms(b.p95).padStart(9)}   ×${(b.p50 / a.p50).toFixed(1)} faster (p50)` : "stock (no such search)".padEnd(48)}${met}` +
          `   [${a.body.records?.length ?? 0} rows, ${a.body.meta?.estimated ? "about " : ""}${int(a.body.meta?.rows ?? a.body.meta?.total ?? 0)}]`,
      );
    }
    return lines;
  } catch (err) {
    (err as { lines?: string[] }).lines = lines;
    throw err;
  } finally {
    await app?.stop().catch(() => {});
    await stock?.stop().catch(() => {});
    await database?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
