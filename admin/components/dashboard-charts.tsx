/**
 * The home page's charts, drawn by Chart.js: daily revenue by invoice kind, service requests per
 * category, SLA compliance over time. In Arabic they read right to left (time runs from the
 * right, the value axis sits on the right, legend and tooltips are RTL) with the panel's Arabic
 * font; numbers use Latin digits, as everywhere in the panel.
 */
import React from "react";
import { Bar, Chart } from "react-chartjs-2";
import {
  BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartOptions,
} from "chart.js";

ChartJS.register(CategoryScale, LinearScale, BarController, BarElement, LineController, LineElement, PointElement, Tooltip, Legend);

interface Link { model: string; query: string }
export interface Charts {
  revenueByKind?: { days: string[]; series: { kind: string; values: number[] }[] };
  requestsByCategory?: { categories: { id: number; nameAr: string; nameEn: string; created: number; completed: number; link?: Link }[] };
  slaCompliance?: { days: string[]; resolved: number[]; withinSla: number[]; percent: (number | null)[] };
}

const KIND_COLOURS: Record<string, string> = { verification: "#4268f6", promotion: "#f0a020", subscription: "#2ea37a", extra: "#9b5de5" };

interface Props {
  charts: Charts;
  lang: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

function baseOptions<T extends "bar" | "line">(rtl: boolean, locale: string): ChartOptions<T> {
  const font = { family: rtl ? "'Noto Sans Arabic', 'Roboto', sans-serif" : "'Roboto', 'Noto Sans Arabic', sans-serif", size: 12 };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale,
    // Rotated tick labels overhang the plot's ends; room for them on both sides.
    layout: { padding: { left: 28, right: 28 } },
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: { position: "bottom", rtl, textDirection: rtl ? "rtl" : "ltr", labels: { font, usePointStyle: true, boxWidth: 8 } },
      tooltip: { rtl, textDirection: rtl ? "rtl" : "ltr", titleFont: font, bodyFont: font },
    },
    scales: {
      x: { reverse: rtl, ticks: { font }, grid: { display: false } },
      y: { position: rtl ? "right" : "left", beginAtZero: true, ticks: { font } },
    },
  } as unknown as ChartOptions<T>;
}

const dayLabel = (locale: string) => {
  const f = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  return (d: string) => f.format(new Date(`${d}T00:00:00Z`));
};

