/**
 * Files for the demo data that look like what providers really upload: certificates (commercial
 * registration, licences) as bilingual A4 PDFs with a QR code, and identity cards as PNG images
 * with a header band, a photo, text lines and a QR code. Drawn from the document's own details,
 * so each file (and its SHA-256) is distinct.
 */
import { deflateSync, crc32 } from "node:zlib";
import QRCode from "qrcode";
import { openPdf } from "../../src/platform/pdf/document.js";
import { drawQrCode } from "../../src/platform/pdf/qr.js";
import { BidiText } from "../../src/platform/pdf/bidi-text.js";
import { pdfFonts } from "../../src/platform/pdf/fonts.js";

type Rgb = readonly [number, number, number];

/** Encodes raw 8-bit RGB pixels (`width × height × 3` bytes, rows top to bottom) as a PNG; zlib and the PNG CRC come with Node. */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  // Each row starts with its filter type (0: none).
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(rows, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A small RGB raster that encodes itself as PNG. */
class Raster {
  private readonly px: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.px = Buffer.alloc(width * height * 3);
    this.fill(0, 0, width, height, background);
  }

  fill(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) {
        const i = (yy * this.width + xx) * 3;
        this.px[i] = r;
        this.px[i + 1] = g;
        this.px[i + 2] = b;
      }
    }
  }

  qr(text: string, x: number, y: number, size: number): void {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const cell = Math.floor(size / (modules.size + 2));
    this.fill(x, y, cell * (modules.size + 2), cell * (modules.size + 2), [255, 255, 255]);
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) this.fill(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell, [0, 0, 0]);
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.px);
  }
}

/** An identity card (national ID green, iqama blue) as a PNG, 856×540 like an ID-1 card at 10 px/mm. */
export function identityCardPng(o: { kind: "national_id" | "iqama"; number: string; holder: string }): Buffer {
  const band: Rgb = o.kind === "national_id" ? [27, 107, 58] : [36, 84, 160];
  const img = new Raster(856, 540, [246, 248, 244]);
  img.fill(0, 0, 856, 96, band);
  img.fill(40, 30, 220, 14, [255, 255, 255]);
  img.fill(596, 30, 220, 14, [255, 255, 255]);
  img.fill(40, 56, 140, 10, [210, 230, 215]);
  img.fill(676, 56, 140, 10, [210, 230, 215]);
  img.fill(596, 140, 220, 270, [200, 204, 210]); // photo
  img.fill(646, 180, 120, 120, [170, 176, 186]);
  img.fill(616, 310, 180, 100, [170, 176, 186]);
  // Text lines whose lengths follow the holder's details, so every card differs.
  const seed = [...(o.number + o.holder)].map((c) => c.charCodeAt(0));
  for (let i = 0; i < 6; i++) {
    const w = 180 + ((seed[i % seed.length]! * 37) % 200);
    img.fill(40, 140 + i * 44, 90, 12, [150, 155, 165]);
    img.fill(150, 138 + i * 44, w, 16, [60, 64, 76]);
  }
  img.fill(40, 420, 380, 24, [60, 64, 76]); // the ID number
  img.qr(`${o.kind}:${o.number}:${o.holder}`, 440, 376, 130);
  img.fill(0, 520, 856, 20, band);
  return img.png();
}

export interface CertificateDetails {
  titleAr: string;
  titleEn: string;
  issuerAr: string;
  issuerEn: string;
  /** Label in Arabic, label in English, value. */
  fields: [string, string, string][];
  qr: string;
}

/** A bilingual certificate (commercial registration, licence) as an A4 PDF with its QR code. */
export async function certificatePdf(c: CertificateDetails): Promise<Buffer> {
  const { doc, bytes } = openPdf({ size: "A4", margin: 0, info: { Title: c.titleEn, CreationDate: new Date(0) } });
  const pg = new BidiText(doc, pdfFonts(), "ltr");
  const W = doc.page.width;
  doc.rect(24, 24, W - 48, doc.page.height - 48).lineWidth(2).stroke("#1b6b3a");
  doc.rect(24, 24, W - 48, 90).fill("#1b6b3a");
  pg.line(c.issuerEn, 48, 52, 240, { size: 11, color: "#ffffff", weight: "bold" });
  pg.line(c.issuerAr, W - 288, 50, 240, { size: 13, color: "#ffffff", weight: "bold", align: "end", dir: "rtl" });
  pg.line(c.titleAr, 48, 150, W - 96, { size: 24, weight: "bold", align: "center", dir: "rtl", color: "#1c1c38" });
  pg.line(c.titleEn, 48, 186, W - 96, { size: 16, align: "center", color: "#454655" });
  let y = 250;
  for (const [ar, en, value] of c.fields) {
    doc.moveTo(48, y + 30).lineTo(W - 48, y + 30).lineWidth(0.5).stroke("#d0d2da");
    pg.line(en, 48, y + 8, 160, { size: 10, color: "#6b6f80" });
    pg.line(value, 210, y + 6, W - 420, { size: 12, weight: "bold", align: "center", dir: /[\u0600-\u06ff]/.test(value) ? "rtl" : "ltr" });
    pg.line(ar, W - 208, y + 6, 160, { size: 11, color: "#6b6f80", align: "end", dir: "rtl" });
    y += 40;
  }
  drawQrCode(doc, c.qr, W - 168, doc.page.height - 190, 120);
  pg.line("هذه وثيقة تجريبية لبيانات العرض", 48, doc.page.height - 100, 320, { size: 9, color: "#9a9cab", dir: "rtl" });
  pg.line("Demo document for the Nawafeth sample data", 48, doc.page.height - 84, 320, { size: 9, color: "#9a9cab" });
  doc.end();
  return bytes;
}

/** A promotion banner as a PNG at the placement's pixel size: a coloured band, a headline block, a button and a QR. */
export function bannerPng(width: number, height: number, seed: number): Buffer {
  const palettes: [Rgb, Rgb, Rgb][] = [
    [[19, 78, 74], [240, 180, 41], [255, 255, 255]],
    [[46, 52, 120], [255, 122, 89], [255, 255, 255]],
    [[120, 28, 60], [255, 214, 102], [255, 255, 255]],
  ];
  const [bg, accent, light] = palettes[seed % palettes.length]!;
  const img = new Raster(width, height, bg);
  const u = Math.min(width, height) / 10;
  img.fill(0, height - Math.round(u * 1.2), width, Math.round(u * 1.2), accent);
  img.fill(Math.round(u), Math.round(u), Math.round(width * 0.45), Math.round(u * 1.1), light);
  img.fill(Math.round(u), Math.round(u * 2.6), Math.round(width * 0.3), Math.round(u * 0.6), accent);
  img.fill(Math.round(u), Math.round(u * 3.8), Math.round(width * 0.22), Math.round(u * 0.5), light);
  img.fill(Math.round(u), Math.round(u * 5.2), Math.round(u * 3.2), Math.round(u * 1.2), accent);
  img.qr(`promo:${seed}`, width - Math.round(u * 5), Math.round(u), Math.round(u * 4));
  return img.png();
}
