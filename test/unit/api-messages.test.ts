/**
 * Every error code the code base can raise has a message in Arabic and English, and every message
 * a rule of ours gives a failing field is a catalog key (so it has both languages too).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiMessages } from "../../src/api/messages.js";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("API message catalog", () => {
  it("should have an Arabic and an English message for every error code thrown in src/", () => {
    const codes = new Set<string>();
    for (const f of files("src")) {
      for (const m of readFileSync(f, "utf8").matchAll(/(?:DomainError|ConflictError)\(\s*"([A-Z][A-Z_]+)"/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(10);
    const missing = [...codes].filter((c) => !apiMessages[c]?.ar || !apiMessages[c]?.en);
    expect(missing).toEqual([]);
  });

  it("should not leave an English message in the Arabic column", () => {
    const latinOnly = Object.entries(apiMessages).filter(([, m]) => !/[\u0600-\u06FF]/.test(m.ar)).map(([c]) => c);
    expect(latinOnly).toEqual([]);
  });

  it("should word every custom field message in src/ as a catalog key, not as English text", () => {
    // Operators read config errors in English at start; nothing else is exempt.
    const sources = files("src").filter((f) => !f.endsWith(path.join("platform", "config.ts")));
    const literals: { file: string; text: string }[] = [];
    const CHECK_CALL = /\.(?:min|max|length|regex|refine|superRefine|gt|gte|lt|lte|positive|nonnegative|email|url|datetime|startsWith|endsWith)\(/;
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      // A zod check's message argument: the last string of the call ("…", "MESSAGE").
      for (const line of text.split("\n").filter((l) => CHECK_CALL.test(l))) for (const m of line.matchAll(/,\s*"([^"]*)"\s*\)/g)) literals.push({ file, text: m[1]! });
      // { message: "…" } / { error: "…" } handed to a call.
      for (const m of text.matchAll(/[(,]\s*\{[^{}]*?\b(?:message|error):\s*"([^"\n]*)"/g)) literals.push({ file, text: m[1]! });
      // A domain error's field messages: { fields: { name: "…" } }.
      for (const m of text.matchAll(/\bfields:\s*\{([^{}]*)\}/g)) for (const v of m[1]!.matchAll(/:\s*"([^"]*)"/g)) literals.push({ file, text: v[1]! });
    }
    expect(literals.length).toBeGreaterThan(30);
    const english = literals.filter((l) => /[a-z]/.test(l.text) && /\s/.test(l.text));
    expect(english).toEqual([]);
    const keys = literals.filter((l) => /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(l.text));
    expect(keys.filter((l) => !apiMessages[l.text]?.ar || !apiMessages[l.text]?.en)).toEqual([]);
  });
});
