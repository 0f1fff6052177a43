/**
 * The map of what the system tells whom, as the panel shows it: every event rule of the catalog
 * with its audience, kind, category, channels and urgency, and per channel whether staff stored a
 * template of their own (else the catalog's default wording goes out). Kinds no event sends
 * (broadcasts, reminders and digests sent by schedules) are listed after the rules.
 */
import type { Deps } from "../../platform/deps.js";
import type { Channel } from "./channels.js";
import { EVENT_RULES, KINDS, type AudienceName, type EventRule, type NotificationKind } from "./catalog.js";

export interface EventMapChannel {
  channel: Channel;
  /** The stored template for this kind and channel, or null (the default wording is sent). */
  templateId: number | null;
  active: boolean;
}

export interface EventMapRow {
  /** null for a kind no event sends. */
  event: string | null;
  who: AudienceName | null;
  onlyWhen: EventRule["onlyWhen"] | null;
  kind: string;
  category: NotificationKind["category"];
  urgent: boolean;
  channels: EventMapChannel[];
}

/** Every rule (in catalog order), then the kinds no rule sends. */
export async function getEventMap(deps: Deps): Promise<{ rules: EventMapRow[]; otherKinds: EventMapRow[] }> {
  const stored = await deps.db.notificationTemplate.findMany({ select: { id: true, key: true, channel: true, isActive: true } });
  const templateOf = (key: string, channel: Channel) => stored.find((t) => t.key === key && t.channel === channel);
  const row = (kind: NotificationKind, rule?: EventRule): EventMapRow => ({
    event: rule?.event ?? null,
    who: rule?.who ?? null,
    onlyWhen: rule?.onlyWhen ?? null,
    kind: kind.key,
    category: kind.category,
    urgent: !!kind.urgent,
    channels: kind.channels.map((channel) => {
      const t = templateOf(kind.key, channel);
      return { channel, templateId: t?.id ?? null, active: t?.isActive ?? false };
    }),
  });
  const rules = EVENT_RULES.map((r) => {
    const kind = KINDS.find((k) => k.key === r.kind);
    if (!kind) throw new Error(`event ${r.event} names kind ${r.kind}, which is not in the catalog`);
    return row(kind, r);
  });
  const otherKinds = KINDS.filter((k) => !EVENT_RULES.some((r) => r.kind === k.key)).map((k) => row(k));
  return { rules, otherKinds };
}
