/**
 * Font files for generated PDFs, from npm packages installed with the app (no system fonts, so a
 * PDF looks and reads the same on every machine and in the Docker image).
 *
 * Arabic: Noto Naskh Arabic TTF from @embedpdf/fonts-arabic. Each Arabic letter in each joining
 * form is its own glyph there, so the ToUnicode map pdfkit writes (glyph → the letters it was
 * shaped from) gives the real text back. The Google Fonts build of Noto Sans Arabic
 * (@fontsource/noto-sans-arabic) draws letters as a shared dotless skeleton plus separate dots:
 * ت, ن, ي, ث share one glyph, so copied text came out as "فايورة" for فاتورة.
 *
 * Latin (letters, digits, punctuation; the Arabic font has no Latin letters): Noto Sans from the
 * Latin subset of @fontsource/noto-sans-arabic, which fontkit reads as WOFF directly.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fonts as arabicFonts } from "@embedpdf/fonts-arabic";

export type FontScript = "arabic" | "latin";
export type FontWeight = "regular" | "bold";

/** Absolute paths of the font files, by script and weight. */
export type PdfFonts = Record<FontScript, Record<FontWeight, string>>;

const require = createRequire(import.meta.url);
let cache: PdfFonts | undefined;

function arabicFile(weight: number): string {
  const file = arabicFonts.find((f) => f.weight === weight)?.file;
  if (!file) throw new Error(`@embedpdf/fonts-arabic has no ${weight} weight`);
  // The package exports only its metadata module (dist/); the TTFs sit beside it in fonts/.
  return path.join(path.dirname(require.resolve("@embedpdf/fonts-arabic")), "..", "fonts", file);
}

const latinFile = (weight: number) => require.resolve(`@fontsource/noto-sans-arabic/files/noto-sans-arabic-latin-${weight}-normal.woff`);

export function pdfFonts(): PdfFonts {
  cache ??= {
    arabic: { regular: arabicFile(400), bold: arabicFile(700) },
    latin: { regular: latinFile(400), bold: latinFile(700) },
  };
  return cache;
}
