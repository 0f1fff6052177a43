/**
 * Bidi text on PDF pages (src/platform/pdf): the visual order bidi-js gives a line, the runs handed
 * to fontkit, and — through pdftotext — that every Arabic letter in every joining form, and the
 * lam-alef ligatures, read back as written with the fonts the app ships.
 */
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { BidiText, isolate, paragraphDirection, visualRuns } from "../../src/platform/pdf/bidi-text.js";
import { pdfFonts } from "../../src/platform/pdf/fonts.js";
import { pdfText } from "../support/pdf-text.js";

const texts = (s: string, dir: "ltr" | "rtl") => visualRuns(s, dir).map((r) => r.text);

describe("paragraphDirection", () => {
  it("should take the direction of the first strong letter outside isolates", () => {
    expect(paragraphDirection("رقم الفاتورة / Invoice number")).toBe("rtl");
    expect(paragraphDirection("Invoice number / رقم الفاتورة")).toBe("ltr");
    expect(paragraphDirection("2026-03-05 14:30", "rtl")).toBe("rtl");
    expect(paragraphDirection(`${isolate("صادرة")} / ${isolate("Issued")}`, "ltr")).toBe("ltr");
  });
});

describe("visualRuns", () => {
  it("should leave Latin text alone", () => {
    expect(visualRuns("NWF-2026-000123", "ltr")).toEqual([{ text: "NWF-2026-000123", font: "latin", shaped: false }]);
    expect(texts("-50.00 SAR", "ltr")).toEqual(["-50.00 SAR"]);
  });

  it("should hand fontkit a right-to-left Arabic run in logical order, as one piece", () => {
    expect(visualRuns("فاتورة ضريبية مبسطة", "rtl")).toEqual([{ text: "فاتورة ضريبية مبسطة", font: "arabic", shaped: true }]);
  });

  it("should order mixed labels in both paragraph directions", () => {
    expect(texts("رقم الفاتورة / Invoice number", "rtl")).toEqual(["Invoice number / ", "رقم الفاتورة"]);
    expect(texts("Invoice number / رقم الفاتورة", "ltr")).toEqual(["Invoice number / ", "رقم الفاتورة"]);
  });

  it("should keep numbers left to right inside Arabic text", () => {
    // Read right to left: the label, the amount, the currency (a number after Arabic letters is an Arabic number).
    expect(texts("المبلغ 1,234.50 SAR", "rtl")).toEqual(["SAR 1,234.50 ", "المبلغ"]);
    // Arabic-Indic digits stay in the Arabic run: fontkit reverses them back into visual order.
    expect(visualRuns("لمدة ٧٠ يوما", "rtl")).toEqual([{ text: "لمدة ٠٧ يوما", font: "arabic", shaped: true }]);
    // A rate isolated left to right keeps its percent sign after the number.
    expect(texts("ضريبة القيمة المضافة \u206615%\u2069", "rtl")).toEqual(["15% ", "ضريبة القيمة المضافة"]);
    expect(texts("ضريبة القيمة المضافة 15%", "rtl")).toEqual(["%15 ", "ضريبة القيمة المضافة"]);
  });

  it("should mirror brackets in right-to-left text and remember what they stand for", () => {
    expect(visualRuns("رسوم التوثيق (سنة واحدة)", "rtl")).toEqual([
      { text: "(", font: "latin", shaped: false, mirrorOf: ")" },
      { text: "سنة واحدة", font: "arabic", shaped: true },
      { text: ")", font: "latin", shaped: false, mirrorOf: "(" },
      { text: "رسوم التوثيق ", font: "arabic", shaped: true },
    ]);
    expect(texts("Total (شامل الضريبة)", "ltr")).toEqual(["Total (", "شامل الضريبة", ")"]);
  });

  it("should keep surrogate pairs whole and drop bidi controls", () => {
    expect(texts("x😀y", "rtl").join("")).toBe("x😀y");
    expect(texts(`${isolate("صادرة")} / ${isolate("Issued")}`, "rtl").join("")).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe("Arabic text read back from a PDF", () => {
  it("should give back every letter in every joining form, and the lam-alef ligatures", async () => {
    const letters = [..."ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"];
    const words = [...letters.flatMap((l) => [l, `ب${l}`, `${l}ب`, `ب${l}ب`, `ل${l}م`]), "لا", "لأ", "لإ", "لآ", "سلام", "الإصدار", "الله", "عبدالله", "فاتورة", "نوافذ", "ثبيت"];
    const doc = new PDFDocument({ size: "A4", margin: 40 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
    const page = new BidiText(doc, pdfFonts(), "rtl");
    let y = 40;
    for (let i = 0; i < words.length; i += 12) {
      page.line(words.slice(i, i + 12).join(" "), 40, y, 515, { size: 12 });
      y += 20;
    }
    doc.end();
    const text = await pdfText(await done);
    const found = new Set(text.split(/\s+/u));
    expect(words.filter((w) => !found.has(w))).toEqual([]);
  });
});
