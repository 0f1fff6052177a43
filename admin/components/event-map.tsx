/**
 * The map of events: for every event that notifies someone, who is told, the notification sent,
 * its category and urgency, and per channel whether a stored template is sent (a link to it) or
 * the catalog's default wording (a link to create one, for staff who may). Then the kinds no event
 * sends (broadcasts, schedules).
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

  const chip = (kind: string, c: Channel) => {
    if (c.templateId) {
      return (
        <a key={c.channel} className={`nw-chip ${c.active ? "nw-chip-info" : ""}`} href={`/admin/resources/${resource.id}/records/${c.templateId}/show`} data-testid={`template-${kind}-${c.channel}`}>
          {channelName(c.channel)}{c.active ? "" : ` · ${tm("eventsInactive")}`}
        </a>
      );
    }
    const label = `${channelName(c.channel)} · ${tm("eventsDefault")}`;
    return data.canCreate && kind !== "notifications.broadcast" ? (
      <a key={c.channel} className="nw-chip nw-chip-dashed" href={`/admin/resources/${resource.id}/actions/new?key=${encodeURIComponent(kind)}&channel=${c.channel}`} title={tm("eventsCreate")} data-testid={`template-${kind}-${c.channel}`}>{label}</a>
    ) : (
      <span key={c.channel} className="nw-chip nw-chip-dashed" data-testid={`template-${kind}-${c.channel}`}>{label}</span>
    );
  };

  const table = (rows: Row[], withEvent: boolean) => (
    <table className="nw-table nw-events">
      <thead>
        <tr>
          {withEvent && <th>{tm("eventsEvent")}</th>}
          {withEvent && <th>{tm("eventsWho")}</th>}
          <th>{tm("eventsKind")}</th>
          <th>{tm("eventsCategory")}</th>
          <th>{tm("eventsChannels")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.event}-${r.kind}-${i}`} data-testid={`event-${r.event ?? r.kind}`}>
            {withEvent && <td><code dir="ltr">{r.event}</code></td>}
            {withEvent && (
              <td className="nw-wrap">
                {tm(`who_${r.who}`)}
                {r.onlyWhen && <Text as="span" variant="sm" color="grey60"> ({tm(`onlyWhen_${r.onlyWhen}`)})</Text>}
              </td>
            )}
            <td><code dir="ltr">{r.kind}</code>{r.urgent && <span className="nw-chip nw-chip-urgent" title={tm("urgentYes")}>{tm("eventsUrgent")}</span>}</td>
            <td>{tm(`category_${r.category}`)}</td>
            <td className="nw-wrap"><span className="nw-chips">{r.channels.map((c) => chip(r.kind, c))}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <Box variant="container" data-testid="event-map">
      <H3>{tm("eventsTitle")}</H3>
      <Text mb="lg" color="grey80">{tm("eventsHint")}</Text>
      <div className="nw-scroll">{table(data.rules, true)}</div>
      <H5 mt="xl" mb="default">{tm("eventsOther")}</H5>
      <div className="nw-scroll">{table(data.otherKinds, false)}</div>
    </Box>
  );
};

export default EventMap;
