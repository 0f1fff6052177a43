/**
 * Invoice PDF: the QR payload, the formatting helpers, the bidi ordering of Arabic text, and real
 * renders read back through the fonts' ToUnicode maps (a small text extractor for pdfkit's
 * uncompressed output) and through the QR code's rectangles.
 */
import { readFileSync } from "node:fs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import {
  formatMoney,
  formatRate,
  formatRiyadhDate,
  invoiceQrPayload,
  paragraphDirection,
  renderInvoicePdf,
  resolveInvoiceFonts,
  visualPieces,
  woffToSfnt,
  type InvoicePdfData,
  type SellerInfo,
} from "../../src/domains/billing/invoice-pdf.js";
import { computeTotals } from "../../src/domains/billing/invoice-totals.js";
import { decodeZatcaTlv } from "../../src/domains/billing/zatca-qr.js";
import { DomainError } from "../../src/platform/errors.js";

const seller: SellerInfo = {
  nameAr: "شركة نوافذ لتقنية المعلومات",
  nameEn: "Nawafeth Information Technology Co.",
  vatNumber: "310122393500003",
  crNumber: "1010987654",
  address: {
    ar: { street: "طريق الملك فهد", district: "حي العليا", city: "الرياض" },
    en: { street: "King Fahd Road", district: "Al Olaya", city: "Riyadh" },
    postalCode: "12214",
  },
};

function invoice(lineCount = 2): InvoicePdfData {
  const specs = [
    { descriptionAr: "رسوم شارة التوثيق (سنة واحدة)", descriptionEn: "Verification badge fee (1 year)", quantity: 1, unitAmount: 20_000 },
    { descriptionAr: "إعلان مميز في الصفحة الرئيسية لمدة ٧ أيام", descriptionEn: "Featured home-page promotion, 7 days", quantity: 3, unitAmount: 33_333 },
  ];
  const lines = Array.from({ length: lineCount }, (_, i) => specs[i % 2]!);
  const t = computeTotals({ lines, discount: 5000, vatRateBp: 1500 });
  return {
    number: "NWF-2026-000123",
    issuedAt: new Date("2026-03-05T11:30:00Z"),
    dueAt: new Date("2026-03-12T11:30:00Z"),
    status: "issued",
    currency: "SAR",
    subtotal: t.subtotal,
    discount: t.discount,
    vat: t.vat,
    vatRateBp: 1500,
    total: t.total,
    lines: lines.map((l, i) => ({ ...l, amount: t.lineAmounts[i]! })),
    customer: { name: "عبدالله محمد العتيبي", phone: "+966501234567", email: "abdullah@example.com" },
  };
}

// ------------------------------------------------------------ a small text extractor

/** Text drawn in an uncompressed pdfkit PDF, one entry per TJ operator, decoded through ToUnicode. */
function extractText(pdf: Buffer): string[] {
  const src = pdf.toString("latin1");
  const objects = new Map<number, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]!);
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontObj: number) => {
    let map = cmaps.get(fontObj);
    if (map) return map;
    map = new Map();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj) ?? "");
    const cmap = ref ? (objects.get(Number(ref[1])) ?? "") : "";
    for (const m of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const start = parseInt(m[1]!, 16);
      [...m[3]!.matchAll(/<([0-9a-f]*)>/gi)].forEach((v, i) => map!.set(start + i, utf16(v[1]!)));
    }
    cmaps.set(fontObj, map);
    return map;
  };
  const fontRefs = new Map<string, number>();
  for (const m of src.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontRefs.set(m[1]!, Number(m[2]));
  const out: string[] = [];
  for (const body of objects.values()) {
    if (!/ Tf\n/.test(body)) continue;
    let font = "";
    for (const m of body.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1]) font = m[1];
      else {
        const map = cmapOf(fontRefs.get(font)!);
        const gids = [...m[2]!.matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g)!.map((g) => parseInt(g, 16)));
        out.push(gids.map((g) => map.get(g) ?? "\uFFFD").join(""));
      }
    }
  }
  return out;
}

