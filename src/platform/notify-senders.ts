/**
 * The notification channel providers of one process, from config: SMTP when SMTP_URL is set,
 * FCM HTTP v1 when its service account is set, and log providers otherwise (and always for
 * WhatsApp, which has no real provider yet).
 */
import type { Config } from "./config.js";
import type { Deps } from "./deps.js";
import type { Logger } from "./logger.js";
import { logMailSender, smtpMailSender } from "./mail.js";
import { fcmPushSender, logPushSender } from "./push.js";
import { logWhatsAppSender } from "./whatsapp.js";

export function notificationSenders(cfg: Config, log: Logger): Pick<Deps, "mail" | "push" | "whatsapp"> {
  return {
    mail: cfg.smtp.url ? smtpMailSender(cfg.smtp.url, cfg.smtp.from, { pool: true }) : logMailSender(log),
    push: cfg.fcm ? fcmPushSender(cfg.fcm) : logPushSender(log),
    whatsapp: logWhatsAppSender(log),
  };
}
