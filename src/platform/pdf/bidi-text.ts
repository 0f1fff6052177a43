/**
 * Bidirectional (Arabic/English) text on a pdfkit page.
 *
 * - Ordering: bidi-js (the Unicode Bidirectional Algorithm) gives each character its level, the
 *   visual order of a line and the mirrored brackets of right-to-left text.
 * - Shaping: pdfkit's fontkit joins Arabic letters (init/medi/fina forms, lam-alef) through the
 *   font's OpenType GSUB and lays a right-to-left run out right to left. It is handed each run in
 *   logical order and as a whole (`features: []` makes pdfkit lay the string out in one piece —
 *   without it pdfkit shapes word by word, which would put Arabic words in reading order from the
 *   left). The letters are never turned into presentation-form code points by hand, so the
 *   ToUnicode map pdfkit writes maps each glyph back to the letters it came from.
 * - Fonts: a run uses the Arabic font for Arabic-script characters and the Latin font otherwise.
 * - Text layer: extractors (poppler's pdftotext, pdf.js) read the glyphs of a line in visual order,
 *   spread a glyph's characters left to right across it, and reverse right-to-left words. Two
 *   glyphs need their ToUnicode entry adjusted for that to give the logical text back (see
 *   `mapGlyphsForExtraction`): a right-to-left ligature (lam-alef لا) maps to its letters in visual
 *   order, and a mirrored bracket (")" drawn for "(" in Arabic text) maps to the character it
 *   stands for — drawn from a separate instance of the Latin font, so the glyph's ordinary uses
 *   keep their own mapping.
 */
import bidiImport, { type Bidi } from "bidi-js";
import type { FontScript, FontWeight, PdfFonts } from "./fonts.js";

export type Dir = "ltr" | "rtl";
export type Align = "start" | "end" | "center";

// bidi-js is CommonJS (module.exports = the factory) with ESM-style typings: at run time the
// default import is the factory itself.
const bidi = (bidiImport as unknown as () => Bidi)();

/** Characters drawn with the Arabic font (the Latin one has none of them); ZWJ/ZWNJ join Arabic letters. */
const ARABIC_FONT = /[\u200C\u200D\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
/** Arabic letters, marks and digits: fontkit takes a run with one of them as Arabic script and lays it out right to left. */
const ARABIC_SCRIPT = /[\u0610-\u061A\u0620-\u065F\u0660-\u0669\u066E-\u06D3\u06D5-\u06ED\u06F0-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const SPACE = /\s/u;
/** Bidi controls (marks, embeddings, isolates) steer the ordering and are not drawn. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * The direction of a paragraph: that of its first strong character outside isolates (UBA rules
 * P2–P3), else `fallback`.
 */
export function paragraphDirection(text: string, fallback: Dir = "ltr"): Dir {
  let isolates = 0;
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === "LRI" || type === "RLI" || type === "FSI") isolates++;
    else if (type === "PDI") isolates = Math.max(0, isolates - 1);
    else if (isolates === 0 && type === "L") return "ltr";
    else if (isolates === 0 && (type === "R" || type === "AL")) return "rtl";
  }
  return fallback;
}

/** Wraps text in a first-strong isolate (FSI…PDI): it keeps its own direction inside other text. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * A piece of a line drawn as one unit. Pieces come left to right. `shaped` pieces are Arabic-script
 * runs given reversed, i.e. their letters in logical order (fontkit shapes them and lays them out
 * right to left); the others are in visual order.
 */
export interface VisualRun {
  text: string;
  font: FontScript;
  shaped: boolean;
  /** For a mirrored bracket: the character of the text it is drawn for ("(" drawn as ")"). */
  mirrorOf?: string;
}