// ------------------------------------------------------------ tests

describe("invoiceQrPayload", () => {
  it("should carry the seller's Arabic name, VAT number, issue time, total and VAT of the invoice", () => {
    const inv = invoice();
    expect(inv.total).toBe(132_249);
    expect(decodeZatcaTlv(invoiceQrPayload(inv, seller))).toEqual([
      { tag: 1, value: seller.nameAr },
      { tag: 2, value: "310122393500003" },
      { tag: 3, value: "2026-03-05T11:30:00Z" },
      { tag: 4, value: "1322.49" },
      { tag: 5, value: "172.50" },
    ]);
  });

  it("should refuse an invoice that was never issued", () => {
    expect(() => invoiceQrPayload({ ...invoice(), issuedAt: null }, seller)).toThrow(DomainError);
    expect(() => invoiceQrPayload({ ...invoice(), issuedAt: null }, seller)).toThrow(expect.objectContaining({ code: "INVOICE_NOT_ISSUED" }));
  });
});

describe("formatting", () => {
  it("should format money from halalas with grouping", () => {
    expect(formatMoney(123_450, "SAR")).toBe("1,234.50 SAR");
    expect(formatMoney(5, "SAR")).toBe("0.05 SAR");
    expect(formatMoney(0, "SAR")).toBe("0.00 SAR");
    expect(formatMoney(100_000_000, "SAR")).toBe("1,000,000.00 SAR");
    expect(formatMoney(-5000, "SAR")).toBe("-50.00 SAR");
  });

  it("should print VAT rates in percent", () => {
    expect(formatRate(1500)).toBe("15");
    expect(formatRate(1250)).toBe("12.5");
    expect(formatRate(5)).toBe("0.05");
    expect(formatRate(0)).toBe("0");
  });

  it("should print dates in Riyadh time", () => {
    expect(formatRiyadhDate(new Date("2026-12-31T21:30:00Z"))).toBe("2027-01-01 00:30");
    expect(formatRiyadhDate(new Date("2026-03-12T11:30:00Z"), false)).toBe("2026-03-12");
  });
});

describe("visualPieces (bidi)", () => {
  const texts = (s: string, dir: "ltr" | "rtl") => visualPieces(s, dir).map((p) => p.text);

  it("should take the paragraph direction from the first letter", () => {
    expect(paragraphDirection("رقم الفاتورة / Invoice number")).toBe("rtl");
    expect(paragraphDirection("Invoice number / رقم الفاتورة")).toBe("ltr");
    expect(paragraphDirection("2026-03-05 14:30", "rtl")).toBe("rtl");
  });

  it("should leave Latin text alone", () => {
    expect(texts("NWF-2026-000123", "ltr")).toEqual(["NWF-2026-000123"]);
    expect(texts("1,234.50 SAR", "ltr")).toEqual(["1,234.50", " ", "SAR"]);
  });

  it("should put Arabic words right to left, each in logical order for the shaper", () => {
    expect(texts("فاتورة ضريبية مبسطة", "rtl")).toEqual(["مبسطة", " ", "ضريبية", " ", "فاتورة"]);
  });

  it("should order mixed labels in both paragraph directions", () => {
    expect(texts("رقم الفاتورة / Invoice number", "rtl")).toEqual(["Invoice", " ", "number", " ", "/", " ", "الفاتورة", " ", "رقم"]);
    expect(texts("Invoice number / رقم الفاتورة", "ltr")).toEqual(["Invoice", " ", "number", " ", "/", " ", "الفاتورة", " ", "رقم"]);
  });

  it("should keep numbers left to right inside Arabic text, with their percent sign", () => {
    expect(texts("ضريبة القيمة المضافة 15%", "rtl")).toEqual(["15%", " ", "المضافة", " ", "القيمة", " ", "ضريبة"]);
    expect(texts("المبلغ: 1,234.50 SAR", "rtl")).toEqual(["SAR", " ", "1,234.50", " ", ":", "المبلغ"]);
    // Arabic-Indic digits are drawn one by one (fontkit would reverse them as Arabic script).
    expect(texts("لمدة ٧٠ يوما", "rtl")).toEqual(["يوما", " ", "٧", "٠", " ", "لمدة"]);
  });

  it("should mirror brackets in right-to-left text", () => {
    expect(texts("رسوم التوثيق (سنة واحدة)", "rtl")).toEqual(["(", "واحدة", " ", "سنة", ")", " ", "التوثيق", " ", "رسوم"]);
    expect(texts("Total (شامل الضريبة)", "ltr")).toEqual(["Total", " ", "(", "الضريبة", " ", "شامل", ")"]);
  });

  it("should tag each piece with the font file that has its glyphs", () => {
    expect(visualPieces("VAT / الضريبة", "ltr").map((p) => p.script)).toEqual(["la", "la", "la", "la", "ar"]);
  });
});

