/**
 * Notifications demo data: bilingual templates per channel, device push tokens, a few users'
 * preferences, in-app notifications for the seeded marketplace events (linked to their event
 * rows) and for verification, billing, promotion and support updates, with per-channel deliveries.
 */
import type { DeliveryStatus, NotificationChannel, Prisma } from "@prisma/client";
import { MarketplaceEvents as E } from "../../src/domains/marketplace/index.js";
import { count, type SeedContext } from "./context.js";
import type { MarketplaceResult } from "./marketplace.seed.js";
import type { People } from "./people.seed.js";
import { addHours, HOUR, minDate } from "./time.js";

interface Text {
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
}

const TEMPLATES: { key: string; channels: NotificationChannel[]; text: Text; variables: string[] }[] = [
  { key: E.OFFER_SUBMITTED, channels: ["in_app", "push"], variables: ["providerName", "price", "requestTitle"], text: { titleAr: "عرض جديد على طلبك", titleEn: "New offer on your request", bodyAr: "أرسل {{providerName}} عرضًا بقيمة {{price}} ريال على «{{requestTitle}}».", bodyEn: "{{providerName}} offered SAR {{price}} for \"{{requestTitle}}\"." } },
  { key: E.OFFER_ACCEPTED, channels: ["in_app", "push"], variables: ["requestTitle"], text: { titleAr: "تم قبول عرضك", titleEn: "Your offer was accepted", bodyAr: "قبل العميل عرضك على «{{requestTitle}}». تواصل معه من المحادثة.", bodyEn: "The client accepted your offer for \"{{requestTitle}}\". Say hello in the chat." } },
  { key: E.OFFER_WITHDRAWN, channels: ["in_app"], variables: ["providerName", "requestTitle"], text: { titleAr: "تم سحب عرض", titleEn: "An offer was withdrawn", bodyAr: "سحب {{providerName}} عرضه على «{{requestTitle}}».", bodyEn: "{{providerName}} withdrew their offer for \"{{requestTitle}}\"." } },
  { key: E.REQUEST_STARTED, channels: ["in_app", "push"], variables: ["requestTitle"], text: { titleAr: "بدأ العمل على طلبك", titleEn: "Work has started", bodyAr: "بدأ مقدم الخدمة العمل على «{{requestTitle}}».", bodyEn: "The provider started working on \"{{requestTitle}}\"." } },
  { key: E.REQUEST_COMPLETED, channels: ["in_app", "push", "email"], variables: ["requestTitle"], text: { titleAr: "اكتمل طلبك — قيّم التجربة", titleEn: "Job done — rate your provider", bodyAr: "اكتمل «{{requestTitle}}». شاركنا تقييمك لمساعدة الآخرين.", bodyEn: "\"{{requestTitle}}\" is complete. Leave a rating to help others." } },
  { key: E.REQUEST_CANCELLED, channels: ["in_app", "push"], variables: ["requestTitle", "reason"], text: { titleAr: "تم إلغاء الطلب", titleEn: "Request cancelled", bodyAr: "أُلغي «{{requestTitle}}»: {{reason}}", bodyEn: "\"{{requestTitle}}\" was cancelled: {{reason}}" } },
  { key: "verification.approved", channels: ["in_app", "push", "email"], variables: ["badge"], text: { titleAr: "تم توثيق حسابك", titleEn: "You are verified", bodyAr: "مبروك! حصلت على شارة التوثيق وتظهر الآن على ملفك.", bodyEn: "Congratulations! Your verified badge now shows on your profile." } },
  { key: "verification.changes_requested", channels: ["in_app", "email"], variables: ["reason"], text: { titleAr: "مطلوب تحديث مستندات التوثيق", titleEn: "Please update your documents", bodyAr: "راجع فريق التوثيق طلبك: {{reason}}", bodyEn: "Our verification team reviewed your request: {{reason}}" } },
  { key: "verification.badge_expiring", channels: ["push", "email"], variables: ["days"], text: { titleAr: "شارة التوثيق تنتهي قريبًا", titleEn: "Your badge expires soon", bodyAr: "تنتهي شارة التوثيق بعد {{days}} يومًا، جدد مستنداتك للحفاظ عليها.", bodyEn: "Your verified badge expires in {{days}} days; renew your documents to keep it." } },
  { key: "invoice.issued", channels: ["in_app", "email"], variables: ["number", "total"], text: { titleAr: "فاتورة جديدة", titleEn: "New invoice", bodyAr: "صدرت الفاتورة {{number}} بمبلغ {{total}} ريال.", bodyEn: "Invoice {{number}} for SAR {{total}} has been issued." } },
  { key: "invoice.paid", channels: ["email"], variables: ["number"], text: { titleAr: "تم استلام الدفع", titleEn: "Payment received", bodyAr: "شكرًا، تم دفع الفاتورة {{number}}.", bodyEn: "Thank you, invoice {{number}} is paid." } },
  { key: "invoice.reminder", channels: ["email", "sms"], variables: ["number", "total"], text: { titleAr: "تذكير بالدفع", titleEn: "Payment reminder", bodyAr: "الفاتورة {{number}} بمبلغ {{total}} ريال بانتظار الدفع.", bodyEn: "Invoice {{number}} for SAR {{total}} is waiting for payment." } },
  { key: "promo.live", channels: ["in_app", "push"], variables: ["title"], text: { titleAr: "إعلانك منشور الآن", titleEn: "Your promotion is live", bodyAr: "بدأ عرض «{{title}}» في التطبيق.", bodyEn: "\"{{title}}\" is now showing in the app." } },
  { key: "support.reply", channels: ["in_app", "email"], variables: ["code"], text: { titleAr: "رد جديد على تذكرتك", titleEn: "New reply on your ticket", bodyAr: "رد فريق الدعم على التذكرة {{code}}.", bodyEn: "Support replied on ticket {{code}}." } },
  { key: "auth.otp", channels: ["sms"], variables: ["code"], text: { titleAr: "رمز الدخول", titleEn: "Login code", bodyAr: "رمز الدخول إلى نوافذ: {{code}}. لا تشاركه مع أحد.", bodyEn: "Your Nawafeth login code is {{code}}. Do not share it." } },
];

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
      subjectAr: channel === "sms" ? null : t.text.titleAr, subjectEn: channel === "sms" ? null : t.text.titleEn,
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

  const prefs = rng.sample(users, 8).map((u, i) => ({
    userId: u.id,
    pushEnabled: i !== 3,
    emailEnabled: i % 3 !== 0,
    smsEnabled: i !== 5,
    promotionalEnabled: i % 2 === 0,
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
        pending.push({ userId: Number(payload.providerUserId), eventId: ev.id, templateKey: ev.name, text: render(ev.name, { requestTitle: title }), data, at });
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
    const key = v.status === "approved" ? "verification.approved" : "verification.changes_requested";
    pending.push({ userId: v.requesterId, eventId: null, templateKey: key, text: render(key, { reason: v.decisionReason ?? "", badge: v.badgeType }), data: { verificationRequestId: v.id, screen: "verification" }, at: addHours(v.decidedAt ?? v.updatedAt, 0.01) });
  }
  for (const b of await sc.tx.verifiedBadge.findMany({ where: { expiryNotifiedAt: { not: null } } })) {
    const days = Math.max(1, Math.round((b.expiresAt.getTime() - sc.now.getTime()) / (24 * HOUR)));
    pending.push({ userId: b.userId, eventId: null, templateKey: "verification.badge_expiring", text: render("verification.badge_expiring", { days }), data: { badgeId: b.id, screen: "verification" }, at: b.expiryNotifiedAt! });
  }
  for (const inv of await sc.tx.invoice.findMany({ where: { status: "issued" } })) {
    pending.push({ userId: inv.userId, eventId: null, templateKey: "invoice.issued", text: render("invoice.issued", { number: inv.number, total: sar(inv.total) }), data: { invoiceId: inv.id, screen: "invoice" }, at: addHours(inv.issuedAt ?? inv.createdAt, 0.01) });
  }
  for (const pr of await sc.tx.promoRequest.findMany({ where: { status: { in: ["live", "ended"] } } })) {
    pending.push({ userId: pr.requesterId, eventId: null, templateKey: "promo.live", text: render("promo.live", { title: pr.title }), data: { promoRequestId: pr.id, screen: "promotion" }, at: pr.wentLiveAt ?? pr.startsAt });
  }
  for (const c of await sc.tx.supportComment.findMany({ where: { visibility: "public_reply", isDraft: false, author: { userType: "staff" } }, include: { ticket: true } })) {
    pending.push({ userId: c.ticket.requesterId, eventId: null, templateKey: "support.reply", text: render("support.reply", { code: c.ticket.code }), data: { ticketId: c.ticketId, screen: "ticket" }, at: addHours(c.createdAt, 0.01) });
  }

  const latest = addHours(sc.now, -0.05);
  const rows = pending.map((n) => {
    const at = minDate(n.at, latest);
    const ageDays = (sc.now.getTime() - at.getTime()) / (24 * HOUR);
    const read = rng.chance(ageDays > 2 ? 0.85 : 0.3);
    return { userId: n.userId, eventId: n.eventId, templateKey: n.templateKey, ...n.text, data: n.data as Prisma.InputJsonValue, createdAt: at, readAt: read ? minDate(addHours(at, rng.float(0.1, 30)), latest) : null };
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
