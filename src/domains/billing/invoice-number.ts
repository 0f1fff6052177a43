/**
 * Human invoice numbers, NWF-<year>-<6 digits>, numbered per calendar year in Asia/Riyadh time.
 * Tax invoices must be numbered without gaps, so the counter lives in a table row that is
 * incremented inside the transaction that inserts the invoice: a concurrent caller waits on the
 * row lock until that transaction ends, and a rolled-back invoice gives its number back.
 * (A PostgreSQL sequence would be faster but never hands a number back, so it leaves gaps.)
 */
import type { Prisma } from "@prisma/client";

/** Every invoice number starts with this. */
export const INVOICE_NUMBER_PREFIX = "NWF";

const riyadhYear = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Riyadh", year: "numeric" });

/** The calendar year at `date` in Riyadh (UTC+3: 31 Dec 21:00 UTC is already the next year there). */
export function invoiceYear(date: Date): number {
  return Number(riyadhYear.format(date));
}

/** Formats a year's nth invoice number: (2026, 123) → "NWF-2026-000123". */
export function formatInvoiceNumber(year: number, n: number): string {
  return `${INVOICE_NUMBER_PREFIX}-${year}-${String(n).padStart(6, "0")}`;
}

/**
 * Allocates the next invoice number of `date`'s year. Call it with the transaction that inserts
 * the invoice: the counter row stays locked until that transaction ends, which serialises
 * numbering (keep the rest of that transaction short) and makes a rollback return the number.
 */
export async function nextInvoiceNumber(tx: Prisma.TransactionClient, date: Date = new Date()): Promise<string> {
  const year = invoiceYear(date);
  // One statement creates the year's row or increments it; ON CONFLICT takes the row lock, so two
  // first invoices of a new year cannot both get number 1.
  const rows = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO billing_invoicenumbersequence (year, last_value, updated_at)
    VALUES (${year}, 1, now())
    ON CONFLICT (year) DO UPDATE
      SET last_value = billing_invoicenumbersequence.last_value + 1, updated_at = now()
    RETURNING last_value`;
  const n = rows[0]?.last_value;
  if (n === undefined) throw new Error(`invoice number sequence for ${year} returned no row`);
  return formatInvoiceNumber(year, Number(n));
}
