/** Names of the messaging domain's events. */
export const MessagingEvents = {
  MESSAGE_SENT: "messaging.message.sent",
} as const;
