import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderProfile, Subcategory, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createProvider, createSubcategory, createUser } from "../../support/factories.js";
import { issueToken } from "../../../src/domains/accounts/index.js";

let t: TestDatabase;
let app: RunningApi;
beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t, { API_RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** A valid 1x1 PNG (red) and another one (transparent). */
const PNG_A = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PNG_B = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

const uniqueCity = () => `City-${randomBytes(4).toString("hex")}`;
const tokenFor = async (user: User) => (await issueToken(t.db, user.id)).token;

/** A provider (via the factory) with a bearer token, optionally linked to subcategories. */
async function provider(overrides: Partial<ProviderProfile> = {}, subs: Subcategory[] = []) {
  const p = await createProvider(t.db, overrides);
  if (subs.length) await t.db.providerCategory.createMany({ data: subs.map((s) => ({ providerId: p.id, subcategoryId: s.id })) });
  return { ...p, token: await tokenFor(p.user) };
}

async function client() {
  const user = await createUser(t.db);
  return { user, token: await tokenFor(user) };
}

const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((i) => i.id);

describe("GET /categories", () => {
  it("should list active categories by sort order with their active subcategories in Arabic and English", async () => {
    const tag = randomBytes(3).toString("hex");
    const second = await t.db.category.create({ data: { nameAr: "سباكة", nameEn: "Plumbing", slug: `plumbing-${tag}`, sortOrder: -50, icon: "pipe" } });
    const first = await t.db.category.create({ data: { nameAr: "تنظيف", nameEn: "Cleaning", slug: `cleaning-${tag}`, sortOrder: -60 } });
    const hidden = await t.db.category.create({ data: { nameAr: "مخفي", nameEn: "Hidden", slug: `hidden-${tag}`, sortOrder: -70, isActive: false } });
    const gone = await t.db.category.create({ data: { nameAr: "محذوف", nameEn: "Gone", slug: `gone-${tag}`, sortOrder: -70, deletedAt: new Date() } });
    const leak = await t.db.subcategory.create({ data: { categoryId: second.id, nameAr: "تسريبات", nameEn: "Leaks", slug: `leaks-${tag}`, sortOrder: 2 } });
    const heater = await t.db.subcategory.create({ data: { categoryId: second.id, nameAr: "سخانات", nameEn: "Water heaters", slug: `heaters-${tag}`, sortOrder: 1 } });
    await t.db.subcategory.create({ data: { categoryId: second.id, nameAr: "قديم", nameEn: "Old", slug: `old-${tag}`, isActive: false } });

    const r = await app.api.call("GET", "/categories");
    expect(r.status).toBe(200);
    const mine = r.body.items.filter((c: { id: number }) => [first.id, second.id, hidden.id, gone.id].includes(c.id));
    expect(mine).toEqual([
      { id: first.id, slug: `cleaning-${tag}`, name_ar: "تنظيف", name_en: "Cleaning", icon: null, subcategories: [] },
      {
        id: second.id, slug: `plumbing-${tag}`, name_ar: "سباكة", name_en: "Plumbing", icon: "pipe",
        subcategories: [
          { id: heater.id, slug: `heaters-${tag}`, name_ar: "سخانات", name_en: "Water heaters", icon: null },
          { id: leak.id, slug: `leaks-${tag}`, name_ar: "تسريبات", name_en: "Leaks", icon: null },
        ],
      },
    ]);
  });
});

describe("GET /providers", () => {
  let s1: Subcategory;
  let s2: Subcategory;
  let city: string;
  let a: Awaited<ReturnType<typeof provider>>;
  let b: Awaited<ReturnType<typeof provider>>;
  let c: Awaited<ReturnType<typeof provider>>;

  beforeAll(async () => {
    s1 = await createSubcategory(t.db);
    s2 = await createSubcategory(t.db);
    city = uniqueCity();
    a = await provider({ city, displayName: "Alpha Plumbing", isVerified: true, ratingAvg: 450, ratingCount: 8, bio: "x".repeat(500) }, [s1, s2]);
    b = await provider({ city, displayName: "Beta Services" }, [s2]);
    await t.db.providerService.create({ data: { providerId: b.id, subcategoryId: s2.id, title: "Deep Cleaning of villas" } });
    await t.db.providerService.create({ data: { providerId: b.id, subcategoryId: s2.id, title: "Window washing", isActive: false } });
    c = await provider({ city: uniqueCity(), displayName: "Gamma" }, [s1]);
    await provider({ city, displayName: "Deleted", deletedAt: new Date() }, [s1]);
    const off = await provider({ city, displayName: "Inactive" }, [s1]);
    await t.db.user.update({ where: { id: off.userId }, data: { isActive: false } });
  });

  it("should filter by subcategory and by subcategory and city, hiding deleted profiles and inactive users", async () => {
    expect(ids(await app.api.call("GET", `/providers?subcategory=${s1.id}`))).toEqual([c.id, a.id]);
    expect(ids(await app.api.call("GET", `/providers?subcategory=${s1.id}&city=${city}`))).toEqual([a.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${city}`))).toEqual([b.id, a.id]);
  });

  it("should match the city exactly (case-sensitive, as stored)", async () => {
    expect(ids(await app.api.call("GET", `/providers?city=${city.toLowerCase()}`))).toEqual([]);
  });

  it("should filter by verified", async () => {
    expect(ids(await app.api.call("GET", `/providers?city=${city}&verified=true`))).toEqual([a.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${city}&verified=false`))).toEqual([b.id]);
  });

  it("should search display names and active service titles case-insensitively, with LIKE wildcards taken literally", async () => {
    expect(ids(await app.api.call("GET", `/providers?city=${city}&q=PLUMB`))).toEqual([a.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${city}&q=deep%20cleaning`))).toEqual([b.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${city}&q=window`))).toEqual([]);
    expect(ids(await app.api.call("GET", `/providers?city=${city}&q=%25`))).toEqual([]);
  });

  it("should page a search over names and service titles in either sort, listing a provider that matches both once", async () => {
    const town = uniqueCity();
    const made: Array<{ id: number; ratingAvg: number; matches: boolean }> = [];
    for (let i = 0; i < 7; i++) {
      const ratingAvg = 100 + (i % 3) * 100;
      const p = await provider({ city: town, displayName: i % 2 ? `Tiler ${i}` : `Shop ${i}`, ratingAvg });
      if (i % 3 === 0) await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: s1.id, title: `Bathroom TILER work ${i}` } });
      made.push({ id: p.id, ratingAvg, matches: i % 2 === 1 || i % 3 === 0 }); // i = 3 matches by name and by service
    }
    const hits = made.filter((m) => m.matches);
    const expected = {
      newest: [...hits].sort((x, y) => y.id - x.id).map((m) => m.id),
      rating: [...hits].sort((x, y) => y.ratingAvg - x.ratingAvg || y.id - x.id).map((m) => m.id),
    };
    for (const sort of ["newest", "rating"] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; body: any } = await app.api.call("GET", `/providers?city=${town}&q=tiler&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(r.status).toBe(200);
        seen.push(...ids(r));
        cursor = r.body.next_cursor;
      } while (cursor);
      expect(seen, sort).toEqual(expected[sort]);
    }
  });

  it("should describe each provider with its rating as a number and a short bio", async () => {
    const r = await app.api.call("GET", `/providers?city=${city}&verified=true`);
    expect(r.body).toEqual({
      items: [{
        id: a.id, display_name: "Alpha Plumbing", city, bio: "x".repeat(160), is_verified: true, rating: 4.5, rating_count: 8,
        followers_count: 0, likes_count: 0, subcategory_ids: [s1.id, s2.id].sort((x, y) => x - y), sponsored: false,
      }],
      next_cursor: null,
    });
  });

  it("should sort by rating (then newest) or newest first", async () => {
    const town = uniqueCity();
    const low = await provider({ city: town, ratingAvg: 100 });
    const top1 = await provider({ city: town, ratingAvg: 480 });
    const mid = await provider({ city: town, ratingAvg: 300 });
    const top2 = await provider({ city: town, ratingAvg: 480 });
    expect(ids(await app.api.call("GET", `/providers?city=${town}&sort=rating`))).toEqual([top2.id, top1.id, mid.id, low.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${town}&sort=newest`))).toEqual([top2.id, mid.id, top1.id, low.id]);
    expect(ids(await app.api.call("GET", `/providers?city=${town}`))).toEqual([top2.id, mid.id, top1.id, low.id]);
  });

  it("should page by cursor with no duplicates or gaps when providers are added between pages", async () => {
    const town = uniqueCity();
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await provider({ city: town })).id);
    const seen: number[] = [];
    let r = await app.api.call("GET", `/providers?city=${town}&limit=2`);
    seen.push(...ids(r));
    await provider({ city: town }); // newer than everything: belongs before page 1, must not shift later pages
    while (r.body.next_cursor) {
      r = await app.api.call("GET", `/providers?city=${town}&limit=2&cursor=${r.body.next_cursor}`);
      seen.push(...ids(r));
    }
    expect(seen).toEqual([...made].reverse());
  });

  it("should page by cursor when sorted by rating, ties included", async () => {
    const town = uniqueCity();
    const ratings = [200, 450, 450, 450, 100, 300];
    const made = [];
    for (const ratingAvg of ratings) made.push(await provider({ city: town, ratingAvg }));
    const expected = [...made].sort((x, y) => y.ratingAvg - x.ratingAvg || y.id - x.id).map((p) => p.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { body: { items: { id: number }[]; next_cursor: string | null } } = await app.api.call("GET", `/providers?city=${town}&sort=rating&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...ids(r));
      cursor = r.body.next_cursor;
      if (pages++ === 0) await provider({ city: town, ratingAvg: 450 }); // lands on an already-read page: skipped, no shift
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("should refuse an invalid cursor, or one from the other sort, with 400 INVALID_CURSOR", async () => {
    const bad = await app.api.call("GET", "/providers?cursor=not-a-cursor", { lang: "en" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "INVALID_CURSOR", errors: { cursor: expect.any(String) } });
    const newest = await app.api.call("GET", `/providers?city=${city}&limit=1`);
    const other = await app.api.call("GET", `/providers?city=${city}&limit=1&sort=rating&cursor=${newest.body.next_cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.code).toBe("INVALID_CURSOR");
  });

  it("should refuse a bad filter with the failing field", async () => {
    const r = await app.api.call("GET", "/providers?verified=maybe&limit=500", { lang: "en" });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.errors).sort()).toEqual(["limit", "verified"]);
  });
});

