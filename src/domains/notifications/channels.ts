/** The channels a notification goes out on and the categories users turn them on or off by. */
export const CHANNELS = ["in_app", "push", "email", "sms", "whatsapp"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ["requests", "offers", "messages", "payments", "verification", "promotions", "support", "marketing"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Who a notification is for decides which preferences apply: app users choose per category and
 * channel; staff notifications (assignments, SLA breaches, finance alerts) are part of the job
 * and are not switched off.
 */
export type Audience = "app" | "staff";

/** Channels that wait for quiet hours to end (a non-urgent ping at night); email and in-app do not wake anyone. */
export const QUIET_HOUR_CHANNELS: readonly Channel[] = ["push", "sms", "whatsapp"];

export const NotificationEvents = {
  BROADCAST_COMPLETED: "notifications.broadcast.completed",
} as const;
