/**
 * Notifications demo data: bilingual templates per channel, device push tokens, a few users'
 * preferences, in-app notifications for the seeded marketplace events (linked to their event
 * rows) and for verification, billing, promotion and support updates, with per-channel deliveries.
 */
import type { DeliveryStatus, NotificationChannel, Prisma } from "@prisma/client";
import { MarketplaceEvents as E } from "../../src/domains/marketplace/index.js";
import { count, type SeedContext } from "./context.js";
import { KINDS } from "../../src/domains/notifications/catalog.js";
import type { MarketplaceResult } from "./marketplace.seed.js";
import type { People } from "./people.seed.js";
import { addHours, HOUR, minDate } from "./time.js";

interface Text {
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
}

/** The catalog's kinds with their default wording, as staff will find them to edit (the broadcast kind carries each announcement's own words). */
const TEMPLATES = KINDS.filter((k) => k.key !== "notifications.broadcast").map((k) => ({ key: k.key, channels: k.channels, text: k.text, variables: Object.keys(k.variables) }));

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ""));
const render = (key: string, vars: Record<string, string | number>): Text => {
  const t = TEMPLATES.find((x) => x.key === key)!.text;
  return { titleAr: fill(t.titleAr, vars), titleEn: fill(t.titleEn, vars), bodyAr: fill(t.bodyAr, vars), bodyEn: fill(t.bodyEn, vars) };
};
const sar = (halalas: number) => (halalas / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });

interface Pending {
  userId: number;
  eventId: number | null;
  templateKey: string;
  text: Text;
  data: Record<string, unknown>;
  at: Date;
}

