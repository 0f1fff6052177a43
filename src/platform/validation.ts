/**
 * Input shapes bounded by what PostgreSQL can store, shared by the API and the domains. Anything
 * that reaches a query unbounded (an int8 in an int4 column, a NUL in text, year 0 in a timestamp)
 * makes the database fail, which the caller would see as a 500 instead of a field error.
 */
import { z } from "zod";

/** PostgreSQL `integer` (int4): every id and counter column here. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** Any integer a PostgreSQL `integer` column holds. */
export const dbInt = z.number().int().min(INT4_MIN).max(INT4_MAX);
/** A record id (serial): 1 … 2^31-1. */
export const dbId = z.number().int().min(1).max(INT4_MAX);
/** A record id from a path or query string ("12"). */
export const dbIdFromString = z.coerce.number().int().min(1).max(INT4_MAX);

/**
 * Dates PostgreSQL and ISO 8601 (four-digit years) agree on: years 1 to 9999. JavaScript takes
 * year 0 and ±275760, PostgreSQL refuses year 0 and toISOString writes six-digit years.
 */
export const MIN_DATE = new Date("0001-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");
const inDateRange = (d: Date) => !Number.isNaN(d.getTime()) && d >= MIN_DATE && d <= MAX_DATE;

/** An ISO 8601 date-time with Z or an offset, as the API takes it (a string, then a Date in the domain). */
// Custom messages here and in every schema are catalog keys (platform.messages.ts and each
// domain's), worded in the caller's language when the error is shown.
export const dateTimeString = z.iso
  .datetime({ offset: true, error: "DATE_TIME_FORMAT" })
  .refine((s) => inDateRange(new Date(s)), "DATE_OUT_OF_RANGE");
/** A date for the domain: anything `new Date()` reads, within years 1 to 9999. */
export const dbDate = z.coerce.date().refine(inDateRange, "DATE_OUT_OF_RANGE");

/**
 * True when PostgreSQL can store the text: no NUL (text and jsonb refuse it) and no unpaired UTF-16
 * surrogate (not UTF-8; jsonb refuses its \u escape). One pass over the char codes, no regex.
 */
export function isStorableText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * Paths of every string (object keys too) in a JSON-like value that PostgreSQL could not store.
 * Walks iteratively, so deep nesting cannot overflow the stack.
 */
export function unstorableTextPaths(value: unknown, limit = 20): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  while (stack.length && found.length < limit) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (!isStorableText(v)) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (!isStorableText(k)) found.push([...path, k]);
        stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return found;
}

/**
 * Standard base64 (RFC 4648 alphabet, `=` padding, no whitespace) in one pass over the characters.
 * A regex over megabytes of input backtracks and overflows the stack.
 */
export function isBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  let pad = 0;
  if (s.endsWith("==")) pad = 2;
  else if (s.endsWith("=")) pad = 1;
  const end = s.length - pad;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47; // A-Z a-z 0-9 + /
    if (!ok) return false;
  }
  return true;
}

/** Why staff did something that needs a reason (cancel, void, refund, resolve): 3 to 1000 characters. */
export const reasonSchema = z.string().trim().min(3, "REASON_TOO_SHORT").max(1000);
