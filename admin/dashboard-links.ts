/** The home page's figures without links to lists the role may not open (the number stays, plain). */
import type { DashboardData, Link } from "../src/domains/analytics/index.js";

export function withoutUnlistableLinks(data: DashboardData, canList: (model: string) => boolean): DashboardData {
  const keep = <T extends { link?: Link }>(x: T): T => (x.link && !canList(x.link.model) ? { ...x, link: undefined } : x);
  return {
    ...data,
    sections: data.sections.map((s) => ({ ...s, figures: s.figures.map(keep) })),
    revenue: data.revenue && {
      ...data.revenue,
      periods: data.revenue.periods.map((p) => ({
        ...p,
        byKind: Object.fromEntries(Object.entries(p.byKind).map(([k, c]) => [k, keep(c)])) as typeof p.byKind,
        total: keep(p.total),
      })),
    },
    charts: {
      ...data.charts,
      requestsByCategory: data.charts.requestsByCategory && { categories: data.charts.requestsByCategory.categories.map(keep) },
    },
  };
}
