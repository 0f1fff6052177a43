/**
 * A run's items as a CSV file for spreadsheets: UTF-8 with a BOM, read in pages, every cell
 * defused so a spreadsheet never runs it as a formula.
 */
import { stringify } from "csv-stringify/sync";
import type { Deps } from "../../../platform/deps.js";
import { NotFoundError } from "../../../platform/errors.js";
import { neutralise } from "../../../platform/spreadsheet-cells.js";

const PAGE = 10_000;

/** A cell a spreadsheet will not run as a formula: a leading =, +, -, @, tab or CR gets a ' in front. */
export function escapeCsvCell(value: unknown): string {
  const s = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return neutralise(s);
}

const CSV_COLUMNS = [
  "id", "run_id", "kind", "status", "invoice_id", "invoice_number", "payment_attempt_id", "remote_id", "local_amount", "remote_amount",
  "currency", "details", "resolved_by", "resolved_at", "resolution_note", "created_at",
] as const;

/** A run's items as CSV (UTF-8 with BOM, for spreadsheets), safe against formula injection. */
export async function reconciliationItemsCsv(deps: Deps, runId: number): Promise<string> {
  const run = await deps.db.reconciliationRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new NotFoundError("ReconciliationRun", runId);
  const rows: string[][] = [];
  for (let after = 0; ; ) {
    const items = await deps.db.reconciliationItem.findMany({
      where: { runId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE,
      include: { invoice: { select: { number: true } }, resolvedBy: { select: { email: true, fullName: true } } },
    });
    for (const i of items) {
      rows.push([
        i.id, i.runId, i.kind, i.status, i.invoiceId, i.invoice?.number, i.paymentAttemptId, i.remoteId, i.localAmount, i.remoteAmount,
        i.currency, i.details, i.resolvedBy ? (i.resolvedBy.email ?? i.resolvedBy.fullName) : null, i.resolvedAt, i.resolutionNote, i.createdAt,
      ].map(escapeCsvCell));
    }
    if (items.length < PAGE) break;
    after = items[items.length - 1]!.id;
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], bom: true });
}
