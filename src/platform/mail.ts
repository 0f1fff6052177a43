/**
 * Outgoing email through nodemailer. With SMTP_URL set it talks SMTP to that server; without it,
 * a log sender writes each message's recipient and subject to the log (development), which is
 * how a developer sees mail without a server. Both answer the provider's message id.
 */
import nodemailer from "nodemailer";
import type { Logger } from "./logger.js";

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  lang: "ar" | "en";
  /** Fixed per delivery, so a resend after a crash carries the same id and mail clients can fold duplicates. */
  messageId: string;
  /** Files sent with the message (scheduled reports). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface MailSender {
  send(m: MailMessage): Promise<{ providerMessageId: string }>;
  close?(): void;
}

/**
 * Timeouts below the delivery job's expiry (120 s): a hung server ends the attempt before another
 * worker may take the job, so one delivery is never in flight twice.
 */
/**
 * Connections a pooled sender keeps open: each carries one message at a time over several round
 * trips, so throughput grows with connections until the server or the CPU is the limit.
 */
export const SMTP_POOL_CONNECTIONS = 64;
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * SMTP through nodemailer. `pool` keeps up to `maxConnections` connections open and sends over
 * them in parallel (worker processes); without it each message opens its own connection.
 */
export function smtpMailSender(url: string, from: string, opts: { pool?: boolean; maxConnections?: number } = {}): MailSender {
  const transport = opts.pool
    ? nodemailer.createTransport({ url, pool: true, maxConnections: opts.maxConnections ?? SMTP_POOL_CONNECTIONS, maxMessages: Infinity, ...TIMEOUTS } as never, { from })
    : nodemailer.createTransport({ url, ...TIMEOUTS } as never, { from });
  return {
    async send(m) {
      const info = await transport.sendMail({
        to: m.to, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId,
        ...(m.attachments?.length ? { attachments: m.attachments } : {}),
        headers: { "Content-Language": m.lang },
      });
      return { providerMessageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export function logMailSender(log: Logger): MailSender {
  return {
    async send(m) {
      log.info({ mail: { to: m.to, subject: m.subject, lang: m.lang } }, `email to ${m.to}: ${m.subject}`);
      return { providerMessageId: m.messageId };
    },
  };
}