describe("renderInvoicePdf", () => {
  it("should use the Noto Sans Arabic files shipped in node_modules", () => {
    const fonts = resolveInvoiceFonts();
    expect(fonts.source).toBe("fontsource");
    expect(fonts.arabic.regular).toMatch(/noto-sans-arabic-arabic-400-normal\.woff$/);
    expect(fonts.latin.regular).toMatch(/noto-sans-arabic-latin-400-normal\.woff$/);
  });

  it("should unpack WOFF into a TrueType file once, keeping every table", () => {
    const woff = readFileSync(resolveInvoiceFonts().arabic.regular);
    const ttf = woffToSfnt(woff);
    expect(ttf.readUInt32BE(0)).toBe(woff.readUInt32BE(4)); // the sfnt flavour (0x00010000 for TrueType)
    expect(ttf.readUInt16BE(4)).toBe(woff.readUInt16BE(12));
    expect(ttf.length).toBeGreaterThanOrEqual(woff.readUInt32BE(16) - 3); // WOFF header: totalSfntSize
    const tags = Array.from({ length: ttf.readUInt16BE(4) }, (_, i) => ttf.toString("latin1", 12 + i * 16, 16 + i * 16));
    expect(tags).toEqual(expect.arrayContaining(["cmap", "glyf", "GSUB", "head"]));
    expect(woffToSfnt(ttf)).toBe(ttf); // not WOFF: unchanged
  });

  it("should render an English invoice with the number, seller, dates and totals", async () => {
    const pdf = await renderInvoicePdf(invoice(), seller, "en", { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const src = pdf.toString("latin1");
    expect(src).toContain("(Simplified Tax Invoice NWF-2026-000123)"); // document title
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/);
    const text = extractText(pdf);
    const joined = text.join(" ");
    expect(text).toContain("NWF-2026-000123");
    expect(text).toContain("310122393500003");
    expect(joined).toContain("Simplified Tax Invoice");
    expect(joined).toContain("Total incl. VAT");
    expect(joined).toContain("1,322.49 SAR");
    expect(joined).toContain("172.50 SAR");
    expect(joined).toContain("-50.00 SAR");
    expect(joined).toContain("VAT 15%");
    expect(joined).toContain("2026-03-05 14:30"); // issued 11:30 UTC, 14:30 in Riyadh
    expect(joined).toContain("Page 1 of 1");
  });

  it("should draw the QR code of the invoice's ZATCA payload, module for module", async () => {
    const inv = invoice();
    const src = (await renderInvoicePdf(inv, seller, "en", { compress: false })).toString("latin1");
    const { modules } = QRCode.create(invoiceQrPayload(inv, seller), { errorCorrectionLevel: "M" });
    const n = modules.size;
    const cell = 110 / (n + 2);
    const rects = [...src.matchAll(/^([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re$/gm)]
      .map((m) => m.slice(1, 5).map(Number) as [number, number, number, number])
      .filter(([, , , h]) => Math.abs(h - cell) < 0.01);
    const minX = Math.min(...rects.map((r) => r[0]));
    const minY = Math.min(...rects.map((r) => r[1]));
    const drawn = Array.from({ length: n }, () => Array<number>(n).fill(0));
    for (const [x, y, w] of rects) {
      const row = Math.round((y - minY) / cell);
      const col = Math.round((x - minX) / cell);
      for (let k = 0; k < Math.round(w / cell); k++) drawn[row]![col + k] = 1;
    }
    const expected = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => modules.get(r, c)));
    expect(drawn).toEqual(expected);
  });

  it("should render an Arabic invoice with Arabic glyphs from the embedded font", async () => {
    const pdf = await renderInvoicePdf(invoice(), seller, "ar", { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = extractText(pdf);
    expect(text).toContain("NWF-2026-000123");
    expect(text).toContain("1,322.49");
    // Shaped Arabic words map back to Arabic letters (in visual order, and Noto draws some dots as
    // separate glyphs, so the words cannot be matched literally).
    expect(text.filter((t) => /[\u0600-\u06FF]/.test(t)).length).toBeGreaterThan(40);
  });

  it("should compress by default", async () => {
    const [plain, packed] = await Promise.all([renderInvoicePdf(invoice(), seller, "en", { compress: false }), renderInvoicePdf(invoice(), seller, "en")]);
    expect(packed.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(packed.toString("latin1")).toContain("/FlateDecode");
    expect(packed.length).toBeLessThan(plain.length);
  });

  it("should continue the line table on a second page", async () => {
    const pdf = await renderInvoicePdf(invoice(40), seller, "en", { compress: false });
    const text = extractText(pdf);
    const joined = text.join(" ");
    const pages = Number(/Page 1 of (\d+)/.exec(joined)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(joined).toContain(`Page ${pages} of ${pages}`);
    expect(text.filter((t) => t === "Description")).toHaveLength(pages); // the header repeats
    expect(joined).toContain("40 3 333.33 SAR 999.99 SAR"); // the last line is there
    expect(joined.indexOf("Subtotal")).toBeGreaterThan(joined.indexOf(`Page ${pages - 1} of`)); // totals on the last page
  });

  it("should wrap long descriptions and cut words wider than the column", async () => {
    const inv = invoice(1);
    inv.lines[0] = { ...inv.lines[0]!, descriptionEn: `Reference ${"X".repeat(120)} end`, descriptionAr: "و".repeat(200) };
    const text = extractText(await renderInvoicePdf(inv, seller, "en", { compress: false }));
    const pieces = text.filter((t) => /^X+$/.test(t));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe("X".repeat(120));
  });

  it("should refuse to print a tax invoice for a placeholder or incomplete seller", async () => {
    for (const bad of [
      { ...seller, vatNumber: "300000000000003" },
      { ...seller, nameAr: "" },
      { nameAr: "نوافذ", nameEn: "Nawafeth", vatNumber: "310122393500003" },
    ]) {
      await expect(renderInvoicePdf(invoice(), bad as SellerInfo, "en"), JSON.stringify(bad)).rejects.toMatchObject({ code: "SELLER_NOT_CONFIGURED" });
    }
  });

  it("should refuse to print amounts that do not add up", async () => {
    await expect(renderInvoicePdf({ ...invoice(), total: 1 }, seller, "en")).rejects.toThrow(/do not add up/);
    const bad = invoice();
    bad.lines[0] = { ...bad.lines[0]!, amount: bad.lines[0]!.amount + 1 };
    await expect(renderInvoicePdf(bad, seller, "en")).rejects.toThrow(/do not add up/);
  });
});
