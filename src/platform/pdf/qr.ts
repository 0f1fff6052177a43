/**
 * QR codes drawn on a pdfkit page as vector squares, for any generated PDF (the payload is the
 * caller's: the invoice's ZATCA TLV, a link…).
 */
import QRCode from "qrcode";

/**
 * Draws a QR code as vector squares (one rectangle per run of dark modules in a row), with a
 * one-module quiet zone. Sharper in print than a PNG, and it skips encoding and re-decoding one.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
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
