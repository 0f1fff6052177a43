/**
 * "Export my data" (PDPL right of access): a job writes a ZIP of the user's own records as JSON —
 * profile, requests, offers, messages, reviews, invoices, tickets, notifications, verification and
 * promotions — and the files they uploaded, then the app gets a signed download link that expires.
 * Only rows the user owns or wrote go in: the other side of a conversation, other providers'
 * offers on the user's requests and staff notes stay out.
 *
 * The ZIP is streamed by yazl: one uploaded file in memory at a time, written to a temporary file
 * on the storage's file system and adopted under exports/.
 */
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import type { DataExport } from "@prisma/client";
import { systemCtx, type Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Storage } from "../../platform/storage.js";
import type { UrlSigner } from "../../platform/signed-urls.js";
import { nowOf } from "../../platform/clock.js";
import { DomainError, ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { nullIfNotMovable, transition } from "../../platform/transitions.js";
import { dataExportMachine } from "./data-export.status.js";
import { sendInTransaction } from "../../platform/jobs.js";
import { writeAudit } from "../../platform/audit.js";
import { readSetting } from "../backoffice/settings.js";

/** The job queue that builds exports (jobs/privacy.job.ts). */
export const DATA_EXPORT_QUEUE = "privacy-data-export";
/** Purpose of the signed download links. */
export const DATA_EXPORT_LINK = "data-export";

/** Asks for an export; while one is queued or being written, that one is returned instead of a second. */
export async function requestDataExport(deps: Deps, ctx: Ctx): Promise<DataExport> {
  const userId = ctx.actor.id;
  if (!userId) throw new ForbiddenError("a signed-in user is required");
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"data-export:" + userId}))`;
    const open = await tx.dataExport.findFirst({ where: { userId, status: { in: ["queued", "running"] } }, orderBy: { id: "desc" } });
    if (open) return open;
    const row = await tx.dataExport.create({ data: { userId } });
    await sendInTransaction(deps.boss, tx, DATA_EXPORT_QUEUE, { exportId: row.id }, { singletonKey: `data-export:${row.id}` });
    await writeAudit(tx, ctx, { action: "account.data_export_requested", entity: "DataExport", entityId: row.id });
    return row;
  });
}

/** One of the user's own exports (404 for anyone else's). */
export async function getOwnDataExport(deps: Deps, userId: number, id: number): Promise<DataExport> {
  const row = await deps.db.dataExport.findFirst({ where: { id, userId } });
  if (!row) throw new NotFoundError("DataExport", id);
  return row;
}

/** The signed link of a ready export: valid until the export's expiry. */
export function exportLink(signer: UrlSigner, row: Pick<DataExport, "id" | "status" | "expiresAt">, now: Date): { url: string; expiresAt: Date } | null {
  if (row.status !== "ready" || !row.expiresAt || row.expiresAt <= now) return null;
  const exp = Math.floor(row.expiresAt.getTime() / 1000);
  return { url: `/api/v1/me/exports/${row.id}/download?exp=${exp}&sig=${signer.sign(row.id, exp)}`, expiresAt: row.expiresAt };
}

/** Checks a download link and returns the file to send. */
export async function openSignedExport(deps: Deps, signer: UrlSigner, link: { id: number; exp: number; sig: string }): Promise<{ storageKey: string }> {
  const check = signer.check(link.id, link.exp, link.sig, nowOf(deps));
  if (check === "invalid") throw new DomainError("DATA_EXPORT_LINK_INVALID", "bad signature", 403);
  if (check === "expired") throw new DomainError("DATA_EXPORT_LINK_EXPIRED", "link expired", 403);
  const row = await deps.db.dataExport.findUnique({ where: { id: link.id } });
  if (!row || row.status !== "ready" || !row.storageKey || !row.expiresAt || row.expiresAt <= nowOf(deps)) throw new NotFoundError("DataExport", link.id);
  return { storageKey: row.storageKey };
}

type FileRef = { key: string; name: string };

const json = (v: unknown) => Buffer.from(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2) + "\n");
const safeName = (s: string) => s.replace(/[^\w.\u0600-\u06FF-]+/g, "_").slice(-80) || "file";

/** Everything of the user's, as JSON sections, plus the files to include (`files/<section>/<id>-<name>`). */
export async function collectUserData(deps: Deps, userId: number): Promise<{ sections: Record<string, unknown>; files: FileRef[] }> {
  const db = deps.db;
  const files: FileRef[] = [];
  const file = (section: string, id: number, key: string | null | undefined, name: string | null | undefined) => {
    if (!key) return null;
    const at = `files/${section}/${id}-${safeName(name ?? path.basename(key))}`;
    files.push({ key, name: at });
    return at;
  };

  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true, phone: true, email: true, fullName: true, userType: true, language: true, city: true, createdAt: true, lastLoginAt: true,
      wallet: { select: { balance: true, currency: true, transactions: { select: { id: true, amount: true, kind: true, reference: true, createdAt: true } } } },
      notificationPreference: { select: { choices: true, quietHoursStart: true, quietHoursEnd: true, timezone: true } },
      deviceTokens: { select: { id: true, platform: true, createdAt: true, lastSeenAt: true, revokedAt: true } },
      providerProfile: {
        select: {
          id: true, displayName: true, bio: true, city: true, yearsExperience: true, isVerified: true, acceptsUrgent: true, createdAt: true,
          categories: { select: { subcategoryId: true } },
          services: { where: { deletedAt: null }, select: { id: true, subcategoryId: true, title: true, description: true, priceFrom: true, priceTo: true, currency: true, priceUnit: true, isActive: true } },
          portfolioItems: { where: { deletedAt: null }, select: { id: true, title: true, description: true, imageKey: true, mimeType: true, createdAt: true } },
        },
      },
      providerFollows: { select: { providerId: true, createdAt: true } },
      providerLikes: { select: { providerId: true, createdAt: true } },
    },
  });
  const providerId = user.providerProfile?.id ?? null;
  const profile = {
    ...user,
    providerProfile: user.providerProfile && {
      ...user.providerProfile,
      portfolioItems: user.providerProfile.portfolioItems.map(({ imageKey, ...p }) => ({ ...p, file: file("portfolio", p.id, imageKey, p.title) })),
    },
  };

  const requests = (await db.serviceRequest.findMany({
    where: { clientId: userId },
    orderBy: { id: "asc" },
    select: {
      id: true, title: true, description: true, subcategoryId: true, status: true, priority: true, city: true, address: true, budgetMin: true, budgetMax: true, currency: true,
      preferredDate: true, cancelReason: true, acceptedOfferId: true, createdAt: true, cancelledAt: true, startedAt: true, completedAt: true,
      attachments: { where: { OR: [{ uploadedById: userId }, { uploadedById: null }] }, select: { id: true, fileName: true, mimeType: true, sizeBytes: true, storageKey: true, createdAt: true } },
      statusLogs: { where: { actorId: userId }, select: { fromStatus: true, toStatus: true, note: true, createdAt: true } },
    },
  })).map(({ attachments, ...r }) => ({ ...r, attachments: attachments.map(({ storageKey, ...a }) => ({ ...a, file: file("requests", a.id, storageKey, a.fileName) })) }));

  const offers = providerId
    ? await db.offer.findMany({ where: { providerId }, orderBy: { id: "asc" }, select: { id: true, requestId: true, price: true, currency: true, message: true, estimatedDays: true, status: true, createdAt: true } })
    : [];

  const messages = (await db.message.findMany({
    where: { senderId: userId, deletedAt: null },
    orderBy: { id: "asc" },
    select: { id: true, threadId: true, body: true, attachmentKey: true, createdAt: true, thread: { select: { requestId: true } } },
  })).map(({ attachmentKey, thread, ...m }) => ({ ...m, requestId: thread.requestId, file: file("messages", m.id, attachmentKey, null) }));

  const reviews = {
    written: await db.review.findMany({ where: { clientId: userId }, orderBy: { id: "asc" }, select: { id: true, requestId: true, providerId: true, rating: true, comment: true, createdAt: true } }),
    repliesGiven: providerId
      ? await db.review.findMany({ where: { providerId, providerReply: { not: null } }, orderBy: { id: "asc" }, select: { id: true, requestId: true, providerReply: true, providerRepliedAt: true } })
      : [],
  };

  const invoices = await db.invoice.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: {
      id: true, number: true, status: true, purpose: true, subtotal: true, discount: true, vatRateBp: true, vat: true, total: true, amountPaid: true, amountRefunded: true,
      currency: true, issuedAt: true, dueAt: true, paidAt: true, voidedAt: true, createdAt: true,
      lines: { select: { descriptionAr: true, descriptionEn: true, quantity: true, unitAmount: true, amount: true } },
      paymentAttempts: { select: { id: true, amount: true, currency: true, status: true, createdAt: true } },
      refunds: { select: { id: true, amount: true, currency: true, status: true, createdAt: true } },
    },
  });
  const subscriptions = await db.subscription.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { id: true, planId: true, cycle: true, status: true, currentPeriodStart: true, currentPeriodEnd: true, cancelAtPeriodEnd: true, createdAt: true } });
  const extras = await db.extraPurchase.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { id: true, extraId: true, status: true, activatedAt: true, expiresAt: true, createdAt: true } });

  const tickets = (await db.supportTicket.findMany({
    where: { requesterId: userId },
    orderBy: { id: "asc" },
    select: {
      id: true, type: true, status: true, subject: true, description: true, relatedRequestId: true, rating: true, ratingComment: true, createdAt: true, resolvedAt: true, closedAt: true,
      comments: { where: { authorId: userId }, select: { id: true, body: true, createdAt: true } },
      attachments: { where: { uploadedById: userId }, select: { id: true, fileName: true, mimeType: true, sizeBytes: true, storageKey: true, createdAt: true } },
    },
  })).map(({ attachments, ...t }) => ({ ...t, attachments: attachments.map(({ storageKey, ...a }) => ({ ...a, file: file("tickets", a.id, storageKey, a.fileName) })) }));
  const disputes = await db.dispute.findMany({ where: { openedById: userId }, orderBy: { id: "asc" }, select: { id: true, requestId: true, kind: true, status: true, description: true, outcome: true, refundAmount: true, createdAt: true, closedAt: true } });

  const notifications = await db.notification.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: { id: true, category: true, titleAr: true, titleEn: true, bodyAr: true, bodyEn: true, data: true, readAt: true, createdAt: true },
  });

  const verification = (await db.verificationRequest.findMany({
    where: { requesterId: userId },
    orderBy: { id: "asc" },
    select: {
      id: true, badgeType: true, status: true, note: true, submittedAt: true, decidedAt: true, createdAt: true,
      documents: { select: { docType: true, status: true, versions: { select: { id: true, version: true, fileName: true, mimeType: true, sizeBytes: true, storageKey: true, expiresOn: true, uploadedAt: true } } } },
    },
  })).map((r) => ({ ...r, documents: r.documents.map((d) => ({ ...d, versions: d.versions.map(({ storageKey, ...v }) => ({ ...v, file: file("verification", v.id, storageKey, v.fileName) })) })) }));
  const badges = await db.verifiedBadge.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { id: true, badgeType: true, issuedAt: true, expiresAt: true, revokedAt: true } });

  const promotions = (await db.promoRequest.findMany({
    where: { requesterId: userId },
    orderBy: { id: "asc" },
    select: {
      id: true, title: true, placement: true, targetCity: true, targetSubcategoryId: true, startsAt: true, endsAt: true, status: true, amount: true, invoiceId: true, createdAt: true,
      assets: { where: { removedAt: null }, select: { id: true, kind: true, fileName: true, mimeType: true, storageKey: true, textContent: true, createdAt: true } },
    },
  })).map((p) => ({ ...p, assets: p.assets.map(({ storageKey, ...a }) => ({ ...a, file: file("promotions", a.id, storageKey, a.fileName) })) }));

  return {
    sections: {
      profile, requests, offers, messages, reviews,
      invoices: { invoices, subscriptions, extras },
      tickets: { tickets, disputes },
      notifications, verification: { requests: verification, badges }, promotions,
    },
    files,
  };
}

/**
 * The job: builds the ZIP for export `exportId` (once: a repeated job finds it no longer queued)
 * and makes it downloadable for `data_export_link_hours`. A failure marks the export failed.
 */
export async function buildDataExport(deps: Deps & { storage: Storage }, exportId: number): Promise<DataExport | null> {
  const ctx = systemCtx("data-export");
  const move = (to: DataExport["status"], action: string, data: Record<string, unknown>) =>
    transition<DataExport["status"], DataExport>(deps, ctx, { machine: dataExportMachine, id: exportId, to, action, data });
  // A repeated job finds it no longer queued (or gone, erased with its account) and does nothing.
  const row = await move("running", "data_export.start", { startedAt: nowOf(deps) }).catch(nullIfNotMovable);
  if (!row) return null;
  const tmp = path.join(await deps.storage.tempDir(), `export-${randomUUID()}.zip`);
  let key: string | undefined;
  try {
    const { sections, files } = await collectUserData(deps, row.userId);
    const zip = new yazl.ZipFile();
    const written = pipeline(zip.outputStream, createWriteStream(tmp));
    zip.addBuffer(
      Buffer.from(
        "Your Nawafeth data / بياناتك في نوافذ\n\nEach .json file is one part of your account (times are UTC, amounts in halalas).\n" +
          "files/ holds what you uploaded. Generated " + nowOf(deps).toISOString() + ".\n",
      ),
      "README.txt",
    );
    for (const [name, data] of Object.entries(sections)) zip.addBuffer(json(data), `${name}.json`);
    let fileCount = 0;
    for (const f of files) {
      // One file read at a time, when yazl gets to it.
      zip.addReadStreamLazy(f.name, (cb) => {
        deps.storage.read(f.key).then((b) => cb(null, Readable.from([b])), () => cb(null, Readable.from([Buffer.from("(this file is no longer stored)\n")])));
      });
      fileCount++;
    }
    zip.end();
    await written;
    const { size } = await stat(tmp);
    key = await deps.storage.adopt("exports", tmp, "zip");
    const hours = (await readSetting(deps.db, "data_export_link_hours"))!;
    const now = nowOf(deps);
    return await move("ready", "data_export.ready", { storageKey: key, sizeBytes: size, fileCount, finishedAt: now, expiresAt: new Date(now.getTime() + hours * 3600_000) });
  } catch (e) {
    await rm(tmp, { force: true });
    // A ZIP stored for an export that could not be marked ready (its account erased meanwhile) is
    // personal data with nothing pointing at it: it goes too.
    if (key) await deps.storage.remove(key).catch(() => undefined);
    // The build's own error is what the queue records; a failure to mark the row must not hide it.
    await move("failed", "data_export.fail", { error: String((e as Error).message ?? e).slice(0, 500), finishedAt: nowOf(deps) }).catch(() => undefined);
    throw e;
  }
}
