/**
 * The Saudi cities the app offers, with their Arabic names. `city` columns store the English name
 * (the app filters on it), so this table is what Arabic pages show instead; a city not in it is
 * shown as stored.
 */
export interface City {
  /** As stored in `city` columns. */
  en: string;
  ar: string;
  /** Other English spellings seen in data (Mecca for Makkah). */
  aliases?: readonly string[];
}

export const SAUDI_CITIES: readonly City[] = [
  { en: "Riyadh", ar: "الرياض" },
  { en: "Jeddah", ar: "جدة" },
  { en: "Makkah", ar: "مكة المكرمة", aliases: ["Mecca"] },
  { en: "Madinah", ar: "المدينة المنورة", aliases: ["Medina"] },
  { en: "Dammam", ar: "الدمام" },
  { en: "Khobar", ar: "الخبر", aliases: ["Al Khobar"] },
  { en: "Dhahran", ar: "الظهران" },
  { en: "Taif", ar: "الطائف" },
  { en: "Tabuk", ar: "تبوك" },
  { en: "Buraidah", ar: "بريدة" },
  { en: "Khamis Mushait", ar: "خميس مشيط" },
  { en: "Abha", ar: "أبها" },
  { en: "Hail", ar: "حائل" },
  { en: "Najran", ar: "نجران" },
  { en: "Jazan", ar: "جازان" },
  { en: "Yanbu", ar: "ينبع" },
  { en: "Al Ahsa", ar: "الأحساء" },
  { en: "Jubail", ar: "الجبيل" },
  { en: "Al Kharj", ar: "الخرج" },
  { en: "Qatif", ar: "القطيف" },
];

const key = (name: string) => name.trim().toLowerCase();

/** Arabic name by stored name, lower-cased (spelling and case vary in typed data). */
export const ARABIC_CITY_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  SAUDI_CITIES.flatMap((c) => [c.en, ...(c.aliases ?? [])].map((name) => [key(name), c.ar])),
);

/** The Arabic name of a stored city, or undefined for a city this table does not know. */
export function arabicCityName(stored: string): string | undefined {
  const k = key(stored);
  return Object.hasOwn(ARABIC_CITY_NAMES, k) ? ARABIC_CITY_NAMES[k] : undefined;
}

/** What a city column stores for a name typed in either language ("الرياض" → "Riyadh"). */
export function storedCityName(typed: string): string {
  const t = typed.trim();
  return SAUDI_CITIES.find((c) => c.ar === t)?.en ?? typed;
}
