/**
 * Daily rollups: the business counters of each calendar day in Riyadh, computed from the
 * operational tables into backoffice_dailyanalytics (platform figures), backoffice_dailyrevenue
 * (money per invoice kind, with VAT) and backoffice_dailycategoryanalytics (requests per
 * category), after seed 001's daily, order and category analytics. The dashboard and reports
 * read these instead of scanning millions of rows on every page.
 *
 * Idempotent: a run replaces the rows of its days, so a re-run, an overlapping run or a backfill
 * of a range already computed gives the same rows. A day is read with range predicates on
 * indexed timestamps (one pass per table for the whole range, grouped by day).
 *
 * Rows the panel's lists hide (soft-deleted users, requests, offers) are not counted, so a
 * figure and the list it links to agree.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../platform/riyadh-time.js";
import { DomainError } from "../../platform/errors.js";

type Db = PrismaClient | Prisma.TransactionClient;

/** Longest range one call computes (a backfill of years is split by the caller into calls of this size). */
export const MAX_ROLLUP_DAYS = 366;

export interface RollupRange {
  /** First day, YYYY-MM-DD (Riyadh). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The days from..to inclusive, checked: real dates, in order, at most MAX_ROLLUP_DAYS. */
export function rollupDays(range: RollupRange): string[] {
  const start = riyadhDayStart(range.from);
  const end = riyadhDayStart(range.to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new DomainError("ANALYTICS_BAD_RANGE", "dates must be YYYY-MM-DD", 422, { ...range });
  if (end < start) throw new DomainError("ANALYTICS_BAD_RANGE", "from must not be after to", 422, { ...range });
  const n = Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
  if (n > MAX_ROLLUP_DAYS) throw new DomainError("ANALYTICS_BAD_RANGE", `at most ${MAX_ROLLUP_DAYS} days at once`, 422, { ...range });
  return Array.from({ length: n }, (_, i) => riyadhDay(new Date(start.getTime() + i * DAY_MS)));
}

// Riyadh day of a timestamp column (UTC+3 all year).
const day = (col: string) => `(${col} AT TIME ZONE 'Asia/Riyadh')::date`;
// $1/$2: the range as instants [start, end); $3/$4: as dates; $5: computed-at.
const inRange = (col: string) => `${col} >= $1 AND ${col} < $2`;

const PLATFORM_SQL = `
WITH days AS (SELECT d::date AS day FROM generate_series($3::date, $4::date, interval '1 day') AS d),
u AS (
  SELECT ${day("created_at")} AS day,
    count(*) FILTER (WHERE user_type <> 'staff') AS users,
    count(*) FILTER (WHERE user_type = 'client') AS clients,
    count(*) FILTER (WHERE user_type = 'provider') AS providers
  FROM accounts_user WHERE ${inRange("created_at")} AND deleted_at IS NULL GROUP BY 1),
active AS (
  SELECT ${day("created_at")} AS day, count(DISTINCT actor_id) AS n
  FROM marketplace_requeststatuslog WHERE ${inRange("created_at")} AND actor_type IN ('client', 'provider') GROUP BY 1),
req_new AS (SELECT ${day("created_at")} AS day, count(*) AS n FROM marketplace_servicerequest WHERE ${inRange("created_at")} AND deleted_at IS NULL GROUP BY 1),
req_done AS (SELECT ${day("completed_at")} AS day, count(*) AS n FROM marketplace_servicerequest WHERE ${inRange("completed_at")} AND deleted_at IS NULL GROUP BY 1),
req_cancel AS (SELECT ${day("cancelled_at")} AS day, count(*) AS n FROM marketplace_servicerequest WHERE ${inRange("cancelled_at")} AND deleted_at IS NULL GROUP BY 1),
offers AS (SELECT ${day("created_at")} AS day, count(*) AS n FROM marketplace_offer WHERE ${inRange("created_at")} AND deleted_at IS NULL GROUP BY 1),
accepted AS (SELECT ${day("created_at")} AS day, count(*) AS n FROM marketplace_requeststatuslog WHERE ${inRange("created_at")} AND to_status = 'offer_accepted' GROUP BY 1),
t_new AS (SELECT ${day("created_at")} AS day, count(*) AS n FROM support_supportticket WHERE ${inRange("created_at")} GROUP BY 1),
t_res AS (
  SELECT ${day("resolved_at")} AS day, count(*) AS n,
    count(*) FILTER (WHERE first_response_breached_at IS NULL AND resolution_breached_at IS NULL) AS within
  FROM support_supportticket WHERE ${inRange("resolved_at")} GROUP BY 1),
t_breach AS (
  SELECT d AS day, count(*) AS n FROM (
    SELECT ${day("first_response_breached_at")} AS d FROM support_supportticket WHERE ${inRange("first_response_breached_at")}
    UNION ALL
    SELECT ${day("resolution_breached_at")} FROM support_supportticket WHERE ${inRange("resolution_breached_at")}
  ) b GROUP BY 1),
verif AS (SELECT ${day("decided_at")} AS day, count(*) AS n FROM verification_verificationrequest WHERE ${inRange("decided_at")} AND status = 'approved' GROUP BY 1),
promos AS (
  SELECT days.day, count(p.id) AS n FROM days
  JOIN promo_promorequest p ON p.went_live_at IS NOT NULL
    AND p.starts_at < ((days.day + 1)::timestamp AT TIME ZONE 'Asia/Riyadh')
    AND COALESCE(p.ended_at, p.ends_at) > (days.day::timestamp AT TIME ZONE 'Asia/Riyadh')
  GROUP BY 1),
inv_issued AS (SELECT ${day("issued_at")} AS day, count(*) AS n FROM billing_invoice WHERE ${inRange("issued_at")} GROUP BY 1),
inv_paid AS (SELECT ${day("paid_at")} AS day, count(*) AS n, sum(total) AS gross FROM billing_invoice WHERE ${inRange("paid_at")} AND currency = 'SAR' GROUP BY 1),
refunds AS (SELECT ${day("updated_at")} AS day, sum(amount) AS n FROM billing_refund WHERE ${inRange("updated_at")} AND status = 'succeeded' AND currency = 'SAR' GROUP BY 1)
INSERT INTO backoffice_dailyanalytics (date, new_users, new_clients, new_providers, active_users, new_requests, completed_requests, cancelled_requests,
  new_offers, accepted_offers, new_tickets, resolved_tickets, resolved_within_sla, tickets_breached, verifications_approved, promos_live,
  invoices_issued, invoices_paid, revenue, refunds, currency, computed_at)
SELECT days.day, COALESCE(u.users, 0), COALESCE(u.clients, 0), COALESCE(u.providers, 0), COALESCE(active.n, 0),
  COALESCE(req_new.n, 0), COALESCE(req_done.n, 0), COALESCE(req_cancel.n, 0), COALESCE(offers.n, 0), COALESCE(accepted.n, 0),
  COALESCE(t_new.n, 0), COALESCE(t_res.n, 0), COALESCE(t_res.within, 0), COALESCE(t_breach.n, 0), COALESCE(verif.n, 0), COALESCE(promos.n, 0),
  COALESCE(inv_issued.n, 0), COALESCE(inv_paid.n, 0), COALESCE(inv_paid.gross, 0), COALESCE(refunds.n, 0), 'SAR', $5::timestamptz
FROM days
LEFT JOIN u USING (day) LEFT JOIN active USING (day) LEFT JOIN req_new USING (day) LEFT JOIN req_done USING (day)
LEFT JOIN req_cancel USING (day) LEFT JOIN offers USING (day) LEFT JOIN accepted USING (day) LEFT JOIN t_new USING (day)
LEFT JOIN t_res USING (day) LEFT JOIN t_breach USING (day) LEFT JOIN verif USING (day) LEFT JOIN promos USING (day)
LEFT JOIN inv_issued USING (day) LEFT JOIN inv_paid USING (day) LEFT JOIN refunds USING (day)
ON CONFLICT (date) DO UPDATE SET
  new_users = EXCLUDED.new_users, new_clients = EXCLUDED.new_clients, new_providers = EXCLUDED.new_providers,
  active_users = EXCLUDED.active_users, new_requests = EXCLUDED.new_requests, completed_requests = EXCLUDED.completed_requests,
  cancelled_requests = EXCLUDED.cancelled_requests, new_offers = EXCLUDED.new_offers, accepted_offers = EXCLUDED.accepted_offers,
  new_tickets = EXCLUDED.new_tickets, resolved_tickets = EXCLUDED.resolved_tickets, resolved_within_sla = EXCLUDED.resolved_within_sla,
  tickets_breached = EXCLUDED.tickets_breached, verifications_approved = EXCLUDED.verifications_approved, promos_live = EXCLUDED.promos_live,
  invoices_issued = EXCLUDED.invoices_issued, invoices_paid = EXCLUDED.invoices_paid, revenue = EXCLUDED.revenue, refunds = EXCLUDED.refunds,
  currency = EXCLUDED.currency, computed_at = EXCLUDED.computed_at`;

// Invoices paid that day per kind and currency: net (after discount, before VAT), VAT, gross;
// refunds that succeeded that day against invoices of that kind.
const REVENUE_SQL = `
WITH paid AS (
  SELECT ${day("paid_at")} AS day, purpose, currency, count(*) AS invoices, sum(subtotal - discount) AS net, sum(vat) AS vat, sum(total) AS gross
  FROM billing_invoice WHERE ${inRange("paid_at")} GROUP BY 1, 2, 3),
refunded AS (
  SELECT ${day("r.updated_at")} AS day, i.purpose, r.currency, sum(r.amount) AS refunds
  FROM billing_refund r JOIN billing_invoice i ON i.id = r.invoice_id
  WHERE ${inRange("r.updated_at")} AND r.status = 'succeeded' GROUP BY 1, 2, 3)
INSERT INTO backoffice_dailyrevenue (date, purpose, currency, invoices, net, vat, gross, refunds, computed_at)
SELECT day, purpose, currency, COALESCE(paid.invoices, 0), COALESCE(paid.net, 0), COALESCE(paid.vat, 0), COALESCE(paid.gross, 0), COALESCE(refunded.refunds, 0), $5::timestamptz
FROM paid FULL JOIN refunded USING (day, purpose, currency)
WHERE day BETWEEN $3::date AND $4::date`;

// Each branch reads its own indexed range (a CTE shared by the branches would be materialised:
// a scan of every request on each run).
const REQUESTS = `marketplace_servicerequest sr JOIN providers_subcategory s ON s.id = sr.subcategory_id`;
const CATEGORY_SQL = `
WITH ev AS (
  SELECT ${day("sr.created_at")} AS day, s.category_id, 1 AS created, 0 AS completed, 0 AS cancelled, 0 AS offers FROM ${REQUESTS} WHERE ${inRange("sr.created_at")} AND sr.deleted_at IS NULL
  UNION ALL SELECT ${day("sr.completed_at")}, s.category_id, 0, 1, 0, 0 FROM ${REQUESTS} WHERE ${inRange("sr.completed_at")} AND sr.deleted_at IS NULL
  UNION ALL SELECT ${day("sr.cancelled_at")}, s.category_id, 0, 0, 1, 0 FROM ${REQUESTS} WHERE ${inRange("sr.cancelled_at")} AND sr.deleted_at IS NULL
  UNION ALL SELECT ${day("o.created_at")}, s.category_id, 0, 0, 0, 1
    FROM marketplace_offer o JOIN ${REQUESTS} ON sr.id = o.request_id
    WHERE ${inRange("o.created_at")} AND o.deleted_at IS NULL AND sr.deleted_at IS NULL)
INSERT INTO backoffice_dailycategoryanalytics (date, category_id, new_requests, completed_requests, cancelled_requests, new_offers, computed_at)
SELECT day, category_id, sum(created), sum(completed), sum(cancelled), sum(offers), $5::timestamptz FROM ev
WHERE day BETWEEN $3::date AND $4::date GROUP BY 1, 2`;

/**
 * Computes the rollups of every day in the range (Riyadh) and replaces their rows, in one
 * transaction. Called by the analytics job (yesterday nightly, today often) and the backfill CLI.
 */
export async function rollupRange(db: Db, range: RollupRange, now = new Date()): Promise<{ days: number }> {
  const days = rollupDays(range);
  const start = riyadhDayStart(days[0]!);
  const end = new Date(riyadhDayStart(days.at(-1)!).getTime() + DAY_MS);
  const args = [start, end, days[0]!, days.at(-1)!, now] as const;
  const run = async (tx: Prisma.TransactionClient) => {
    await tx.$executeRawUnsafe(PLATFORM_SQL, ...args);
    await tx.$executeRawUnsafe(`DELETE FROM backoffice_dailyrevenue WHERE date BETWEEN $1::date AND $2::date`, args[2], args[3]);
    await tx.$executeRawUnsafe(REVENUE_SQL, ...args);
    await tx.$executeRawUnsafe(`DELETE FROM backoffice_dailycategoryanalytics WHERE date BETWEEN $1::date AND $2::date`, args[2], args[3]);
    await tx.$executeRawUnsafe(CATEGORY_SQL, ...args);
  };
  // Two runs of the same days (the frequent refresh and a backfill) take turns instead of racing.
  const locked = async (tx: Prisma.TransactionClient) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('analytics-rollup'))`);
    await run(tx);
  };
  if ("$transaction" in db) await (db as PrismaClient).$transaction(locked, { timeout: 10 * 60_000 });
  else await locked(db);
  return { days: days.length };
}

/** Backfills a long range in chunks of at most MAX_ROLLUP_DAYS (one transaction each). */
export async function backfillRollups(db: PrismaClient, range: RollupRange, now = new Date(), onChunk?: (r: RollupRange) => void): Promise<{ days: number }> {
  const first = riyadhDayStart(range.from);
  const last = riyadhDayStart(range.to);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime()) || last < first) rollupDays(range); // throws the clear error
  let total = 0;
  for (let t = first.getTime(); t <= last.getTime(); t += MAX_ROLLUP_DAYS * DAY_MS) {
    const chunk = { from: riyadhDay(new Date(t)), to: riyadhDay(new Date(Math.min(last.getTime(), t + (MAX_ROLLUP_DAYS - 1) * DAY_MS))) };
    total += (await rollupRange(db, chunk, now)).days;
    onChunk?.(chunk);
  }
  return { days: total };
}
