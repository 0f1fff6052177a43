/**
 * Long panel lists: counts are exact up to a limit and labelled estimates beyond it (exact on
 * demand), pages open only so deep (with a clear message past that), a query cut off by the
 * panel's statement timeout answers with a message, and the search box finds a record by each
 * field staff know it by.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import { DEFERRED_PAGE_OFFSET, LIST_EXACT_UP_TO, LIST_MAX_OFFSET } from "../../admin/list-counts.js";

let t: TestDatabase;
let app: RunningApp;
let admin: AdminAgent;
const PASSWORD = "panel-lists-password";
const BULK = LIST_MAX_OFFSET + 300;

interface ListBody {
  records: Array<{ id: string; params: Record<string, unknown> }>;
  meta: { total: number; rows: number; estimated: boolean; exactTimedOut: boolean; lastPage?: number; perPage: number };
  notice?: { message: string; type: string };
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  const staff = await createStaff(t.db, "admin", PASSWORD, "en");
  admin = await signIn(app.url, staff.email!, PASSWORD);
  await t.db.$executeRawUnsafe(`
    INSERT INTO accounts_user (phone, full_name, user_type, language, created_at, updated_at)
    SELECT '+9664' || lpad(g::text, 8, '0'), 'Bulk client ' || g, 'client', 'ar', now(), now() FROM generate_series(1, ${BULK}) g`);
  await t.db.$executeRawUnsafe("ANALYZE accounts_user");
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const list = async (resource: string, query: string, agent = admin): Promise<ListBody> => {
  const res = await agent.get(`/admin/api/resources/${resource}/actions/list?${query}`);
  expect(res.status).toBe(200);
  return res.body as ListBody;
};

describe("counts of long lists", () => {
  it("should show an estimate, labelled as one, when a list is longer than the exact-count limit", async () => {
    const exact = await t.db.user.count({ where: { deletedAt: null } });
    const body = await list("User", "page=1");
    expect(body.records).toHaveLength(10);
    expect(body.meta.estimated).toBe(true);
    expect(body.meta.rows).toBeGreaterThan(LIST_EXACT_UP_TO);
    // PostgreSQL's estimate after ANALYZE: near the truth, not the truth by construction.
    expect(Math.abs(body.meta.rows - exact)).toBeLessThan(exact * 0.2);
  });

  it("should count exactly when asked, and say the figure is exact", async () => {
    const exact = await t.db.user.count({ where: { deletedAt: null } });
    const body = await list("User", "page=1&count=exact");
    expect(body.meta).toMatchObject({ estimated: false, rows: exact });
  });

  it("should count a filtered list exactly when it is short", async () => {
    await createUser(t.db, { fullName: "Only Provider Here", userType: "provider" });
    const body = await list("User", "filters.userType=provider");
    expect(body.meta.estimated).toBe(false);
    expect(body.meta.rows).toBe(await t.db.user.count({ where: { userType: "provider", deletedAt: null } }));
  });

  it("should leave deleted rows out of the count as out of the page", async () => {
    const gone = await createUser(t.db, { fullName: "Deleted Person", userType: "provider", deletedAt: new Date() });
    const body = await list("User", "filters.userType=provider&perPage=100");
    expect(body.records.map((r) => Number(r.id))).not.toContain(gone.id);
    expect(body.meta.rows).toBe(body.records.length);
  });
});

describe("deep pages", () => {
  it("should open pages up to the reachable depth and say where that ends", async () => {
    const body = await list("User", "page=1");
    const lastPage = Math.floor(LIST_MAX_OFFSET / 10) + 1;
    expect(body.meta.lastPage).toBe(lastPage);
    // The pagination counts only pages that open.
    expect(body.meta.total).toBe(LIST_MAX_OFFSET + 10);
    const last = await list("User", `page=${lastPage}`);
    expect(last.notice).toBeUndefined();
    expect(last.records).toHaveLength(10);
  });

  it("should refuse a page past that depth with a clear message, not a slow page", async () => {
    const body = await list("User", `page=${Math.floor(LIST_MAX_OFFSET / 10) + 2}`);
    expect(body.records).toEqual([]);
    expect(body.notice).toMatchObject({ type: "error" });
    expect(body.notice!.message).toContain("sort it the other way");
  });

  it("should give a deep page exactly the rows of the same page read in one query, for the default sort, another sort and a filter", async () => {
    // Different creation times so sorting by them orders something; ties fall back to the id.
    await t.db.$executeRawUnsafe(`UPDATE accounts_user SET created_at = now() - (id % 37) * interval '1 hour' WHERE full_name LIKE 'Bulk client %'`);
    const cases: Array<[string, Parameters<typeof t.db.user.findMany>[0]]> = [
      ["page=150", { where: { deletedAt: null }, orderBy: { id: "desc" } }],
      ["page=150&sortBy=createdAt&direction=asc", { where: { deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }],
      ["page=101&filters.userType=client&sortBy=createdAt&direction=desc", { where: { deletedAt: null, userType: "client" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }],
    ];
    for (const [query, args] of cases) {
      const page = Number(/page=(\d+)/.exec(query)![1]);
      expect((page - 1) * 10).toBeGreaterThanOrEqual(DEFERRED_PAGE_OFFSET);
      const expected = await t.db.user.findMany({ ...args, skip: (page - 1) * 10, take: 10, select: { id: true, fullName: true } });
      const body = await list("User", query);
      expect(body.records.map((r) => [Number(r.id), r.params.fullName]), query).toEqual(expected.map((u) => [u.id, u.fullName]));
    }
  });

  it("should reach the other end of the list by reversing the sort", async () => {
    const oldest = await t.db.user.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { id: "asc" } });
    const body = await list("User", "sortBy=id&direction=asc");
    expect(Number(body.records[0]!.id)).toBe(oldest.id);
  });
});

describe("statement timeout", () => {
  it("should answer a list query that runs past the timeout with a message, and the next one normally", async () => {
    const slow = await startApp(t, { PANEL_STATEMENT_TIMEOUT_MS: "300" });
    const locker = new pg.Client({ connectionString: t.url });
    await locker.connect();
    try {
      const agent = await signIn(slow.url, (await createStaff(t.db, "admin", PASSWORD, "en")).email!, PASSWORD);
      // A table locked by another transaction: the list's query waits until its timeout stops it.
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE marketplace_servicerequest IN ACCESS EXCLUSIVE MODE");
      const body = await list("ServiceRequest", "page=1", agent);
      expect(body.records).toEqual([]);
      expect(body.notice).toMatchObject({ type: "error" });
      expect(body.notice!.message).toContain("took too long");
      await locker.query("ROLLBACK");
      const after = await list("ServiceRequest", "page=1", agent);
      expect(after.notice).toBeUndefined();
    } finally {
      await locker.end();
      await slow.close();
    }
  });
});

describe("the search box", () => {
  let sub: { id: number };
  const make = async (title: string, client: { id: number }) =>
    t.db.serviceRequest.create({ data: { title, description: "details", subcategoryId: sub.id, clientId: client.id, city: "Riyadh" } });

  beforeAll(async () => {
    sub = await createSubcategory(t.db);
  });

  it("should find a service request by its title, id, and its client's name, phone and email", async () => {
    const client = await createUser(t.db, { fullName: "Noura Searchable", phone: "+966512340001", email: "noura.search@example.com" });
    const other = await createUser(t.db, { fullName: "Someone Else", phone: "+966512340002" });
    const mine = await make("Kitchen sink leaking badly", client);
    const theirs = await make("Garden lights", other);
    const ids = async (term: string) => (await list("ServiceRequest", `filters.search=${encodeURIComponent(term)}`)).records.map((r) => Number(r.id));
    expect(await ids("sink leak")).toEqual([mine.id]);
    expect(await ids(String(theirs.id))).toContain(theirs.id);
    expect(await ids("noura searchable")).toEqual([mine.id]);
    expect(await ids("0512340001")).toEqual([mine.id]); // typed the local way, stored as +966…
    expect(await ids("+966512340001")).toEqual([mine.id]);
    expect(await ids("NOURA.SEARCH@")).toEqual([mine.id]);
    expect(await ids("no such thing anywhere")).toEqual([]);
  });

  it("should combine the search with the list's other filters", async () => {
    const client = await createUser(t.db, { fullName: "Filter Combo" });
    const a = await make("Combo painting", client);
    await make("Combo plumbing", client);
    await t.db.serviceRequest.update({ where: { id: a.id }, data: { status: "cancelled" } });
    const body = await list("ServiceRequest", "filters.search=combo&filters.status=cancelled");
    expect(body.records.map((r) => Number(r.id))).toEqual([a.id]);
    expect(body.meta).toMatchObject({ rows: 1, estimated: false });
  });

  it("should give a search's exact total whether its first page is short, exactly full or followed by more", async () => {
    const client = await createUser(t.db, { fullName: "Totals Client" });
    for (const [word, n] of [["Quokka", 3], ["Pangolin", 10], ["Axolotl", 12]] as const) {
      for (let i = 0; i < n; i++) await make(`${word} job ${i}`, client);
    }
    for (const [word, n] of [["quokka", 3], ["pangolin", 10], ["axolotl", 12]] as const) {
      const first = await list("ServiceRequest", `filters.search=${word}`);
      expect(first.records).toHaveLength(Math.min(n, 10));
      expect(first.meta).toMatchObject({ total: n, rows: n, estimated: false });
    }
    const second = await list("ServiceRequest", "filters.search=axolotl&page=2");
    expect(second.records).toHaveLength(2);
    expect(second.meta).toMatchObject({ total: 12, rows: 12 });
  });

  it("should find users by name, phone or email, and invoices by number", async () => {
    const u = await createUser(t.db, { fullName: "Zaid Unique", email: "zaid.unique@example.com" });
    for (const term of ["zaid uniq", u.phone!.slice(-6), "zaid.unique@"]) {
      expect((await list("User", `filters.search=${encodeURIComponent(term)}`)).records.map((r) => Number(r.id))).toEqual([u.id]);
    }
    const inv = await t.db.invoice.create({ data: { number: "NWF-2099-777001", userId: u.id, purpose: "subscription", currency: "SAR", subtotal: 1000, vat: 150, total: 1150 } as never });
    expect((await list("Invoice", "filters.search=777001")).records.map((r) => Number(r.id))).toEqual([inv.id]);
    expect((await list("Invoice", "filters.search=zaid")).records.map((r) => Number(r.id))).toEqual([inv.id]);
  });
});
