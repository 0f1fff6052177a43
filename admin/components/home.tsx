/**
 * The panel's home: what waits for the signed-in staff member, as counts that open the filtered
 * list behind each number, and the business figures of their role (queues, SLAs, revenue,
 * activity) with charts. Admin and management see every team's work and every figure, grouped;
 * their figures come first, a working role's queues do.
 */
import React, { useEffect, useState } from "react";
import { Box, H2, H4, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation } from "adminjs";
import DashboardCharts, { type Charts } from "./dashboard-charts.js";

interface Link { model: string; query: string }
/** A count opens the filtered list behind it, or its own page (`href`, e.g. a support queue). */
interface Item { key: string; model: string; count: number; query: string; urgent: boolean; href?: string }
interface Group { group: string; items: Item[] }
interface Figure { key: string; value: number; unit: "count" | "money" | "percent" | "hours"; link?: Link; urgent?: boolean }
interface Cell { invoices: number; net: number; vat: number; gross: number; link?: Link }
interface Period { key: string; byKind: Record<string, Cell>; total: Cell }
interface Dashboard {
  sections: { key: string; figures: Figure[] }[];
  revenue?: { currency: string; periods: Period[] };
  charts: Charts;
  computedAt: string | null;
}
interface HomeData { role?: string; groups?: Group[]; dashboard?: Dashboard }

const api = new ApiClient();
const KINDS = ["verification", "promotion", "subscription", "extra"] as const;
const href = (l?: Link) => (l ? `/admin/resources/${l.model}?${l.query}` : undefined);

const Home: React.FC = () => {
  const { translateMessage, translateLabel, i18n } = useTranslation();
  const [data, setData] = useState<HomeData | null>(null);
  useEffect(() => {
    api.getDashboard().then((res) => setData((res.data as HomeData) ?? {}));
  }, []);
  const lang = i18n.language === "ar" ? "ar" : "en";
  const locale = lang === "ar" ? "ar-SA-u-nu-latn" : "en-SA";
  const number = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "SAR", minimumFractionDigits: 2 });
  const sar = (halalas: number) => money.format(halalas / 100);
  const t = (key: string, options?: Record<string, unknown>) => translateMessage(key, undefined, options as never);
  const groups = data?.groups;
  const dash = data?.dashboard;
  const overview = data?.role === "management" || data?.role === "admin";

  const figureValue = (f: Figure) =>
    f.unit === "money" ? sar(f.value) : f.unit === "percent" ? `${number.format(f.value)}%` : f.unit === "hours" ? t("dashHoursValue", { count: f.value }) : number.format(f.value);

  const card = (key: string, value: string, label: string, link: string | undefined, urgent: boolean, count: number, testId: string) => {
    const body = (
      <>
        <span className="nw-home-count">{value}</span>
        <span className="nw-home-label">{label}</span>
      </>
    );
    const cls = `nw-home-card${urgent && count > 0 ? " nw-urgent" : ""}${link ? "" : " nw-static"}`;
    return link ? (
      <a key={key} className={cls} href={link} data-testid={testId} data-count={count}>{body}</a>
    ) : (
      <div key={key} className={cls} data-testid={testId} data-count={count}>{body}</div>
    );
  };

  const queues = groups?.map((g) => (
    <Box key={g.group} mb="xl" data-testid={`home-group-${g.group}`}>
      <H4 mb="default">{translateLabel(`home_${g.group}`)}</H4>
      <Box className="nw-home-grid">
        {g.items.map((item) => card(item.key, number.format(item.count), translateMessage(`home_${item.key}`), item.href ?? `/admin/resources/${item.model}?${item.query}`, item.urgent, item.count, `home-${item.key}`))}
      </Box>
    </Box>
  ));

  const revenue = dash?.revenue && (
    <Box mb="xl" data-testid="dash-section-revenue" key="revenue">
      <H4 mb="default">{translateLabel("dash_revenue")}</H4>
      <div className="nw-table-wrap">
        <table className="nw-revenue-table">
          <thead>
            <tr>
              <th>{t("dashKind")}</th>
              {dash.revenue.periods.map((p) => <th key={p.key}>{t(`dashPeriod_${p.key}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {[...KINDS, "total" as const].map((kind) => (
              <tr key={kind} className={kind === "total" ? "nw-total" : undefined}>
                <th scope="row">{t(kind === "total" ? "dashTotal" : `dashKind_${kind}`)}</th>
                {dash.revenue!.periods.map((p) => {
                  const c = kind === "total" ? p.total : p.byKind[kind]!;
                  return (
                    <td key={p.key}>
                      <a href={href(c.link)} data-testid={`dash-revenue-${p.key}-${kind}`} data-gross={c.gross} data-invoices={c.invoices}>
                        <span className="nw-money">{sar(c.gross)}</span>
                        <span className="nw-money-sub">{t("dashNetVat", { net: sar(c.net), vat: sar(c.vat) })}</span>
                        <span className="nw-money-sub">{t("dashInvoiceCount", { count: c.invoices })}</span>
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Box>
  );

  const sections = dash?.sections.map((s) => (
    <Box key={s.key} mb="xl" data-testid={`dash-section-${s.key}`}>
      <H4 mb="default">{translateLabel(`dash_${s.key}`)}</H4>
      <Box className={`nw-home-grid${s.key === "activity" ? " nw-grid-3" : ""}`}>
        {s.figures.map((f) => card(f.key, figureValue(f), t(`dash_${f.key}`), href(f.link), !!f.urgent, f.value, `dash-${f.key}`))}
      </Box>
    </Box>
  ));

  const hasCharts = !!dash && Object.values(dash.charts).some(Boolean);
  const charts = hasCharts && (
    <Box mb="xl" data-testid="dash-charts" key="charts">
      <H4 mb="default">{translateLabel("dash_charts")}</H4>
      <DashboardCharts charts={dash!.charts} lang={lang} t={t} />
    </Box>
  );
  const asOf = dash && (hasCharts || dash.revenue) && (
    <Text mb="lg" className="nw-dash-updated" data-testid="dash-updated">
      {dash.computedAt ? t("dashUpdated", { time: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Riyadh" }).format(new Date(dash.computedAt)) }) : t("dashNotComputed")}
    </Text>
  );
  const figures = (
    <>
      {asOf}
      {revenue}
      {charts}
      {sections}
    </>
  );

  return (
    <Box variant="container" data-testid="home" style={{ background: "transparent", boxShadow: "none" }}>
      <H2 mb="lg">{translateMessage(overview ? "dashTitle" : "homeTitle")}</H2>
      {!data && <Loader />}
      {data && !groups?.length && !dash?.sections.length && !dash?.revenue && <Text>{translateMessage("homeNothing")}</Text>}
      {overview ? (
        <>
          {figures}
          {!!groups?.length && <H4 mb="default" mt="xl">{translateLabel("dash_work")}</H4>}
          {queues}
        </>
      ) : (
        <>
          {queues}
          {figures}
        </>
      )}
    </Box>
  );
};

export default Home;