/** Creates templates, device tokens, preferences, notifications and their deliveries. */
export async function seedNotifications(sc: SeedContext, people: People, market: MarketplaceResult): Promise<void> {
  const rng = sc.rng("notifications");
  await sc.tx.notificationTemplate.createMany({
    data: TEMPLATES.flatMap((t) => t.channels.map((channel) => ({
      key: t.key, channel,
      subjectAr: channel === "sms" || channel === "whatsapp" ? null : t.text.titleAr, subjectEn: channel === "sms" || channel === "whatsapp" ? null : t.text.titleEn,
      bodyAr: t.text.bodyAr, bodyEn: t.text.bodyEn, variables: t.variables,
    }))),
  });
  count(sc, "notifications_notificationtemplate", TEMPLATES.reduce((s, t) => s + t.channels.length, 0));

  // Push tokens: most app users have one device, a few two (one of them revoked).
  const users = [...people.clients.map((c) => c.user), ...people.providers.map((p) => p.user)];
  const tokens: Prisma.DeviceTokenCreateManyInput[] = [];
  const activeToken = new Map<number, string>();
  for (const u of users) {
    if (!rng.chance(u.userType === "provider" ? 0.93 : 0.75)) continue;
    const ios = rng.chance(0.45);
    const token = ios ? rng.hex(64) : `${rng.chars(11)}:APA91b${rng.chars(134, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")}`;
    const seen = u.lastLoginAt ?? addHours(sc.now, -24 * rng.float(1, 30));
    tokens.push({ userId: u.id, token, platform: ios ? "ios" : "android", lastSeenAt: seen, createdAt: addHours(u.createdAt, 0.1) });
    activeToken.set(u.id, token);
    if (rng.chance(0.12)) tokens.push({ userId: u.id, token: rng.hex(64), platform: "ios", lastSeenAt: addHours(u.createdAt, 24 * 30), revokedAt: addHours(u.createdAt, 24 * 31), createdAt: addHours(u.createdAt, 0.05) });
  }
  await sc.tx.deviceToken.createMany({ data: tokens });
  count(sc, "notifications_devicetoken", tokens.length);

  // A few users turned things off (or marketing on); only differences from the defaults are stored.
  const prefs: Prisma.NotificationPreferenceCreateManyInput[] = rng.sample(users, 8).map((u, i) => ({
    userId: u.id,
    choices: {
      ...(i === 3 ? { messages: { push: false }, offers: { push: false } } : {}),
      ...(i % 3 === 0 ? { payments: { email: false } } : {}),
      ...(i % 2 === 0 ? { marketing: { in_app: true, push: true, email: true } } : {}),
    },
    quietHoursStart: i < 5 ? "23:00" : null,
    quietHoursEnd: i < 5 ? "07:00" : null,
    createdAt: addHours(u.createdAt, 48),
  }));
  await sc.tx.notificationPreference.createMany({ data: prefs });
  count(sc, "notifications_notificationpreference", prefs.length);

  const pending: Pending[] = [];
  const byRequest = new Map(market.requests.map((r) => [r.request.id, r]));
  const offerInfo = new Map(market.requests.flatMap((r) => r.offers.map((o) => [o.id, { offer: o, request: r }] as const)));
  const providerByProfile = new Map(people.providers.map((p) => [p.profile.id, p]));
  const events = await sc.tx.eventLog.findMany({ where: { name: { startsWith: "marketplace." } }, orderBy: { id: "asc" } });
  for (const ev of events) {
    const payload = ev.payload as Record<string, number | string | undefined>;
    const r = byRequest.get(Number(payload.requestId));
    if (!r) continue;
    const title = r.request.title;
    const data = { requestId: r.request.id, screen: "request" };
    const at = addHours(ev.createdAt, 0.005);
    switch (ev.name) {
      case E.OFFER_SUBMITTED: {
        const info = offerInfo.get(Number(payload.offerId));
        const p = info ? providerByProfile.get(info.offer.providerId) : undefined;
        if (info && p) pending.push({ userId: r.client.user.id, eventId: ev.id, templateKey: ev.name, text: render(ev.name, { providerName: p.profile.displayName, price: sar(info.offer.price), requestTitle: title }), data: { ...data, offerId: info.offer.id }, at });
        break;
      }
      case E.OFFER_ACCEPTED:
        pending.push({ userId: Number(payload.providerUserId), eventId: ev.id, templateKey: ev.name, text: render(ev.name, { requestTitle: title, clientName: r.client.user.fullName }), data, at });
        break;
      case E.OFFER_WITHDRAWN: {
        const info = offerInfo.get(Number(payload.offerId));
        const p = info ? providerByProfile.get(info.offer.providerId) : undefined;
        if (p) pending.push({ userId: r.client.user.id, eventId: ev.id, templateKey: ev.name, text: render(ev.name, { providerName: p.profile.displayName, requestTitle: title }), data, at });
        break;
      }
      case E.REQUEST_STARTED:
      case E.REQUEST_COMPLETED:
        pending.push({ userId: r.client.user.id, eventId: ev.id, templateKey: ev.name, text: render(ev.name, { requestTitle: title }), data, at });
        break;
      case E.REQUEST_CANCELLED: {
        const reason = String(payload.reason ?? "");
        if (payload.by === "staff") pending.push({ userId: r.client.user.id, eventId: ev.id, templateKey: ev.name, text: render(ev.name, { requestTitle: title, reason }), data, at });
        if (r.provider) pending.push({ userId: r.provider.user.id, eventId: ev.id, templateKey: ev.name, text: render(ev.name, { requestTitle: title, reason }), data, at });
        break;
      }
    }
  }

  // Updates from the workflows seeded without events yet.
  for (const v of await sc.tx.verificationRequest.findMany({ where: { status: { in: ["approved", "changes_requested"] } } })) {
    const key = v.status === "approved" ? "verification.request.approved" : "verification.request.changes_requested";
    pending.push({ userId: v.requesterId, eventId: null, templateKey: key, text: render(key, { reason: v.decisionReason ?? "", badge: v.badgeType }), data: { verificationRequestId: v.id, screen: "verification" }, at: addHours(v.decidedAt ?? v.updatedAt, 0.01) });
  }
  for (const b of await sc.tx.verifiedBadge.findMany({ where: { expiryNotifiedAt: { not: null } } })) {
    const days = Math.max(1, Math.round((b.expiresAt.getTime() - sc.now.getTime()) / (24 * HOUR)));
    pending.push({ userId: b.userId, eventId: null, templateKey: "verification.badge.expiring", text: render("verification.badge.expiring", { days, expiresOn: b.expiresAt.toISOString().slice(0, 10) }), data: { badgeId: b.id, screen: "verification" }, at: b.expiryNotifiedAt! });
  }
  for (const inv of await sc.tx.invoice.findMany({ where: { status: "issued" } })) {
    pending.push({ userId: inv.userId, eventId: null, templateKey: "billing.invoice.issued", text: render("billing.invoice.issued", { number: inv.number, total: sar(inv.total) }), data: { invoiceId: inv.id, screen: "invoice" }, at: addHours(inv.issuedAt ?? inv.createdAt, 0.01) });
  }
  for (const pr of await sc.tx.promoRequest.findMany({ where: { status: { in: ["live", "ended"] } } })) {
    pending.push({ userId: pr.requesterId, eventId: null, templateKey: "promo.request.live", text: render("promo.request.live", { title: pr.title }), data: { promoRequestId: pr.id, screen: "promotion" }, at: pr.wentLiveAt ?? pr.startsAt });
  }
  for (const c of await sc.tx.supportComment.findMany({ where: { visibility: "public_reply", isDraft: false, author: { userType: "staff" } }, include: { ticket: true } })) {
    pending.push({ userId: c.ticket.requesterId, eventId: null, templateKey: "support.ticket.replied", text: render("support.ticket.replied", { code: c.ticket.code, subject: c.ticket.subject }), data: { ticketId: c.ticketId, screen: "ticket" }, at: addHours(c.createdAt, 0.01) });
  }

  const latest = addHours(sc.now, -0.05);
  const rows = pending.map((n) => {
    const at = minDate(n.at, latest);
    const ageDays = (sc.now.getTime() - at.getTime()) / (24 * HOUR);
    const read = rng.chance(ageDays > 2 ? 0.85 : 0.3);
    return { userId: n.userId, eventId: n.eventId, templateKey: n.templateKey, category: KINDS.find((k) => k.key === n.templateKey)?.category ?? null, ...n.text, data: n.data as Prisma.InputJsonValue, createdAt: at, readAt: read ? minDate(addHours(at, rng.float(0.1, 30)), latest) : null };
  });
  const created = await sc.tx.notification.createManyAndReturn({ data: rows, select: { id: true, userId: true, templateKey: true, createdAt: true } });
  count(sc, "notifications_notification", created.length);

  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  const channelsOf = new Map(TEMPLATES.map((t) => [t.key, t.channels]));
  const userById = new Map(users.map((u) => [u.id, u]));
  for (const n of created) {
    for (const channel of channelsOf.get(n.templateKey ?? "") ?? ["in_app"]) {
      const u = userById.get(n.userId);
      let status: DeliveryStatus = "sent";
      let recipient: string | null = null;
      let error: string | null = null;
      if (channel === "push") {
        recipient = activeToken.get(n.userId) ?? null;
        if (!recipient) status = "skipped";
        else if (rng.chance(0.04)) {
          status = "failed";
          error = "messaging/registration-token-not-registered";
        }
      }
      if (channel === "email") {
        recipient = u?.email ?? null;
        if (!recipient) status = "skipped";
      }
      if (channel === "sms") recipient = u?.phone ?? null;
      const sentAt = addHours(n.createdAt, 0.003);
      deliveries.push({
        notificationId: n.id, channel, status, recipient, error,
        attempts: status === "skipped" ? 0 : status === "failed" ? 3 : 1,
        providerMessageId: status === "sent" && channel !== "in_app" ? `${channel}-${rng.hex(20)}` : null,
        sentAt: status === "sent" ? sentAt : null,
        failedAt: status === "failed" ? addHours(sentAt, 0.2) : null,
        createdAt: n.createdAt,
        updatedAt: status === "failed" ? addHours(sentAt, 0.2) : sentAt,
      });
    }
  }
  await sc.tx.notificationDelivery.createMany({ data: deliveries });
  count(sc, "notifications_notificationdelivery", deliveries.length);
}
