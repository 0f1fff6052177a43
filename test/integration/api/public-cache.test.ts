/**
 * The short cache of anonymous catalog answers (src/api/public-cache.ts): ETag and 304, never a
 * private answer, never an answer older than its time to live after a change, emptied by catalog
 * writes through the API. Time is the deps' manual clock, so nothing waits.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createProvider, createSubcategory } from "../../support/factories.js";
import { issueToken } from "../../../src/domains/accounts/index.js";
import { manualClock } from "../../../src/platform/clock.js";

const TTL_SECONDS = 5;
let t: TestDatabase;
let app: RunningApi;
const clock = manualClock();
beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t, { API_RATE_LIMIT_PER_MINUTE: "100000", API_PUBLIC_CACHE_SECONDS: String(TTL_SECONDS) }, { clock });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const tokenFor = async (user: User) => (await issueToken(t.db, user.id)).token;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}/api/v1${path}`, { headers });
const uniqueCity = () => `City-${randomBytes(4).toString("hex")}`;

describe("public catalog cache", () => {
  it("should answer 304 without a body to If-None-Match naming the current answer, and 200 to a stale tag", async () => {
    const p = await createProvider(t.db, { city: uniqueCity() });
    const first = await get(`/providers/${p.id}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe(`public, max-age=${TTL_SECONDS}`);
    expect(first.headers.get("vary")).toMatch(/Authorization/);
    expect((await first.json()).display_name).toBe(p.displayName);

    const same = await get(`/providers/${p.id}`, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);

    const weak = await get(`/providers/${p.id}`, { "if-none-match": `"older", W/${etag}` });
    expect(weak.status).toBe(304);

    const other = await get(`/providers/${p.id}`, { "if-none-match": '"not-this-one"' });
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).toBe(etag);
  });

  it("should never serve a cached answer to a caller with a token, nor keep the answer given to one", async () => {
    const p = await createProvider(t.db, { city: uniqueCity() });
    const viewer = await createProvider(t.db, { city: uniqueCity() });
    const token = await tokenFor(viewer.user);
    await t.db.providerFollow.create({ data: { userId: viewer.user.id, providerId: p.id } });

    // The anonymous answer is cached first; the signed-in caller still gets their own.
    const anonymous = await app.api.call("GET", `/providers/${p.id}`);
    expect(anonymous.body.followed_by_me).toBeUndefined();
    const signedIn = await app.api.call("GET", `/providers/${p.id}`, { token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.followed_by_me).toBe(true);
    expect(signedIn.headers.get("cache-control")).toBe("private, no-cache");
    expect(signedIn.headers.get("etag")).not.toBe(anonymous.headers.get("etag"));

    // The signed-in answer was not stored: anonymous callers still get the anonymous one.
    const again = await app.api.call("GET", `/providers/${p.id}`);
    expect(again.body).toEqual(anonymous.body);
    expect(again.body.followed_by_me).toBeUndefined();

    // A token the server does not know still marks the call private (it is not answered from the cache).
    const unknown = await get(`/providers/${p.id}`, { authorization: "Bearer not-a-token" });
    expect(unknown.headers.get("cache-control")).toBe("private, no-cache");
  });

  it("should show a change made elsewhere once the time to live has passed, and never serve the old answer after it", async () => {
    const sub = await createSubcategory(t.db);
    const city = uniqueCity();
    const p = await createProvider(t.db, { city });
    await t.db.providerCategory.create({ data: { providerId: p.id, subcategoryId: sub.id } });
    const list = `/providers?subcategory=${sub.id}&city=${city}`;
    const before = await app.api.call("GET", list);
    expect(before.body.items.map((i: { display_name: string }) => i.display_name)).toEqual([p.displayName]);

    // Another process (the panel, another web process) renames the provider.
    await t.db.providerProfile.update({ where: { id: p.id }, data: { displayName: "Renamed elsewhere" } });
    clock.advance(TTL_SECONDS * 1000 - 1);
    const within = await app.api.call("GET", list);
    expect(within.body).toEqual(before.body);

    clock.advance(1);
    const after = await app.api.call("GET", list);
    expect(after.body.items.map((i: { display_name: string }) => i.display_name)).toEqual(["Renamed elsewhere"]);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("should drop cached answers when a catalog write goes through this process's API", async () => {
    const p = await createProvider(t.db, { city: uniqueCity() });
    const token = await tokenFor(p.user);
    const before = await app.api.call("GET", `/providers/${p.id}`);
    expect(before.body.display_name).toBe(p.displayName);

    const edit = await app.api.call("PATCH", "/me/provider", { token, body: { display_name: "Edited through the API" } });
    expect(edit.status).toBe(200);
    const after = await app.api.call("GET", `/providers/${p.id}`);
    expect(after.body.display_name).toBe("Edited through the API");
  });

  it("should not store error answers", async () => {
    const p = await createProvider(t.db, { city: uniqueCity(), deletedAt: new Date() });
    const gone = await app.api.call("GET", `/providers/${p.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("cache-control") ?? "").not.toMatch(/public/);
    // Restored: the next call (same URL, well within the time to live) finds it.
    await t.db.providerProfile.update({ where: { id: p.id }, data: { deletedAt: null } });
    const back = await app.api.call("GET", `/providers/${p.id}`);
    expect(back.status).toBe(200);
  });

});
