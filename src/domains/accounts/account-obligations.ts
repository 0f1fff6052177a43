/**
 * What keeps an account from being deleted: things other people or the law still need from it.
 * One SQL definition serves the API's refusal, the erasure job's re-check and the retention rule
 * for soft-deleted users, so the three can never disagree.
 *
 * Wallets and payouts: `accounts_wallet.balance` and `billing_payout` exist but nothing moves money
 * through them yet; a non-zero balance or a payout not yet paid, rejected or cancelled blocks all
 * the same, so the rule holds the day they are used.
 */
import type { Prisma, PrismaClient } from "@prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** In the order the API reports them: the first found is the error code. */
export const OBLIGATIONS = ["open_requests", "unpaid_invoices", "wallet_balance", "pending_payouts", "open_disputes"] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

/** The error code of each obligation (catalog keys in accounts.messages.ts). */
export const OBLIGATION_CODES: Record<Obligation, string> = {
  open_requests: "ACCOUNT_HAS_OPEN_REQUESTS",
  unpaid_invoices: "ACCOUNT_HAS_UNPAID_INVOICES",
  wallet_balance: "ACCOUNT_HAS_WALLET_BALANCE",
  pending_payouts: "ACCOUNT_HAS_PENDING_PAYOUT",
  open_disputes: "ACCOUNT_HAS_OPEN_DISPUTES",
};

/**
 * One EXISTS per obligation for the user whose id is the SQL expression `u` (e.g. "$1" or "t.id").
 * Open requests: as the client, or as the provider assigned to them, or a provider's pending offer.
 */
export function obligationSql(u: string): Record<Obligation, string> {
  const provider = `(SELECT pp.id FROM providers_providerprofile pp WHERE pp.user_id = ${u})`;
  return {
    open_requests: `(EXISTS (SELECT 1 FROM marketplace_servicerequest r WHERE r.deleted_at IS NULL AND r.status IN ('new', 'has_offers', 'offer_accepted', 'in_progress') AND (r.client_id = ${u} OR r.provider_id = ${provider}))
      OR EXISTS (SELECT 1 FROM marketplace_offer o WHERE o.deleted_at IS NULL AND o.status = 'pending' AND o.provider_id = ${provider}))`,
    unpaid_invoices: `EXISTS (SELECT 1 FROM billing_invoice i WHERE i.user_id = ${u} AND (i.status IN ('draft', 'issued') OR i.amount_refund_pending > 0))`,
    wallet_balance: `EXISTS (SELECT 1 FROM accounts_wallet w WHERE w.user_id = ${u} AND w.balance <> 0)`,
    pending_payouts: `EXISTS (SELECT 1 FROM billing_payout po WHERE po.user_id = ${u} AND po.status IN ('pending', 'approved', 'processing'))`,
    open_disputes: `EXISTS (SELECT 1 FROM marketplace_dispute d JOIN marketplace_servicerequest dr ON dr.id = d.request_id
      WHERE d.status IN ('open', 'under_review') AND (d.opened_by_id = ${u} OR dr.client_id = ${u} OR dr.provider_id = ${provider}))`,
  };
}

/** Any obligation at all, as one SQL condition on `u`. */
export function anyObligationSql(u: string): string {
  return Object.values(obligationSql(u)).map((s) => `(${s})`).join(" OR ");
}

/** A legal hold on the user (not released). */
export function userHeldSql(u: string): string {
  return `EXISTS (SELECT 1 FROM backoffice_legalhold h WHERE h.released_at IS NULL AND (h.user_id = ${u} OR (h.entity = 'User' AND h.entity_id = (${u})::text)))`;
}

/** The user's open obligations, in OBLIGATIONS order (empty: the account may go). */
export async function openObligations(db: Db, userId: number): Promise<Obligation[]> {
  const sql = obligationSql("$1::int");
  const [row] = await db.$queryRawUnsafe<Record<Obligation, boolean>[]>(`SELECT ${OBLIGATIONS.map((o) => `(${sql[o]}) AS ${o}`).join(", ")}`, userId);
  return OBLIGATIONS.filter((o) => row![o]);
}

/** Whether a legal hold covers the user. */
export async function isUserHeld(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ held: boolean }[]>(`SELECT ${userHeldSql("$1::int")} AS held`, userId);
  return row!.held;
}
