/** What every list says about its size and reach, in English and Arabic (merged by index.ts). */
import type { Lang } from "./core.js";

export const listStrings: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    properties: { search: "Search (number, title, name, phone, email)" },
    messages: {
      // Plural forms by `count` (i18next, Intl.PluralRules); the bare key is the fallback AdminJS checks exists.
      listRows: "{{rows}} records",
      listRows_one: "{{rows}} record",
      listRows_other: "{{rows}} records",
      listRowsAbout: "About {{rows}} records (an estimate)",
      listCountExactly: "Count exactly",
      listExactTimedOut: "Counting exactly took too long; the figure is an estimate.",
      listReach: "Pages open up to page {{page}}. Filter the list, or sort it the other way to see its end.",
    },
  },
  ar: {
    properties: { search: "بحث (الرقم، العنوان، الاسم، الجوال، البريد)" },
    messages: {
      // Arabic counts agree with the number: 0, 1, 2, 3–10, 11–99, then 100 and up.
      listRows: "{{rows}} سجل",
      listRows_zero: "لا سجلات",
      listRows_one: "سجل واحد",
      listRows_two: "سجلان",
      listRows_few: "{{rows}} سجلات",
      listRows_many: "{{rows}} سجلًا",
      listRows_other: "{{rows}} سجل",
      listRowsAbout: "نحو {{rows}} سجل (تقديرًا)",
      listCountExactly: "احسب العدد بدقة",
      listExactTimedOut: "استغرق العدّ الدقيق وقتًا طويلًا؛ العدد المعروض تقديري.",
      listReach: "تُفتح الصفحات حتى الصفحة {{page}}. صفِّ القائمة، أو اعكس ترتيبها لرؤية آخرها.",
    },
  },
};
