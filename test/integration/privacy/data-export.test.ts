/**
 * "Export my data": a user asks in the app, the job writes the ZIP, the app gets a signed link that
 * expires. The ZIP holds the user's own records in every section and the files they uploaded, and
 * nothing of the person they dealt with (whose marker is searched for in every entry's bytes).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, testPhone, type RunningApi } from "../../support/api-client.js";
import { createStaff, createSubcategory } from "../../support/factories.js";
import { fillAccount, newMarker, type FixtureAccount } from "../../support/privacy-fixture.js";
import { drainQueues } from "../../support/jobs.js";
import { manualClock } from "../../../src/platform/clock.js";
import { diskStorage, type Storage } from "../../../src/platform/storage.js";
import { buildDataExport, DATA_EXPORT_QUEUE } from "../../../src/domains/accounts/index.js";
import { handleDataExport } from "../../../jobs/privacy.job.js";

let t: TestDatabase;
let app: RunningApi;
let uploads: string;
let storage: Storage;
const clock = manualClock();
let a: FixtureAccount & { token: string };
let b: FixtureAccount & { token: string };

async function account(who: string, other?: { userId: number; providerId: number }, staffId = 0, subId = 0) {
  const login = await app.login(testPhone());
  await t.db.otp.deleteMany({ where: { phone: login.phone } });
  const counterpart = other ?? { userId: login.user.id, providerId: 0 };
  return { ...(await fillAccount(t.db, storage, { userId: login.user.id, phone: login.phone, marker: newMarker(who) }, counterpart, staffId, subId)), token: login.token };
}

beforeAll(async () => {
  t = await createTestDatabase();
  uploads = await mkdtemp(path.join(tmpdir(), "privacy-export-"));
  storage = diskStorage(uploads);
  app = await startApi(t, { UPLOADS_DIR: uploads, API_RATE_LIMIT_PER_MINUTE: "100000" }, { clock });
  const staff = await createStaff(t.db, "admin", "export-admin-pw");
  const sub = await createSubcategory(t.db);
  // B first, as its own counterpart's stand-in; then A deals with B (offers, messages, reviews both ways).
  const seedB = await app.login(testPhone());
  const bProfile = await t.db.providerProfile.create({ data: { userId: seedB.user.id, displayName: "B", city: "Riyadh" } });
  const stranger = await app.login(testPhone());
  const strangerProfile = await t.db.providerProfile.create({ data: { userId: stranger.user.id, displayName: "Stranger", city: "Riyadh" } });
  b = { ...(await fillAccount(t.db, storage, { userId: seedB.user.id, phone: seedB.phone, marker: newMarker("B") }, { userId: stranger.user.id, providerId: strangerProfile.id }, staff.id, sub.id)), token: seedB.token };
  a = await account("A", { userId: b.userId, providerId: bProfile.id }, staff.id, sub.id);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await rm(uploads, { recursive: true, force: true });
});

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

const runExportJobs = () => drainQueues(t.boss, [[DATA_EXPORT_QUEUE, (job) => handleDataExport({ ...t, storage, clock }, job.data)]]);

describe("exporting my data", () => {
  let id: number;
  let url: string;

  it("should queue one export per user at a time, and build it as a job", async () => {
    const first = await app.api.call("POST", "/me/export", { token: a.token });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "queued", download_url: null });
    id = first.body.id;
    const again = await app.api.call("POST", "/me/export", { token: a.token });
    expect(again.body.id).toBe(id);
    expect(await runExportJobs()).toBe(1);
    const ready = await app.api.call("GET", `/me/exports/${id}`, { token: a.token });
    expect(ready.body).toMatchObject({ status: "ready", file_count: 6 });
    expect(ready.body.download_url).toMatch(new RegExp(`^/api/v1/me/exports/${id}/download\\?exp=\\d+&sig=`));
    expect(new Date(ready.body.expires_at).getTime() - clock().getTime()).toBeCloseTo(24 * 3600_000, -4);
    url = ready.body.download_url;
    expect((await app.api.call("GET", `/me/exports/${id}`, { token: b.token })).status).toBe(404);
    // Built once, through the export's state machine (each move audited); a repeated job does nothing.
    const moves = await t.db.auditLog.findMany({ where: { entity: "DataExport", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(moves.map((m) => m.action)).toEqual(["account.data_export_requested", "data_export.start", "data_export.ready"]);
    expect(await buildDataExport({ ...t, storage, clock }, id)).toBeNull();
  });

  it("should hand out a ZIP with the user's own records in every section and their files, and nothing of anyone else", async () => {
    const res = await fetch(app.url + url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const names = [...entries.keys()];
    for (const section of ["profile", "requests", "offers", "messages", "reviews", "invoices", "tickets", "notifications", "verification", "promotions"]) {
      expect(names, section).toContain(`${section}.json`);
    }
    const text = (n: string) => entries.get(n)!.toString("utf8");
    for (const section of ["profile", "requests", "offers", "messages", "reviews", "tickets", "notifications", "verification", "promotions"]) {
      expect(text(`${section}.json`), section).toContain(a.marker);
    }
    expect(JSON.parse(text("profile.json"))).toMatchObject({ id: a.userId, phone: a.phone, email: `${a.marker.toLowerCase()}@example.com` });
    expect(JSON.parse(text("invoices.json")).invoices.map((i: { id: number }) => i.id)).toEqual([a.invoiceId]);
    const files = names.filter((n) => n.startsWith("files/"));
    expect(files).toHaveLength(6); // portfolio, request, message, promotion, ticket, verification (not the old export)
    for (const f of files) expect(entries.get(f)!.toString("latin1"), f).toContain(a.marker);
    // Nobody else's: B's marker and phone appear in no entry, JSON or file.
    for (const [name, bytes] of entries) {
      expect(bytes.toString("utf8").includes(b.marker), name).toBe(false);
      expect(bytes.toString("utf8").includes(b.phone), name).toBe(false);
    }
    // A's notification about B's act is A's: it is in; B's notification about A's act is B's: it is not.
    expect(JSON.parse(text("notifications.json")).every((n: { id: number }) => typeof n.id === "number")).toBe(true);
  });

  it("should leave no ZIP behind when the account is erased while its export is being built", async () => {
    const row = await t.db.dataExport.create({ data: { userId: b.userId } });
    const stored: string[] = [];
    // Erasure lands between the file being stored and the export being marked ready.
    const racing: Storage = {
      ...storage,
      async adopt(prefix, tempPath, ext) {
        const key = await storage.adopt(prefix, tempPath, ext);
        stored.push(key);
        await t.db.dataExport.delete({ where: { id: row.id } });
        return key;
      },
    };
    await expect(buildDataExport({ ...t, storage: racing, clock }, row.id)).rejects.toThrow();
    expect(stored).toHaveLength(1);
    await expect(storage.read(stored[0]!)).rejects.toThrow();
  });

  it("should refuse a forged or expired link", async () => {
    const forged = url.replace(/sig=[^&]+/, "sig=AAAA");
    expect((await app.api.call("GET", forged.replace("/api/v1", ""))).body.code).toBe("DATA_EXPORT_LINK_INVALID");
    clock.advance(25 * 3600_000);
    const late = await app.api.call("GET", url.replace("/api/v1", ""));
    expect(late.status).toBe(403);
    expect(late.body.code).toBe("DATA_EXPORT_LINK_EXPIRED");
    expect((await app.api.call("GET", `/me/exports/${id}`, { token: a.token })).body).toMatchObject({ status: "expired", download_url: null });
  });
});