/** One line of one paragraph, in visual order, split where the font or the direction changes. */
export function visualRuns(text: string, dir: Dir): VisualRun[] {
  if (!text) return [];
  const levels = bidi.getEmbeddingLevels(text, dir);
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  const order = bidi.getReorderedIndices(text, levels);

  // Visual units: code points, a surrogate pair kept together even where its level is reversed.
  const units: { ch: string; mirrorOf?: string }[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && order[k + 1] === i - 1) {
      units.push({ ch: text[i - 1]! + text[i]! });
      k++;
    } else if (code >= 0xd800 && code <= 0xdbff && order[k + 1] === i + 1) {
      units.push({ ch: text[i]! + text[i + 1]! });
      k++;
    } else if (BIDI_CONTROL.test(text[i]!)) continue;
    else {
      const mirror = mirrored.get(i);
      units.push(mirror ? { ch: mirror, mirrorOf: text[i]! } : { ch: text[i]! });
    }
  }

  // Runs: consecutive characters of one font, in visual order (spaces go with the run they are
  // in); a mirrored bracket alone, for its own font instance.
  const runs: { chars: string[]; font: FontScript | null; mirrorOf?: string }[] = [];
  for (const { ch, mirrorOf } of units) {
    const font: FontScript | null = SPACE.test(ch) ? null : ARABIC_FONT.test(ch) ? "arabic" : "latin";
    const last = runs[runs.length - 1];
    if (!mirrorOf && last && !last.mirrorOf && (font === null || last.font === null || last.font === font)) {
      last.chars.push(ch);
      last.font ??= font;
    } else runs.push({ chars: [ch], font, ...(mirrorOf ? { mirrorOf } : {}) });
  }

  const out: VisualRun[] = [];
  for (const r of runs) {
    const font = r.font ?? "latin";
    if (r.mirrorOf) out.push({ text: r.chars[0]!, font, shaped: false, mirrorOf: r.mirrorOf });
    else if (font === "latin") out.push({ text: r.chars.join(""), font, shaped: false });
    else if (r.chars.some((c) => ARABIC_SCRIPT.test(c))) {
      // fontkit lays Arabic-script text out right to left, so it gets the run reversed: the
      // letters in logical order, to be joined; digits inside (left to right, not joining) come
      // back out in the visual order they went in.
      out.push({ text: r.chars.slice().reverse().join(""), font, shaped: true });
    } else {
      // Arabic punctuation alone: fontkit keeps its order, so each is drawn where it stands.
      for (const ch of r.chars) out.push({ text: ch, font, shaped: false });
    }
  }
  return out;
}

/** The parts of pdfkit's embedded font object (not public API) that hold the ToUnicode map. */
interface EmbeddedFontInternals {
  font: { layout(text: string, features?: string[]): { glyphs: { id: number; codePoints: number[] }[] } };
  subset: { includeGlyph(id: number): number };
  unicode: (number[] | undefined)[];
}

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: string;
}

export interface LineStyle extends TextStyle {
  align?: Align;
  /** The paragraph direction; default: from the text, else the page's. */
  dir?: Dir;
}

/**
 * Writes lines of bidi text on a pdfkit document. On a right-to-left page `x()` mirrors boxes and
 * `align: "start"` means right, so a layout is written once, left to right.
 */
