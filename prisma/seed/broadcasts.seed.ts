/**
 * Broadcasts demo data: one sent to every client before Eid (completed, with each client's
 * notification and deliveries decided as the fan-out decides them: only users who turned
 * marketing on get it on a channel), and a draft to the providers of Riyadh that content staff
 * can still edit, check the size of and send.
 */
import type { NotificationChannel, Prisma } from "@prisma/client";
import { decide } from "../../src/domains/notifications/preferences.js";
import { BROADCAST_KIND } from "../../src/domains/notifications/catalog.js";
import { count, type SeedContext } from "./context.js";
import type { People } from "./people.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { addHours, daysAgo } from "./time.js";

const EID = {
  titleAr: "عروض العيد من مقدمي الخدمة القريبين منك",
  titleEn: "Eid offers from providers near you",
  bodyAr: "جهّز بيتك للعيد: خصومات على التنظيف والصيانة والتكييف حتى نهاية الأسبوع. اطلب الآن واستقبل العروض خلال دقائق.",
  bodyEn: "Get your home ready for Eid: discounts on cleaning, maintenance and air conditioning until the end of the week. Post a request and get offers within minutes.",
};

const RAMADAN = {
  titleAr: "حدّث ساعات عملك في رمضان",
  titleEn: "Update your Ramadan working hours",
  bodyAr: "يبحث العملاء في رمضان بعد الإفطار أكثر من أي وقت آخر. حدّث ساعات عملك في ملفك ليصلك عدد أكبر من الطلبات.",
  bodyEn: "Clients search most after iftar during Ramadan. Update the working hours on your profile to receive more requests.",
};

/** Creates the broadcasts, and the sent one's notifications and deliveries. */
export async function seedBroadcasts(sc: SeedContext, people: People, staff: StaffByRole): Promise<void> {
  const channels: NotificationChannel[] = ["in_app", "push", "email"];
  const startedAt = daysAgo(sc.now, 12, 18);
  const clients = people.clients.map((c) => c.user).filter((u) => u.isActive && !u.deletedAt && u.createdAt <= startedAt).sort((a, b) => a.id - b.id);
  const eid = await sc.tx.broadcast.create({
    data: {
      ...EID, segment: "all_clients", channels, status: "completed", total: clients.length, processed: clients.length, cursor: clients.at(-1)?.id ?? 0,
      createdById: staff.content.id, createdAt: addHours(startedAt, -26), startedAt, finishedAt: addHours(startedAt, 0.05),
    },
  });

  const prefs = new Map((await sc.tx.notificationPreference.findMany({ where: { userId: { in: clients.map((c) => c.id) } } })).map((p) => [p.userId, p]));
  const tokens = new Set((await sc.tx.deviceToken.findMany({ where: { userId: { in: clients.map((c) => c.id) }, revokedAt: null }, select: { userId: true } })).map((t) => t.userId));
  const notified = await sc.tx.notification.createManyAndReturn({
    data: clients.map((u) => ({
      userId: u.id, broadcastId: eid.id, templateKey: BROADCAST_KIND, category: "marketing", ...EID,
      data: { screen: "broadcast", broadcastId: eid.id, vars: {} } as Prisma.InputJsonValue, createdAt: startedAt,
    })),
    select: { id: true, userId: true },
  });
  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const n of notified) {
    const user = clients.find((u) => u.id === n.userId)!;
    for (const channel of channels) {
      const recipient = channel === "email" ? user.email : channel === "push" ? (tokens.has(user.id) ? "1 device(s)" : null) : `user:${user.id}`;
      // Quiet hours aside (it went out at 6 pm Riyadh): what the fan-out decides for this user.
      const d = decide(prefs.get(user.id) ?? null, "marketing", channel, false, startedAt);
      const skipReason = !d.send ? "preference" : !recipient ? "no_recipient" : null;
      const sentAt = addHours(startedAt, 0.01);
      deliveries.push({
        notificationId: n.id, channel, recipient, status: skipReason ? "skipped" : "sent", skipReason,
        attempts: skipReason || channel === "in_app" ? 0 : 1, sentAt: skipReason ? null : sentAt,
        providerMessageId: !skipReason && channel !== "in_app" ? `${channel}-broadcast-${eid.id}-${user.id}` : null,
        createdAt: startedAt, updatedAt: skipReason ? startedAt : sentAt,
      });
    }
  }
  await sc.tx.notificationDelivery.createMany({ data: deliveries });

  await sc.tx.broadcast.create({
    data: { ...RAMADAN, segment: "providers_in_city", city: "Riyadh", channels: ["in_app", "push"], createdById: staff.content.id, createdAt: daysAgo(sc.now, 1, 11) },
  });
  count(sc, "notifications_broadcast", 2);
  count(sc, "notifications_notification (broadcast)", notified.length);
  count(sc, "notifications_notificationdelivery (broadcast)", deliveries.length);
}