const DashboardCharts: React.FC<Props> = ({ charts, lang, t }) => {
  const rtl = lang === "ar";
  const locale = rtl ? "ar-SA-u-nu-latn" : "en-SA";
  const days = dayLabel(locale);
  // The axis counts whole riyals (with no revenue Chart.js would otherwise tick 0.1, 0.2, … and
  // print each rounded); a tooltip gives the exact amount.
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "SAR", maximumFractionDigits: 0 });
  const exactMoney = new Intl.NumberFormat(locale, { style: "currency", currency: "SAR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const out: React.ReactNode[] = [];

  if (charts.revenueByKind) {
    const c = charts.revenueByKind;
    const options = baseOptions<"bar">(rtl, locale);
    options.scales!.x = { ...options.scales!.x, stacked: true };
    options.scales!.y = { ...options.scales!.y, stacked: true, ticks: { ...options.scales!.y!.ticks, precision: 0, callback: (v: unknown) => money.format(Number(v)) } } as never;
    options.plugins!.tooltip = { ...options.plugins!.tooltip, callbacks: { label: (ctx) => `${ctx.dataset.label}: ${exactMoney.format(Number(ctx.raw))}` } };
    const data = {
      labels: c.days.map(days),
      datasets: c.series.map((s) => ({ label: t(`dashKind_${s.kind}`), data: s.values.map((v) => v / 100), backgroundColor: KIND_COLOURS[s.kind], borderRadius: 2 })),
    };
    out.push(
      <div className={`nw-chart-card${charts.requestsByCategory && charts.slaCompliance ? " nw-chart-wide" : ""}`} key="revenue" data-testid="chart-revenue">
        <h5 className="nw-chart-title">{t("dashChartRevenue")}</h5>
        <div className="nw-chart-body"><Bar options={options} data={data} /></div>
      </div>,
    );
  }

  if (charts.requestsByCategory) {
    const cats = charts.requestsByCategory.categories;
    const options = baseOptions<"bar">(rtl, locale);
    options.scales!.y = { ...options.scales!.y, ticks: { ...options.scales!.y!.ticks, precision: 0 } } as never;
    // Long category names are shortened under the bars; the tooltip shows them whole.
    const short = (name: string) => (name.length > 16 ? `${name.slice(0, 15)}…` : name);
    options.scales!.x = { ...options.scales!.x, ticks: { ...options.scales!.x!.ticks, callback: (_v: unknown, i: number) => short(rtl ? cats[i]!.nameAr : cats[i]!.nameEn) } } as never;
    options.onClick = (_e, elements) => {
      const link = elements[0] ? cats[elements[0].index]?.link : undefined;
      if (link) window.location.href = `/admin/resources/${link.model}?${link.query}`;
    };
    options.onHover = (e, elements) => {
      const target = e.native?.target as HTMLElement | undefined;
      if (target) target.style.cursor = elements.length ? "pointer" : "default";
    };
    const data = {
      labels: cats.map((c) => (rtl ? c.nameAr : c.nameEn)),
      datasets: [
        { label: t("dashSeriesCreated"), data: cats.map((c) => c.created), backgroundColor: "#4268f6", borderRadius: 2 },
        { label: t("dashSeriesCompleted"), data: cats.map((c) => c.completed), backgroundColor: "#2ea37a", borderRadius: 2 },
      ],
    };
    out.push(
      <div className="nw-chart-card" key="categories" data-testid="chart-categories">
        <h5 className="nw-chart-title">{t("dashChartCategories")}</h5>
        <div className="nw-chart-body"><Bar options={options} data={data} /></div>
        <p className="nw-chart-hint">{t("dashChartHint")}</p>
      </div>,
    );
  }

  if (charts.slaCompliance) {
    // Tickets resolved each day, within and past their deadlines (bars), and the share within (line).
    const c = charts.slaCompliance;
    const options = baseOptions<"bar">(rtl, locale);
    const scales = options.scales as Record<string, Record<string, unknown>>;
    scales.x = { ...scales.x, stacked: true };
    scales.y = { ...scales.y, stacked: true, ticks: { ...(scales.y!.ticks as object), precision: 0 } };
    scales.pct = { position: rtl ? "left" : "right", min: 0, max: 100, grid: { display: false }, ticks: { callback: (v: unknown) => `${v}%` } };
    const data = {
      labels: c.days.map(days),
      datasets: [
        { type: "line" as const, label: t("dashSeriesCompliance"), data: c.percent, borderColor: "#1c1c38", backgroundColor: "#1c1c38", pointRadius: 3, borderWidth: 2, spanGaps: false, yAxisID: "pct", order: 0 },
        { type: "bar" as const, label: t("dashSeriesWithinSla"), data: c.withinSla, backgroundColor: "#2ea37a", borderRadius: 2, yAxisID: "y", order: 1 },
        { type: "bar" as const, label: t("dashSeriesLate"), data: c.resolved.map((n, i) => n - c.withinSla[i]!), backgroundColor: "#e0503e", borderRadius: 2, yAxisID: "y", order: 1 },
      ],
    };
    out.push(
      <div className="nw-chart-card" key="sla" data-testid="chart-sla">
        <h5 className="nw-chart-title">{t("dashChartSla")}</h5>
        <div className="nw-chart-body"><Chart type="bar" options={options as never} data={data as never} /></div>
      </div>,
    );
  }

  return <div className="nw-chart-grid">{out}</div>;
};

export default DashboardCharts;
