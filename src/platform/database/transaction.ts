/**
 * Interactive transactions: the `Tx` every domain command receives, and the one way to take a row
 * lock (`SELECT … FOR UPDATE`) before re-reading and changing a row, so concurrent commands on the
 * same record run one after the other.
 */
import { Prisma } from "@prisma/client";

export type Tx = Prisma.TransactionClient;

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const ident = (name: string) => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a table or column name: ${name}`);
  return Prisma.raw(`"${name}"`);
};

/**
 * Locks one row until the transaction ends; false when it does not exist. `share` lets other
 * readers lock it too (they wait only for a writer).
 */
export async function lockRow(tx: Tx, table: string, id: number, mode: "update" | "share" = "update"): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM ${ident(table)} WHERE id = ${id} ${Prisma.raw(mode === "share" ? "FOR SHARE" : "FOR UPDATE")}`;
  return rows.length > 0;
}

/** Locks the rows where `column = value` (and, for soft-deletable tables, not deleted); returns their ids. */
export async function lockRowsWhere(tx: Tx, table: string, column: string, value: number | string, opts: { liveOnly?: boolean } = {}): Promise<number[]> {
  const live = opts.liveOnly ? Prisma.sql`AND deleted_at IS NULL` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM ${ident(table)} WHERE ${ident(column)} = ${value} ${live} FOR UPDATE`;
  return rows.map((r) => r.id);
}
