/**
 * GET /api/v1/providers under load, on a realistically sized database, against two baselines
 * measured in the same run on the same machine: a hello-JSON Express app and a bare node:http
 * server, both answering the app's body. The app is measured twice: as configured (anonymous
 * catalog answers cached for a few seconds) and with the cache off (every request queries).
 *
 * Data (bulk SQL, generate_series): 100k provider users + profiles over 20 cities (skewed: the
 * big cities hold most providers), 60 subcategories (skewed), each provider in 1–3 of them,
 * ratings around 4.3; 50k clients and 1M service requests. Then VACUUM ANALYZE (visibility map
 * and statistics, as autovacuum would have left a production database) and a CHECKPOINT.
 *
 * Load: autocannon, 64 connections, 2 s warm-up then 10 s measured, each connection cycling
 * through the most populated subcategory × city pairs. Each server runs in its own process
 * (test/bench/serve.ts), alone, the load generator in this one; the server's CPU time per
 * request is printed beside its figures (comparable when the machine is busy).
 *
 * Sizes: BENCH_PROVIDERS, BENCH_REQUESTS (service requests), BENCH_CLIENTS, BENCH_SECONDS,
 * BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, or the options.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchDatabase, type BenchDatabase } from "./bench-db.js";
import { appEnv, cannon, envInt, int, loadNote, ms, secs, startServer, timed, type CannonFigures, type ForkedServer } from "./harness.js";

export interface ApiProvidersOptions {
  providers?: number;
  requests?: number;
  clients?: number;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
  /** How many subcategory × city pairs the load rotates through. */
  pairs?: number;
  /** Progress messages while it runs (default: stderr). */
  progress?: (m: string) => void;
}

const CITIES = [
  "Riyadh", "Jeddah", "Mecca", "Medina", "Dammam", "Khobar", "Dhahran", "Taif", "Tabuk", "Buraidah",
  "Khamis Mushait", "Abha", "Hail", "Najran", "Jazan", "Yanbu", "Al Ahsa", "Jubail", "Al Kharj", "Qatif",
];
const CATEGORIES = 6;
const SUBCATEGORIES_PER_CATEGORY = 10;

// Skewed picks: index i of n with P(i) falling off (random()^k concentrates near 0).
const cityPick = (r: string) => `least(${CITIES.length - 1}, floor(${CITIES.length} * ${r} ^ 2))::int`;
const subPick = (r: string, n: number) => `least(${n - 1}, floor(${n} * ${r} ^ 1.8))::int`;

export interface SeedResult {
  providers: number;
  links: number;
  clients: number;
  requests: number;
  steps: Array<[string, number]>;
  ms: number;
}

/**
 * Seeds the providers directory and the marketplace in bulk. Two connections: the 1M service
 * requests go in as two halves at once (index maintenance dominates; 2 cores).
 */
