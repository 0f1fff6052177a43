/**
 * The API speaks snake_case JSON; the domain speaks camelCase objects. Responses pass through
 * `toApiJson` (keys to snake_case, dates to ISO strings, BigInt/Decimal to numbers) and are then
 * parsed by their response schema, which drops any field the contract does not name.
 */
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function mapKeys(v: unknown, f: (k: string) => string): unknown {
  if (v === null || v === undefined) return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map((x) => mapKeys(x, f));
  if (typeof v === "object") {
    // Prisma Decimal and similar value objects serialize themselves.
    if (typeof (v as { toJSON?: unknown }).toJSON === "function") return mapKeys((v as { toJSON(): unknown }).toJSON(), f);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[f(k)] = mapKeys(x, f);
    return out;
  }
  return v;
}

export const toApiJson = (v: unknown): unknown => mapKeys(v, snake);
/** Validated API input (snake_case) to a domain command's input (camelCase). */
export const fromApiJson = <T = Record<string, unknown>>(v: unknown): T => mapKeys(v, camel) as T;
export const snakeCase = snake;
