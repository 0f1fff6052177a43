/** Text of a PDF as poppler's pdftotext extracts it (what copy, search and archiving tools see). */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function pdfText(pdf: Buffer, o: { layout?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "pdftext-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", [...(o.layout === false ? [] : ["-layout"]), "-enc", "UTF-8", file, "-"], { maxBuffer: 16 * 1024 * 1024 });
    // pdftotext marks right-to-left and embedded runs with bidi controls (RLE, LRE, PDF…); they are not text.
    return stdout.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