export async function seedProvidersDirectory(url: string, o: { providers: number; clients: number; requests: number }): Promise<SeedResult> {
  const poolDb = new pg.Pool({ connectionString: url, max: 2 });
  const steps: Array<[string, number]> = [];
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const { ms: t } = await timed(fn);
    steps.push([name, t]);
  };
  const t0 = performance.now();
  // Foreign keys are valid by construction; skipping their per-row triggers saves ~15% when allowed (superuser).
  const fast = async (c: pg.PoolClient) => {
    await c.query("SET session_replication_role = replica").catch(() => undefined);
  };
  try {
    const subs = CATEGORIES * SUBCATEGORIES_PER_CATEGORY;
    let links = 0;
    await step("categories+users+profiles", async () => {
      const c = await poolDb.connect();
      try {
        await fast(c);
        await c.query(`
          INSERT INTO providers_category (name_ar, name_en, slug, sort_order, updated_at)
          SELECT 'فئة ' || c, 'Category ' || c, 'bench-cat-' || c, c, now() FROM generate_series(1, ${CATEGORIES}) c`);
        await c.query(`
          INSERT INTO providers_subcategory (category_id, name_ar, name_en, slug, sort_order, updated_at)
          SELECT cat.id, 'فرعية ' || s, 'Subcategory ' || s, 'bench-sub-' || s, s, now()
          FROM generate_series(1, ${subs}) s JOIN providers_category cat ON cat.slug = 'bench-cat-' || (1 + (s - 1) / ${SUBCATEGORIES_PER_CATEGORY})`);
        await c.query(`
          INSERT INTO accounts_user (phone, full_name, user_type, language, created_at, updated_at)
          SELECT '+9665' || lpad(g::text, 8, '0'), 'Provider ' || g, 'provider', 'ar', now() - random() * interval '3 years', now()
          FROM generate_series(1, $1::int) g`, [o.providers]);
        await c.query(`
          INSERT INTO accounts_user (phone, full_name, user_type, language, created_at, updated_at)
          SELECT '+9667' || lpad(g::text, 8, '0'), 'Client ' || g, 'client', 'ar', now() - random() * interval '3 years', now()
          FROM generate_series(1, $1::int) g`, [o.clients]);
        // Rating: none for a third (few reviews), else about 4.3 ± 0.5 in hundredths.
        await c.query(`
          INSERT INTO providers_providerprofile (user_id, display_name, bio, city, years_experience, is_verified, rating_avg, rating_count,
                                                 followers_count, likes_count, accepts_urgent, created_at, updated_at)
          SELECT u.id, 'Provider ' || u.id || ' Services',
                 CASE WHEN r.b < 0.8 THEN repeat('Experienced professional offering quality work on time. ', 1 + (r.b * 7)::int) END,
                 ($1::text[])[1 + ${cityPick("r.c")}], (r.y * 25)::int, r.v < 0.15,
                 CASE WHEN r.n < 0.33 THEN 0 ELSE greatest(100, least(500, round(430 + (random() + random() + random() - 1.5) * 90)))::int END,
                 CASE WHEN r.n < 0.33 THEN 0 ELSE 1 + (r.n ^ 3 * 400)::int END,
                 (random() ^ 3 * 2000)::int, (random() ^ 3 * 1500)::int, random() < 0.3,
                 u.created_at, now()
          FROM accounts_user u
          CROSS JOIN LATERAL (SELECT random() AS b, random() AS c, random() AS y, random() AS v, random() AS n WHERE u.id IS NOT NULL) r
          WHERE u.user_type = 'provider'`, [CITIES]);
        const r = await c.query<{ n: string }>(`
          WITH ids AS (SELECT array_agg(id ORDER BY sort_order) AS subs FROM providers_subcategory WHERE slug LIKE 'bench-sub-%'),
          ins AS (
            INSERT INTO providers_providercategory (provider_id, subcategory_id, created_at)
            SELECT DISTINCT p.id, ids.subs[1 + ${subPick("k.r", subs)}], p.created_at
            FROM ids, providers_providerprofile p
            -- "+ 0 * p.id" ties both random() calls to the row (else the planner evaluates them once).
            CROSS JOIN LATERAL (SELECT random() + 0 * p.id AS r FROM generate_series(1, 1 + floor(random() * 3 + 0 * p.id)::int)) k
            ON CONFLICT DO NOTHING RETURNING 1)
          SELECT count(*) AS n FROM ins`);
        links = Number(r.rows[0]!.n);
      } finally {
        c.release();
      }
    });

    await step("service requests", async () => {
      const halves = o.requests > 1000 ? [[1, Math.floor(o.requests / 2)], [Math.floor(o.requests / 2) + 1, o.requests]] : [[1, o.requests]];
      await Promise.all(
        halves.map(async ([from, to]) => {
          const c = await poolDb.connect();
          try {
            await fast(c);
            await c.query(`
              WITH b AS (
                SELECT (SELECT min(id) FROM accounts_user WHERE user_type = 'client') AS c0,
                       (SELECT count(*) FROM accounts_user WHERE user_type = 'client')::int AS cn,
                       (SELECT min(id) FROM providers_providerprofile) AS p0,
                       (SELECT count(*) FROM providers_providerprofile)::int AS pn,
                       (SELECT array_agg(id ORDER BY sort_order) FROM providers_subcategory WHERE slug LIKE 'bench-sub-%') AS subs)
              INSERT INTO marketplace_servicerequest (title, description, subcategory_id, client_id, provider_id, status, priority, city,
                                                      budget_min, budget_max, created_at, updated_at, completed_at, cancelled_at)
              SELECT 'Request ' || g, 'Need help with a job at home; details to follow. Request number ' || g,
                     b.subs[1 + ${subPick("r.a", subs)}],
                     b.c0 + (g % b.cn),
                     CASE WHEN st.s IN ('offer_accepted', 'in_progress', 'completed') THEN b.p0 + floor(random() * b.pn)::int END,
                     st.s::service_request_status,
                     (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + floor(random() * 6)::int]::priority,
                     ($3::text[])[1 + ${cityPick("r.c")}],
                     5000, 5000 + (random() * 100000)::int,
                     now() - r.t * interval '2 years', now(),
                     CASE WHEN st.s = 'completed' THEN now() - r.t * interval '2 years' + interval '3 days' END,
                     CASE WHEN st.s = 'cancelled' THEN now() - r.t * interval '2 years' + interval '1 day' END
              FROM b, generate_series($1::int, $2::int) g
              CROSS JOIN LATERAL (SELECT random() AS a, random() AS c, random() AS t, random() AS x WHERE g IS NOT NULL) r
              CROSS JOIN LATERAL (SELECT CASE WHEN r.x < 0.15 THEN 'new' WHEN r.x < 0.25 THEN 'has_offers' WHEN r.x < 0.30 THEN 'offer_accepted'
                                              WHEN r.x < 0.38 THEN 'in_progress' WHEN r.x < 0.85 THEN 'completed' ELSE 'cancelled' END AS s) st`,
              [from, to, CITIES]);
          } finally {
            c.release();
          }
        }),
      );
    });

    // Two services per provider, so ?q= searches titles as well as names.
    await step("services", async () => {
      await poolDb.query(`
        INSERT INTO providers_providerservice (provider_id, subcategory_id, title, price_from, currency, is_active, created_at, updated_at)
        SELECT pc.provider_id, pc.subcategory_id, t.title || ' ' || pc.provider_id, 10000, 'SAR', true, now(), now()
        FROM (SELECT DISTINCT ON (provider_id) provider_id, subcategory_id FROM providers_providercategory ORDER BY provider_id, subcategory_id) pc
        CROSS JOIN (VALUES ('Home repair'), ('Deep cleaning')) t(title)`);
    });

    await step("vacuum analyze", async () => {
      const tables = ["accounts_user", "providers_category", "providers_subcategory", "providers_providerprofile", "providers_providercategory", "providers_providerservice", "marketplace_servicerequest"];
      await Promise.all(
        [tables.slice(0, 5), tables.slice(5)].map(async (group) => {
          const c = await poolDb.connect();
          try {
            for (const t of group) await c.query(`VACUUM (ANALYZE) ${t}`);
          } finally {
            c.release();
          }
        }),
      );
    });
    // Flush the ~1 GB of freshly written pages now, not under the load (a checkpoint during the
    // measurement cost a third of the throughput in trials).
    await step("checkpoint", () => poolDb.query("CHECKPOINT").catch(() => undefined)); // needs superuser or pg_checkpoint
    return { providers: o.providers, links, clients: o.clients, requests: o.requests, steps, ms: performance.now() - t0 };
  } finally {
    await poolDb.end();
  }
}

