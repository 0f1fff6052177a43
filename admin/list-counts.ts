/**
 * How a panel list counts its rows. Counting a million rows on every page costs more than the
 * page itself, so a list counts exactly only up to LIST_EXACT_UP_TO rows and beyond that shows
 * PostgreSQL's estimate, labelled "about", with the exact figure one click away. Pages open up to
 * LIST_MAX_OFFSET rows deep: an OFFSET reads and discards every row before it. A long list's
 * estimate is reused for ESTIMATE_TTL_MS per list and filter, so paging through it costs no count.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export const LIST_EXACT_UP_TO = 1_000;
export const LIST_MAX_OFFSET = 10_000;
/** From this offset a page is read in two steps: the ids through the index, then those rows. */
export const DEFERRED_PAGE_OFFSET = 1_000;

/** What one list request asked for and what its count turned out to be. */
export interface ListCounting {
  /** The staff member asked for the exact figure (`count=exact`). */
  exact: boolean;
  /** The total is PostgreSQL's estimate. */
  estimated?: boolean;
  /** The exact count was asked for but ran past the statement timeout (the estimate is shown). */
  exactTimedOut?: boolean;
  /** The list's count, once asked for (a list asks once). */
  counted?: Promise<number>;
  /** The list's `where`, built once for its page and its count (a search looks people up for it). */
  where?: Promise<Record<string, unknown>>;
  /** Rows on the first page when it came back short (then they are the whole list), else undefined. */
  shortFirstPage?: Promise<number | undefined>;
}

export const listCounting = new AsyncLocalStorage<ListCounting>();

export interface ListCountMeta {
  /** What the pagination counts pages of: never more than the rows that can be opened. */
  total: number;
  /** The list's size as counted or estimated. */
  rows: number;
  estimated: boolean;
  exactTimedOut: boolean;
  /** The last page that opens, when the list is longer than LIST_MAX_OFFSET allows. */
  lastPage?: number;
}

/** The meta a list answers with, given what its count found. */
export function listCountMeta(counting: ListCounting, total: number, perPage: number): ListCountMeta {
  const reachable = LIST_MAX_OFFSET + perPage;
  const meta: ListCountMeta = { total: Math.min(total, reachable), rows: total, estimated: !!counting.estimated, exactTimedOut: !!counting.exactTimedOut };
  if (total > reachable) meta.lastPage = Math.floor(LIST_MAX_OFFSET / perPage) + 1;
  return meta;
}

const ESTIMATE_TTL_MS = 30_000;
const ESTIMATES_KEPT = 500;
const estimates = new Map<string, { rows: number; at: number }>();

/** A long list's estimate from the last ESTIMATE_TTL_MS, if one was made (key: model and where). */
export function recentEstimate(key: string, now = Date.now()): number | undefined {
  const hit = estimates.get(key);
  if (!hit) return undefined;
  if (now - hit.at > ESTIMATE_TTL_MS) {
    estimates.delete(key);
    return undefined;
  }
  return hit.rows;
}

export function rememberEstimate(key: string, rows: number, now = Date.now()): number {
  estimates.delete(key);
  estimates.set(key, { rows, at: now });
  // Oldest first in a Map: drop the oldest beyond the bound.
  while (estimates.size > ESTIMATES_KEPT) estimates.delete(estimates.keys().next().value!);
  return rows;
}
