/**
 * Exports of panel lists, over HTTP as staff use them: the file holds exactly the rows the list
 * shows for the same filters (a relation and a search), sort and columns the role may read;
 * formulas are neutralised; Arabic survives XLSX; each export is audited; a large export runs as
 * a job with progress, downloads, and expires.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type pg from "pg";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { createPgPool } from "../../src/platform/database/pg-pool.js";
import { logger } from "../../src/platform/logger.js";
import { diskStorage } from "../../src/platform/storage.js";
import { expireExportFiles, runExportJob } from "../../src/domains/reports/index.js";
import { exportPlanner } from "../../admin/exports.js";

let t: TestDatabase;
let app: RunningApp;
let pool: pg.Pool;
const PASSWORD = "export-test-password";
const agents: Record<"management" | "support" | "admin", AdminAgent> = {} as never;
const ids: Record<"management" | "support" | "admin", number> = {} as never;
let sub1: number;
let sub2: number;
const storage = diskStorage(path.resolve(".data/test/uploads"));

const TITLES = ["طلب سباكة عاجل", "=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1:A2)", "-5 discount", "@cmd", "\tTabbed", "\rCarriage", "طلب كهرباء", "Paint the wall", "طلب نجارة"];

/** Binary body of a supertest response (XLSX). */
const binary = (res: { body: unknown }) => res.body as Buffer;
const asBuffer = (agent: AdminAgent, url: string) =>
  agent.get(url).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => cb(null, Buffer.concat(chunks)));
  });

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  pool = createPgPool(t.url, { max: 2, log: logger("silent"), name: "test-exports" });
  for (const role of ["management", "support", "admin"] as const) {
    const u = await createStaff(t.db, role, PASSWORD);
    ids[role] = u.id;
    agents[role] = await signIn(app.url, u.email!, PASSWORD);
  }
  const client = await createUser(t.db);
  sub1 = (await createSubcategory(t.db)).id;
  sub2 = (await createSubcategory(t.db)).id;
  // 40 requests over two subcategories; titles repeat the list above (Arabic, formulas).
  await t.db.serviceRequest.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      title: `${TITLES[i % TITLES.length]!}`,
      description: `وصف ${i}`,
      subcategoryId: i % 3 === 0 ? sub2 : sub1,
      clientId: client.id,
      city: "Riyadh",
      address: `Street ${i}`,
      budgetMin: 1000 + i,
      createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), 8, 0, 0)),
    })),
  });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await app?.close();
  await t?.close();
});

const LIST_QUERY = { "filters.subcategory": "", "filters.title": "طلب", sortBy: "createdAt", direction: "asc" };
const query = (extra: Record<string, string> = {}) => new URLSearchParams({ ...LIST_QUERY, "filters.subcategory": String(sub1), ...extra }).toString();

async function listIds(agent: AdminAgent, q: string): Promise<number[]> {
  const res = await agent.get(`/admin/api/resources/ServiceRequest/actions/list?${q}&perPage=500`);
  expect(res.status).toBe(200);
  return (res.body.records as { params: { id: number } }[]).map((r) => Number(r.params.id));
}