/** The most populated subcategory × city pairs (what real traffic concentrates on). */
async function popularPairs(url: string, n: number): Promise<Array<{ subcategory: number; city: string; providers: number }>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ subcategory: number; city: string; providers: string }>(
      `SELECT pc.subcategory_id AS subcategory, p.city, count(*) AS providers
       FROM providers_providercategory pc JOIN providers_providerprofile p ON p.id = pc.provider_id
       GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT $1`,
      [n],
    );
    return rows.map((r) => ({ subcategory: r.subcategory, city: r.city, providers: Number(r.providers) }));
  } finally {
    await c.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  } finally {
    await c.end();
  }
}

function row(label: string, f: CannonFigures): string {
  return `  ${label.padEnd(9)} ${int(f.reqPerSec).padStart(8)} req/s   p50 ${ms(f.p50).padStart(9)}   p99 ${ms(f.p99).padStart(9)}   ` +
    `requests ${int(f.total).padStart(8)}   non-2xx ${f.non2xx}   errors ${f.errors}   timeouts ${f.timeouts}`;
}

export async function benchApiProviders(opts: ApiProvidersOptions = {}): Promise<string[]> {
  const providers = opts.providers ?? envInt("BENCH_PROVIDERS", 100_000);
  const requests = opts.requests ?? envInt("BENCH_REQUESTS", 1_000_000);
  const clients = opts.clients ?? envInt("BENCH_CLIENTS", Math.max(100, Math.round(providers / 2)));
  const connections = opts.connections ?? envInt("BENCH_CONNECTIONS", 64);
  const seconds = opts.seconds ?? envInt("BENCH_SECONDS", 10);
  const warmup = opts.warmupSeconds ?? envInt("BENCH_WARMUP_SECONDS", 2);
  const pairCount = opts.pairs ?? 8;
  const progress = opts.progress ?? ((m: string) => process.stderr.write(`[providers] ${m}\n`));
  const lines: string[] = [];

  let database: BenchDatabase | undefined;
  let app: ForkedServer | undefined;
  let baseline: ForkedServer | undefined;
  let express: ForkedServer | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nawafeth-bench-"));
  try {
    progress("creating the bench database");
    database = await createBenchDatabase();
    progress(`seeding ${int(providers)} providers, ${int(clients)} clients, ${int(requests)} service requests`);
    const seed = await seedProvidersDirectory(database.url, { providers, clients, requests });
    lines.push(
      `seeded ${int(seed.providers)} providers (${int(seed.links)} subcategory links), ${int(seed.clients)} clients, ` +
        `${int(seed.requests)} service requests in ${secs(seed.ms)} (${seed.steps.map(([n, t]) => `${n} ${secs(t)}`).join(", ")})`,
    );
    progress(lines[lines.length - 1]!);

    const pairs = await popularPairs(database.url, pairCount);
    if (!pairs.length) throw new Error("no provider in any subcategory: seeding went wrong");
    const paths = pairs.map((p) => `/api/v1/providers?subcategory=${p.subcategory}&city=${encodeURIComponent(p.city)}`);

    progress("starting the app");
    app = await startServer("app", appEnv(database.url, tmp));

    // One correct answer first: a bench of 4xx/5xx pages would measure nothing.
    const probe = await fetch(app.url + paths[0]);
    const bodyText = await probe.text();
    if (probe.status !== 200) throw new Error(`GET ${paths[0]} answered ${probe.status}: ${bodyText.slice(0, 500)}`);
    const items = (JSON.parse(bodyText) as { items: unknown[] }).items;
    if (!items.length) throw new Error(`GET ${paths[0]} returned no providers`);

    lines.push(
      `GET /api/v1/providers?subcategory=&city= rotating ${pairs.length} pairs (${int(pairs[pairs.length - 1]!.providers)}–${int(pairs[0]!.providers)} providers each, ` +
        `page of ${items.length}, ${int(Buffer.byteLength(bodyText))} B body); ${connections} connections, ${seconds} s after ${warmup} s warm-up, each server alone on the machine`,
    );
    progress(lines[lines.length - 1]!);

    /** Warm-up, then the measured run with the server's CPU time per answered request. */
    const measure = async (label: string, server: ForkedServer, p = paths, secondsOf = seconds) => {
      progress(`${label}: warm-up ${warmup} s`);
      await cannon(server.url, p, { connections, seconds: warmup });
      progress(`${label}: measuring ${secondsOf} s (${loadNote()})`);
      const cpu0 = await server.cpu();
      const f = await cannon(server.url, p, { connections, seconds: secondsOf });
      const cpuMs = ((await server.cpu()) - cpu0) / 1000 / Math.max(1, f.total);
      return { ...f, cpuMs, load: loadNote() };
    };
    const a = await measure("app (cached)", app);
    await app.stop();

    // The same app without the catalog cache: every request runs the directory query.
    app = await startServer("app", appEnv(database.url, tmp, { API_PUBLIC_CACHE_SECONDS: "0" }));
    const u = await measure("app (uncached)", app);

    // Text search (?q=, trigram indexes), uncached: terms that match many providers and terms that match one.
    const searchSeconds = Math.max(2, Math.round(seconds / 3));
    const few = Array.from({ length: 8 }, (_, i) => Math.floor(((i + 0.5) * seed.providers) / 8));
    const firstProvider = (await database.db.providerProfile.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } })).id;
    const searches = {
      common: ["Services", "cleaning", "Home repair", "Provider"].map((q) => `/api/v1/providers?q=${encodeURIComponent(q)}`),
      rare: few.map((i) => `/api/v1/providers?q=${encodeURIComponent(`cleaning ${firstProvider + i}`)}`),
    };
    const searchRows: string[] = [];
    for (const [kind, qPaths] of Object.entries(searches)) {
      progress(`search (${kind}): ${searchSeconds} s`);
      const f = await cannon(app.url, qPaths, { connections, seconds: searchSeconds });
      searchRows.push(row(`q ${kind}`, f));
      if (f.non2xx + f.errors + f.timeouts > 0) throw Object.assign(new Error(`providers bench: search (${kind}) had failures`), { lines: [...lines, ...searchRows] });
    }
    await app.stop(); // each baseline gets the machine to itself, as the app did

    express = await startServer("express", { BENCH_BASELINE_BODY: bodyText });
    const e = await measure("express", express);
    await express.stop();
    baseline = await startServer("baseline", { BENCH_BASELINE_BODY: bodyText });
    const b = await measure("node:http", baseline);

    const withCpu = (label: string, f: typeof a) => `${row(label, f)}   CPU ${ms(f.cpuMs)}/req   (${f.load})`;
    lines.push(withCpu("app", a), withCpu("uncached", u), withCpu("express", e), withCpu("node:http", b));
    const ratio = (x: CannonFigures, y: CannonFigures) => `req/s ${(x.reqPerSec / y.reqPerSec).toFixed(3)}   p50 ${latencyRatio(x.p50, y.p50)}   p99 ${latencyRatio(x.p99, y.p99)}`;
    lines.push(`  ratio app/express:   ${ratio(a, e)}   (target ≥ 0.5 with p99 < 100 ms: ${a.reqPerSec >= 0.5 * e.reqPerSec && a.p99 < 100 ? "met" : "NOT met"})`);
    lines.push(`  ratio uncached/express: ${ratio(u, e)}`);
    lines.push(`  ratio app/node:http: ${ratio(a, b)}`);
    lines.push(`  GET /api/v1/providers?q= (names and service titles, uncached), ${connections} connections, ${searchSeconds} s each: common terms (Services, cleaning, …), rare terms (one provider's service)`, ...searchRows);
    lines.push(`  PostgreSQL ${await serverVersion(database.url)} (${database.description}), pairs: ${pairs.map((p) => `${p.subcategory}/${p.city}`).join(", ")}`);
    const bad = [a, u, e, b].reduce((n, f) => n + f.non2xx + f.errors + f.timeouts, 0);
    if (bad > 0) throw Object.assign(new Error(`providers bench: ${bad} non-2xx answers, errors or timeouts (must be 0)`), { lines });
    return lines;
  } finally {
    await app?.stop();
    await baseline?.stop();
    await express?.stop();
    await database?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** autocannon reports whole milliseconds, so a baseline under 1 ms has no meaningful ratio. */
function latencyRatio(app: number, baseline: number): string {
  return baseline >= 1 ? `×${(app / baseline).toFixed(1)}` : `n/a (baseline < 1 ms, the timer's resolution)`;
}
