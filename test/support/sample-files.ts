/** Real files for upload tests: a PDF drawn by pdfkit, a PNG drawn by qrcode, and a JPEG header. */
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
