/**
 * The streaming writers reports use (list exports format their lines in PostgreSQL and are
 * checked over HTTP in test/integration/exports.test.ts): neutralised formulas, RFC 4180 quoting,
 * BOM, and an XLSX that exceljs reads back with Arabic, numbers and a right-to-left sheet.
 */
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { neutralise, tableWriter, type Cell, type ExportFormat, type TableColumn } from "../../src/domains/reports/export-writers.js";

const columns: TableColumn[] = [
  { header: "name", kind: "text" },
  { header: "amount", kind: "money" },
  { header: "at", kind: "date" },
];
const rows: Cell[][] = [
  ["مزود الخدمة، الرياض", "115.00", "2026-11-05T10:00:00.000Z"],
  ["=1+2", "-5.50", null],
  ["+966500000000", "0.00", "2026-11-06T10:00:00.000Z"],
  ['say "hi"\nnext line', "1.25", null],
  ["@SUM(A1)", null, null],
  ["\tTab", "2.00", null],
  ["Bell\u0007 ring & <tag>", "3.00", null],
];

async function write(format: ExportFormat): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const w = tableWriter(format, out, columns, { rightToLeft: true, sheetName: "Report" });
  await w.write(rows.map((r) => [...r]));
  await w.end();
  return Buffer.concat(chunks);
}

describe("export writers", () => {
  it("should neutralise exactly the values a spreadsheet would run", () => {
    expect(["=A1", "+1", "-1", "@x", "\tx", "\rx"].map(neutralise)).toEqual(["'=A1", "'+1", "'-1", "'@x", "'\tx", "'\rx"]);
    expect(["A=1", "1+1", " =x", ""].map(neutralise)).toEqual(["A=1", "1+1", " =x", ""]);
  });

  it("should write CSV with a BOM, quoting and neutralised text, leaving numbers alone", async () => {
    const text = (await write("csv")).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("\r\n");
    const got = parse(text.slice(1)) as string[][];
    expect(got[0]).toEqual(["name", "amount", "at"]);
    expect(got.slice(1).map((r) => r[0])).toEqual(["مزود الخدمة، الرياض", "'=1+2", "'+966500000000", 'say "hi"\nnext line', "'@SUM(A1)", "'\tTab", "Bell\u0007 ring & <tag>"]);
    expect(got[2]![1]).toBe("-5.50");
  });

  it("should write an XLSX that reads back with Arabic, numbers as numbers and a right-to-left sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await write("xlsx")) as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Report");
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(["name", "amount", "at"]);
    expect(values[1]).toEqual(["مزود الخدمة، الرياض", 115, "2026-11-05T10:00:00.000Z"]);
    expect(values[2]).toEqual(["'=1+2", -5.5]);
    expect(values[5]![0]).toBe("'@SUM(A1)");
    // A control character XML cannot carry is dropped; markup characters survive as text.
    expect(values[7]).toEqual(["Bell ring & <tag>", 3]);
  });

  it("should drop characters XML cannot carry from raw sheet rows, even when a chunk cuts one in two", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const w = tableWriter("xlsx", out, [{ header: "name", kind: "text" }]);
    const line = Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>a\u0001b\uFFFEc\uFFFFd é</t></is></c></row>\n');
    const cut = line.indexOf(Buffer.from("\uFFFE")) + 1;
    await w.writeRaw(line.subarray(0, cut));
    await w.writeRaw(line.subarray(cut));
    await w.end();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    expect(wb.worksheets[0]!.getCell("A2").value).toBe("abcd é");
  });
});
