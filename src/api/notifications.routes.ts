/**
 * The caller's notifications (the in-app list, unread count, read marks), their notification
 * preferences, and the push tokens of their devices. Only ever the caller's own: someone else's
 * notification ids and device tokens are ignored, never marked or removed.
 */
import { z } from "zod";
import * as notifications from "../domains/notifications/index.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { decodeCursor, idCursor, pageOf, pageQuery, paginate } from "./pagination.js";
import { isoDateTime } from "./schemas/common.js";

const TAG = "Notifications";
const DEVICES = "Devices";

const notificationSchema = z
  .object({
    id: z.number().int(),
    title: z.string().meta({ description: "In the language of Accept-Language, else the account's." }),
    body: z.string(),
    category: z.string().nullable().meta({ description: `One of ${notifications.CATEGORIES.join(", ")} (what preferences switch); null for old rows.` }),
    data: z.record(z.string(), z.unknown()).meta({ description: "Where the app opens it: `screen` (request, thread, invoice, …) and the ids it needs (`request_id`, `thread_id`, …); keys in snake_case like the rest of the API.", example: { screen: "request", request_id: 12 } }),
    read: z.boolean(),
    created_at: isoDateTime,
  })
  .meta({ id: "Notification" });

const unreadCount = z.number().int().meta({ description: "The caller's notifications not read yet." });

// Every key present, so generated clients need no optional checks.
const channelSwitches = z.object(Object.fromEntries(notifications.CHANNELS.map((ch) => [ch, z.boolean()])) as Record<notifications.Channel, z.ZodBoolean>);
const choicesOut = z
  .object(Object.fromEntries(notifications.CATEGORIES.map((cat) => [cat, channelSwitches])) as Record<notifications.Category, typeof channelSwitches>)
  .meta({ description: "Every category and channel, on (true) or off. Defaults: everything on except marketing." });

const preferencesSchema = z
  .object({
    choices: choicesOut,
    quiet_hours_start: z.string().nullable().meta({ description: "Local time (HH:MM) from which non-urgent pushes, SMS and WhatsApp wait; null: no quiet hours." }),
    quiet_hours_end: z.string().nullable().meta({ description: "Local time (HH:MM) they end (may be the next day, e.g. 22:00–07:00)." }),
    timezone: z.string().meta({ example: "Asia/Riyadh" }),
  })
  .meta({ id: "NotificationPreferences" });

const preferencesPatch = z
  .object({
    choices: notifications.choicesSchema.optional().meta({ description: "Only the switches to change: {category: {channel: true|false}}.", example: { marketing: { push: true }, payments: { sms: false } } }),
    quiet_hours_start: notifications.hhmmSchema.nullable().optional().meta({ description: "HH:MM, 00:00–23:59; null with quiet_hours_end null clears them. Give both or neither." }),
    quiet_hours_end: notifications.hhmmSchema.nullable().optional(),
    timezone: notifications.timezoneSchema.optional().meta({ description: "IANA time zone the quiet hours are read in.", example: "Asia/Riyadh" }),
  })
  .strict()
  .refine((v) => notifications.quietHoursPaired(v.quiet_hours_start, v.quiet_hours_end), { message: "QUIET_HOURS_BOTH", path: ["quiet_hours_end"] });

const deviceSchema = z
  .object({ id: z.number().int(), platform: z.enum(notifications.DEVICE_PLATFORMS), last_seen_at: isoDateTime, created_at: isoDateTime })
  .meta({ id: "Device" });

/** Registers the notification, preference and device routes (tags "Notifications" and "Devices"). */
export function notificationsRoutes(api: Api, c: ApiContext): void {
  api.route(
    {
      method: "get", path: "/notifications", tag: TAG, auth: "user", summary: "The caller's notifications, newest first",
      description: "Title and body in the language of Accept-Language, else the account's language.",
      query: z.object({ ...pageQuery, unread_only: z.enum(["true", "false"]).optional().meta({ description: "true: only the ones not read yet." }) }),
      response: pageOf(notificationSchema, "NotificationPage"),
    },
    async ({ query, user, lang }) => {
      const rows = await notifications.listNotifications(c.deps.db, user.id, lang, { limit: query.limit, afterId: decodeCursor(query.cursor, idCursor), unreadOnly: query.unread_only === "true" });
      return paginate(rows, query.limit, (r) => r.id);
    },
  );

  api.route(
    {
      method: "get", path: "/notifications/unread-count", tag: TAG, auth: "user", summary: "How many notifications are unread",
      response: z.object({ unread_count: unreadCount }).meta({ id: "NotificationUnreadCount" }),
    },
    async ({ user }) => ({ unreadCount: await notifications.countUnread(c.deps.db, user.id) }),
  );

  api.route(
    {
      method: "post", path: "/notifications/read", tag: TAG, auth: "user", summary: "Mark notifications read",
      description: "`{ids: [...]}` (up to 100) or `{all: true}`. Ids that are not the caller's, or already read, are skipped; `marked` counts the ones this call marked.",
      body: notifications.markReadSchema,
      response: z.object({ marked: z.number().int().meta({ description: "Notifications newly marked read." }), unread_count: unreadCount }).meta({ id: "NotificationReadResult" }),
    },
    ({ body, ctx }) => notifications.markNotificationsRead(c.deps, ctx, body),
  );

  api.route(
    { method: "get", path: "/me/notification-preferences", tag: TAG, auth: "user", summary: "The caller's notification choices and quiet hours", response: preferencesSchema },
    ({ user }) => notifications.getPreferences(c.deps.db, user.id),
  );

  api.route(
    {
      method: "patch", path: "/me/notification-preferences", tag: TAG, auth: "user", summary: "Change notification choices or quiet hours",
      description: "Only what is sent changes. Answers the whole preferences, as GET does.",
      body: preferencesPatch,
      response: preferencesSchema,
    },
    ({ body, ctx }) =>
      notifications.updatePreferences(c.deps, ctx, { choices: body.choices, quietHoursStart: body.quiet_hours_start, quietHoursEnd: body.quiet_hours_end, timezone: body.timezone }),
  );

  api.route(
    {
      method: "post", path: "/devices", tag: DEVICES, auth: "user", summary: "Register this device's push token",
      description:
        "Call at sign-in, at each start of the app and whenever the push token changes. The token is the FCM registration token. " +
        "A token registered by another account moves to the caller (one device, one owner); a removed one comes back.",
      body: z.object({ token: notifications.deviceTokenSchema.meta({ description: "FCM registration token (up to 512 characters)." }), platform: z.enum(notifications.DEVICE_PLATFORMS) }).strict(),
      response: deviceSchema,
      status: 201,
    },
    ({ body, ctx }) => notifications.registerDevice(c.deps, ctx, body),
  );

  api.route(
    {
      method: "post", path: "/devices/remove", tag: DEVICES, auth: "user", summary: "Stop pushes to a device",
      description: "In the body, since tokens are long and contain ':'. A token that is not the caller's (or not registered) is left alone; the answer is 204 either way. `POST /auth/logout` takes the same token as `device_token`.",
      body: z.object({ token: notifications.deviceTokenSchema }).strict(),
    },
    async ({ body, ctx }) => void (await notifications.removeDevice(c.deps, ctx, body.token)),
  );
}

