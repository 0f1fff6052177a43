/** Names of badge and document types in both languages (invoices, the app, the panel). */
import type { BadgeKind, DocType } from "./verification.status.js";

export const BADGE_NAMES: Record<BadgeKind, { ar: string; en: string }> = {
  identity: { ar: "توثيق الهوية", en: "Identity verification" },
  business: { ar: "توثيق المنشأة", en: "Business verification" },
  professional: { ar: "توثيق الترخيص المهني", en: "Professional licence verification" },
};

/**
 * Error details that name documents: the codes (for programs) and the names in each language, so
 * a message reads "Commercial registration" rather than "commercial_registration".
 */
export function namedDocuments(types: readonly string[], key = "documents"): Record<string, string> {
  const names = (lang: "ar" | "en") => types.map((t) => DOC_NAMES[t as DocType]?.[lang] ?? t);
  return { [key]: types.join(", "), [`${key}Ar`]: names("ar").join("، "), [`${key}En`]: names("en").join(", ") };
}

export const DOC_NAMES: Record<DocType, { ar: string; en: string }> = {
  national_id: { ar: "الهوية الوطنية", en: "National ID" },
  iqama: { ar: "الإقامة", en: "Resident ID (iqama)" },
  commercial_registration: { ar: "السجل التجاري", en: "Commercial registration" },
  professional_license: { ar: "الترخيص المهني", en: "Professional licence" },
  freelance_certificate: { ar: "وثيقة العمل الحر", en: "Freelance certificate" },
  other: { ar: "مستند آخر", en: "Other document" },
};
