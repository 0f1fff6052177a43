/** What every list says about its size and reach, in English and Arabic (merged by index.ts). */
import type { Lang } from "./core.js";

export const listStrings: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    properties: { search: "Search (number, title, name, phone, email)" },
    messages: {
      listRows: "{{rows}} records",
      listRowsAbout: "About {{rows}} records (an estimate)",
      listCountExactly: "Count exactly",
      listExactTimedOut: "Counting exactly took too long; the figure is an estimate.",
      listReach: "Pages open up to page {{page}}. Filter the list, or sort it the other way to see its end.",
    },
  },
  ar: {
    properties: { search: "بحث (الرقم، العنوان، الاسم، الجوال، البريد)" },
    messages: {
      listRows: "{{rows}} سجل",
      listRowsAbout: "نحو {{rows}} سجل (تقديرًا)",
      listCountExactly: "احسب العدد بدقة",
      listExactTimedOut: "استغرق العدّ الدقيق وقتًا طويلًا؛ العدد المعروض تقديري.",
      listReach: "تُفتح الصفحات حتى الصفحة {{page}}. صفِّ القائمة، أو اعكس ترتيبها لرؤية آخرها.",
    },
  },
};
