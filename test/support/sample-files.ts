/** Real files for upload tests: a PDF drawn by pdfkit, PNGs (a QR code, or any pixel size), a GIF, and bytes that are no file. */
import { randomBytes } from "node:crypto";
import { encodePng } from "../../prisma/seed/demo-files.js";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/** A one-page PDF whose text is `title` (distinct titles give distinct SHA-256s). */
export function samplePdf(title = "Commercial registration 1010101010"): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A5", info: { CreationDate: new Date(0), Title: title } });
    const parts: Buffer[] = [];
    doc.on("data", (b: Buffer) => parts.push(b));
    doc.on("end", () => resolve(Buffer.concat(parts)));
    doc.on("error", reject);
    doc.fontSize(16).text(title, 40, 60);
    doc.end();
  });
}

/** A PNG (a QR code of `text`). */
export function samplePng(text = "document"): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", width: 120 });
}

/** Bytes that are plainly not an accepted document (a script). */
export const notADocument = Buffer.from("#!/bin/sh\necho pwned\n");

/**
 * A PNG of exactly `width` × `height` pixels, drawn here (no image library): one colour from
 * `seed`, or random pixels with `noise` (incompressible, to reach a byte size).
 */
export function samplePngOfSize(width: number, height: number, o: { seed?: number; noise?: boolean } = {}): Buffer {
  const seed = o.seed ?? 0;
  const row = (y: number) => (o.noise ? randomBytes(width * 3) : Buffer.alloc(width * 3, (seed * 37 + y) % 256));
  return encodePng(width, height, Buffer.concat(Array.from({ length: height }, (_, y) => row(y))));
}

/** A GIF header (an image type no upload here takes). */
export const sampleGif = Buffer.from("474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b", "hex");
