/**
 * Payment reminders: an issued invoice still unpaid N days after it was issued (the
 * invoice_reminder_days setting, 1, 3 and 7 by default) gets one reminder per step. Paying,
 * voiding or refunding takes it out of "issued", so reminders stop. The step counter on the
 * invoice (reminder_count) is the unique key of a reminder: it moves from step−1 to step under the
 * invoice's row lock in the transaction that records the reminder event, so a step is reminded at
 * most once whatever overlaps or repeats. The notifications domain tells the customer from that event.
 */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { nowOf } from "../../platform/clock.js";
import { lockRow } from "../../platform/database/transaction.js";
import { emitEvents } from "../../platform/events.js";
import { readSetting } from "../backoffice/settings.js";
import { BillingEvents as E } from "./billing.events.js";

const DAY = 24 * 3600_000;
export const DEFAULT_REMINDER_DAYS = [1, 3, 7] as const;

/** The step an invoice issued at `issuedAt` has reached at `now` (0: none yet). */
export function reminderStep(days: readonly number[], issuedAt: Date, now: Date): number {
  return days.filter((d) => issuedAt.getTime() + d * DAY <= now.getTime()).length;
}

/**
 * Job: reminds every issued invoice that crossed a new step since its last reminder. An invoice
 * that crossed several steps while the job was down gets one reminder (for the latest step), not a
 * burst. Safe to run any number of times.
 */
export async function sendInvoiceReminders(deps: Deps, ctx: Ctx, now = nowOf(deps)): Promise<{ reminded: number }> {
  const days = [...((await readSetting(deps.db, "invoice_reminder_days")) ?? DEFAULT_REMINDER_DAYS)].sort((a, b) => a - b);
  const first = days[0];
  if (first === undefined) return { reminded: 0 };
  let reminded = 0;
  let afterId = 0;
  for (;;) {
    const batch = await deps.db.invoice.findMany({
      where: { id: { gt: afterId }, status: "issued", issuedAt: { lte: new Date(now.getTime() - first * DAY) }, reminderCount: { lt: days.length } },
      select: { id: true }, orderBy: { id: "asc" }, take: 500,
    });
    if (!batch.length) break;
    afterId = batch.at(-1)!.id;
    for (const { id } of batch) {
      const sent = await deps.db.$transaction(async (tx) => {
        await lockRow(tx, "billing_invoice", id);
        const inv = await tx.invoice.findUniqueOrThrow({ where: { id }, select: { status: true, issuedAt: true, reminderCount: true, userId: true, total: true } });
        if (inv.status !== "issued" || !inv.issuedAt) return false;
        const step = reminderStep(days, inv.issuedAt, now);
        if (step <= inv.reminderCount) return false;
        // Compare-and-set on the counter: the step is taken once even without the lock.
        const moved = await tx.invoice.updateMany({ where: { id, status: "issued", reminderCount: inv.reminderCount }, data: { reminderCount: step, lastReminderAt: now } });
        if (moved.count !== 1) return false;
        await emitEvents(deps, tx, ctx, [{ name: E.INVOICE_REMINDER, entity: "Invoice", entityId: id, payload: { invoiceId: id, userId: inv.userId, step, days: days[step - 1], total: inv.total } }]);
        return true;
      });
      if (sent) reminded++;
    }
  }
  return { reminded };
}
