/**
 * Invoice PDF: the QR payload, the formatting helpers, the bidi ordering of Arabic text, and real
 * renders read back through the fonts' ToUnicode maps (a small text extractor for pdfkit's
 * uncompressed output) and through the QR code's rectangles.
 */
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import {
  formatMoney,
  formatRate,
  formatRiyadhDate,
  invoiceQrPayload,
  renderInvoicePdf,
  sellerAddress,
  type InvoicePdfData,
  type SellerInfo,
} from "../../src/domains/billing/invoice-pdf.js";
import { pdfFonts } from "../../src/platform/pdf/fonts.js";
import { pdfText } from "../support/pdf-text.js";
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
      // A ligature's entry holds several code units, space-separated: <0644 0627>.
      [...m[3]!.matchAll(/<([0-9a-f\s]*)>/gi)].forEach((v, i) => map!.set(start + i, utf16(v[1]!.replace(/\s+/g, ""))));
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

describe("renderInvoicePdf", () => {
  it("should use font files shipped in npm packages, not the system's", () => {
    const fonts = pdfFonts();
    expect(fonts.arabic.regular).toMatch(/node_modules\/@embedpdf\/fonts-arabic\/fonts\/NotoNaskhArabic-Regular\.ttf$/);
    expect(fonts.arabic.bold).toMatch(/NotoNaskhArabic-Bold\.ttf$/);
    expect(fonts.latin.regular).toMatch(/node_modules\/@fontsource\/noto-sans-arabic\/files\/noto-sans-arabic-latin-400-normal\.woff$/);
  });

  it("should render an English invoice with the number, seller, dates and totals", async () => {
    const pdf = await renderInvoicePdf(invoice(), seller, "en", { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const src = pdf.toString("latin1");
    expect(src).toContain("(Simplified Tax Invoice NWF-2026-000123)"); // document title
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/); // the Latin subset of Noto Sans Arabic
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoNaskhArabic/);
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

  it("should draw each Arabic run with glyphs that map back to its letters", async () => {
    const pdf = await renderInvoicePdf(invoice(), seller, "ar", { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = extractText(pdf);
    expect(text).toContain("NWF-2026-000123");
    expect(text).toContain("1,322.49 SAR");
    // A right-to-left run is drawn in visual order, a ligature's letters too: read backwards, it
    // is the invoice's text, lam-alef (الإصدار) and joined forms included.
    const arabic = text.filter((t) => /[\u0600-\u06FF]/.test(t)).map((t) => [...t].reverse().join(""));
    for (const run of ["فاتورة ضريبية مبسطة", "شركة نوافذ لتقنية المعلومات", "عبدالله محمد العتيبي", "تاريخ الإصدار", "البريد الإلكتروني", "الإجمالي شامل الضريبة", "سنة واحدة"]) {
      expect(arabic, run).toContain(run);
    }
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
    const pieces = text.flatMap((t) => t.match(/X+/g) ?? []);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe("X".repeat(120));
  });

  it("should print the seller's address in both languages", () => {
    expect(sellerAddress({ ...seller, address: { ...seller.address, buildingNumber: "7421" } }, "en")).toBe("7421 King Fahd Road, Al Olaya, Riyadh 12214");
    expect(sellerAddress(seller, "ar")).toBe("طريق الملك فهد، حي العليا، الرياض 12214");
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

/** Every Arabic word of a text, without the punctuation around it. */
const arabicWords = (text: string) => text.split(/[\s()/،,:]+/u).filter((w) => /[\u0621-\u064A]/u.test(w));
/** A whole Arabic word in extracted text: not part of a longer run of Arabic letters. */
const hasWord = (text: string, word: string) => new RegExp(`(?<![\\u0621-\\u0652])${word}(?![\\u0621-\\u0652])`, "u").test(text);

describe("the text layer, as pdftotext reads it", () => {
  // What the invoice prints in Arabic: labels, seller, customer, lines, status.
  const printedArabic = (inv: InvoicePdfData) => [
    "فاتورة ضريبية مبسطة", "البائع", "الرقم الضريبي", "السجل التجاري", "الفاتورة", "رقم الفاتورة", "تاريخ الإصدار", "تاريخ الاستحقاق", "الحالة", "صادرة",
    "العميل", "الجوال", "البريد الإلكتروني", "الوصف", "الكمية", "سعر الوحدة", "المبلغ", "المجموع الفرعي", "الخصم", "المبلغ الخاضع للضريبة",
    "ضريبة القيمة المضافة", "الإجمالي شامل الضريبة", seller.nameAr, sellerAddress(seller, "ar"), inv.customer.name, ...inv.lines.map((l) => l.descriptionAr),
  ];

  for (const lang of ["ar", "en"] as const) {
    it(`should give back the invoice's words and amounts exactly (${lang === "ar" ? "Arabic" : "English"} invoice)`, async () => {
      const inv = invoice();
      const text = await pdfText(await renderInvoicePdf(inv, seller, lang));
      // The words the issue names, whole: فاتورة was "فايورة" and نوافذ "ئوافذ" before.
      for (const w of ["فاتورة", "ضريبية", "مبسطة", "نوافذ", "الإصدار", "الإلكتروني", "الإجمالي"]) expect(hasWord(text, w), w).toBe(true);
      expect(text).toContain("فاتورة ضريبية مبسطة");
      expect(text).toContain(seller.nameAr);
      expect(text).toContain("عبدالله محمد العتيبي");
      expect(text).toContain("رسوم شارة التوثيق (سنة واحدة)"); // mirrored brackets read back as written
      const missing = [...new Set(printedArabic(inv).flatMap(arabicWords))].filter((w) => !hasWord(text, w));
      expect(missing).toEqual([]);
      for (const amount of ["1,322.49 SAR", "172.50 SAR", "-50.00 SAR", "1,149.99 SAR", "1,199.99 SAR", "999.99 SAR", "333.33 SAR", "200.00 SAR"]) expect(text, amount).toContain(amount);
      for (const s of ["Simplified Tax Invoice", "NWF-2026-000123", "310122393500003", "1010987654", "2026-03-05 14:30", "Total incl. VAT", "VAT 15%", seller.nameEn, "Featured home-page promotion, 7 days", "abdullah@example.com", "+966501234567"]) {
        expect(text, s).toContain(s);
      }
      expect(text).toContain(lang === "ar" ? "ضريبة القيمة المضافة VAT 15% / 15%" : "ضريبة القيمة المضافة VAT 15% / 15%");
    });
  }
});
