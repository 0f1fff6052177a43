/**
 * The message of one failing field, in Arabic or English. A rule of ours words its message as a
 * catalog key ("REASON_TOO_SHORT", looked up like any error code, filled from the issue); zod's
 * own checks are worded by zod's locales, called per issue since the language is the request's.
 * zod's English is its default, so English issues already carry it. Its Arabic names types and
 * sizes in English ("string", ">= 3 حرف"): those few issues are worded here.
 */
import { z } from "zod";
import type { Lang } from "../platform/i18n.js";
import { message } from "./messages.js";

type Issue = z.core.$ZodIssue;
type Num = number | bigint;

const zodArabic = z.locales.ar().localeError;

/** What a value must be, as the end of "يجب أن تكون القيمة …". */
const ARABIC_TYPES: Record<string, string> = {
  string: "نصًا", number: "رقمًا", int: "عددًا صحيحًا", bigint: "عددًا صحيحًا", boolean: "منطقية (صح أو خطأ)",
  object: "كائنًا", record: "كائنًا", array: "قائمة", tuple: "قائمة", set: "قائمة", date: "تاريخًا", null: "فارغة",
};

/** Bounds of a length (text, list, file) or of a number, inclusive unless said otherwise. */
const ARABIC_BOUNDS = {
  min: {
    string: (n: Num) => (Number(n) === 1 ? "يجب ألا يكون فارغًا" : `يجب ألا يقل عدد الأحرف عن ${n}`),
    array: (n: Num) => (Number(n) === 1 ? "يجب أن تحتوي على عنصر واحد على الأقل" : `يجب ألا يقل عدد العناصر عن ${n}`),
    file: (n: Num) => `يجب ألا يقل حجم الملف عن ${n} بايت`,
    number: (n: Num) => `يجب ألا تقل القيمة عن ${n}`,
    exclusive: (n: Num) => `يجب أن تكون القيمة أكبر من ${n}`,
  },
  max: {
    string: (n: Num) => `يجب ألا يزيد عدد الأحرف على ${n}`,
    array: (n: Num) => `يجب ألا يزيد عدد العناصر على ${n}`,
    file: (n: Num) => `يجب ألا يزيد حجم الملف على ${n} بايت`,
    number: (n: Num) => `يجب ألا تزيد القيمة على ${n}`,
    exclusive: (n: Num) => `يجب أن تكون القيمة أصغر من ${n}`,
  },
  exact: {
    string: (n: Num) => `يجب أن يكون عدد الأحرف ${n} بالضبط`,
    array: (n: Num) => `يجب أن يكون عدد العناصر ${n} بالضبط`,
  },
};

function arabicBound(kind: "min" | "max", origin: string, n: Num, inclusive = true, exact = false): string {
  const size = origin === "string" ? "string" : origin === "array" || origin === "set" ? "array" : origin === "file" ? "file" : undefined;
  if (exact && size && size !== "file") return ARABIC_BOUNDS.exact[size](n);
  if (size) return ARABIC_BOUNDS[kind][size](n);
  return inclusive ? ARABIC_BOUNDS[kind].number(n) : ARABIC_BOUNDS[kind].exclusive(n);
}

/** Latin letters outside the "quoted" values zod's messages show. */
const hasLatinWords = (text: string) => /[A-Za-z]/.test(text.replace(/"[^"]*"/g, ""));

/** zod's built-in issue in Arabic. */
function arabic(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      // The API parses with reportInput, so an absent field is told apart from a wrong type.
      if ("input" in issue && issue.input === undefined) return "هذا الحقل مطلوب";
      const type = ARABIC_TYPES[issue.expected];
      return type ? `يجب أن تكون القيمة ${type}` : "نوع القيمة غير صحيح";
    }
    case "too_small":
      return arabicBound("min", issue.origin, issue.minimum, issue.inclusive, issue.exact);
    case "too_big":
      return arabicBound("max", issue.origin, issue.maximum, issue.inclusive, issue.exact);
    case "invalid_key":
    case "invalid_element":
      return "القيمة تحتوي على عنصر غير صحيح";
    case "invalid_format": {
      // zod names some formats by Latin acronyms (UUID, ISO, E.164) and shows regex patterns.
      const text = zodArabic(issue as never);
      return typeof text === "string" && !hasLatinWords(text) ? text : "صيغة القيمة غير صحيحة";
    }
    default: {
      const text = zodArabic(issue as never);
      return typeof text === "string" ? text : (text?.message ?? "مدخل غير مقبول");
    }
  }
}

/** A zod issue's message in a language: a catalog key filled from the issue, else zod's wording. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const keyed = message(issue.message, lang, { ...issue, ...("params" in issue ? issue.params : {}) });
  if (keyed !== undefined) return keyed;
  return lang === "en" ? issue.message : arabic(issue);
}

/** A domain error's field message (a catalog key, filled from the error's details), in a language. */
export function detailMessage(value: string, lang: Lang, details?: Record<string, unknown>): string {
  return message(value, lang, details) ?? value;
}
