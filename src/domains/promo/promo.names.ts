/** Names of placements in both languages (invoices, the app, the panel). */
import type { Placement } from "./promo.status.js";

export const PLACEMENT_NAMES: Record<Placement, { ar: string; en: string }> = {
  home_banner: { ar: "بانر الصفحة الرئيسية", en: "Home banner" },
  category_top: { ar: "أعلى قائمة التصنيف", en: "Top of a category" },
  search_boost: { ar: "أولوية في نتائج البحث", en: "Search boost" },
};
