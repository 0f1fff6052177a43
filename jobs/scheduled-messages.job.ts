/**
 * Scheduled messages: payment reminders for unpaid invoices (billing decides which step is due and
 * records it as an event the notifications rules tell the customer about) and the support leads'
 * morning digest (notifications). Badge expiry notices run with the verification sweep
 * (verification.job.ts). Both handlers are safe to run again: a reminder step and a team's digest
 * for a day are each sent once.
 */
import type { Deps } from "../src/platform/deps.js";
import type { Logger } from "../src/platform/logger.js";
import type { Boss, QueueSpec } from "../src/platform/jobs.js";
import { nowOf } from "../src/platform/clock.js";
import { systemCtx } from "../src/platform/context.js";
import { sendInvoiceReminders } from "../src/domains/billing/index.js";
import { sendSupportDigests } from "../src/domains/notifications/index.js";

export const INVOICE_REMINDERS: QueueSpec = { name: "billing-invoice-reminders", retryLimit: 2, expireInSeconds: 600 };
export const SUPPORT_DIGEST: QueueSpec = { name: "support-morning-digest", retryLimit: 2, retryDelay: 60, expireInSeconds: 600 };
export const QUEUES: QueueSpec[] = [INVOICE_REMINDERS, SUPPORT_DIGEST];

/** Hourly in the daytime (Riyadh): a reminder is at most an hour late and never arrives at night. */
export const INVOICE_REMINDERS_CRON = "0 9-21 * * *";
/** Before the working day starts in Riyadh. */
export const SUPPORT_DIGEST_CRON = "30 7 * * *";

export async function runInvoiceReminders(deps: Deps, log: Logger, now = nowOf(deps)) {
  const out = await sendInvoiceReminders(deps, systemCtx("invoice-reminders"), now);
  if (out.reminded) log.info(out, "invoice reminders sent");
  return out;
}

export async function runSupportDigest(deps: Deps, log: Logger, now = nowOf(deps)) {
  const out = await sendSupportDigests(deps, now);
  log.info(out, "support digests sent");
  return out;
}

export async function register(boss: Boss, deps: Deps, log: Logger): Promise<void> {
  await boss.work(INVOICE_REMINDERS.name, async () => void (await runInvoiceReminders(deps, log.child({ queue: INVOICE_REMINDERS.name }))));
  await boss.work(SUPPORT_DIGEST.name, async () => void (await runSupportDigest(deps, log.child({ queue: SUPPORT_DIGEST.name }))));
  await boss.schedule(INVOICE_REMINDERS.name, INVOICE_REMINDERS_CRON, {}, { tz: "Asia/Riyadh" });
  await boss.schedule(SUPPORT_DIGEST.name, SUPPORT_DIGEST_CRON, {}, { tz: "Asia/Riyadh" });
}