describe("GET /providers/{id}", () => {
  it("should show services, portfolio and the valid badge, and what the viewer follows and likes", async () => {
    const sub = await createSubcategory(t.db);
    const p = await provider({ displayName: "Fixit", bio: "Long bio ".repeat(40), yearsExperience: 7, acceptsUrgent: true, ratingAvg: 425 }, [sub]);
    const svc = await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: sub.id, title: "Pipe repair", priceFrom: 5000, priceTo: 15000, priceUnit: "per_visit" } });
    await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: sub.id, title: "Off", isActive: false } });
    await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: sub.id, title: "Gone", deletedAt: new Date() } });
    const item = await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Kitchen", imageKey: "portfolio/x.png", mimeType: "image/png" } });
    await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Removed", imageKey: "portfolio/y.png", mimeType: "image/png", deletedAt: new Date() } });
    const badge = async (expiresAt: Date, revokedAt: Date | null = null) => {
      const req = await t.db.verificationRequest.create({ data: { requesterId: p.userId, badgeType: "business", status: "approved" } });
      return t.db.verifiedBadge.create({ data: { userId: p.userId, requestId: req.id, badgeType: "business", expiresAt, revokedAt } });
    };
    await badge(new Date(Date.now() - 86400_000)); // expired
    await badge(new Date(Date.now() + 900 * 86400_000), new Date()); // revoked
    const valid = await badge(new Date(Date.now() + 300 * 86400_000));

    const anon = await app.api.call("GET", `/providers/${p.id}`);
    expect(anon.status).toBe(200);
    expect(anon.body).toMatchObject({
      id: p.id, display_name: "Fixit", bio: "Long bio ".repeat(40), years_experience: 7, accepts_urgent: true, rating: 4.25,
      subcategory_ids: [sub.id],
      services: [{ id: svc.id, subcategory_id: sub.id, title: "Pipe repair", description: null, price_from: 5000, price_to: 15000, currency: "SAR", price_unit: "per_visit" }],
      portfolio: [{ id: item.id, title: "Kitchen", description: null, image_url: `/api/v1/portfolio/${item.id}/image`, likes_count: 0, created_at: item.createdAt.toISOString() }],
      badge: { badge_type: "business", expires_at: valid.expiresAt.toISOString() },
    });
    expect(anon.body).not.toHaveProperty("followed_by_me");

    const viewer = await client();
    await app.api.call("POST", `/providers/${p.id}/follow`, { token: viewer.token });
    const seen = await app.api.call("GET", `/providers/${p.id}`, { token: viewer.token });
    expect(seen.body).toMatchObject({ followed_by_me: true, liked_by_me: false, followers_count: 1 });
  });

  it("should show no badge when there is none", async () => {
    const p = await provider();
    expect((await app.api.call("GET", `/providers/${p.id}`)).body.badge).toBeNull();
  });

  it("should answer 404 for a missing or deleted provider", async () => {
    const gone = await provider({ deletedAt: new Date() });
    for (const id of [gone.id, 99_999_999]) {
      const r = await app.api.call("GET", `/providers/${id}`, { lang: "en" });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ code: "NOT_FOUND", detail: "We could not find it." });
    }
  });
});

