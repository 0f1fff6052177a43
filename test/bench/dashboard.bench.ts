/**
 * The home page's figures at scale: N service requests (default 1M) over a year in 5 categories,
 * N/10 paid invoices and N/20 support tickets. Measures the year's rollup backfill, the ten-minute
 * refresh of today, and management's whole dashboard read from the rollups against a baseline of
 * the same period figures computed live from the base tables, with the ratio. Size: BENCH_DASHBOARD.
 */
import { backfillRollups, getDashboard, rollupRange } from "../../src/domains/analytics/index.js";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../src/platform/riyadh-time.js";
import { createBenchDatabase } from "./bench-db.js";
import { envInt, int, ms, secs, timed } from "./harness.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchDashboard(opts: { n?: number } = {}): Promise<string[]> {
  const n = opts.n ?? envInt("BENCH_DASHBOARD", 1_000_000);
  const lines: string[] = [];
  const t = await createBenchDatabase();
  try {
    const now = new Date();
    const build = await timed(async () => {
      const sql = (q: string, ...args: unknown[]) => t.db.$executeRawUnsafe(q, ...args);
      await sql(`INSERT INTO providers_category (name_ar, name_en, slug, updated_at) SELECT 'فئة ' || g, 'Category ' || g, 'bench-c' || g, now() FROM generate_series(1, 5) g`);
      await sql(`INSERT INTO providers_subcategory (category_id, name_ar, name_en, slug, updated_at) SELECT c.id, 'فرعي ' || g, 'Sub ' || g, 'bench-s' || c.id || '-' || g, now() FROM providers_category c, generate_series(1, 4) g`);
      await sql(`INSERT INTO accounts_user (full_name, user_type, created_at, updated_at) SELECT 'User ' || g, CASE WHEN g % 5 = 0 THEN 'provider' ELSE 'client' END::user_type, $1::timestamptz - (g % 365) * interval '1 day', now() FROM generate_series(1, ${Math.max(1000, Math.floor(n / 20))}) g`, now);
      const client = (await t.db.user.findFirstOrThrow({ where: { userType: "client" }, select: { id: true } })).id;
      // Spread over the last 365 days; every other request completed two days after it was made.
      await sql(
        `INSERT INTO marketplace_servicerequest (title, description, subcategory_id, client_id, city, status, created_at, completed_at, updated_at)
         SELECT 'r', 'd', s.id, $2, 'Riyadh', CASE WHEN g % 2 = 0 THEN 'completed' ELSE 'new' END::service_request_status,
           $1::timestamptz - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute',
           CASE WHEN g % 2 = 0 THEN $1::timestamptz - (g % 365) * interval '1 day' + interval '2 days' END, now()
         FROM generate_series(1, ${n}) g JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM providers_subcategory) s ON s.k = g % 20`,
        now, client,
      );
      await sql(
        `INSERT INTO billing_invoice (number, user_id, status, purpose, subtotal, vat, total, amount_paid, issued_at, paid_at, updated_at)
         SELECT 'B-' || g, $2, 'paid', (ARRAY['verification','promotion','subscription','extra'])[1 + g % 4]::invoice_purpose, 10000, 1500, 11500, 11500,
           $1::timestamptz - (g % 365) * interval '1 day', $1::timestamptz - (g % 365) * interval '1 day' + interval '1 hour', now()
         FROM generate_series(1, ${Math.floor(n / 10)}) g`,
        now, client,
      );
      await sql(
        `INSERT INTO support_supportticket (code, requester_id, type, subject, description, status, priority, created_at, resolved_at, first_response_breached_at, updated_at)
         SELECT 'BT-' || g, $2, 'inquiry', 's', 'd', CASE WHEN g % 3 = 0 THEN 'new' ELSE 'resolved' END::support_ticket_status, (ARRAY['low','normal','high','urgent'])[1 + g % 4]::priority,
           $1::timestamptz - (g % 365) * interval '1 day', CASE WHEN g % 3 <> 0 THEN $1::timestamptz - (g % 365) * interval '1 day' + interval '5 hours' END,
           CASE WHEN g % 7 = 0 THEN $1::timestamptz - (g % 365) * interval '1 day' + interval '2 hours' END, now()
         FROM generate_series(1, ${Math.floor(n / 20)}) g`,
        now, client,
      );
      await sql("ANALYZE");
    });
    lines.push(`data: ${int(n)} service requests, ${int(n / 10)} paid invoices, ${int(n / 20)} tickets over 365 days, built in ${secs(build.ms)}`);

    const today = riyadhDay(now);
    const from = riyadhDay(new Date(riyadhDayStart(today).getTime() - 364 * DAY_MS));
    const backfill = await timed(() => backfillRollups(t.db, { from, to: today }, now));
    lines.push(`backfill of 365 days: ${secs(backfill.ms)} (${ms(backfill.ms / 365)} per day)`);
    const refresh: number[] = [];
    for (let i = 0; i < 5; i++) refresh.push((await timed(() => rollupRange(t.db, { from: today, to: today }, now))).ms);
    lines.push(`refresh of today (the ten-minute job): median ${ms(median(refresh))} of 5`);

    // Baseline: the same period figures straight from the base tables, as a dashboard without rollups would.
    const start30 = new Date(riyadhDayStart(today).getTime() - 29 * DAY_MS);
    const live = async () => {
      const q = (text: string) => t.db.$queryRawUnsafe(text, start30);
      await Promise.all([
        q(`SELECT purpose, (paid_at AT TIME ZONE 'Asia/Riyadh')::date AS d, count(*), sum(subtotal - discount), sum(vat), sum(total) FROM billing_invoice WHERE paid_at >= $1 GROUP BY 1, 2`),
        q(`SELECT s.category_id, count(*) FROM marketplace_servicerequest r JOIN providers_subcategory s ON s.id = r.subcategory_id WHERE r.created_at >= $1 AND r.deleted_at IS NULL GROUP BY 1`),
        q(`SELECT (created_at AT TIME ZONE 'Asia/Riyadh')::date, count(*) FROM marketplace_servicerequest WHERE created_at >= $1 AND deleted_at IS NULL GROUP BY 1`),
        q(`SELECT (completed_at AT TIME ZONE 'Asia/Riyadh')::date, count(*) FROM marketplace_servicerequest WHERE completed_at >= $1 AND deleted_at IS NULL GROUP BY 1`),
        q(`SELECT (resolved_at AT TIME ZONE 'Asia/Riyadh')::date, count(*), count(*) FILTER (WHERE first_response_breached_at IS NULL AND resolution_breached_at IS NULL) FROM support_supportticket WHERE resolved_at >= $1 GROUP BY 1`),
        q(`SELECT (created_at AT TIME ZONE 'Asia/Riyadh')::date, count(*) FROM accounts_user WHERE created_at >= $1 AND user_type = 'provider' AND deleted_at IS NULL GROUP BY 1`),
      ]);
    };
    const deps = { ...t, clock: () => now };
    const dash: number[] = [];
    const base: number[] = [];
    await getDashboard(deps, "management");
    await live();
    for (let i = 0; i < 5; i++) {
      dash.push((await timed(() => getDashboard(deps, "management"))).ms);
      base.push((await timed(live)).ms);
    }
    lines.push(
      `management's dashboard (every section, three charts) from the rollups: median ${ms(median(dash))}; ` +
        `baseline, the period figures alone computed live: median ${ms(median(base))}; ratio ${(median(base) / median(dash)).toFixed(1)}× faster`,
    );
    return lines;
  } finally {
    await t.close();
  }
}
