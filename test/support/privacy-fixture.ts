/**
 * An account with something in every table that can hold its personal data, each text carrying
 * the account's marker (and its phone), and a file behind every storage key. The privacy tests
 * erase or export it and then look for the marker everywhere. Nothing is left open: every request
 * is finished, every invoice paid, so the account may be deleted.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Storage } from "../../src/platform/storage.js";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

export interface FixtureAccount {
  userId: number;
  providerId: number;
  phone: string;
  marker: string;
  /** Storage keys of the files put for this account. */
  files: string[];
  invoiceId: number;
  paymentIntent: string;
  webhookEventId: string;
}

export const newMarker = (who: string) => `PII${who}${randomBytes(5).toString("hex").toUpperCase()}`;

/** A file whose bytes carry the marker too (after a PNG, so it is still typed image/png). */
const fileFor = (marker: string) => Buffer.concat([PNG, Buffer.from(`\n${marker}\n`)]);

/**
 * Fills account `userId` (given phone and marker): a provider profile, requests, offers, messages,
 * reviews, invoices, payouts, promotions, tickets, verification, notifications, events, exports.
 * `other` is the account the conversation, reviews and offers go back and forth with.
 */
export async function fillAccount(db: PrismaClient, storage: Storage, a: { userId: number; phone: string; marker: string }, other: { userId: number; providerId: number }, staffId: number, subcategoryId: number): Promise<FixtureAccount> {
  const M = a.marker;
  const files: string[] = [];
  const put = async (prefix: string) => {
    const k = await storage.put(prefix, fileFor(M), "png");
    files.push(k);
    return k;
  };
  const userId = a.userId;
  await db.user.update({ where: { id: userId }, data: { fullName: `Name ${M}`, email: `${M.toLowerCase()}@example.com`, city: `City ${M}` } });
  const provider = await db.providerProfile.upsert({ where: { userId }, create: { userId, displayName: `Pro ${M}`, bio: `Bio ${M}`, city: "Riyadh" }, update: { displayName: `Pro ${M}`, bio: `Bio ${M}` } });
  await db.user.update({ where: { id: userId }, data: { userType: "provider" } });

  await db.otp.create({ data: { phone: a.phone, codeHash: "x", expiresAt: new Date(Date.now() - 3600_000), ip: "10.1.2.3" } });
  await db.apiToken.create({ data: { userId, tokenHash: `hash-${M}`, deviceName: `Phone ${M}` } });
  await db.idempotencyKey.create({ data: { userId, key: `key-${M}`, method: "POST", path: "/requests", requestHash: "h", responseStatus: 201, responseBody: { title: M } } });
  await db.rateLimitCounter.create({ data: { key: `user:${userId}`, hits: 3, resetAt: new Date(Date.now() + 60_000) } });
  await db.deviceToken.create({ data: { userId, token: `device-${M}`, platform: "android" } });
  await db.notificationPreference.create({ data: { userId, choices: { offers: { sms: false } } } });
  const note = await db.notification.create({ data: { userId, titleAr: `عنوان ${M}`, titleEn: `Title ${M}`, bodyAr: `نص ${M}`, bodyEn: `Body ${M}`, data: { m: M } } });
  await db.notificationDelivery.create({ data: { notificationId: note.id, channel: "sms", status: "sent", recipient: a.phone, providerMessageId: `sms-${M}` } });

  await db.providerService.create({ data: { providerId: provider.id, subcategoryId, title: `Service ${M}`, description: `Desc ${M}` } });
  await db.providerPortfolioItem.create({ data: { providerId: provider.id, title: `Work ${M}`, description: `Work desc ${M}`, imageKey: await put("portfolio"), mimeType: "image/png" } });

  // As a client: a finished request with an attachment, a log note, a review of the other provider, a closed dispute.
  const request = await db.serviceRequest.create({
    data: { title: `Fix ${M}`, description: `Details ${M}`, subcategoryId, clientId: userId, providerId: other.providerId, status: "completed", city: "Riyadh", address: `Street ${M}`, cancelReason: `Reason ${M}` },
  });
  await db.serviceRequestAttachment.create({ data: { requestId: request.id, uploadedById: userId, fileName: `photo-${M}.png`, mimeType: "image/png", sizeBytes: 80, storageKey: await put("requests") } });
  await db.requestStatusLog.create({ data: { requestId: request.id, toStatus: "completed", actorType: "client", actorId: userId, note: `Log ${M}` } });
  await db.review.create({ data: { requestId: request.id, providerId: other.providerId, clientId: userId, rating: 5, comment: `Great work ${M}` } });
  await db.dispute.create({ data: { requestId: request.id, openedById: userId, status: "resolved", description: `Dispute ${M}`, evidence: { note: M } } });

  // As a provider: an offer on the other's request, a thread with a message (and a file), a reply to their review.
  const theirs = await db.serviceRequest.create({ data: { title: "Paint the hall", description: "Two walls", subcategoryId, clientId: other.userId, providerId: provider.id, status: "completed", city: "Riyadh" } });
  await db.offer.create({ data: { requestId: theirs.id, providerId: provider.id, price: 10_000, message: `Offer ${M}`, status: "accepted" } });
  const thread = await db.thread.create({ data: { requestId: theirs.id, clientId: other.userId, providerId: userId } });
  await db.message.create({ data: { threadId: thread.id, senderId: userId, body: `Hello ${M}`, attachmentKey: await put("messages") } });
  await db.review.create({ data: { requestId: theirs.id, providerId: provider.id, clientId: other.userId, rating: 4, comment: "Good", providerReply: `Thanks ${M}` } });

  // Money: a paid invoice, its payment with Stripe's raw object, the webhook, a paid payout.
  // Identifiers are the system's, not the person's: random, without the marker.
  const rid = randomBytes(6).toString("hex");
  const paymentIntent = `pi_${rid}`;
  const invoice = await db.invoice.create({ data: { number: `NWF-T-${rid}`, userId, status: "paid", purpose: "extra", subtotal: 1000, vat: 150, total: 1150, amountPaid: 1150, paidAt: new Date() } });
  await db.paymentAttempt.create({ data: { invoiceId: invoice.id, providerPaymentId: paymentIntent, idempotencyKey: `idem-${rid}`, amount: 1150, status: "succeeded", raw: { id: paymentIntent, receipt_email: `${M}@example.com` } } });
  await db.webhookEvent.create({ data: { eventId: `evt_${rid}`, type: "payment_intent.succeeded", payload: { data: { object: { id: paymentIntent, receipt_email: `${M}@example.com` } } }, status: "processed" } });
  const method = await db.withdrawMethod.upsert({ where: { type: "bank_transfer" }, create: { type: "bank_transfer", nameAr: "تحويل", nameEn: "Transfer", minAmount: 100, maxAmount: 1_000_000 }, update: {} });
  await db.payout.create({ data: { userId, methodId: method.id, receiver: `SA00 ${M}`, bankName: "Al Rajhi", amount: 5000, status: "paid" } });

  // Promotions, support, verification.
  const promo = await db.promoRequest.create({ data: { requesterId: userId, title: `Promo ${M}`, placement: "search_boost", startsAt: new Date(), endsAt: new Date(Date.now() + 864e5), status: "ended" } });
  await db.promoAsset.create({ data: { requestId: promo.id, kind: "image", fileName: `banner-${M}.png`, mimeType: "image/png", sizeBytes: 80, storageKey: await put("promo"), sha256: `${M}`.padEnd(64, "0"), textContent: `Copy ${M}` } });
  await db.promoStatusLog.create({ data: { requestId: promo.id, toStatus: "ended", actorType: "provider", actorId: userId, note: `Promo log ${M}` } });
  const ticket = await db.supportTicket.create({ data: { code: `TCK-${rid}`, requesterId: userId, type: "inquiry", status: "closed", subject: `Subject ${M}`, description: `Question ${M}`, ratingComment: `Rated ${M}`, rating: 4 } as never });
  const comment = await db.supportComment.create({ data: { ticketId: ticket.id, authorId: userId, body: `Reply ${M}` } });
  await db.supportAttachment.create({ data: { ticketId: ticket.id, commentId: comment.id, fileName: `receipt-${M}.png`, mimeType: "image/png", sizeBytes: 80, storageKey: await put("support"), uploadedById: userId } });
  await db.supportStatusLog.create({ data: { ticketId: ticket.id, toStatus: "closed", actorType: "client", actorId: userId, note: `Ticket log ${M}` } });
  const vr = await db.verificationRequest.create({ data: { requesterId: userId, badgeType: "identity", status: "cancelled", note: `Note ${M}` } });
  const doc = await db.verificationDocument.create({ data: { requestId: vr.id, docType: "national_id", currentVersion: 1 } });
  const version = await db.verificationDocumentVersion.create({ data: { documentId: doc.id, version: 1, fileName: `id-${M}.png`, mimeType: "image/png", sizeBytes: 80, storageKey: await put("verification"), sha256: `${M}`.padEnd(64, "1") } });
  await db.verificationDocumentReview.create({ data: { documentId: doc.id, versionId: version.id, reviewerId: staffId, decision: "rejected", note: `Blurry ${M}` } });
  await db.verificationStatusLog.create({ data: { requestId: vr.id, toStatus: "cancelled", actorType: "provider", actorId: userId, note: `Withdrawn ${M}` } });

  // An event this account caused and the other account's notification quoting it; an old export.
  const event = await db.eventLog.create({ data: { name: "marketplace.request.cancelled", entity: "ServiceRequest", entityId: String(request.id), payload: { requestId: request.id, clientId: userId, reason: `Because ${M}` }, actorType: "client", actorId: userId } });
  await db.notification.create({ data: { userId: other.userId, eventId: event.id, titleAr: `ألغى ${M}`, titleEn: `Cancelled by ${M}`, bodyAr: `السبب ${M}`, bodyEn: `Reason ${M}` } });
  await db.dataExport.create({ data: { userId, status: "ready", storageKey: await put("exports"), finishedAt: new Date(), expiresAt: new Date(Date.now() + 3600_000) } });

  return { userId, providerId: provider.id, phone: a.phone, marker: M, files, invoiceId: invoice.id, paymentIntent, webhookEventId: `evt_${rid}` };
}

type Col = { table: string; column: string };

/** Every text-like column of every table in the public schema. */
export async function textColumns(db: PrismaClient): Promise<Col[]> {
  const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
        AND table_name NOT LIKE '\\_%' ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** The columns (table.column) where any of `needles` occurs (case-insensitive); one query per table. */
export async function whereFound(db: PrismaClient, needles: string[], columns?: Col[]): Promise<string[]> {
  const byTable = new Map<string, string[]>();
  for (const c of columns ?? (await textColumns(db))) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.column]);
  const found: string[] = [];
  for (const [table, cols] of byTable) {
    const counts = cols.map((c, i) => `count(*) FILTER (WHERE "${c}"::text ILIKE ANY($1::text[])) AS c${i}`).join(", ");
    const [row] = await db.$queryRawUnsafe<Record<string, bigint>[]>(`SELECT ${counts} FROM "${table}"`, needles.map((n) => `%${n}%`));
    cols.forEach((c, i) => {
      if (Number(row![`c${i}`]) > 0) found.push(`${table}.${c}`);
    });
  }
  return found;
}
