/**
 * The promotion schedule: four weeks of days across, and for each placement and city the approved
 * and live promotions as bars over their days, so content staff see what runs when and where a
 * slot is free. Earlier and later weeks by the arrows.
 */
import React, { useEffect, useState } from "react";
import { Box, Button, H3, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Row { id: number; title: string; placement: string; status: string; city: string | null; subcategory: string | null; provider: string; startsOn: string; lastDay: string }
interface Data { from: string; days: string[]; placements: { placement: string; name: string; maxLivePerCity: number | null }[]; rows: Row[] }

const api = new ApiClient();
const shift = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

const PromoSchedule: React.FC<ActionProps> = ({ resource }) => {
  const { translateMessage, translateLabel, i18n } = useTranslation();
  const t = (k: string, params?: Record<string, unknown>) => translateMessage(k, resource.id, params);
  const [from, setFrom] = useState<string | null>(null);
  const [data, setData] = useState<Data | null>(null);
  useEffect(() => {
    api.resourceAction({ resourceId: resource.id, actionName: "schedule", params: from ? { from } : {} } as never).then((res) => setData(res.data as unknown as Data));
  }, [resource.id, from]);
  if (!data) return <Loader />;

  const groups = data.placements.map((p) => {
    const rows = data.rows.filter((r) => r.placement === p.placement);
    const cities = [...new Set(rows.map((r) => r.city ?? ""))];
    return { ...p, cities: cities.map((c) => ({ city: c, rows: rows.filter((r) => (r.city ?? "") === c) })) };
  });
  const col = (day: string) => data.days.indexOf(day);
  return (
    <Box variant="container" data-testid="promo-schedule">
      <Box flex flexDirection="row" alignItems="center" style={{ gap: 12, flexWrap: "wrap" }} mb="lg">
        <H3 mb={0} style={{ marginInlineEnd: "auto" }}>{t("scheduleTitle")}</H3>
        <Button size="sm" variant="outlined" onClick={() => setFrom(shift(data.from, -7))} aria-label={t("earlierWeek")}>{t("earlierWeek")}</Button>
        {/* The range points the way the day axis runs: right to left on Arabic pages. */}
        <Text><bdi dir="ltr" className="nw-datetime">{i18n.language === "ar" ? `${data.days[data.days.length - 1]} ← ${data.days[0]}` : `${data.days[0]} → ${data.days[data.days.length - 1]}`}</bdi></Text>
        <Button size="sm" variant="outlined" onClick={() => setFrom(shift(data.from, 7))} aria-label={t("laterWeek")}>{t("laterWeek")}</Button>
      </Box>
      <div className="nw-schedule" style={{ gridTemplateColumns: `220px repeat(${data.days.length}, minmax(22px, 1fr))` }}>
        <div className="nw-schedule-head" />
        {data.days.map((d) => (
          <div key={d} className="nw-schedule-head nw-schedule-day" title={d}>{d.slice(8) === "01" || d === data.days[0] ? d.slice(5).replace("-", "/") : d.slice(8)}</div>
        ))}
        {groups.map((g) => (
          <React.Fragment key={g.placement}>
            <div className="nw-schedule-group" style={{ gridColumn: `1 / span ${data.days.length + 1}` }}>
              {g.name}
              {g.maxLivePerCity && <span className="nw-chip">{t("slotLimit", { count: g.maxLivePerCity })}</span>}
              {g.cities.length === 0 && <Text as="span" color="grey60" style={{ marginInlineStart: 12 }}>{t("nothingScheduled")}</Text>}
            </div>
            {g.cities.flatMap((c) =>
              c.rows.map((r, i) => {
                const start = Math.max(0, col(r.startsOn));
                const endIdx = col(r.lastDay);
                const end = endIdx < 0 ? data.days.length - 1 : endIdx;
                return (
                  <React.Fragment key={r.id}>
                    <div className="nw-schedule-label" style={{ gridColumn: 1 }}>{i === 0 ? <bdi>{c.city || t("everyCity")}</bdi> : ""}</div>
                    <a
                      className={`nw-schedule-bar nw-status-${r.status}`}
                      href={`/admin/resources/PromoRequest/records/${r.id}/show`}
                      style={{ gridColumn: `${start + 2} / ${end + 3}` }}
                      title={`${r.provider} · ${r.title} · ${r.startsOn} → ${r.lastDay}`}
                      data-testid={`schedule-bar-${r.id}`}
                    >
                      <bdi>{r.provider}</bdi>{r.subcategory ? <> · <bdi>{r.subcategory}</bdi></> : null} · {translateLabel(`status.${r.status}`, resource.id)}
                    </a>
                  </React.Fragment>
                );
              }),
            )}
          </React.Fragment>
        ))}
      </div>
    </Box>
  );
};

export default PromoSchedule;
