/**
 * A pdfkit document whose bytes are collected in memory, for PDFs served whole (a download, an
 * email attachment) rather than streamed.
 */
import PDFDocument from "pdfkit";

/** A new pdfkit document and its bytes, which resolve once `doc.end()` has flushed them (or reject on a pdfkit error). */
export function openPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}
