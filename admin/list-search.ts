/**
 * The search box of the big lists: one term looked for in the fields staff know a record by —
 * its number or title, the record's id, and the name, phone or email of the person it belongs to —
 * not only the title property. Trigram indexes (pg_trgm) on those columns keep a substring search
 * fast at millions of rows.
 *
 * People are looked up first (a few hundred at most) so the list's own query can combine its
 * indexes (`client_id IN (…) OR title ILIKE …`); a term that matches more people than that, being
 * common, is left to a subquery, which PostgreSQL answers fast precisely because matches are dense.
 */
import type { Filter } from "adminjs";
import type { PrismaClient } from "@prisma/client";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

interface SearchSpec {
  /** Text columns searched for the term as a substring. */
  text: readonly string[];
  /** Relations to a User (by their foreign key), searched by name, phone and email. */
  people?: ReadonlyArray<{ relation: string; key: string }>;
}

/** The lists with a search box, and where each looks. */
export const LIST_SEARCH: Readonly<Record<string, SearchSpec>> = {
  ServiceRequest: { text: ["title"], people: [{ relation: "client", key: "clientId" }] },
  Invoice: { text: ["number"], people: [{ relation: "user", key: "userId" }] },
  SupportTicket: { text: ["code", "subject"], people: [{ relation: "requester", key: "requesterId" }] },
  User: { text: ["fullName", "phone", "email"] },
  ProviderProfile: { text: ["displayName"], people: [{ relation: "user", key: "userId" }] },
};

/** The filter key of the search box. */
export const SEARCH_FILTER = "search";
const PERSON_FIELDS = ["fullName", "phone", "email"] as const;
/** People looked up before the list's query; more than this and a subquery is used instead. */
const PEOPLE_LIMIT = 500;
const MAX_TERM = 100;

export function hasSearch(model: string): boolean {
  return model in LIST_SEARCH;
}

/** The search term of a list filter (trimmed), if the list has a search box and one was typed. */
export function searchTerm(model: string, filter: Filter | undefined): string | undefined {
  const raw = filter?.filters?.[SEARCH_FILTER]?.value;
  if (!hasSearch(model) || typeof raw !== "string") return undefined;
  const term = raw.trim().slice(0, MAX_TERM);
  return term || undefined;
}

/** The filter without its search term (the stock converter knows no such field). */
export function withoutSearch(filter: Filter | undefined): Filter | undefined {
  if (!filter?.filters?.[SEARCH_FILTER]) return filter;
  const { [SEARCH_FILTER]: _search, ...rest } = filter.filters;
  return { ...filter, filters: rest } as Filter;
}

/**
 * Other ways the same term is stored: a whole phone number typed the local way (05…, spaces) is
 * kept in E.164 (+9665…), as accounts' phone rule writes it (libphonenumber, Saudi by default).
 */
function variants(term: string): string[] {
  const phone = /^\+?[\d\s-]{9,}$/.test(term) ? parsePhoneNumberFromString(term, "SA") : undefined;
  return phone?.isValid() && phone.number !== term ? [term, phone.number] : [term];
}

const contains = (field: string, term: string) => ({ [field]: { contains: term, mode: "insensitive" } });
const personWhere = (term: string) => ({ OR: variants(term).flatMap((t) => PERSON_FIELDS.map((f) => contains(f, t))) });

/** Ids of the people a term names, or undefined when more than `limit` match. */
export async function peopleMatching(db: PrismaClient, term: string, limit = PEOPLE_LIMIT): Promise<number[] | undefined> {
  const rows = await db.user.findMany({ where: personWhere(term), select: { id: true }, ...(limit < Number.MAX_SAFE_INTEGER ? { take: limit + 1 } : {}) });
  return rows.length > limit ? undefined : rows.map((r) => r.id);
}

/** The Prisma `where` of a search; `people` are the ids peopleMatching found, if it was asked. */
export function searchWhere(model: string, term: string, people?: number[]): Record<string, unknown> {
  const spec = LIST_SEARCH[model]!;
  const or: Record<string, unknown>[] = variants(term).flatMap((t) => spec.text.map((f) => contains(f, t)));
  for (const p of spec.people ?? []) or.push(people ? { [p.key]: { in: people } } : { [p.relation]: { is: personWhere(term) } });
  if (/^\d{1,9}$/.test(term)) or.push({ id: Number(term) });
  return { OR: or };
}