describe("follow and like", () => {
  it("should follow and unfollow idempotently with an exact counter", async () => {
    const p = await provider();
    const u = await client();
    const path = `/providers/${p.id}/follow`;
    for (let i = 0; i < 2; i++) {
      const r = await app.api.call("POST", path, { token: u.token });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ following: true, followers_count: 1 });
    }
    for (let i = 0; i < 2; i++) expect((await app.api.call("DELETE", path, { token: u.token })).body).toEqual({ following: false, followers_count: 0 });
    expect(await t.db.providerFollow.count({ where: { providerId: p.id } })).toBe(0);
  });

  it("should like and unlike a provider idempotently", async () => {
    const p = await provider();
    const u = await client();
    expect((await app.api.call("POST", `/providers/${p.id}/like`, { token: u.token })).body).toEqual({ liked: true, likes_count: 1 });
    expect((await app.api.call("POST", `/providers/${p.id}/like`, { token: u.token })).body).toEqual({ liked: true, likes_count: 1 });
    expect((await app.api.call("DELETE", `/providers/${p.id}/like`, { token: u.token })).body).toEqual({ liked: false, likes_count: 0 });
    expect((await app.api.call("DELETE", `/providers/${p.id}/like`, { token: u.token })).body).toEqual({ liked: false, likes_count: 0 });
  });

  it("should keep counters exact under parallel calls, repeated ones included", async () => {
    const p = await provider();
    const item = await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Work", imageKey: "portfolio/z.png", mimeType: "image/png" } });
    const users = await Promise.all(Array.from({ length: 8 }, () => client()));
    const calls = (method: string) =>
      users.flatMap((u) => [0, 1, 2].flatMap(() => [
        app.api.call(method, `/providers/${p.id}/follow`, { token: u.token }),
        app.api.call(method, `/providers/${p.id}/like`, { token: u.token }),
        app.api.call(method, `/portfolio/${item.id}/like`, { token: u.token }),
      ]));
    const on = await Promise.all(calls("POST"));
    expect(on.every((r) => r.status === 200)).toBe(true);
    let row = await t.db.providerProfile.findUniqueOrThrow({ where: { id: p.id } });
    expect([row.followersCount, row.likesCount]).toEqual([8, 8]);
    expect(await t.db.providerFollow.count({ where: { providerId: p.id } })).toBe(8);
    expect((await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: item.id } })).likesCount).toBe(8);

    const off = await Promise.all(calls("DELETE"));
    expect(off.every((r) => r.status === 200)).toBe(true);
    row = await t.db.providerProfile.findUniqueOrThrow({ where: { id: p.id } });
    expect([row.followersCount, row.likesCount]).toEqual([0, 0]);
    expect((await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: item.id } })).likesCount).toBe(0);
  });

  it("should like a portfolio item idempotently and 404 a deleted one", async () => {
    const p = await provider();
    const item = await t.db.providerPortfolioItem.create({ data: { providerId: p.id, title: "Work", imageKey: "portfolio/z.png", mimeType: "image/png" } });
    const u = await client();
    expect((await app.api.call("POST", `/portfolio/${item.id}/like`, { token: u.token })).body).toEqual({ liked: true, likes_count: 1 });
    expect((await app.api.call("POST", `/portfolio/${item.id}/like`, { token: u.token })).body).toEqual({ liked: true, likes_count: 1 });
    await t.db.providerPortfolioItem.update({ where: { id: item.id }, data: { deletedAt: new Date() } });
    expect((await app.api.call("POST", `/portfolio/${item.id}/like`, { token: u.token })).status).toBe(404);
  });

  it("should refuse following or liking yourself (422), anonymous calls (401) and unknown providers (404)", async () => {
    const p = await provider();
    const self = await app.api.call("POST", `/providers/${p.id}/follow`, { token: p.token, lang: "en" });
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({ code: "OWN_PROFILE", detail: "You cannot follow or like your own profile or work." });
    expect((await app.api.call("POST", `/providers/${p.id}/like`, { token: p.token })).status).toBe(422);
    expect((await app.api.call("POST", `/providers/${p.id}/follow`)).status).toBe(401);
    const u = await client();
    expect((await app.api.call("POST", "/providers/99999999/like", { token: u.token })).status).toBe(404);
  });
});

