/**
 * The invoice as a PDF: a bilingual (Arabic/English) simplified tax invoice with the seller, the
 * invoice number and dates, the lines, the totals and the ZATCA QR code. `lang` picks the primary
 * language: its labels come first and, for Arabic, the page is mirrored (right to left).
 *
 * Fonts: Noto Sans Arabic from @fontsource/noto-sans-arabic, always installed with the app. It
 * ships Arabic and Latin as separate WOFF subset files, so every piece of text is drawn with the
 * file that covers its script; the WOFFs are unpacked to TrueType once per process (see
 * woffToSfnt). The system's Debian fonts-noto-core TTFs are the fallback.
 *
 * Arabic: pdfkit's font engine (fontkit) shapes Arabic (joining forms, lam-alef ligatures) and
 * orders one word's glyphs right to left, but it has no bidirectional layout, and pdfkit lays a
 * line out word by word. So this module runs the Unicode bidi algorithm itself (one paragraph, no
 * explicit embeddings, simplified bracket pairs), orders words visually and draws each word at its
 * own position. Numbers stay left to right inside Arabic text, brackets are mirrored.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { format, type Lang } from "../../platform/i18n.js";
import { ConflictError } from "../../platform/errors.js";
import { minorToDecimal } from "./invoice-totals.js";
import { zatcaTlvBase64 } from "./zatca-qr.js";
import { checkSeller, type Seller } from "./seller.js";

/** One invoice line as printed; amounts in minor units. */
export interface InvoicePdfLine {
  descriptionAr: string;
  descriptionEn: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/** What the PDF shows of an invoice (an `Invoice` row with its lines and customer fits). */
export interface InvoicePdfData {
  number: string;
  /** null for a draft, which has no tax invoice yet */
  issuedAt: Date | null;
  dueAt?: Date | null;
  status: string;
  currency: string;
  subtotal: number;
  discount: number;
  vat: number;
  vatRateBp: number;
  total: number;
  lines: InvoicePdfLine[];
  customer: { name: string; phone?: string | null; email?: string | null };
}

/** The company issuing the invoice, as registered for VAT (the `seller` setting). */
export type SellerInfo = Seller;

/** Rendering switches; `compress: false` keeps content streams readable (tests). */
export interface InvoicePdfOptions {
  compress?: boolean;
}

/** Font files used for the PDF and where they came from. */
export interface InvoiceFonts {
  source: "fontsource" | "system";
  arabic: { regular: string; bold: string };
  latin: { regular: string; bold: string };
}

const require = createRequire(import.meta.url);
const SYSTEM_NOTO = "/usr/share/fonts/truetype/noto";

function fontsourceFile(name: string): string | null {
  try {
    return require.resolve(`@fontsource/noto-sans-arabic/files/noto-sans-arabic-${name}-normal.woff`);
  } catch {
    return null;
  }
}

let fontsCache: InvoiceFonts | undefined;
const fontBytes = new Map<string, Buffer>();

/** Finds the fonts: the npm package first (always installed), else the system Noto TTFs. */
export function resolveInvoiceFonts(): InvoiceFonts {
  if (fontsCache) return fontsCache;
  const fromPackage = { ar: fontsourceFile("arabic-400"), arBold: fontsourceFile("arabic-700"), la: fontsourceFile("latin-400"), laBold: fontsourceFile("latin-700") };
  if (fromPackage.ar && fromPackage.arBold && fromPackage.la && fromPackage.laBold) {
    fontsCache = { source: "fontsource", arabic: { regular: fromPackage.ar, bold: fromPackage.arBold }, latin: { regular: fromPackage.la, bold: fromPackage.laBold } };
    return fontsCache;
  }
  const system = (file: string) => `${SYSTEM_NOTO}/${file}`;
  const candidate: InvoiceFonts = {
    source: "system",
    arabic: { regular: system("NotoSansArabic-Regular.ttf"), bold: system("NotoSansArabic-Bold.ttf") },
    latin: { regular: system("NotoSans-Regular.ttf"), bold: system("NotoSans-Bold.ttf") },
  };
  if (![candidate.arabic.regular, candidate.latin.regular].every(existsSync)) {
    throw new Error("no Arabic font for invoice PDFs: install @fontsource/noto-sans-arabic or Debian fonts-noto-core");
  }
  // Bold is optional in the system fallback.
  if (!existsSync(candidate.arabic.bold)) candidate.arabic.bold = candidate.arabic.regular;
  if (!existsSync(candidate.latin.bold)) candidate.latin.bold = candidate.latin.regular;
  fontsCache = candidate;
  return fontsCache;
}

/**
 * WOFF 1.0 → plain TrueType/OpenType. fontkit reads WOFF but inflates its tables in pure
 * JavaScript on every access, which made one invoice take seconds; inflating once here with zlib
 * and handing pdfkit an ordinary font file makes it a few milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor: the sfnt version
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(header, rec);
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    chunks.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(chunks);
}

function readFont(file: string): Buffer {
  let bytes = fontBytes.get(file);
  if (!bytes) fontBytes.set(file, (bytes = woffToSfnt(readFileSync(file))));
  return bytes;
}

// ---------------------------------------------------------------- text: scripts, bidi, drawing

type Dir = "ltr" | "rtl";
type Weight = "regular" | "bold";
type Script = "ar" | "la";
type Align = "start" | "end" | "center";

/** Characters the Arabic font file has (the Latin file has the rest we print). */
const ARABIC_SCRIPT = /[\u200C\u200D\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const MIRRORED: Record<string, string> = { "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«" };
const OPENING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

const scriptOf = (ch: string): Script => (ARABIC_SCRIPT.test(ch) ? "ar" : "la");

/**
 * Unicode bidi classes, as far as invoice text needs them: L, R (Arabic/Hebrew letters), EN
 * (European digits), AN (Arabic-Indic digits), ES, ET, CS, WS and ON (other neutrals).
 */
type BidiClass = "L" | "R" | "EN" | "AN" | "ES" | "ET" | "CS" | "WS" | "ON";

function bidiClass(ch: string): BidiClass {
  if (/[\u0660-\u0669\u066B\u066C]/u.test(ch)) return "AN";
  if (/[0-9\u06F0-\u06F9]/u.test(ch)) return "EN";
  if (/\s/u.test(ch)) return "WS";
  if (/[+\-\u2212]/u.test(ch)) return "ES";
  if (/[#$%\u00A2-\u00A5\u00B0\u066A\u20A0-\u20CF]/u.test(ch)) return "ET";
  if (/[,.:/\u060C]/u.test(ch)) return "CS";
  if (/[!-/:-@[-`{-~\u00A1-\u00BF\u00D7\u00F7\u200C\u200D\u2010-\u2027\u2030-\u205E]/u.test(ch)) return "ON";
  if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u.test(ch)) return "R";
  return "L";
}

/** The direction of a paragraph: that of its first letter (rule P2), else `fallback`. */
export function paragraphDirection(text: string, fallback: Dir = "ltr"): Dir {
  for (const ch of text) {
    const c = bidiClass(ch);
    if (c === "L") return "ltr";
    if (c === "R") return "rtl";
  }
  return fallback;
}

/** A piece of text drawn as one unit, left to right in this order. */
export interface VisualPiece {
  text: string;
  script: Script;
}

/** Strong direction of a resolved class for neutral resolution: numbers count as R (rule N1). */
const strongOf = (c: BidiClass): "L" | "R" | null => (c === "L" ? "L" : c === "R" || c === "EN" || c === "AN" ? "R" : null);

/**
 * The Unicode bidirectional algorithm for one line of one paragraph with no explicit embeddings:
 * weak types (W4–W7), paired brackets (N0, simplified), neutrals (N1–N2), levels (I1–I2),
 * reordering and mirroring (L1, L2, L4). Returns the line's pieces in visual order; an Arabic
 * word is returned in logical order because fontkit reverses its glyphs itself when it shapes it.
 */
export function visualPieces(text: string, dir: Dir): VisualPiece[] {
  const chars = Array.from(text);
  const n = chars.length;
  const t = chars.map(bidiClass);
  const original = [...t];
  const e: "L" | "R" = dir === "rtl" ? "R" : "L";

  // W4: a single separator between two numbers joins them (1,234.50).
  for (let i = 1; i < n - 1; i++) {
    if ((t[i] === "ES" || t[i] === "CS") && t[i - 1] === "EN" && t[i + 1] === "EN") t[i] = "EN";
    else if (t[i] === "CS" && t[i - 1] === "AN" && t[i + 1] === "AN") t[i] = "AN";
  }
  // W5: terminators next to a number belong to it (15%, $5).
  for (let i = 0; i < n; ) {
    if (t[i] !== "ET") {
      i++;
      continue;
    }
    let j = i;
    while (j < n && t[j] === "ET") j++;
    if ((i > 0 && t[i - 1] === "EN") || (j < n && t[j] === "EN")) for (let k = i; k < j; k++) t[k] = "EN";
    i = j;
  }
  // W6: other separators and terminators are neutral. W7: a number after Latin text is Latin.
  let lastStrong: "L" | "R" = e;
  for (let i = 0; i < n; i++) {
    if (t[i] === "ES" || t[i] === "ET" || t[i] === "CS") t[i] = "ON";
    if (t[i] === "L" || t[i] === "R") lastStrong = t[i] as "L" | "R";
    else if (t[i] === "EN" && lastStrong === "L") t[i] = "L";
  }
  // N0 (simplified): a bracket pair takes the direction of its content.
  const stack: { ch: string; at: number }[] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (t[i] !== "ON") continue;
    const ch = chars[i]!;
    if (OPENING[ch]) stack.push({ ch, at: i });
    else if (ch === ")" || ch === "]" || ch === "}") {
      const k = stack.map((s) => OPENING[s.ch]).lastIndexOf(ch);
      if (k >= 0) {
        pairs.push([stack[k]!.at, i]);
        stack.length = k;
      }
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [open, close] of pairs) {
    let inside: "e" | "opposite" | null = null;
    for (let k = open + 1; k < close && inside !== "e"; k++) {
      const s = strongOf(t[k]!);
      if (s) inside = s === e ? "e" : "opposite";
    }
    if (!inside) continue;
    let d: "L" | "R" = e;
    if (inside === "opposite") {
      let before: "L" | "R" = e;
      for (let k = open - 1; k >= 0; k--) {
        const s = strongOf(t[k]!);
        if (s) {
          before = s;
          break;
        }
      }
      if (before !== e) d = before;
    }
    t[open] = t[close] = d;
  }
  // N1–N2: neutrals between two of the same direction take it, others the paragraph's.
  for (let i = 0; i < n; ) {
    if (t[i] !== "WS" && t[i] !== "ON") {
      i++;
      continue;
    }
    let j = i;
    while (j < n && (t[j] === "WS" || t[j] === "ON")) j++;
    const before = i > 0 ? strongOf(t[i - 1]!)! : e;
    const after = j < n ? strongOf(t[j]!)! : e;
    const d = before === after ? before : e;
    for (let k = i; k < j; k++) t[k] = d;
    i = j;
  }
  // I1–I2 (numbers one level up), then L1: trailing spaces go back to the paragraph level.
  const base = dir === "rtl" ? 1 : 0;
  const levels = t.map((c) => (base === 0 ? (c === "L" ? 0 : c === "R" ? 1 : 2) : c === "R" ? 1 : 2));
  for (let i = n - 1; i >= 0 && original[i] === "WS"; i--) levels[i] = base;
  // L2: from the highest level down to 1, reverse every run at that level or above.
  const order = chars.map((_, i) => i);
  for (let level = Math.max(0, ...levels); level >= 1; level--) {
    for (let i = 0; i < n; ) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }

  // Pieces: a word of one script and level, spaces alone; Arabic-script digits one by one (fontkit
  // would lay a run of them out right to left).
  const pieces: { chars: string[]; level: number; script: Script; space: boolean }[] = [];
  for (const i of order) {
    const ch = chars[i]!;
    const level = levels[i]!;
    const space = /\s/u.test(ch);
    const script: Script = space ? "la" : scriptOf(ch);
    const glyph = level % 2 === 1 ? (MIRRORED[ch] ?? ch) : ch;
    const last = pieces[pieces.length - 1];
    const joins = last && !space && !last.space && last.level === level && last.script === script && (script === "la" || level % 2 === 1);
    if (joins) last.chars.push(glyph);
    else pieces.push({ chars: [glyph], level, script, space });
  }
  return pieces.map((p) => ({ script: p.script, text: (p.script === "ar" && p.level % 2 === 1 ? p.chars.reverse() : p.chars).join("") }));
}

interface TextStyle {
  size: number;
  weight?: Weight;
  color?: string;
}

/** pdfkit plus the two font files, drawing bidi text and mirroring the layout for Arabic. */
class Page {
  readonly rtl: boolean;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly lang: Lang,
  ) {
    this.rtl = lang === "ar";
    const fonts = resolveInvoiceFonts();
    doc.registerFont("ar-regular", readFont(fonts.arabic.regular));
    doc.registerFont("ar-bold", readFont(fonts.arabic.bold));
    doc.registerFont("la-regular", readFont(fonts.latin.regular));
    doc.registerFont("la-bold", readFont(fonts.latin.bold));
  }

  private use(script: Script, style: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(`${script}-${style.weight ?? "regular"}`).fontSize(style.size);
  }

  /** Width of a one-line string in points. */
  width(text: string, style: TextStyle): number {
    return this.measure(visualPieces(text, paragraphDirection(text, this.rtl ? "rtl" : "ltr")), style);
  }

  private measure(pieces: VisualPiece[], style: TextStyle): number {
    return pieces.reduce((w, p) => w + this.use(p.script, style).widthOfString(p.text), 0);
  }

  /** Mirrors a box's x for Arabic pages, so layouts are written once, left to right. */
  x(x: number, width: number): number {
    return this.rtl ? this.doc.page.width - x - width : x;
  }

  /** Draws one line in a box [x, x + width]; `align` start/end follow the page direction. */
  line(text: string, x: number, y: number, width: number, style: TextStyle & { align?: Align; dir?: Dir }): void {
    const align = style.align ?? "start";
    const pieces = visualPieces(text, style.dir ?? paragraphDirection(text, this.rtl ? "rtl" : "ltr"));
    const w = this.measure(pieces, style);
    const physical = align === "center" ? "center" : (align === "start") !== this.rtl ? "left" : "right";
    let cx = physical === "left" ? x : physical === "right" ? x + width - w : x + (width - w) / 2;
    // Baselines, not tops: the Arabic and Latin files may have different ascenders.
    const baseline = y + style.size;
    this.doc.fillColor(style.color ?? "#111111");
    for (const p of pieces) {
      const doc = this.use(p.script, style);
      if (p.text.trim()) doc.text(p.text, cx, baseline, { lineBreak: false, baseline: "alphabetic" });
      cx += doc.widthOfString(p.text);
    }
  }

  /** Breaks text into lines no wider than `width` (at spaces; overlong words are cut). */
  wrap(text: string, width: number, style: TextStyle): string[] {
    const lines: string[] = [];
    let current = "";
    for (const word of text.split(/\s+/u).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (this.width(candidate, style) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = "";
      let rest = word;
      while (Array.from(rest).length > 1 && this.width(rest, style) > width) {
        const chars = Array.from(rest);
        let n = chars.length - 1;
        while (n > 1 && this.width(chars.slice(0, n).join(""), style) > width) n--;
        lines.push(chars.slice(0, n).join(""));
        rest = chars.slice(n).join("");
      }
      current = rest;
    }
    if (current) lines.push(current);
    return lines.length ? lines : [""];
  }

  /** Draws wrapped text and returns the height it took. */
  paragraph(text: string, x: number, y: number, width: number, style: TextStyle & { align?: Align; leading?: number; dir?: Dir }): number {
    const step = style.size * (style.leading ?? 1.35);
    const lines = this.wrap(text, width, style);
    // One direction for the whole paragraph, as in the bidi algorithm, not one per wrapped line.
    const dir = style.dir ?? paragraphDirection(text, this.rtl ? "rtl" : "ltr");
    lines.forEach((l, i) => this.line(l, x, y + i * step, width, { ...style, dir }));
    return lines.length * step;
  }

  rule(x: number, y: number, width: number, color = "#cccccc", thickness = 0.7): void {
    this.doc.moveTo(x, y).lineTo(x + width, y).lineWidth(thickness).strokeColor(color).stroke();
  }
}

// ---------------------------------------------------------------- formatting

// The PDF's printed labels. They are layout text, not messages for refused actions, so they live
// here rather than in the billing message catalog.
const LABELS = {
  title: { en: "Simplified Tax Invoice", ar: "فاتورة ضريبية مبسطة" },
  seller: { en: "Seller", ar: "البائع" },
  vatNumber: { en: "VAT number", ar: "الرقم الضريبي" },
  crNumber: { en: "CR number", ar: "السجل التجاري" },
  invoice: { en: "Invoice", ar: "الفاتورة" },
  number: { en: "Invoice number", ar: "رقم الفاتورة" },
  issuedAt: { en: "Issue date", ar: "تاريخ الإصدار" },
  dueAt: { en: "Due date", ar: "تاريخ الاستحقاق" },
  status: { en: "Status", ar: "الحالة" },
  customer: { en: "Bill to", ar: "العميل" },
  phone: { en: "Phone", ar: "الجوال" },
  email: { en: "Email", ar: "البريد الإلكتروني" },
  description: { en: "Description", ar: "الوصف" },
  quantity: { en: "Qty", ar: "الكمية" },
  unitAmount: { en: "Unit price", ar: "سعر الوحدة" },
  amount: { en: "Amount", ar: "المبلغ" },
  subtotal: { en: "Subtotal", ar: "المجموع الفرعي" },
  discount: { en: "Discount", ar: "الخصم" },
  taxable: { en: "Taxable amount", ar: "المبلغ الخاضع للضريبة" },
  vat: { en: "VAT {rate}%", ar: "ضريبة القيمة المضافة {rate}%" },
  total: { en: "Total incl. VAT", ar: "الإجمالي شامل الضريبة" },
  page: { en: "Page {n} of {count}", ar: "صفحة {n} من {count}" },
} satisfies Record<string, Record<Lang, string>>;

const STATUS_LABELS: Record<string, Record<Lang, string>> = {
  draft: { en: "Draft", ar: "مسودة" },
  issued: { en: "Issued", ar: "صادرة" },
  paid: { en: "Paid", ar: "مدفوعة" },
  void: { en: "Void", ar: "ملغاة" },
  refunded: { en: "Refunded", ar: "مستردة" },
  partially_refunded: { en: "Partially refunded", ar: "مستردة جزئيًا" },
};

type Label = Record<Lang, string>;
const other = (lang: Lang): Lang => (lang === "ar" ? "en" : "ar");
const both = (l: Label, lang: Lang, params?: Record<string, unknown>) => `${format(l[lang], params)} / ${format(l[other(lang)], params)}`;

/** The seller's address on one line in one language: building street, district, city postal code. */
export function sellerAddress(seller: Seller, lang: Lang): string {
  const a = seller.address;
  const lines = a[lang];
  const sep = lang === "ar" ? "، " : ", ";
  const street = [a.buildingNumber, lines.street].filter(Boolean).join(" ");
  return [street, lines.district, [lines.city, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(sep);
}

/** Minor units for people: 123450 → "1,234.50 SAR" (integer math, 2 decimals). */
export function formatMoney(minor: number, currency: string): string {
  const [whole, fraction] = minorToDecimal(minor).split(".");
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction!} ${currency}`;
}

/** A VAT rate in basis points as a percent: 1500 → "15", 1250 → "12.5". */
export function formatRate(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

const riyadhParts = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Riyadh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** A date in Riyadh time: "2026-03-05 14:30", or just the day. */
export function formatRiyadhDate(d: Date, withTime = true): string {
  const p = Object.fromEntries(riyadhParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}${withTime ? ` ${p.hour}:${p.minute}` : ""}`;
}

// ---------------------------------------------------------------- the invoice

/** The ZATCA QR payload of an invoice: seller's Arabic (registered) name, issue time, total and VAT. */
export function invoiceQrPayload(invoice: Pick<InvoicePdfData, "number" | "issuedAt" | "total" | "vat">, seller: SellerInfo): string {
  if (!invoice.issuedAt) throw new ConflictError("INVOICE_NOT_ISSUED", `invoice ${invoice.number} has not been issued`);
  return zatcaTlvBase64({ sellerName: seller.nameAr, vatNumber: seller.vatNumber, timestamp: invoice.issuedAt, total: invoice.total, vat: invoice.vat });
}

/** A tax invoice must add up; printing one that does not would be worse than failing. */
function assertConsistent(inv: InvoicePdfData): void {
  const linesSum = inv.lines.reduce((s, l) => s + l.amount, 0);
  const badLine = inv.lines.findIndex((l) => l.amount !== l.quantity * l.unitAmount);
  if (badLine >= 0 || linesSum !== inv.subtotal || inv.total !== inv.subtotal - inv.discount + inv.vat) {
    throw new Error(`invoice ${inv.number} amounts do not add up (line ${badLine}, lines ${linesSum}, subtotal ${inv.subtotal}, discount ${inv.discount}, vat ${inv.vat}, total ${inv.total})`);
  }
}

/**
 * Draws a QR code as vector squares (one rectangle per run of dark modules in a row), with a
 * one-module quiet zone. Sharper in print than a PNG, and it skips encoding and re-decoding one.
 */
function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const cell = size / (n + 2);
  doc.save();
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + (start + 1) * cell, y + (row + 1) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill("#000000").restore();
}

const MARGIN = 40;
const GRAY = "#666666";
const LIGHT = "#f2f2f2";

/** Renders the invoice PDF. */
export async function renderInvoicePdf(invoice: InvoicePdfData, sellerInput: SellerInfo, lang: Lang, options: InvoicePdfOptions = {}): Promise<Buffer> {
  // No placeholder seller: a tax invoice without the registered seller is refused here too.
  const seller = checkSeller(sellerInput);
  assertConsistent(invoice);
  const qrPayload = invoiceQrPayload(invoice, seller);
  const issuedAt = invoice.issuedAt!;

  const title = `${LABELS.title[lang]} ${invoice.number}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: lang === "ar" ? "ar-SA" : "en-US",
    displayTitle: true,
    info: { Title: title, Author: seller.nameEn, Subject: LABELS.title.en, CreationDate: issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const pg = new Page(doc, lang);
  const pageW = doc.page.width;
  const contentW = pageW - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 20;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const L = (l: Label, params?: Record<string, unknown>) => both(l, lang, params);

  // Title: English on the left and Arabic on the right in both languages, as on printed invoices.
  let y = MARGIN;
  pg.line(LABELS.title.en, MARGIN, y, contentW, { size: 18, weight: "bold", align: pg.rtl ? "end" : "start" });
  pg.line(LABELS.title.ar, MARGIN, y, contentW, { size: 18, weight: "bold", align: pg.rtl ? "start" : "end" });
  y += 30;
  pg.rule(MARGIN, y, contentW, "#999999", 1);
  y += 12;

  // Seller (start column) and invoice facts (end column).
  const colW = (contentW - 20) / 2;
  const colA = pg.x(MARGIN, colW);
  const colB = pg.x(MARGIN + colW + 20, colW);
  // A label at the start and its value at the end of a column; the value wraps below when both
  // do not fit. Values without letters (dates, phone numbers) read left to right on Arabic pages too.
  const keyValue = (x: number, yy: number, label: string, value: string) => {
    pg.line(label, x, yy, colW, { size: 8.5, color: GRAY });
    const dir = paragraphDirection(value, "ltr");
    if (pg.width(label, { size: 8.5 }) + pg.width(value, { size: 9.5 }) + 10 <= colW) {
      pg.line(value, x, yy, colW, { size: 9.5, align: "end", dir });
      return 15;
    }
    return 13 + pg.paragraph(value, x, yy + 13, colW, { size: 9.5, align: "end", dir }) + 2;
  };

  let ya = y;
  pg.line(L(LABELS.seller), colA, ya, colW, { size: 9, weight: "bold", color: GRAY });
  ya += 15;
  const sellerNames = lang === "ar" ? [seller.nameAr, seller.nameEn] : [seller.nameEn, seller.nameAr];
  ya += pg.paragraph(sellerNames[0]!, colA, ya, colW, { size: 11, weight: "bold" });
  ya += pg.paragraph(sellerNames[1]!, colA, ya, colW, { size: 10 });
  ya += 2;
  ya += keyValue(colA, ya, L(LABELS.vatNumber), seller.vatNumber);
  if (seller.crNumber) ya += keyValue(colA, ya, L(LABELS.crNumber), seller.crNumber);
  for (const l of lang === "ar" ? (["ar", "en"] as const) : (["en", "ar"] as const)) ya += pg.paragraph(sellerAddress(seller, l), colA, ya, colW, { size: 9, color: GRAY });

  let yb = y;
  pg.line(L(LABELS.invoice), colB, yb, colW, { size: 9, weight: "bold", color: GRAY });
  yb += 15;
  yb += keyValue(colB, yb, L(LABELS.number), invoice.number);
  yb += keyValue(colB, yb, L(LABELS.issuedAt), formatRiyadhDate(issuedAt));
  if (invoice.dueAt) yb += keyValue(colB, yb, L(LABELS.dueAt), formatRiyadhDate(invoice.dueAt, false));
  const status = STATUS_LABELS[invoice.status];
  yb += keyValue(colB, yb, L(LABELS.status), status ? L(status) : invoice.status);

  // Customer, under the invoice facts.
  yb += 8;
  pg.line(L(LABELS.customer), colB, yb, colW, { size: 9, weight: "bold", color: GRAY });
  yb += 15;
  yb += pg.paragraph(invoice.customer.name, colB, yb, colW, { size: 10.5, weight: "bold" }) + 2;
  if (invoice.customer.phone) yb += keyValue(colB, yb, L(LABELS.phone), invoice.customer.phone);
  if (invoice.customer.email) yb += keyValue(colB, yb, L(LABELS.email), invoice.customer.email);
  y = Math.max(ya, yb) + 14;

  // Lines table; columns written left to right and mirrored for Arabic.
  const cols = [
    { key: "index", w: 24, align: "center" as Align },
    { key: "description", w: contentW - 24 - 50 - 100 - 110, align: "start" as Align },
    { key: "quantity", w: 50, align: "center" as Align },
    { key: "unitAmount", w: 100, align: "end" as Align },
    { key: "amount", w: 110, align: "end" as Align },
  ];
  let cx = MARGIN;
  const colX = cols.map((c) => {
    const x = pg.x(cx, c.w);
    cx += c.w;
    return x;
  });
  const pad = 5;
  const headerLabels: Record<string, Label> = { index: { en: "#", ar: "#" }, description: LABELS.description, quantity: LABELS.quantity, unitAmount: LABELS.unitAmount, amount: LABELS.amount };
  const tableHeader = () => {
    doc.rect(MARGIN, y, contentW, 32).fill(LIGHT);
    cols.forEach((c, i) => {
      const label = headerLabels[c.key]!;
      pg.line(label[lang], colX[i]! + pad, y + 5, c.w - 2 * pad, { size: 9, weight: "bold", align: c.align });
      if (c.key !== "index") pg.line(label[other(lang)], colX[i]! + pad, y + 18, c.w - 2 * pad, { size: 7.5, color: GRAY, align: c.align });
    });
    y += 36;
  };
  tableHeader();

  const descCol = cols[1]!;
  const descX = colX[1]! + pad;
  const descW = descCol.w - 2 * pad;
  invoice.lines.forEach((line, i) => {
    const [primary, secondary] = lang === "ar" ? [line.descriptionAr, line.descriptionEn] : [line.descriptionEn, line.descriptionAr];
    const primaryLines = pg.wrap(primary, descW, { size: 9.5 });
    const secondaryLines = pg.wrap(secondary, descW, { size: 8 });
    const rowH = primaryLines.length * 9.5 * 1.35 + secondaryLines.length * 8 * 1.35 + 8;
    if (y + rowH > bottom) {
      doc.addPage();
      y = MARGIN;
      tableHeader();
    }
    let ty = y + 2;
    const pageDir = pg.rtl ? "rtl" : "ltr";
    for (const l of primaryLines) {
      pg.line(l, descX, ty, descW, { size: 9.5, dir: paragraphDirection(primary, pageDir) });
      ty += 9.5 * 1.35;
    }
    for (const l of secondaryLines) {
      pg.line(l, descX, ty, descW, { size: 8, color: GRAY, dir: paragraphDirection(secondary, pageDir) });
      ty += 8 * 1.35;
    }
    const cell = (col: number, text: string) => pg.line(text, colX[col]! + pad, y + 2, cols[col]!.w - 2 * pad, { size: 9.5, align: cols[col]!.align });
    cell(0, String(i + 1));
    cell(2, String(line.quantity));
    cell(3, money(line.unitAmount));
    cell(4, money(line.amount));
    y += rowH;
    pg.rule(MARGIN, y - 3, contentW);
  });

  // Totals at the end side, the QR code at the start side.
  const rows: { label: string; value: string; bold?: boolean }[] = [
    { label: L(LABELS.subtotal), value: money(invoice.subtotal) },
    { label: L(LABELS.discount), value: money(invoice.discount === 0 ? 0 : -invoice.discount) },
    { label: L(LABELS.taxable), value: money(invoice.subtotal - invoice.discount) },
    { label: L(LABELS.vat, { rate: formatRate(invoice.vatRateBp) }), value: money(invoice.vat) },
    { label: L(LABELS.total), value: money(invoice.total), bold: true },
  ];
  const qrSize = 110;
  const blockH = Math.max(qrSize, rows.length * 18 + 8);
  y += 10;
  if (y + blockH > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  const totalsW = 280;
  const tx = pg.x(MARGIN + contentW - totalsW, totalsW);
  let ty = y;
  for (const r of rows) {
    if (r.bold) {
      pg.rule(tx, ty - 2, totalsW, "#333333", 1);
      ty += 3;
    }
    pg.line(r.label, tx, ty, totalsW, { size: r.bold ? 10 : 9, weight: r.bold ? "bold" : "regular", color: r.bold ? "#111111" : GRAY });
    pg.line(r.value, tx, ty, totalsW, { size: r.bold ? 11 : 9.5, weight: r.bold ? "bold" : "regular", align: "end" });
    ty += 18;
  }
  drawQr(doc, qrPayload, pg.x(MARGIN, qrSize), y, qrSize);

  // Footer on every page: invoice number and page count.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = doc.page.height - MARGIN;
    pg.rule(MARGIN, fy - 6, contentW);
    pg.line(invoice.number, MARGIN, fy, contentW, { size: 8, color: GRAY });
    pg.line(format(LABELS.page[lang], { n: i + 1, count: range.count }), MARGIN, fy, contentW, { size: 8, color: GRAY, align: "end" });
  }
  doc.end();
  return done;
}
