/**
 * Two list filter values AdminJS lacks, so a figure on the home page can open exactly the records
 * it counts: "a,b" (any of these values) and "none" (the field is empty). They apply to columns
 * whose values cannot contain a comma or be the word itself (numbers, keys, enums, booleans, uuids,
 * dates); a text column keeps searching for the literal text.
 */
import type { BaseProperty, Filter } from "adminjs";

const LISTABLE = new Set(["number", "float", "reference", "boolean", "uuid"]);

function listable(property: BaseProperty): boolean {
  return LISTABLE.has(property.type()) || !!property.availableValues();
}

/** "none" on a nullable column that is not free text. */
export function isNoneFilter(property: BaseProperty, value: unknown): boolean {
  const type = property.type();
  return value === "none" && !property.isRequired() && (listable(property) || type === "date" || type === "datetime");
}

/** "a,b" on a column of numbers, keys or enum values: its parts, else undefined. */
export function listFilterParts(property: BaseProperty, value: unknown): string[] | undefined {
  if (typeof value !== "string" || !value.includes(",") || !listable(property)) return undefined;
  return value.split(",").map((v) => v.trim());
}

function columnOf(property: BaseProperty): string {
  const fk = (property as unknown as { foreignColumnName?: () => string | undefined }).foreignColumnName?.();
  return property.type() === "reference" && fk ? fk : property.path();
}

function typed(property: BaseProperty, v: string): unknown {
  const type = property.type();
  if (type === "number" || type === "float" || type === "reference") return Number(v);
  if (type === "boolean") return v === "true";
  return v;
}

/**
 * Splits the "a,b" and "none" filters (which the stock converter cannot read) from the others:
 * returns the Prisma `where` they stand for and the rest as a filter for the converter. The
 * filter itself is left as it is (a list runs find and count with the same one). The values
 * were checked by checkFilterValue.
 */
export function takeListFilters(filter: Filter | undefined): { where: Record<string, unknown>; rest: Filter | undefined } {
  const where: Record<string, unknown> = {};
  if (!filter?.filters) return { where, rest: filter };
  const remaining: Filter["filters"] = {};
  for (const [key, f] of Object.entries(filter.filters)) {
    const parts = f.property ? listFilterParts(f.property, f.value) : undefined;
    if (f.property && isNoneFilter(f.property, f.value)) where[columnOf(f.property)] = null;
    else if (f.property && parts) where[columnOf(f.property)] = { in: parts.map((p) => typed(f.property, p)) };
    else remaining[key] = f;
  }
  return { where, rest: { filters: remaining } as Filter };
}
