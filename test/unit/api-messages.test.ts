/** Every error code the code base can raise has a message in Arabic and English. */
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
});
