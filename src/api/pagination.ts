/**
 * Cursor pagination. A cursor is the opaque (base64url JSON) sort key of the last item returned;
 * the next page continues strictly after it, so rows inserted meanwhile never shift a page.
 * Every list orders by a key that ends in the unique id.
 */
import { z } from "zod";
import { DomainError } from "../platform/errors.js";
import { dbId } from "../platform/validation.js";

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Items per page (1–100)." }),
  cursor: z.string().max(200).optional().meta({ description: "The `next_cursor` of the previous page." }),
};

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("INVALID_CURSOR", "the cursor is not valid", 400, { fields: { cursor: "INVALID_CURSOR" } });
  }
}

/** Fetch `limit + 1` rows, pass them here: returns the page and the cursor of its last row. */
export function paginate<R>(rows: R[], limit: number, keyOf: (row: R) => unknown): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}

/** The common case: newest first by id. Bounded like any id: a cursor ends up in a query. */
export const idCursor = dbId;