describe("list exports", () => {
  it("should export exactly the rows the list shows for a relation filter, a search and a sort (CSV)", async () => {
    const listed = await listIds(agents.management, query());
    expect(listed.length).toBeGreaterThan(3);
    const res = await agents.management.get(`/admin/exports/ServiceRequest.csv?${query()}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.id))).toEqual(listed);
    expect(rows.every((r) => r.title!.includes("طلب") && Number(r.subcategoryId) === sub1)).toBe(true);
    // Dates ISO, money as decimal amounts with a currency column.
    expect(rows[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(rows[0]!.budgetMin).toMatch(/^\d+\.\d{2}$/);
    expect(rows[0]!.currency).toBe("SAR");
  });

  it("should export exactly the rows of the list's search box (client's name) and of an any-of filter", async () => {
    const client = await createUser(t.db, { fullName: "Searchable Exporter", phone: "+966512349876" });
    await t.db.serviceRequest.createMany({ data: [1, 2, 3].map((i) => ({ title: `Export search ${i}`, description: "d", subcategoryId: sub2, clientId: client.id, city: "Jeddah" })) });
    for (const q of [
      new URLSearchParams({ "filters.search": "searchable exporter", sortBy: "id", direction: "desc" }),
      new URLSearchParams({ "filters.search": "0512349876", "filters.city": "Jeddah", sortBy: "id", direction: "asc" }),
      new URLSearchParams({ "filters.subcategory": `${sub1},${sub2}`, sortBy: "id", direction: "asc" }),
    ]) {
      const listed = await listIds(agents.management, q.toString());
      expect(listed.length).toBeGreaterThan(2);
      const res = await agents.management.get(`/admin/exports/ServiceRequest.csv?${q}`);
      expect(res.status, `${q}: ${res.text}`).toBe(200);
      const rows = parse(res.text.slice(1), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => Number(r.id))).toEqual(listed);
    }
  });

  it("should sort by the column's value, not its text (ids past 9, both directions, both formats)", async () => {
    for (const direction of ["asc", "desc"] as const) {
      const q = new URLSearchParams({ "filters.subcategory": String(sub1), sortBy: "id", direction }).toString();
      const listed = await listIds(agents.management, q);
      expect(listed.some((id) => id > 9) && listed.some((id) => id < 10)).toBe(true);
      const csv = await agents.management.get(`/admin/exports/ServiceRequest.csv?${q}`);
      expect((parse(csv.text.slice(1), { columns: true }) as Record<string, string>[]).map((r) => Number(r.id))).toEqual(listed);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(binary(await asBuffer(agents.management, `/admin/exports/ServiceRequest.xlsx?${q}`)) as never);
      const ids: number[] = [];
      wb.worksheets[0]!.eachRow((row, n) => void (n > 1 && ids.push(Number(row.getCell(1).value))));
      expect(ids).toEqual(listed);
    }
  });

  it("should neutralise values a spreadsheet would run as formulas", async () => {
    const q = new URLSearchParams({ "filters.subcategory": String(sub1), sortBy: "id", direction: "asc" }).toString();
    const res = await agents.admin.get(`/admin/exports/ServiceRequest.csv?${q}`);
    const rows = parse(res.text.slice(1), { columns: true, relax_quotes: true }) as Record<string, string>[];
    const titles = new Set(rows.map((r) => r.title));
    for (const bad of ["=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1:A2)", "-5 discount", "@cmd", "\tTabbed", "\rCarriage"]) {
      expect(titles.has(`'${bad}`)).toBe(true);
      expect(titles.has(bad)).toBe(false);
    }
    // Numbers are not text: a negative amount would stay a number (only text columns are touched).
    expect(rows.every((r) => /^\d+\.\d{2}$/.test(r.budgetMin!))).toBe(true);
  });

  it("should round-trip Arabic through XLSX and give the same rows as the list", async () => {
    const listed = await listIds(agents.management, query());
    const res = await asBuffer(agents.management, `/admin/exports/ServiceRequest.xlsx?${query()}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(binary(res) as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf("id") + 1;
    const titleCol = header.indexOf("title") + 1;
    const got: number[] = [];
    const titles: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      got.push(Number(row.getCell(idCol).value));
      titles.push(String(row.getCell(titleCol).value));
    });
    expect(got).toEqual(listed);
    const expected = await t.db.serviceRequest.findMany({ where: { id: { in: listed } }, select: { id: true, title: true } });
    const byId = new Map(expected.map((r) => [r.id, r.title]));
    expect(titles).toEqual(listed.map((id) => byId.get(id)));
    expect(titles).toContain("طلب سباكة عاجل");
  });

  it("should keep line breaks, quotes and markup in both formats, drop what XML cannot carry, and count every row", async () => {
    const client = await createUser(t.db);
    const sub = (await createSubcategory(t.db)).id;
    const tricky = ['two\nlines, "quoted"', "CR\r\nLF", "Bell\u0007 & <tag> ]]>", "odd \uFFFE\uFFFF end", "back\\slash 'single'", "  padded  "];
    await t.db.serviceRequest.createMany({ data: tricky.map((title) => ({ title, description: "d", subcategoryId: sub, clientId: client.id, city: "Riyadh" })) });
    const q = new URLSearchParams({ "filters.subcategory": String(sub), sortBy: "id", direction: "asc" }).toString();

    const csv = await agents.management.get(`/admin/exports/ServiceRequest.csv?${q}`);
    expect((parse(csv.text.slice(1), { columns: true }) as Record<string, string>[]).map((r) => r.title)).toEqual(tricky);
    const audit = await t.db.auditLog.findFirst({ where: { action: "export.download", actorId: ids.management }, orderBy: { id: "desc" } });
    expect((audit!.changes as { _meta: { rows: number } })._meta.rows).toBe(tricky.length);

    const xlsx = await asBuffer(agents.management, `/admin/exports/ServiceRequest.xlsx?${q}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(binary(xlsx) as never);
    const sheet = wb.worksheets[0]!;
    const titleCol = (sheet.getRow(1).values as unknown[]).slice(1).indexOf("title") + 1;
    const titles: string[] = [];
    sheet.eachRow((row, n) => void (n > 1 && titles.push(String(row.getCell(titleCol).value))));
    expect(titles).toEqual(['two\nlines, "quoted"', "CR\r\nLF", "Bell & <tag> ]]>", "odd  end", "back\\slash 'single'", "  padded  "]);
  });

  it("should leave out the columns the role may not read", async () => {
    const m = await agents.management.get(`/admin/exports/ServiceRequest.csv?${query()}`);
    const s = await agents.support.get(`/admin/exports/ServiceRequest.csv?${query()}`);
    const headerOf = (text: string) => (parse(text.slice(1), { to_line: 1 }) as string[][])[0]!;
    expect(headerOf(m.text)).not.toContain("address");
    expect(headerOf(s.text)).toContain("address");
    const users = await agents.management.get(`/admin/exports/User.csv`);
    expect(users.status).toBe(200);
    const userHeader = headerOf(users.text);
    for (const hidden of ["phone", "email", "passwordHash"]) expect(userHeader).not.toContain(hidden);
    expect((parse((await agents.admin.get(`/admin/exports/User.csv`)).text.slice(1), { to_line: 1 }) as string[][])[0]).toContain("phone");
    // No export of a list the role may not read.
    expect((await agents.support.get(`/admin/exports/Invoice.csv`)).status).toBe(403);
  });

  it("should write an audit row per export: who, which list, filters, rows", async () => {
    const before = await t.db.auditLog.count({ where: { action: "export.download", actorId: ids.management } });
    const res = await agents.management.get(`/admin/exports/ServiceRequest.csv?${query()}`);
    const rows = (parse(res.text.slice(1), { columns: true }) as unknown[]).length;
    const audit = await t.db.auditLog.findFirst({ where: { action: "export.download", actorId: ids.management }, orderBy: { id: "desc" } });
    expect(await t.db.auditLog.count({ where: { action: "export.download", actorId: ids.management } })).toBe(before + 1);
    expect(audit).toMatchObject({ entity: "ServiceRequest", actorType: "staff" });
    const meta = (audit!.changes as { _meta: { rows: number; format: string; filters: Record<string, string> } })._meta;
    expect(meta).toMatchObject({ rows, format: "csv", filters: { subcategory: String(sub1), title: "طلب" } });
  });

  it("should answer the export drawer with the list's count and the readable columns", async () => {
    const res = await agents.management.get(`/admin/api/resources/ServiceRequest/actions/export?${query()}`);
    expect(res.status).toBe(200);
    expect(res.body.rows).toBe((await listIds(agents.management, query())).length);
    expect(res.body.limit).toBe(5000);
    expect(res.body.columns).toContain("title");
    expect(res.body.columns).not.toContain("address");
  });
});

describe("export jobs", () => {
  it("should mark a job that cannot be built failed, through its state machine, and never run it again", async () => {
    const job = await t.db.exportJob.create({
      data: { requestedById: ids.management, resource: "ServiceRequest", format: "csv", params: { where: {}, sort: { by: "id", direction: "desc" }, filters: {}, fields: ["id"], lang: "en" } as never, totalRows: 1 },
    });
    const broken = async () => {
      throw new Error("no such list");
    };
    await expect(runExportJob({ ...t, storage, pool }, job.id, broken)).rejects.toThrow("no such list");
    expect(await t.db.exportJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", error: "no such list", storageKey: null });
    const moves = await t.db.auditLog.findMany({ where: { entity: "ExportJob", entityId: String(job.id) }, orderBy: { id: "asc" } });
    expect(moves.map((m) => m.action)).toEqual(["export.start", "export.fail"]);
    expect(await runExportJob({ ...t, storage, pool }, job.id, exportPlanner(t.db))).toBeNull();
  });

  it("should run a large export as a job with progress, download it, then expire it", async () => {
    await t.db.setting.upsert({ where: { key: "export_stream_max_rows" }, create: { key: "export_stream_max_rows", value: 100 }, update: { value: 100 } });
    const client = await createUser(t.db);
    await t.db.serviceRequest.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ title: `طلب رقم ${i}`, description: "d", subcategoryId: sub2, clientId: client.id, city: "Jeddah" })) });
    const q = new URLSearchParams({ "filters.subcategory": String(sub2), sortBy: "id", direction: "asc" }).toString();
    const total = await t.db.serviceRequest.count({ where: { subcategoryId: sub2, deletedAt: null } });
    expect(total).toBeGreaterThan(100);

    // Too large to stream: the drawer offers a job and the direct download refuses.
    const drawer = await agents.management.get(`/admin/api/resources/ServiceRequest/actions/export?${q}`);
    expect(drawer.body).toMatchObject({ rows: total, limit: 100 });
    expect((await agents.management.get(`/admin/exports/ServiceRequest.csv?${q}`)).status).toBe(409);

    const started = await agents.management.post(`/admin/api/resources/ServiceRequest/actions/export?${q}`).send({ format: "xlsx" });
    expect(started.status).toBe(200);
    const jobId = started.body.job.id as number;
    expect(await t.db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "queued", totalRows: total, resource: "ServiceRequest", format: "xlsx", requestedById: ids.management });

    // The worker's handler, with small progress steps so progress is written along the way.
    const progress: number[] = [];
    const queued = await t.boss.fetch("exports-run");
    expect((queued![0]!.data as { exportJobId: number }).exportJobId).toBe(jobId);
    await runExportJob({ ...t, storage, pool }, jobId, exportPlanner(t.db), { progressRows: 50, onProgress: (n) => progress.push(n) });
    await t.boss.complete("exports-run", queued![0]!.id);
    expect(progress).toEqual([50, 100, 150, 200].filter((n) => n < total));
    const done = await t.db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(done).toMatchObject({ status: "completed", rowCount: total, rowsDone: total });
    expect(done.expiresAt!.getTime() - done.finishedAt!.getTime()).toBe(24 * 3_600_000);

    const after = await agents.management.get(`/admin/api/resources/ServiceRequest/actions/export?${q}`);
    expect(after.body.jobs[0]).toMatchObject({ id: jobId, status: "completed", percent: 100 });

    const file = await asBuffer(agents.management, `/admin/exports/jobs/${jobId}/file`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(binary(file) as never);
    expect(wb.worksheets[0]!.rowCount).toBe(total + 1);
    // Only whoever asked downloads it.
    expect((await agents.admin.get(`/admin/exports/jobs/${jobId}/file`)).status).toBe(404);
    expect(await t.db.auditLog.findFirst({ where: { action: "export.job", entityId: String(jobId) } })).toMatchObject({ actorId: ids.management, entity: "ServiceRequest" });

    // Past its time the file is deleted and the link answers "expired".
    await t.db.exportJob.update({ where: { id: jobId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireExportFiles({ ...t, storage })).toBe(1);
    await expect(storage.read(done.storageKey!)).rejects.toThrow();
    expect(await t.db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "expired", storageKey: null });
    // Each status change went through the job's state machine, with its audit row.
    const moves = await t.db.auditLog.findMany({ where: { entity: "ExportJob", entityId: String(jobId) }, orderBy: { id: "asc" } });
    expect(moves.map((m) => [m.action, (m.changes as { status?: { after: string } }).status?.after])).toEqual([
      ["export.start", "running"], ["export.complete", "completed"], ["export.expire", "expired"],
    ]);
    // The file's storage key is a secret: the trail says it changed, never what it is.
    expect(moves[1]!.changes).toMatchObject({ storageKey: { before: null, after: "[redacted]" } });
    expect(JSON.stringify(moves.map((m) => m.changes))).not.toContain(done.storageKey!);
    // A redelivered run of a job that ran already does nothing; so does one for a job that is gone.
    expect(await runExportJob({ ...t, storage, pool }, jobId, exportPlanner(t.db))).toBeNull();
    expect(await runExportJob({ ...t, storage, pool }, 999_999, exportPlanner(t.db))).toBeNull();
    expect((await agents.management.get(`/admin/exports/jobs/${jobId}/file`)).status).toBe(410);
  }, 60_000);
});
