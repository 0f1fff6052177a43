/**
 * Users' notification choices: each channel on or off per category (stored as the differences
 * from the defaults: everything on, marketing off), and quiet hours in their time zone during
 * which non-urgent pushes, SMS and WhatsApp wait until the quiet hours end.
 */
import type { NotificationPreference } from "@prisma/client";
import { z } from "zod";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import type { Ctx } from "../../platform/context.js";
import { writeAudit } from "../../platform/audit.js";
import { CATEGORIES, CHANNELS, QUIET_HOUR_CHANNELS, type Category, type Channel } from "./channels.js";

export type Choices = Partial<Record<Category, Partial<Record<Channel, boolean>>>>;

/** A local time of day, "22:00". */
export const hhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "TIME_HH_MM");
/** An IANA time zone this runtime knows, "Asia/Riyadh". */
export const timezoneSchema = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "TIME_ZONE_UNKNOWN");

/** Some categories' channels turned on or off; unknown categories and channels are refused. */
export const choicesSchema = z.partialRecord(z.enum(CATEGORIES), z.partialRecord(z.enum(CHANNELS), z.boolean()));

/** Quiet hours change as a pair: both given, both cleared (null), or neither. */
export const quietHoursPaired = (start: string | null | undefined, end: string | null | undefined) => (start === undefined) === (end === undefined) && (start === null) === (end === null);

export const updatePreferencesSchema = z
  .object({
    choices: choicesSchema.optional(),
    quietHoursStart: hhmmSchema.nullable().optional(),
    quietHoursEnd: hhmmSchema.nullable().optional(),
    timezone: timezoneSchema.optional(),
  })
  .refine((v) => quietHoursPaired(v.quietHoursStart, v.quietHoursEnd), { message: "QUIET_HOURS_BOTH", path: ["quiet_hours_end"] });

/** Whether the category's channel is on for these stored choices (defaults: on, marketing off). */
export function isOn(choices: Choices, category: Category, channel: Channel): boolean {
  return choices[category]?.[channel] ?? category !== "marketing";
}

/** Every category × channel, resolved (what the app draws). */
export function resolvedChoices(choices: Choices): Record<Category, Record<Channel, boolean>> {
  return Object.fromEntries(CATEGORIES.map((cat) => [cat, Object.fromEntries(CHANNELS.map((ch) => [ch, isOn(choices, cat, ch)]))])) as Record<Category, Record<Channel, boolean>>;
}

/** Minutes after local midnight of `at` in `tz`. */
function localMinutes(at: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const h = Number(parts.find((p) => p.type === "hour")!.value);
  const m = Number(parts.find((p) => p.type === "minute")!.value);
  return h * 60 + m;
}
const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/** When the quiet hours holding `at` end, or null when `at` is outside them. */
export function quietHoursEnd(p: Pick<NotificationPreference, "quietHoursStart" | "quietHoursEnd" | "timezone">, at: Date): Date | null {
  if (!p.quietHoursStart || !p.quietHoursEnd) return null;
  const start = minutesOf(p.quietHoursStart);
  const end = minutesOf(p.quietHoursEnd);
  if (start === end) return null;
  const now = localMinutes(at, p.timezone);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const wait = (end - now + 1440) % 1440;
  // Whole minutes: the end is the start of the minute the quiet hours end.
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + wait * 60_000);
}

export type Decision = { send: true; after?: Date } | { send: false; reason: "preference" };

/** What happens to one channel of one notification for a user with these preferences. */
export function decide(pref: Pick<NotificationPreference, "choices" | "quietHoursStart" | "quietHoursEnd" | "timezone"> | null, category: Category, channel: Channel, urgent: boolean, now: Date): Decision {
  // No stored preferences means the defaults, and those keep marketing off.
  if (!isOn((pref?.choices ?? {}) as Choices, category, channel)) return { send: false, reason: "preference" };
  if (pref && !urgent && QUIET_HOUR_CHANNELS.includes(channel)) {
    const after = quietHoursEnd(pref, now);
    if (after) return { send: true, after };
  }
  return { send: true };
}

/** A user's preferences as stored, or the defaults. */
export async function getPreferences(db: Deps["db"] | Tx, userId: number) {
  const p = await db.notificationPreference.findUnique({ where: { userId } });
  return { choices: resolvedChoices((p?.choices ?? {}) as Choices), quietHoursStart: p?.quietHoursStart ?? null, quietHoursEnd: p?.quietHoursEnd ?? null, timezone: p?.timezone ?? "Asia/Riyadh" };
}

/** The user changes some choices or their quiet hours; only what differs from the defaults is stored. */
export async function updatePreferences(deps: Deps, ctx: Ctx, input: z.input<typeof updatePreferencesSchema>) {
  const d = updatePreferencesSchema.parse(input);
  const userId = ctx.actor.id!;
  await deps.db.$transaction(async (tx) => {
    const cur = await tx.notificationPreference.findUnique({ where: { userId } });
    const merged: Choices = structuredClone((cur?.choices ?? {}) as Choices);
    for (const [cat, chans] of Object.entries(d.choices ?? {}) as [Category, Partial<Record<Channel, boolean>>][]) {
      for (const [ch, on] of Object.entries(chans) as [Channel, boolean][]) {
        const def = cat !== "marketing";
        merged[cat] ??= {};
        if (on === def) delete merged[cat]![ch];
        else merged[cat]![ch] = on;
        if (!Object.keys(merged[cat]!).length) delete merged[cat];
      }
    }
    const data = {
      choices: merged,
      ...(d.quietHoursStart !== undefined ? { quietHoursStart: d.quietHoursStart, quietHoursEnd: d.quietHoursEnd ?? null } : {}),
      ...(d.timezone ? { timezone: d.timezone } : {}),
    };
    await tx.notificationPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    await writeAudit(tx, ctx, { action: "notifications.preferences", entity: "User", entityId: userId, meta: { choices: d.choices ?? null, quietHours: d.quietHoursStart !== undefined ? [d.quietHoursStart, d.quietHoursEnd] : undefined } });
  });
  return getPreferences(deps.db, userId);
}
