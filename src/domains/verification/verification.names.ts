/** Names of badge and document types in both languages (invoices, the app, the panel). */
import type { BadgeKind, DocType } from "./verification.status.js";

export const BADGE_NAMES: Record<BadgeKind, { ar: string; en: string }> = {
  identity: { ar: "توثيق الهوية", en: "Identity verification" },
  business: { ar: "توثيق المنشأة", en: "Business verification" },
  professional: { ar: "توثيق الترخيص المهني", en: "Professional licence verification" },
};

export const DOC_NAMES: Record<DocType, { ar: string; en: string }> = {
  national_id: { ar: "الهوية الوطنية", en: "National ID" },
  iqama: { ar: "الإقامة", en: "Resident ID (iqama)" },
  commercial_registration: { ar: "السجل التجاري", en: "Commercial registration" },
  professional_license: { ar: "الترخيص المهني", en: "Professional licence" },
  freelance_certificate: { ar: "وثيقة العمل الحر", en: "Freelance certificate" },
  other: { ar: "مستند آخر", en: "Other document" },
};
