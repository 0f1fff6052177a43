/** What domain commands need from the platform, passed explicitly (no globals). */
import type { PrismaClient } from "@prisma/client";
import type { Pool } from "pg";
import type { Boss } from "./jobs.js";
import type { SmsSender } from "./sms.js";
import type { Stripe } from "./payments/stripe-client.js";
import type { Clock } from "./clock.js";
import type { MailSender } from "./mail.js";
import type { PushSender } from "./push.js";
import type { WhatsAppSender } from "./whatsapp.js";

export interface Deps {
  db: PrismaClient;
  /**
   * Web processes: a small plain node-postgres pool for the public API's hottest reads, sent as
   * named (prepared) statements. Absent elsewhere: those reads then go through Prisma.
   */
  sql?: Pool;
  boss: Boss;
  /** Absent in processes that send no SMS (the worker, most tests); the API supplies a log sender. */
  sms?: SmsSender;
  /** Absent when STRIPE_SECRET_KEY is unset: paying then says payments are not configured. */
  stripe?: Stripe;
  /** Absent: the wall clock. Tests pass one they move (see platform/clock.ts). */
  clock?: Clock;
  /** Notification channels; absent ones are logged instead (see platform/notify-senders.ts). */
  mail?: MailSender;
  push?: PushSender;
  whatsapp?: WhatsAppSender;
}
