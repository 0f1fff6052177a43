/**
 * Notification templates: per kind and channel, an Arabic and an English subject and body with
 * {{named}} variables. The recipient's language picks the version. Staff edit them in the panel;
 * a template may use only the variables its kind provides, and needs both languages.
 */
import type { NotificationTemplate } from "@prisma/client";
import type { Lang } from "../../platform/i18n.js";
import { DomainError } from "../../platform/errors.js";
import type { Channel } from "./channels.js";

const VAR = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a text uses. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VAR)].map((m) => m[1]!))];
}

/** Fills {{name}}; a variable without a value renders empty (validation keeps unknown names out). */
export function fill(text: string, vars: Record<string, string | number | null | undefined>): string {
  return text.replace(VAR, (_, k: string) => (vars[k] === undefined || vars[k] === null ? "" : String(vars[k])));
}

export interface TemplateText {
  subjectAr: string | null;
  subjectEn: string | null;
  bodyAr: string;
  bodyEn: string;
}

/** Channels whose messages have a subject or title. */
const WITH_SUBJECT: readonly Channel[] = ["email", "push", "in_app"];

/**
 * Checks a template as staff save it: both languages present, a subject where the channel shows
 * one, and no variable the kind does not provide. Field errors are catalog keys.
 */
export function validateTemplate(t: TemplateText & { channel: Channel }, allowed: readonly string[]): void {
  const fields: Record<string, string> = {};
  if (!t.bodyAr?.trim()) fields.bodyAr = "VALUE_REQUIRED";
  if (!t.bodyEn?.trim()) fields.bodyEn = "VALUE_REQUIRED";
  if (WITH_SUBJECT.includes(t.channel)) {
    if (!t.subjectAr?.trim()) fields.subjectAr = "VALUE_REQUIRED";
    if (!t.subjectEn?.trim()) fields.subjectEn = "VALUE_REQUIRED";
  }
  const unknown: string[] = [];
  for (const [field, text] of Object.entries({ subjectAr: t.subjectAr, subjectEn: t.subjectEn, bodyAr: t.bodyAr, bodyEn: t.bodyEn })) {
    const bad = variablesIn(text ?? "").filter((v) => !allowed.includes(v));
    if (bad.length) {
      fields[field] ??= "TEMPLATE_UNKNOWN_VARIABLE";
      unknown.push(...bad);
    }
  }
  if (Object.keys(fields).length) throw new DomainError("VALIDATION_FAILED", "template is not valid", 400, { fields, unknown: [...new Set(unknown)].join(", "), allowed: allowed.join(", ") });
}

export interface Rendered {
  lang: Lang;
  subject: string;
  body: string;
}

/** The template in one language with the variables filled. */
export function renderTemplate(t: Pick<NotificationTemplate, "subjectAr" | "subjectEn" | "bodyAr" | "bodyEn">, lang: Lang, vars: Record<string, string | number | null | undefined>): Rendered {
  return {
    lang,
    subject: fill((lang === "ar" ? t.subjectAr : t.subjectEn) ?? "", vars),
    body: fill(lang === "ar" ? t.bodyAr : t.bodyEn, vars),
  };
}
