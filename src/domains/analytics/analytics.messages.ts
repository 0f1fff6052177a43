import type { Catalog } from "../../platform/i18n.js";
import { MAX_ROLLUP_DAYS } from "./analytics.rollup.js";

/** The analytics domain's error messages (the backfill's date range). */
export const analyticsMessages: Catalog = {
  ANALYTICS_BAD_RANGE: {
    en: `Give a date range as YYYY-MM-DD, the start not after the end, of at most ${MAX_ROLLUP_DAYS} days.`,
    ar: `حدّد فترة بتاريخين بصيغة YYYY-MM-DD، لا تسبق نهايتُها بدايتَها، ولا تزيد على ${MAX_ROLLUP_DAYS} يومًا.`,
  },
};
