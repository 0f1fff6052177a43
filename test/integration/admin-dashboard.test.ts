/**
 * The home page's figures per role over the demo data: each role gets only its sections (a
 * support agent gets no revenue), and every number opens a list whose filter yields that number
 * (counts equal the list's total; revenue equals the sum of the listed invoices).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { seedDemoData } from "../../prisma/seed/index.js";
import { rollupRange, type DashboardData, type Link } from "../../src/domains/analytics/index.js";
import { riyadhDay } from "../../src/platform/riyadh-time.js";

let t: TestDatabase;
let app: RunningApp;
const PASSWORD = "dashboard-page-password";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t, { password: PASSWORD });
  // As the job would: today's rollup is fresh.
  const today = riyadhDay(new Date());
  await rollupRange(t.db, { from: today, to: today });
  app = await startApp(t);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function dashboardOf(role: string): Promise<{ agent: AdminAgent; dash: DashboardData }> {
  const agent = await signIn(app.url, `${role}@example.com`, PASSWORD);
  const res = await agent.get("/admin/api/dashboard");
  expect(res.status).toBe(200);
  return { agent, dash: res.body.dashboard as DashboardData };
}

async function listTotal(agent: AdminAgent, link: Link): Promise<number> {
  const res = await agent.get(`/admin/api/resources/${link.model}/actions/list?${link.query}`);
  expect(res.body.notice?.type, `${link.model}?${link.query}`).not.toBe("error");
  return res.body.meta.total as number;
}

describe("dashboard per role", () => {
  it.each([
    ["support", ["support"], { revenue: false, charts: ["slaCompliance"] }],
    ["verification", ["verification"], { revenue: false, charts: [] }],
    ["finance", ["reconciliation"], { revenue: true, charts: ["revenueByKind"] }],
    ["content", ["promotions"], { revenue: false, charts: [] }],
    ["management", ["verification", "promotions", "support", "reconciliation", "activity"], { revenue: true, charts: ["slaCompliance", "revenueByKind", "requestsByCategory"] }],
  ] as const)("should give %s only its sections", async (role, sections, more) => {
    const { dash } = await dashboardOf(role);
    expect(dash.sections.map((s) => s.key)).toEqual(sections);
    expect(!!dash.revenue).toBe(more.revenue);
    expect(Object.keys(dash.charts).sort()).toEqual([...more.charts].sort());
  });

  it("should open, for every count, a list whose filter yields that count", async () => {
    const { agent, dash } = await dashboardOf("management");
    const checked: string[] = [];
    for (const f of dash.sections.flatMap((s) => s.figures)) {
      if (f.unit !== "count" || !f.link) continue;
      expect({ key: f.key, total: await listTotal(agent, f.link) }).toEqual({ key: f.key, total: f.value });
      checked.push(f.key);
    }
    // Lists of several values ("a,b") and of empty fields ("none") among them.
    expect(checked).toEqual(expect.arrayContaining(["ticketsOpen_urgent", "ticketsUnassigned", "promosGoingLive", "requestsCreated_days30", "newProviders_days30", "reconciliationOpen"]));
    // The demo data leaves something to count.
    expect(dash.sections.flatMap((s) => s.figures).some((f) => f.value > 0)).toBe(true);
  });

  it("should open, for each category's bar, the requests it counts", async () => {
    const { agent, dash } = await dashboardOf("management");
    const categories = dash.charts.requestsByCategory!.categories;
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.some((c) => c.created > 0)).toBe(true);
    for (const c of categories) expect({ id: c.id, total: await listTotal(agent, c.link) }).toEqual({ id: c.id, total: c.created });
  });

  it("should show revenue by invoice kind that equals the invoices its link lists", async () => {
    const { agent, dash } = await dashboardOf("finance");
    const periods = dash.revenue!.periods;
    expect(periods.map((p) => p.key)).toEqual(["today", "days7", "days30"]);
    expect(periods[2]!.total.gross).toBeGreaterThan(0);
    for (const p of periods) {
      for (const cell of [...Object.values(p.byKind), p.total]) {
        const res = await agent.get(`/admin/api/resources/Invoice/actions/list?${cell.link.query}&perPage=500`);
        const rows = res.body.records.map((r: { params: Record<string, number> }) => r.params);
        expect(res.body.meta.total).toBe(cell.invoices);
        const sum = (k: string) => rows.reduce((s: number, r: Record<string, number>) => s + Number(r[k]), 0);
        expect({ gross: sum("total"), vat: sum("vat"), net: sum("subtotal") - sum("discount") }).toEqual({ gross: cell.gross, vat: cell.vat, net: cell.net });
      }
      expect(p.total.gross).toBe(Object.values(p.byKind).reduce((s, c) => s + c.gross, 0));
    }
  });

  it("should refuse a list filter with a value the column cannot hold, also inside a list", async () => {
    const agent = await signIn(app.url, "support@example.com", PASSWORD);
    const bad = await agent.get("/admin/api/resources/SupportTicket/actions/list?filters.status=new,bogus");
    expect(bad.status).toBe(200);
    expect(bad.body.notice?.type).toBe("error");
    const none = await agent.get("/admin/api/resources/SupportTicket/actions/list?filters.subject=none");
    expect(none.body.notice?.type).not.toBe("error"); // a text column searches for the word
  });
});
