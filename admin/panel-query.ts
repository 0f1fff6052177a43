/**
 * A list, search or filter request the panel cannot run (a value the column cannot hold, an
 * unknown sort, a page out of range). The list and search actions turn it into a clear notice
 * instead of letting it reach PostgreSQL as a 500.
 */
export type PanelQueryProblem = "invalidFilter" | "invalidSort" | "invalidPage" | "pageOutOfReach" | "timeout";

export class PanelQueryError extends Error {
  constructor(
    readonly problem: PanelQueryProblem,
    readonly details: { property?: string } = {},
  ) {
    super(`${problem}${details.property ? `: ${details.property}` : ""}`);
    this.name = "PanelQueryError";
  }
}

const TEXT: Record<"ar" | "en", Record<PanelQueryProblem, (p: string) => string>> = {
  en: {
    invalidFilter: (p) => `The filter “${p}” has a value this field cannot hold. Change or clear it.`,
    invalidSort: (p) => `The list cannot be sorted by “${p}”.`,
    invalidPage: () => "That page does not exist. Go back to the first page.",
    pageOutOfReach: () => "Only the first pages of a long list open. Filter the list, or sort it the other way to see its end.",
    timeout: () => "This list took too long to load. Add a filter (a status, a date range) or a narrower search, and try again.",
  },
  ar: {
    invalidFilter: (p) => `قيمة عامل التصفية «${p}» لا تناسب هذا الحقل. غيّرها أو امسحها.`,
    invalidSort: (p) => `لا يمكن ترتيب القائمة حسب «${p}».`,
    invalidPage: () => "هذه الصفحة غير موجودة. ارجع إلى الصفحة الأولى.",
    pageOutOfReach: () => "تُفتح الصفحات الأولى فقط من القوائم الطويلة. صفِّ القائمة، أو اعكس ترتيبها لرؤية آخرها.",
    timeout: () => "استغرق تحميل هذه القائمة وقتًا طويلًا. أضف عامل تصفية (حالة أو فترة زمنية) أو بحثًا أدق، ثم حاول مجددًا.",
  },
};

/** The message staff read, in their panel language. */
export function panelQueryMessage(err: PanelQueryError, lang: "ar" | "en"): string {
  return TEXT[lang][err.problem](err.details.property ?? "");
}
