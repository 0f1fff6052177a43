/**
 * Erasing one user's personal data, table by table, as src/platform/personal-data.ts declares it:
 * what is theirs and personal is deleted or cleared; what accounting or the audit trail needs stays
 * with the person replaced by the deletion's pseudonym (the user row keeps its id, so invoices,
 * payments, payouts and audit rows still point at it, and it no longer says who it was).
 * Runs inside the caller's transaction; the files it names are removed by the caller after commit.
 */
import { Prisma } from "@prisma/client";
import type { Tx } from "../../platform/database/transaction.js";

export interface ErasureResult {
  /** Rows deleted or cleared per table. */
  counts: Record<string, number>;
  /** Storage keys of the user's files, to remove once the transaction committed. */
  files: string[];
}

/** What another user's notification says instead, once the account behind it is erased. */
export const ERASED_NOTIFICATION = {
  titleAr: "إشعار محذوف",
  titleEn: "Notification removed",
  bodyAr: "حُذف محتوى هذا الإشعار لأن الحساب الذي يخصه حُذف.",
  bodyEn: "This notification's content was removed because the account it was about was deleted.",
};

/** Free-text keys of event payloads that may carry what a person wrote. */
const EVENT_TEXT_KEYS = ["reason", "message", "note", "body", "comment", "title", "description"];

