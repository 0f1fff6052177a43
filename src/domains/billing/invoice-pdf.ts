/**
 * The invoice as a PDF: a bilingual (Arabic/English) simplified tax invoice with the seller, the
 * invoice number and dates, the lines, the totals and the ZATCA QR code. `lang` picks the primary
 * language: its labels come first and, for Arabic, the page is mirrored (right to left).
 *
 * Only the invoice's layout is here. Text, the QR code and the document go through
 * src/platform/pdf (bidi-js ordering, fontkit shaping, fonts from npm packages, vector QR), so the
 * PDF's text layer — what copy, search and archiving read — is the invoice's text, Arabic included.
 */
import { format, type Lang } from "../../platform/i18n.js";
import { ConflictError } from "../../platform/errors.js";
import { minorToDecimal } from "./invoice-totals.js";
import { zatcaTlvBase64 } from "./zatca-qr.js";
import { BidiText, isolate, paragraphDirection, type Align } from "../../platform/pdf/bidi-text.js";
import { pdfFonts } from "../../platform/pdf/fonts.js";
import { openPdf } from "../../platform/pdf/document.js";
import { drawQrCode } from "../../platform/pdf/qr.js";
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
  // The rate is isolated left to right (LRI…PDI) so it reads "15%" in Arabic text too; by the
  // bidi rules a number after Arabic letters is an Arabic number and the % would go to its left.
  vat: { en: "VAT {rate}%", ar: "ضريبة القيمة المضافة \u2066{rate}%\u2069" },
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
// Each half is isolated, so an Arabic half reads right to left (its rate at its left end) on an
// English page too, and the page's direction decides only which half comes first.
const both = (l: Label, lang: Lang, params?: Record<string, unknown>) => `${isolate(format(l[lang], params))} / ${isolate(format(l[other(lang)], params))}`;

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
  const { doc, bytes } = openPdf({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: lang === "ar" ? "ar-SA" : "en-US",
    displayTitle: true,
    info: { Title: title, Author: seller.nameEn, Subject: LABELS.title.en, CreationDate: issuedAt },
  });

  const pg = new BidiText(doc, pdfFonts(), lang === "ar" ? "rtl" : "ltr");
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
    const dir = paragraphDirection(value, /\p{L}/u.test(value) ? (pg.rtl ? "rtl" : "ltr") : "ltr");
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
  drawQrCode(doc, qrPayload, pg.x(MARGIN, qrSize), y, qrSize);

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
  return bytes;
}
