/**
 * User-facing messages in Arabic and English, looked up by a stable code. Each domain keeps its
 * own catalog (`<domain>.messages.ts`); `src/api/messages.ts` merges them. `{name}` placeholders are
 * filled from the error's details.
 */
export type Lang = "ar" | "en";
export type Catalog = Record<string, { en: string; ar: string }>;

export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

/** Picks ar or en from an Accept-Language header (first supported tag wins), else undefined. */
export function pickLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const tags = header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag!.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const base = tag.split("-")[0];
    if (base === "ar" || base === "en") return base;
  }
  return undefined;
}