describe("PATCH /me/provider", () => {
  it("should replace categories and services, soft-delete unlisted services and audit the change", async () => {
    const [s1, s2, s3] = [await createSubcategory(t.db), await createSubcategory(t.db), await createSubcategory(t.db)];
    const p = await provider({ displayName: "Old name" }, [s1, s2]);
    const keep = await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: s1.id, title: "Keep me", description: "old" } });
    const drop = await t.db.providerService.create({ data: { providerId: p.id, subcategoryId: s2.id, title: "Drop me" } });

    const r = await app.api.call("PATCH", "/me/provider", {
      token: p.token,
      body: {
        display_name: "New name", city: "Jeddah", years_experience: 4, accepts_urgent: true,
        subcategory_ids: [s3.id, s2.id, s3.id],
        services: [
          { id: keep.id, subcategory_id: s2.id, title: "Kept and renamed", price_from: 1000, price_to: 1000, price_unit: "hourly" },
          { subcategory_id: s3.id, title: "Brand new", description: "fresh", price_from: 200 },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: p.id, display_name: "New name", city: "Jeddah", years_experience: 4, accepts_urgent: true });
    expect(r.body.subcategory_ids).toEqual([s2.id, s3.id].sort((x, y) => x - y));
    const created = await t.db.providerService.findFirstOrThrow({ where: { providerId: p.id, title: "Brand new" } });
    expect(r.body.services).toEqual([
      { id: keep.id, subcategory_id: s2.id, title: "Kept and renamed", description: null, price_from: 1000, price_to: 1000, currency: "SAR", price_unit: "hourly" },
      { id: created.id, subcategory_id: s3.id, title: "Brand new", description: "fresh", price_from: 200, price_to: null, currency: "SAR", price_unit: null },
    ]);
    expect((await t.db.providerService.findUniqueOrThrow({ where: { id: drop.id } })).deletedAt).not.toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "provider.update_self", entityId: String(p.id) } });
    expect(audit.changes).toMatchObject({ displayName: { before: "Old name", after: "New name" }, subcategoryIds: { after: [s2.id, s3.id].sort((x, y) => x - y) } });
    expect(await t.db.auditLog.count({ where: { action: "providerservice.delete", entityId: String(drop.id) } })).toBe(1);
  });

  it("should refuse invalid input with the failing fields", async () => {
    const sub = await createSubcategory(t.db);
    const p = await provider();
    const bad = await app.api.call("PATCH", "/me/provider", {
      token: p.token, lang: "en",
      body: { display_name: "x", services: [{ subcategory_id: sub.id, title: "Range", price_from: 500, price_to: 100 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.body.errors).sort()).toEqual(["display_name", "services.0.price_to"]);
    const extra = await app.api.call("PATCH", "/me/provider", { token: p.token, body: { is_verified: true } });
    expect(extra.status).toBe(400);
  });

  it("should refuse an unknown subcategory (422) and a service that is not the caller's (400)", async () => {
    const sub = await createSubcategory(t.db);
    const p = await provider();
    const other = await provider();
    const theirs = await t.db.providerService.create({ data: { providerId: other.id, subcategoryId: sub.id, title: "Theirs" } });
    const unknown = await app.api.call("PATCH", "/me/provider", { token: p.token, body: { subcategory_ids: [sub.id, 99_999_999] }, lang: "en" });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: "UNKNOWN_SUBCATEGORY", errors: { "subcategory_ids.1": "That service category does not exist." } });
    const stolen = await app.api.call("PATCH", "/me/provider", { token: p.token, body: { services: [{ id: theirs.id, subcategory_id: sub.id, title: "Mine now" }] } });
    expect(stolen.status).toBe(400);
    expect(Object.keys(stolen.body.errors)).toEqual(["services.0.id"]);
    expect((await t.db.providerService.findUniqueOrThrow({ where: { id: theirs.id } })).title).toBe("Theirs");
  });

  it("should refuse a client with 403 PROVIDER_ONLY", async () => {
    const u = await client();
    const r = await app.api.call("PATCH", "/me/provider", { token: u.token, body: { city: "Riyadh" } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe("PROVIDER_ONLY");
  });
});

describe("portfolio", () => {
  it("should upload a PNG, list it, serve the same bytes with their type, and find it in the document", async () => {
    const p = await provider();
    const r = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: "Bathroom", description: "Tiles", image_base64: PNG_A.toString("base64") } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ title: "Bathroom", description: "Tiles", likes_count: 0, image_url: `/api/v1/portfolio/${r.body.id}/image` });
    const row = await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(row.mimeType).toBe("image/png");
    expect(row.imageKey).toMatch(/^portfolio\/[\w-]+\.png$/);

    const img = await fetch(app.url + r.body.image_url);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG_A)).toBe(true);
    const op = app.api.operationFor("get", `/portfolio/${r.body.id}/image`);
    expect(op).toBe("/portfolio/{id}/image");
    expect(Object.keys((app.api.doc.paths[op!]!.get!.responses["200"]!.content ?? {}) as object)).toContain("image/png");

    const list = await app.api.call("GET", "/me/provider/portfolio", { token: p.token });
    expect(ids(list)).toEqual([r.body.id]);
    expect((await app.api.call("GET", `/providers/${p.id}`)).body.portfolio.map((i: { id: number }) => i.id)).toEqual([r.body.id]);
  });

  it("should serve an image only with the type its bytes have, never run or sniff it, and only from the portfolio folder", async () => {
    const p = await provider();
    const r = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: "Script in a PNG", image_base64: PNG_A.toString("base64") } });
    // A stored type that says HTML (as a panel form once could write) does not make it a page.
    await t.db.providerPortfolioItem.update({ where: { id: r.body.id }, data: { mimeType: "text/html" } });
    const img = await fetch(`${app.url}/api/v1/portfolio/${r.body.id}/image`);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(img.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(img.headers.get("content-disposition")).toMatch(/^inline; filename="/);
    // A key pointing elsewhere in storage is never served.
    await t.db.providerPortfolioItem.update({ where: { id: r.body.id }, data: { imageKey: "verification/secret.pdf" } });
    expect((await fetch(`${app.url}/api/v1/portfolio/${r.body.id}/image`)).status).toBe(404);
  });

  it("should refuse a non-image whatever it claims to be with 415 FILE_TYPE_NOT_ALLOWED", async () => {
    const p = await provider();
    for (const fake of [Buffer.from("just text pretending to be image.png"), Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")]) {
      const r = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, lang: "en", body: { title: "photo.png", image_base64: fake.toString("base64") } });
      expect(r.status).toBe(415);
      expect(r.body.code).toBe("FILE_TYPE_NOT_ALLOWED");
    }
    const notBase64 = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: "x", image_base64: "***" } });
    expect(notBase64.status).toBe(400);
    expect(Object.keys(notBase64.body.errors)).toEqual(["image_base64"]);
    expect(await t.db.providerPortfolioItem.count({ where: { providerId: p.id } })).toBe(0);
  });

  it("should replay an upload with the same Idempotency-Key instead of adding it twice", async () => {
    const p = await provider();
    const call = () => app.api.call("POST", "/me/provider/portfolio", { token: p.token, headers: { "idempotency-key": "upload-1" }, body: { title: "Once", image_base64: PNG_A.toString("base64") } });
    const first = await call();
    const again = await call();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.db.providerPortfolioItem.count({ where: { providerId: p.id } })).toBe(1);
  });

  it("should edit and replace the image of an own item, and answer 404 for another provider's", async () => {
    const p = await provider();
    const other = await provider();
    const made = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: "Before", image_base64: PNG_A.toString("base64") } });
    const itemId = made.body.id as number;

    const edited = await app.api.call("PATCH", `/me/provider/portfolio/${itemId}`, { token: p.token, body: { title: "After", image_base64: PNG_B.toString("base64") } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: itemId, title: "After" });
    const img = await fetch(app.url + edited.body.image_url);
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG_B)).toBe(true);

    expect((await app.api.call("PATCH", `/me/provider/portfolio/${itemId}`, { token: other.token, body: { title: "Mine" } })).status).toBe(404);
    expect((await app.api.call("DELETE", `/me/provider/portfolio/${itemId}`, { token: other.token })).status).toBe(404);
    expect(ids(await app.api.call("GET", "/me/provider/portfolio", { token: other.token }))).toEqual([]);
    expect((await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: itemId } })).title).toBe("After");
  });

  it("should soft-delete an own item, after which its image is 404", async () => {
    const p = await provider();
    const made = await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: "Temp", image_base64: PNG_A.toString("base64") } });
    expect((await app.api.call("DELETE", `/me/provider/portfolio/${made.body.id}`, { token: p.token })).status).toBe(204);
    expect((await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: made.body.id } })).deletedAt).not.toBeNull();
    expect((await app.api.call("DELETE", `/me/provider/portfolio/${made.body.id}`, { token: p.token })).status).toBe(404);
    const img = await app.api.call("GET", `/portfolio/${made.body.id}/image`, { lang: "en" });
    expect(img.status).toBe(404);
    expect(img.body.code).toBe("NOT_FOUND");
    expect(ids(await app.api.call("GET", "/me/provider/portfolio", { token: p.token }))).toEqual([]);
  });

  it("should page the own portfolio by cursor", async () => {
    const p = await provider();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await app.api.call("POST", "/me/provider/portfolio", { token: p.token, body: { title: `N${i}`, image_base64: PNG_A.toString("base64") } })).body.id);
    const one = await app.api.call("GET", "/me/provider/portfolio?limit=2", { token: p.token });
    const two = await app.api.call("GET", `/me/provider/portfolio?limit=2&cursor=${one.body.next_cursor}`, { token: p.token });
    expect([...ids(one), ...ids(two)]).toEqual([...made].reverse());
    expect(two.body.next_cursor).toBeNull();
  });
});