/** Erases user `userId`'s personal data inside `tx`; `pseudonym` stands in for them where a row must stay. */
export async function eraseUserData(tx: Tx, userId: number, pseudonym: string, now: Date): Promise<ErasureResult> {
  const counts: Record<string, number> = {};
  const files: string[] = [];
  const add = (table: string, n: number) => {
    if (n) counts[table] = (counts[table] ?? 0) + n;
  };
  const keys = (rows: { key: string | null }[]) => files.push(...rows.map((r) => r.key).filter((k): k is string => !!k));

  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true, providerProfile: { select: { id: true } } } });
  const providerId = user.providerProfile?.id ?? null;
  const ownRequests = (await tx.serviceRequest.findMany({ where: { clientId: userId }, select: { id: true } })).map((r) => r.id);

  // Files first (their rows are about to go or lose the key).
  keys((await tx.serviceRequestAttachment.findMany({ where: { OR: [{ uploadedById: userId }, { uploadedById: null, request: { clientId: userId } }] }, select: { storageKey: true } })).map((r) => ({ key: r.storageKey })));
  keys((await tx.message.findMany({ where: { senderId: userId, attachmentKey: { not: null } }, select: { attachmentKey: true } })).map((r) => ({ key: r.attachmentKey })));
  keys((await tx.supportAttachment.findMany({ where: { uploadedById: userId }, select: { storageKey: true } })).map((r) => ({ key: r.storageKey })));
  keys((await tx.verificationDocumentVersion.findMany({ where: { document: { request: { requesterId: userId } } }, select: { storageKey: true } })).map((r) => ({ key: r.storageKey })));
  keys((await tx.promoAsset.findMany({ where: { request: { requesterId: userId }, storageKey: { not: null } }, select: { storageKey: true } })).map((r) => ({ key: r.storageKey })));
  keys((await tx.dataExport.findMany({ where: { userId, storageKey: { not: null } }, select: { storageKey: true } })).map((r) => ({ key: r.storageKey })));
  if (providerId) keys((await tx.providerPortfolioItem.findMany({ where: { providerId }, select: { imageKey: true } })).map((r) => ({ key: r.imageKey })));

  // Rows that are only the user's and only personal: deleted.
  if (user.phone) add("accounts_otp", (await tx.otp.deleteMany({ where: { phone: user.phone } })).count);
  add("accounts_apitoken", (await tx.apiToken.deleteMany({ where: { userId } })).count);
  add("api_idempotencykey", (await tx.idempotencyKey.deleteMany({ where: { userId } })).count);
  add("api_ratelimitcounter", (await tx.rateLimitCounter.deleteMany({ where: { key: `user:${userId}` } })).count);
  add("notifications_devicetoken", (await tx.deviceToken.deleteMany({ where: { userId } })).count);
  add("notifications_notificationpreference", (await tx.notificationPreference.deleteMany({ where: { userId } })).count);
  add("notifications_notification", (await tx.notification.deleteMany({ where: { userId } })).count); // deliveries cascade
  add("marketplace_servicerequestattachment", (await tx.serviceRequestAttachment.deleteMany({ where: { OR: [{ uploadedById: userId }, { uploadedById: null, request: { clientId: userId } }] } })).count);
  add("support_supportattachment", (await tx.supportAttachment.deleteMany({ where: { uploadedById: userId } })).count);
  add("verification_verificationdocument", (await tx.verificationDocument.deleteMany({ where: { request: { requesterId: userId } } })).count); // versions and reviews cascade
  add("accounts_dataexport", (await tx.dataExport.deleteMany({ where: { userId } })).count);
  if (providerId) {
    add("providers_providerportfolioitem", (await tx.providerPortfolioItem.deleteMany({ where: { providerId } })).count); // likes cascade
    add("providers_providerservice", (await tx.providerService.deleteMany({ where: { providerId } })).count);
  }

  // Rows others or the books still need: the person's words cleared, the person replaced.
  add("accounts_user", (await tx.user.updateMany({
    where: { id: userId },
    data: { phone: null, email: null, fullName: pseudonym, city: null, passwordHash: null, isActive: false, lastLoginAt: null },
  })).count);
  await tx.user.updateMany({ where: { id: userId, deletedAt: null }, data: { deletedAt: now } });
  if (providerId) {
    add("providers_providerprofile", (await tx.providerProfile.updateMany({ where: { id: providerId }, data: { displayName: pseudonym, bio: null } })).count);
    await tx.providerProfile.updateMany({ where: { id: providerId, deletedAt: null }, data: { deletedAt: now } });
    add("marketplace_offer", (await tx.offer.updateMany({ where: { providerId }, data: { message: "" } })).count);
    add("reviews_review", (await tx.review.updateMany({ where: { providerId, providerReply: { not: null } }, data: { providerReply: null } })).count);
  }
  add("marketplace_servicerequest", (await tx.serviceRequest.updateMany({ where: { clientId: userId }, data: { title: "", description: "", address: null, cancelReason: null } })).count);
  add("marketplace_dispute", (await tx.dispute.updateMany({ where: { openedById: userId }, data: { description: "", evidence: Prisma.DbNull } })).count);
  add("messaging_message", (await tx.message.updateMany({ where: { senderId: userId }, data: { body: "", attachmentKey: null } })).count);
  add("promo_promorequest", (await tx.promoRequest.updateMany({ where: { requesterId: userId }, data: { title: "" } })).count);
  add("promo_promoasset", (await tx.promoAsset.updateMany({ where: { request: { requesterId: userId } }, data: { fileName: null, storageKey: null, textContent: null, sha256: null } })).count);
  add("support_supportticket", (await tx.supportTicket.updateMany({ where: { requesterId: userId }, data: { subject: "", description: "", ratingComment: null } })).count);
  add("support_supportcomment", (await tx.supportComment.updateMany({ where: { authorId: userId }, data: { body: "" } })).count);
  add("verification_verificationrequest", (await tx.verificationRequest.updateMany({ where: { requesterId: userId }, data: { note: null } })).count);
  add("billing_payout", (await tx.payout.updateMany({ where: { userId }, data: { receiver: pseudonym } })).count);
  add("billing_payoutaccount", (await tx.payoutAccount.deleteMany({ where: { userId } })).count);
  const statusLogs = {
    requestStatusLog: "marketplace_requeststatuslog", promoStatusLog: "promo_promostatuslog",
    supportStatusLog: "support_supportstatuslog", verificationStatusLog: "verification_verificationstatuslog",
  } as const;
  for (const [log, table] of Object.entries(statusLogs) as [keyof typeof statusLogs, string][]) {
    const d = tx[log] as unknown as { updateMany(a: unknown): Promise<{ count: number }> };
    add(table, (await d.updateMany({ where: { actorId: userId, note: { not: null } }, data: { note: null } })).count);
  }

  // Payments: the provider's raw objects may carry billing details; the webhooks of the same intents too.
  const intents = (await tx.paymentAttempt.findMany({ where: { invoice: { userId }, providerPaymentId: { not: null } }, select: { providerPaymentId: true } })).map((a) => a.providerPaymentId!);
  add("billing_paymentattempt", (await tx.paymentAttempt.updateMany({ where: { invoice: { userId }, raw: { not: Prisma.DbNull } }, data: { raw: Prisma.DbNull } })).count);
  if (intents.length) {
    add("billing_webhookevent", await tx.$executeRawUnsafe(
      `UPDATE billing_webhookevent SET payload = '{}'::jsonb
        WHERE payload <> '{}'::jsonb AND (payload #>> '{data,object,id}' = ANY($1::text[]) OR payload #>> '{data,object,payment_intent}' = ANY($1::text[]))`,
      intents,
    ));
  }

  // Events the user caused or that are about their requests: the free text goes, the facts (ids) stay.
  const aboutUser = `(e.actor_id = $1::int OR e.payload ->> 'userId' = ($1::int)::text OR e.payload ->> 'clientId' = ($1::int)::text
    OR e.payload ->> 'senderId' = ($1::int)::text OR (e.payload ->> 'requestId') = ANY($2::text[]))`;
  add("notifications_eventlog", await tx.$executeRawUnsafe(
    `UPDATE notifications_eventlog e SET payload = e.payload - $3::text[] WHERE ${aboutUser} AND e.payload ?| $3::text[]`,
    userId, ownRequests.map(String), EVENT_TEXT_KEYS,
  ));
  // Other people's notifications about what this user did quote their name or words: reworded.
  add("notifications_notification", await tx.$executeRawUnsafe(
    `UPDATE notifications_notification n SET title_ar = $3, title_en = $4, body_ar = $5, body_en = $6
       FROM notifications_eventlog e WHERE n.event_id = e.id AND n.user_id <> $1::int AND ${aboutUser} AND n.body_en <> $6`,
    userId, ownRequests.map(String), ERASED_NOTIFICATION.titleAr, ERASED_NOTIFICATION.titleEn, ERASED_NOTIFICATION.bodyAr, ERASED_NOTIFICATION.bodyEn,
  ));
  return { counts, files };
}
