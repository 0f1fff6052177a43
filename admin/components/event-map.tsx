/**
 * The map of events: for every event that notifies someone, who is told, the notification sent
 * (when it is named differently from the event), its category and urgency, and per channel
 * whether a stored template is sent (a link to it) or the catalog's default wording (a link to
 * create one, for staff who may). Then the kinds no event sends (broadcasts, schedules).
 */
import React, { useEffect, useState } from "react";
import { Box, H3, H5, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Channel { channel: string; templateId: number | null; active: boolean }
interface Row { event: string | null; who: string | null; onlyWhen: string | null; kind: string; category: string; urgent: boolean; channels: Channel[] }
interface Data { rules: Row[]; otherKinds: Row[]; canCreate: boolean }

const api = new ApiClient();

const EventMap: React.FC<ActionProps> = ({ resource }) => {
  const { translateMessage: tm, translateLabel } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  useEffect(() => {
    api.resourceAction({ resourceId: resource.id, actionName: "events" }).then((res) => setData(res.data as unknown as Data));
  }, [resource.id]);
  if (!data) return <Loader />;
  const channelName = (c: string) => translateLabel(`channel.${c}`, resource.id, { defaultValue: c });

  /** A channel: solid and linked when a template is stored, dashed when the default wording goes out. */
  const chip = (kind: string, c: Channel) => {
    const testId = `template-${kind}-${c.channel}`;
    if (c.templateId) {
      return (
        <a key={c.channel} className={`nw-chip ${c.active ? "nw-chip-info" : "nw-chip-off"}`} href={`/admin/resources/${resource.id}/records/${c.templateId}/show`} title={tm(c.active ? "eventsLegendStored" : "eventsLegendOff")} data-testid={testId} data-state={c.active ? "stored" : "off"}>
          {channelName(c.channel)}
        </a>
      );
    }
    const creatable = data.canCreate && kind !== "notifications.broadcast";
    return creatable ? (
      <a key={c.channel} className="nw-chip nw-chip-dashed" href={`/admin/resources/${resource.id}/actions/new?key=${encodeURIComponent(kind)}&channel=${c.channel}`} title={`${tm("eventsLegendDefault")} · ${tm("eventsCreate")}`} data-testid={testId} data-state="default">{channelName(c.channel)}</a>
    ) : (
      <span key={c.channel} className="nw-chip nw-chip-dashed" title={tm("eventsLegendDefault")} data-testid={testId} data-state="default">{channelName(c.channel)}</span>
    );
  };
  const urgent = (r: Row) => r.urgent && <span className="nw-chip nw-chip-urgent" title={tm("urgentYes")}>{tm("eventsUrgent")}</span>;

  return (
    <Box variant="container" data-testid="event-map">
      <H3>{tm("eventsTitle")}</H3>
      <Text mb="default" color="grey80">{tm("eventsHint")}</Text>
      <div className="nw-legend">
        {(["Stored", "Default", "Off"] as const).map((k) => (
          <span key={k}><span className={`nw-chip ${k === "Stored" ? "nw-chip-info" : k === "Default" ? "nw-chip-dashed" : "nw-chip-off"}`}>{channelName("email")}</span> {tm(`eventsLegend${k}`)}</span>
        ))}
      </div>
      <table className="nw-table nw-events">
        <thead>
          <tr>
            <th>{tm("eventsEvent")}</th>
            <th>{tm("eventsWho")}</th>
            <th>{tm("eventsCategory")}</th>
            <th>{tm("eventsChannels")}</th>
          </tr>
        </thead>
        <tbody>
          {data.rules.map((r, i) => (
            <tr key={`${r.event}-${r.kind}-${i}`} data-testid={`event-${r.event}`}>
              <td>
                <code dir="ltr">{r.event}</code>
                {r.kind !== r.event && <div className="nw-kind"><span aria-hidden className="nw-flip">↳</span> <code dir="ltr">{r.kind}</code></div>}
                {urgent(r)}
              </td>
              <td className="nw-wrap">
                {tm(`who_${r.who}`)}
                {r.onlyWhen && <div className="nw-kind">{tm(`onlyWhen_${r.onlyWhen}`)}</div>}
              </td>
              <td>{tm(`category_${r.category}`)}</td>
              <td className="nw-wrap"><span className="nw-chips">{r.channels.map((c) => chip(r.kind, c))}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <H5 mt="xl" mb="default">{tm("eventsOther")}</H5>
      <table className="nw-table nw-events">
        <thead>
          <tr>
            <th>{tm("eventsKind")}</th>
            <th>{tm("eventsCategory")}</th>
            <th>{tm("eventsChannels")}</th>
          </tr>
        </thead>
        <tbody>
          {data.otherKinds.map((r) => (
            <tr key={r.kind} data-testid={`event-${r.kind}`}>
              <td><code dir="ltr">{r.kind}</code>{urgent(r)}</td>
              <td>{tm(`category_${r.category}`)}</td>
              <td className="nw-wrap"><span className="nw-chips">{r.channels.map((c) => chip(r.kind, c))}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
};

export default EventMap;
