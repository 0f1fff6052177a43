/** Field messages of failing input, worded in Arabic or English: zod's built-in checks and our rules. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { detailMessage, issueMessage } from "../../src/api/field-messages.js";
import { dateTimeString, reasonSchema } from "../../src/platform/validation.js";

/** Latin letters outside quoted values ("…" or «…»): English words left in an Arabic sentence. */
const latinWords = (text: string) => text.replace(/"[^"]*"|«[^»]*»/g, "").match(/[A-Za-z]+/g) ?? [];

const body = z
  .object({
    title: z.string().trim().min(3).max(10),
    count: z.number().int().min(1).max(5),
    price: z.number().int().positive(),
    tags: z.array(z.string()).min(1).max(2),
    priority: z.enum(["low", "high"]),
    email: z.string().email(),
    code: z.string().length(6),
    at: dateTimeString,
    reason: reasonSchema,
    currency: z.string().regex(/^[A-Z]{3}$/),
  })
  .strict();

const BAD = { title: "ab", count: 9, price: 0, tags: [], priority: "urgent", email: "nope", code: "123", at: "soon", reason: "no", currency: "sar", extra: 1 };

function messages(input: unknown, lang: "ar" | "en") {
  const r = body.safeParse(input, { reportInput: true });
  if (r.success) throw new Error("expected a failure");
  // The first issue of each field, as the API answers.
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join(".") || "body"] ??= issueMessage(i, lang);
  return out;
}

describe("field messages in the reader's language", () => {
  it("should word every built-in and custom issue in Arabic, without English words", () => {
    const ar = messages(BAD, "ar");
    expect(Object.keys(ar).sort()).toEqual(["at", "body", "code", "count", "currency", "email", "price", "priority", "reason", "tags", "title"]);
    for (const [field, text] of Object.entries(ar)) {
      expect(text, field).toMatch(/[\u0600-\u06FF]/);
      expect(latinWords(text), `${field}: ${text}`).toEqual([]);
    }
    expect(ar.title).toBe("يجب ألا يقل عدد الأحرف عن 3");
    expect(ar.count).toBe("يجب ألا تزيد القيمة على 5");
    expect(ar.price).toBe("يجب أن تكون القيمة أكبر من 0");
    expect(ar.reason).toBe("اكتب سببًا لا يقل عن 3 أحرف");
    expect(ar.priority).toContain('"low"');
    expect(ar.body).toContain('"extra"');
  });

  it("should tell a missing field from a wrong type in Arabic", () => {
    const ar = messages({ ...BAD, title: undefined, count: "3" }, "ar");
    expect(ar.title).toBe("هذا الحقل مطلوب");
    expect(ar.count).toBe("يجب أن تكون القيمة رقمًا");
  });

  it("should keep zod's English for built-in issues and the catalog's English for ours", () => {
    const en = messages(BAD, "en");
    expect(en.title).toBe("Too small: expected string to have >=3 characters");
    expect(en.reason).toBe("give a reason of at least 3 characters");
    expect(en.at).toMatch(/^must be an ISO 8601 date-time/);
    for (const text of Object.values(en)) expect(text).not.toMatch(/[\u0600-\u06FF]/);
  });

  it("should word a domain error's field keys from its details, and leave other text as it is", () => {
    expect(detailMessage("FILE_TOO_LARGE", "en", { maxBytes: 10 })).toBe("The file is too large (at most 10 bytes).");
    expect(detailMessage("FILE_TYPE_NOT_ALLOWED", "ar", { allowed: "image/png" })).toBe("هذا النوع من الملفات غير مقبول. المسموح: «image/png».");
    expect(detailMessage("something else", "ar")).toBe("something else");
  });
});