export class BidiText {
  readonly rtl: boolean;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    fonts: PdfFonts,
    pageDir: Dir,
  ) {
    this.rtl = pageDir === "rtl";
    for (const weight of ["regular", "bold"] as const) {
      doc.registerFont(`arabic-${weight}`, fonts.arabic[weight]);
      doc.registerFont(`latin-${weight}`, fonts.latin[weight]);
      // Only mirrored brackets are drawn with this instance, so its ToUnicode can say "(" for ")".
      doc.registerFont(`mirrored-${weight}`, fonts.latin[weight]);
    }
  }

  private readonly separated = new Set<string>();

  private use(run: VisualRun, style: TextStyle): PDFKit.PDFDocument {
    const weight = style.weight ?? "regular";
    if (run.mirrorOf && run.font === "latin") this.separateMirrored(weight);
    return this.doc.font(`${run.mirrorOf && run.font === "latin" ? "mirrored" : run.font}-${weight}`).fontSize(style.size);
  }

  /**
   * pdfkit embeds a font file once however many names it is registered under (it matches the
   * file's name table); the mirrored brackets need an instance of their own, with their own
   * ToUnicode map, so the ordinary instance is hidden from that match while the other is opened.
   */
  private separateMirrored(weight: FontWeight): void {
    if (this.separated.has(weight)) return;
    this.separated.add(weight);
    const doc = this.doc as unknown as { _font?: { name?: string }; _fontFamilies?: Record<string, unknown> };
    this.doc.font(`latin-${weight}`);
    const name = doc._font?.name;
    if (!name || !doc._fontFamilies?.[name]) throw new Error("pdfkit's font cache changed: fix separateMirrored");
    const shared = doc._fontFamilies[name];
    delete doc._fontFamilies[name];
    this.doc.font(`mirrored-${weight}`);
    doc._fontFamilies[name] = shared;
  }

  /**
   * Sets the ToUnicode entries pdfkit would get wrong for extraction, before the run is drawn
   * (pdfkit keeps the first entry written for a glyph). Fails loudly if pdfkit's internals change.
   */
  private mapGlyphsForExtraction(run: VisualRun): void {
    if (!run.shaped && !run.mirrorOf) return;
    const font = (this.doc as unknown as { _font?: Partial<EmbeddedFontInternals> })._font;
    if (!font?.font?.layout || !font.subset?.includeGlyph || !Array.isArray(font.unicode)) throw new Error("pdfkit's embedded font no longer has font/subset/unicode: fix mapGlyphsForExtraction");
    for (const glyph of font.font.layout(run.text, []).glyphs) {
      if (run.mirrorOf) font.unicode[font.subset.includeGlyph(glyph.id)] = [run.mirrorOf.codePointAt(0)!];
      else if (glyph.codePoints.length > 1) font.unicode[font.subset.includeGlyph(glyph.id)] ??= [...glyph.codePoints].reverse();
    }
  }

  private runWidth(run: VisualRun, style: TextStyle): number {
    return this.use(run, style).widthOfString(run.text, { features: [] });
  }

  private direction(text: string, style: { dir?: Dir }): Dir {
    return style.dir ?? paragraphDirection(text, this.rtl ? "rtl" : "ltr");
  }

  /** Width of one line of text. */
  width(text: string, style: TextStyle & { dir?: Dir }): number {
    return visualRuns(text, this.direction(text, style)).reduce((w, r) => w + this.runWidth(r, style), 0);
  }

  /** Mirrors a box's x on right-to-left pages. */
  x(x: number, width: number): number {
    return this.rtl ? this.doc.page.width - x - width : x;
  }

  /** Draws one line in the box [x, x + width]; `align` start/end follow the page direction. */
  line(text: string, x: number, y: number, width: number, style: LineStyle): void {
    const runs = visualRuns(text, this.direction(text, style));
    const widths = runs.map((r) => this.runWidth(r, style));
    const w = widths.reduce((a, b) => a + b, 0);
    const align = style.align ?? "start";
    const physical = align === "center" ? "center" : (align === "start") !== this.rtl ? "left" : "right";
    let cx = physical === "left" ? x : physical === "right" ? x + width - w : x + (width - w) / 2;
    // Baselines, not tops: the Arabic and Latin fonts have different ascenders.
    const baseline = y + style.size;
    this.doc.fillColor(style.color ?? "#111111");
    runs.forEach((r, i) => {
      if (r.text.trim()) {
        const doc = this.use(r, style);
        this.mapGlyphsForExtraction(r);
        doc.text(r.text, cx, baseline, { lineBreak: false, baseline: "alphabetic", features: [] });
      }
      cx += widths[i]!;
    });
  }

  /** Breaks text into lines no wider than `width` (at spaces; overlong words are cut). */
  wrap(text: string, width: number, style: TextStyle & { dir?: Dir }): string[] {
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
  paragraph(text: string, x: number, y: number, width: number, style: LineStyle & { leading?: number }): number {
    const step = style.size * (style.leading ?? 1.35);
    // One direction for the whole paragraph, as in the bidi algorithm, not one per wrapped line.
    const dir = this.direction(text, style);
    const lines = this.wrap(text, width, { ...style, dir });
    lines.forEach((l, i) => this.line(l, x, y + i * step, width, { ...style, dir }));
    return lines.length * step;
  }

  rule(x: number, y: number, width: number, color = "#cccccc", thickness = 0.7): void {
    this.doc.moveTo(x, y).lineTo(x + width, y).lineWidth(thickness).strokeColor(color).stroke();
  }
}
