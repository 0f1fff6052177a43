/**
 * GET /app-version: the latest active release of a platform, the update decision for the
 * caller's version, release notes in the request's language, 404 without a release, 400 on bad input.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";

let t: TestDatabase;
let app: RunningApi;
beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.db.appVersion.deleteMany({});
});

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

async function release(data: Partial<Prisma.AppVersionCreateInput> & { version: string }) {
  return t.db.appVersion.create({ data: { platform: "ios", buildNumber: 1, minSupportedVersion: "1.0.0", ...data } });
}

const get = (query: string, lang?: "ar" | "en") => app.api.call("GET", `/app-version?${query}`, { lang });

describe("GET /app-version", () => {
  it("should return the active release with the latest releasedAt, ignoring inactive ones and other platforms", async () => {
    await release({ version: "1.0.0", buildNumber: 10, releasedAt: daysAgo(30) });
    const latest = await release({ version: "1.2.0", buildNumber: 12, minSupportedVersion: "1.1.0", releasedAt: daysAgo(2), releaseNotesEn: "Faster chat", releaseNotesAr: "محادثة أسرع" });
    await release({ version: "1.3.0", buildNumber: 13, releasedAt: daysAgo(1), isActive: false });
    await release({ version: "9.0.0", platform: "android", releasedAt: daysAgo(1) });
    const r = await get("platform=ios", "en");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      platform: "ios",
      latest_version: "1.2.0",
      latest_build: 12,
      min_supported_version: "1.1.0",
      force_update: false,
      update_available: false,
      release_notes: "Faster chat",
      released_at: latest.releasedAt.toISOString(),
    });
  });

  it("should force the update below the minimum supported version and only offer it above", async () => {
    await release({ version: "1.2.0", minSupportedVersion: "1.1.0" });
    const cases: [string, boolean, boolean][] = [
      ["1.0.5", true, true],
      ["1.1.0", false, true],
      ["1.2.0", false, false],
      ["1.10.0", false, false],
    ];
    for (const [current, force, available] of cases) {
      const r = await get(`platform=ios&current_version=${current}`);
      expect([current, r.body.force_update, r.body.update_available]).toEqual([current, force, available]);
    }
  });

  it("should force every version below a latest release marked as a forced update", async () => {
    await release({ version: "2.0.0", platform: "android", minSupportedVersion: "1.0.0", isForcedUpdate: true });
    expect((await get("platform=android&current_version=1.9.9")).body).toMatchObject({ force_update: true, update_available: true });
    expect((await get("platform=android&current_version=2.0")).body).toMatchObject({ force_update: false, update_available: false });
    expect((await get("platform=android")).body).toMatchObject({ force_update: false, update_available: false });
  });

  it("should give release notes in the request's language and fall back to the other one", async () => {
    await release({ version: "1.0.0", releaseNotesAr: "إصلاحات", releaseNotesEn: null });
    expect((await get("platform=ios", "en")).body.release_notes).toBe("إصلاحات");
    expect((await get("platform=ios", "ar")).body.release_notes).toBe("إصلاحات");
    await t.db.appVersion.updateMany({ data: { releaseNotesAr: null, releaseNotesEn: "Fixes" } });
    expect((await get("platform=ios", "ar")).body.release_notes).toBe("Fixes");
    await t.db.appVersion.updateMany({ data: { releaseNotesEn: null } });
    expect((await get("platform=ios", "en")).body.release_notes).toBeNull();
  });

  it("should answer 404 when the platform has no active release", async () => {
    await release({ version: "1.0.0", platform: "android", isActive: false });
    const r = await get("platform=android", "en");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: "NOT_FOUND", detail: "We could not find it." });
  });

  it("should answer 400 for an unknown platform, a missing one or a version that is not dotted numeric", async () => {
    await release({ version: "1.0.0" });
    for (const q of ["platform=web", "", "platform=ios&current_version=1.2.x", "platform=ios&current_version=abc", "platform=ios&current_version=1.2.3-beta"]) {
      const r = await get(q, "en");
      expect([q, r.status, r.body.code]).toEqual([q, 400, "VALIDATION_FAILED"]);
    }
    const r = await get("platform=ios&current_version=1..2", "en");
    expect(Object.keys(r.body.errors)).toEqual(["current_version"]);
  });
});
