/**
 * Each role's home shows what waits for it, and every number equals the total of the filtered
 * list it links to (one declaration feeds both).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn } from "../support/admin-client.js";
import { ROLES } from "../../admin/access.js";
import { seedDemoData } from "../../prisma/seed/index.js";

let t: TestDatabase;
let app: RunningApp;
const PASSWORD = "home-page-password";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t, { password: PASSWORD });
  app = await startApp(t);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

interface Item { key: string; model: string; count: number; query: string; href?: string }

describe("home per role", () => {
  it.each(ROLES)("should show %s its own work, each count equal to the list it opens", async (role) => {
    const agent = await signIn(app.url, `${role}@example.com`, PASSWORD);
    const res = await agent.get("/admin/api/dashboard");
    const groups = res.body.groups as { group: string; items: Item[] }[];
    const own = role === "admin" || role === "management" ? ["support", "verification", "finance", "content"] : [role];
    // Whoever works the support desk (support, admin) sees their own queues first.
    const expected = role === "admin" || role === "support" ? ["desk", ...own] : own;
    expect(groups.map((g) => g.group)).toEqual(expected);
    const items = groups.flatMap((g) => g.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      if (item.href) {
        // A desk count opens its queue, which counts the same tickets.
        const queue = await agent.get(`/admin/api/resources/${item.model}/actions/queue?${item.query}`);
        expect({ key: item.key, total: queue.body.counts?.[queue.body.view] }).toEqual({ key: item.key, total: item.count });
        continue;
      }
      const list = await agent.get(`/admin/api/resources/${item.model}/actions/list?${item.query}`);
      expect({ key: item.key, total: list.body.meta?.total }).toEqual({ key: item.key, total: item.count });
    }
    // The demo data leaves each team something to do.
    expect(items.some((i) => i.count > 0)).toBe(true);
  });

  it("should leave out what a role may not list", async () => {
    const agent = await signIn(app.url, "support@example.com", PASSWORD);
    const items = ((await agent.get("/admin/api/dashboard")).body.groups as { items: Item[] }[]).flatMap((g) => g.items);
    expect(items.map((i) => i.model)).not.toContain("Invoice");
  });
});
