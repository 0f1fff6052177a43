/**
 * WhatsApp business messages. Only a log provider exists (each message is one log line); a real
 * provider implements the same interface.
 */
import type { Logger } from "./logger.js";

export interface WhatsAppSender {
  send(m: { to: string; text: string }): Promise<{ providerMessageId: string }>;
}

export function logWhatsAppSender(log: Logger): WhatsAppSender {
  let n = 0;
  return {
    async send({ to, text }) {
      log.info({ whatsapp: { to } }, `WhatsApp to ${to}: ${text}`);
      return { providerMessageId: `log-wa-${Date.now()}-${++n}` };
    },
  };
}
