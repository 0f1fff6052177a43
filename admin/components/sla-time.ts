/**
 * A ticket's deadline as agents read it: "due in 2 h" or "overdue 35 min" (minutes under an hour,
 * hours under two days, then days), in the page's language with its plural forms.
 */
type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface DueText {
  text: string;
  overdue: boolean;
}

export function dueText(t: Translate, dueAt: string | null | undefined, now: string | number | Date): DueText | null {
  if (!dueAt) return null;
  const minutes = Math.round((new Date(dueAt).getTime() - new Date(now).getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const duration = abs < 60 ? t("durMinutes", { count: abs }) : abs < 48 * 60 ? t("durHours", { count: Math.round(abs / 60) }) : t("durDays", { count: Math.round(abs / 1440) });
  return minutes < 0 ? { text: t("slaOverdue", { duration }), overdue: true } : { text: t("slaDueIn", { duration }), overdue: false };
}
