/**
 * How the panel reaches the browser: compressed, its bundles under versioned URLs cached for a
 * year, and each page describing only the resources the signed-in role may open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn } from "../support/admin-client.js";
import { createStaff } from "../support/factories.js";

let t: TestDatabase;
let app: RunningApp;
const PASSWORD = "panel-delivery-password";
let supportEmail: string;
let adminEmail: string;

beforeAll(async () => {
  t = await createTestDatabase();
  supportEmail = (await createStaff(t.db, "support", PASSWORD)).email!;
  adminEmail = (await createStaff(t.db, "admin", PASSWORD)).email!;
  app = await startApp(t);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

type State = { resources: Array<{ id: string; href: string | null; resourceActions: unknown[]; showProperties: unknown[] }> };
const stateOf = (html: string): State => JSON.parse(/window\.REDUX_STATE = (.*?);\n/s.exec(html)![1]!) as State;

describe("panel delivery", () => {
  it("should compress pages for a client that accepts gzip, and send plain bodies to one that does not", async () => {
    const agent = await signIn(app.url, supportEmail, PASSWORD);
    const page = await agent.get("/admin").set("Accept-Encoding", "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = await agent.get("/admin").set("Accept-Encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toContain("REDUX_STATE");
  });

  it("should name each bundle with a version and cache a versioned URL for a year, the unversioned one not", async () => {
    const agent = await signIn(app.url, supportEmail, PASSWORD);
    const html = (await agent.get("/admin")).text;
    const srcs = [...html.matchAll(/src="(\/admin\/frontend\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThanOrEqual(4);
    for (const src of srcs) expect(src).toMatch(/\.js\?v=[0-9a-f]{12}$/);
    const versioned = await agent.get(srcs.find((s) => s.includes("app.bundle.js"))!);
    expect(versioned.status).toBe(200);
    expect(versioned.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const bare = await agent.get("/admin/frontend/assets/app.bundle.js");
    expect(bare.headers["cache-control"]).not.toMatch(/immutable/);
  });

  it("should describe in full only the resources the role may open, and a stub for the others", async () => {
    const support = stateOf((await (await signIn(app.url, supportEmail, PASSWORD)).get("/admin")).text);
    const admin = stateOf((await (await signIn(app.url, adminEmail, PASSWORD)).get("/admin")).text);
    // The same resources exist for both (AdminJS finds them by id), in full only where they may open them.
    expect(support.resources.map((r) => r.id).sort()).toEqual(admin.resources.map((r) => r.id).sort());
    const full = (s: State) => s.resources.filter((r) => r.href).map((r) => r.id);
    expect(full(admin)).toHaveLength(admin.resources.length);
    expect(full(support)).toContain("SupportTicket");
    expect(full(support)).not.toContain("Invoice");
    const invoice = support.resources.find((r) => r.id === "Invoice")!;
    expect(invoice).toMatchObject({ href: null, resourceActions: [], showProperties: [] });
    expect(JSON.stringify(support).length).toBeLessThan(JSON.stringify(admin).length * 0.8);
  });
});
