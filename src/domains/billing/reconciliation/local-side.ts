/**
 * The local side of a reconciliation period, read from PostgreSQL in bounded batches (keyset pages,
 * id lists cut in chunks), so a run's memory and each query stay small however large the period.
 */
import { Prisma } from "@prisma/client";
import type { Deps } from "../../../platform/deps.js";
import type { LocalAttempt, LocalInvoice, LocalSide, RemoteSide } from "./compare.js";

const LOCAL_BATCH = 10_000;
const ID_BATCH = 5_000;

const ATTEMPT_COLUMNS = Prisma.sql`
  a.id, a.invoice_id AS "invoiceId", a.provider_payment_id AS pid, a.amount, a.currency, a.status::text AS status,
  a.refunded_amount AS "refundedAmount", a.created_at AS "createdAt",
  (SELECT COALESCE(SUM(r.amount), 0)::int FROM billing_refund r WHERE r.payment_attempt_id = a.id AND r.status IN ('pending', 'requires_action')) AS "refundPending",
  i.status::text AS "invoiceStatus", (i.paid_manually_by_id IS NOT NULL) AS "paidManually"`;

/**
 * Loads the local side of [from, to) in pages: attempts created in the period, attempts matching
 * one of Stripe's intents or disputes, invoices paid without a Stripe payment, and which invoice ids
 * named by Stripe's metadata exist here.
 */
export async function loadLocalSide(db: Deps["db"], from: Date, to: Date, remote: RemoteSide): Promise<LocalSide> {
  const byPi = new Map<string, LocalAttempt>();
  const createdInPeriod: LocalAttempt[] = [];
  const keep = (a: LocalAttempt) => {
    if (a.pid) byPi.set(a.pid, a);
  };

  // Keyset pages over the primary key: no OFFSET, constant cost per page.
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<LocalAttempt[]>`
      SELECT ${ATTEMPT_COLUMNS}
      FROM billing_paymentattempt a JOIN billing_invoice i ON i.id = a.invoice_id
      -- Wallet payments never reach Stripe: they are the ledger's, not the payment provider's.
      WHERE a.provider = 'stripe' AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz AND a.id > ${after}
      ORDER BY a.id LIMIT ${LOCAL_BATCH}`;
    for (const r of rows) {
      createdInPeriod.push(r);
      keep(r);
    }
    if (rows.length < LOCAL_BATCH) break;
    after = rows[rows.length - 1]!.id;
  }

  const wanted = new Set<string>([...remote.payments.keys(), ...remote.disputes.map((d) => d.paymentIntentId)]);
  const missing = [...wanted].filter((id) => !byPi.has(id));
  for (let i = 0; i < missing.length; i += ID_BATCH) {
    const ids = missing.slice(i, i + ID_BATCH);
    const rows = await db.$queryRaw<LocalAttempt[]>`
      SELECT ${ATTEMPT_COLUMNS}
      FROM billing_paymentattempt a JOIN billing_invoice i ON i.id = a.invoice_id
      WHERE a.provider_payment_id = ANY(${ids}::text[])`;
    rows.forEach(keep);
  }

  const paidWithoutAttempt = await db.$queryRaw<LocalInvoice[]>`
    SELECT i.id, i.amount_paid AS "amountPaid", i.currency, i.status::text AS status
    FROM billing_invoice i
    WHERE i.paid_at >= ${from.toISOString()}::timestamptz AND i.paid_at < ${to.toISOString()}::timestamptz
      AND i.status IN ('paid', 'partially_refunded', 'refunded')
      AND i.paid_manually_by_id IS NULL AND i.amount_paid > 0
      AND NOT EXISTS (SELECT 1 FROM billing_paymentattempt a WHERE a.invoice_id = i.id
                      AND a.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed'))
    ORDER BY i.id`;

  const named = [...new Set([...remote.payments.values()].filter((p) => p.invoiceId && !byPi.has(p.id)).map((p) => p.invoiceId!))];
  const knownInvoices = new Set<number>();
  for (let i = 0; i < named.length; i += ID_BATCH) {
    const ids = named.slice(i, i + ID_BATCH);
    const rows = await db.$queryRaw<{ id: number }[]>`SELECT id FROM billing_invoice WHERE id = ANY(${ids}::int[])`;
    for (const r of rows) knownInvoices.add(r.id);
  }
  return { byPi, createdInPeriod, paidWithoutAttempt, knownInvoices };
}
