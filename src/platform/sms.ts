/**
 * Outgoing SMS. Only a log provider exists: in development each message becomes one line of the
 * application log (recipient and text), which is how a developer reads an OTP. A real gateway
 * implements the same interface.
 */
import type { Logger } from "./logger.js";

export interface SmsMessage {
  to: string;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export function logSmsSender(log: Logger): SmsSender {
  return {
    async send({ to, text }) {
      log.info({ sms: { to, text } }, `SMS to ${to}: ${text}`);
    },
  };
}

/** Keeps messages in memory; tests read OTP codes from it. */
export function memorySmsSender(): SmsSender & { sent: SmsMessage[]; lastTo(phone: string): SmsMessage | undefined } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
    },
    lastTo(phone) {
      return [...sent].reverse().find((m) => m.to === phone);
    },
  };
}
