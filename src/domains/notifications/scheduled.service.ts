/**
 * Messages sent by schedule or by staff rather than by an event: the support leads' morning
 * digest, and an invoice email sent again from the panel. (Payment reminders and badge expiry
 * notices are events of billing and verification, told through the catalog's rules.)
 */
import type { DeliveryStatus } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { nowOf } from "../../platform/clock.js";
import { lockRow } from "../../platform/database/transaction.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { riyadhDay } from "../../platform/riyadh-time.js";
import { getTeamLeadDigests } from "../support/digest.queries.js";
import { kindOf } from "./catalog.js";
import { notifyUserInTx, notifyUsers, templatesOf } from "./notify.service.js";

export const DIGEST_KIND = "support.staff.digest";
export const INVOICE_EMAIL_KIND = "billing.invoice.issued";

/**
 * Job (mornings): each support team's lead gets that team's open, breached and unassigned counts
 * by email. One digest per team and Riyadh day: a job that runs again the same day sends nothing.
 */
export async function sendSupportDigests(deps: Deps, now = nowOf(deps)): Promise<{ sent: number }> {
  const kind = kindOf(DIGEST_KIND)!;
  const day = riyadhDay(now);
  const digests = await getTeamLeadDigests(deps.db);
  const langs = new Map((await deps.db.user.findMany({ where: { id: { in: digests.map((d) => d.leadId) } }, select: { id: true, language: true } })).map((u) => [u.id, u.language]));
  let sent = 0;
  for (const d of digests) {
    const vars = { teamName: langs.get(d.leadId) === "en" ? d.teamNameEn : d.teamNameAr, open: d.open, breached: d.breached, unassigned: d.unassigned };
    sent += await notifyUsers(deps, { kind, userIds: [d.leadId], vars, data: { screen: "support", teamId: d.teamId, day }, dedupeKey: `team-${d.teamId}:${day}` });
  }
  return { sent };
}

/** Invoices whose email can be sent again: issued ones and those that were paid (a receipt). */
export const RESENDABLE_INVOICE_STATUSES = ["issued", "paid", "partially_refunded", "refunded"] as const;

export interface ResendResult {
  deliveryId: number;
  status: DeliveryStatus;
  skipReason: string | null;
}

/**
 * Finance or admins send an invoice's email to its customer again (they lost it, changed their
 * address). A new notification with an email delivery only, queued for the sending job in the same
 * transaction as the audit row; the customer's preferences still apply (a skip is reported).
 */
export async function resendInvoiceEmail(deps: Deps, ctx: Ctx, invoiceId: number): Promise<ResendResult> {
  const kind = kindOf(INVOICE_EMAIL_KIND)!;
  const templates = await templatesOf(deps.db, kind.key);
  return deps.db.$transaction(async (tx) => {
    if (!(await lockRow(tx, "billing_invoice", invoiceId))) throw new NotFoundError("Invoice", invoiceId);
    const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true, number: true, total: true, userId: true, user: { select: { email: true } } } });
    if (!(RESENDABLE_INVOICE_STATUSES as readonly string[]).includes(inv.status)) throw new ConflictError("INVOICE_EMAIL_NOT_SENDABLE", `invoice ${invoiceId} is ${inv.status}`, { status: inv.status });
    if (!inv.user.email) throw new ConflictError("INVOICE_EMAIL_NO_ADDRESS", `the customer of invoice ${invoiceId} has no email address`);
    const created = await notifyUserInTx(deps, tx, { kind, userIds: [inv.userId], vars: { number: inv.number, total: (inv.total / 100).toFixed(2) }, channels: ["email"], data: { screen: "invoice", invoiceId, resent: true } }, inv.userId, templates);
    if (!created) throw new ConflictError("INVOICE_EMAIL_NO_ADDRESS", `the customer of invoice ${invoiceId} cannot be written to`);
    const d = await tx.notificationDelivery.findFirstOrThrow({ where: { channel: "email", notification: { userId: inv.userId, templateKey: kind.key } }, orderBy: { id: "desc" }, select: { id: true, status: true, skipReason: true } });
    await writeAudit(tx, ctx, { action: "notifications.invoice_email.resend", entity: "Invoice", entityId: invoiceId, meta: { deliveryId: d.id, status: d.status, skipReason: d.skipReason } });
    return { deliveryId: d.id, status: d.status, skipReason: d.skipReason };
  });
}
