/**
 * The one map from domain events to notifications: for each event, who is told (audience), with
 * which kind of message (template key, category, channels, urgency) and which variables. The
 * panel shows this table; templates staff edit override the default wording kept here.
 * Reading data for variables happens when the event is handled, so texts show names as they are.
 */
import type { Prisma } from "@prisma/client";
import type { Deps } from "../../platform/deps.js";
import type { Category, Channel } from "./channels.js";

type Db = Deps["db"] | Prisma.TransactionClient;
type Payload = Record<string, unknown>;
type Vars = Record<string, string | number | null>;

/** Default wording of one kind (every channel uses it until staff store a template of their own). */
export interface DefaultText {
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
}

export interface NotificationKind {
  key: string;
  /** "staff": sent to staff as part of their job; preferences do not apply. */
  category: Category | "staff";
  channels: Channel[];
  /** Urgent ones are not held for quiet hours. */
  urgent?: boolean;
  /** Variable name → sample value for previews. */
  variables: Record<string, string>;
  text: DefaultText;
}

/** Who a rule tells, by name (the panel's map of events words each one in both languages). */
export type AudienceName = "nearby_providers" | "client" | "provider" | "client_and_provider" | "other_party" | "customer" | "finance_staff" | "ticket_owner" | "dispute_parties" | "assignee" | "team_lead_or_admins";

export interface EventRule {
  event: string;
  kind: string;
  /** Who `audience` picks, as staff read it on the panel's map of events. */
  who: AudienceName;
  /** Only when the event's payload says so (e.g. a ticket moved to resolved). */
  when?: (p: Payload) => boolean;
  /** What `when` checks, by name (worded in the panel). */
  onlyWhen?: "ticket_resolved" | "not_taken_with_next";
  /** The users told. */
  audience(db: Db, p: Payload): Promise<number[]>;
  vars(db: Db, p: Payload): Promise<Vars>;
  /** Deep-link data for the app. */
  data?(p: Payload): Record<string, unknown>;
}

const sar = (halalas: unknown) => (Number(halalas ?? 0) / 100).toFixed(2);
const num = (v: unknown) => Number(v);
const one = (v: unknown) => (typeof v === "number" && v > 0 ? [v] : []);

const requestTitle = async (db: Db, id: unknown) => (await db.serviceRequest.findUnique({ where: { id: num(id) }, select: { title: true } }))?.title ?? "";
const invoiceOf = (db: Db, id: unknown) => db.invoice.findUnique({ where: { id: num(id) }, select: { userId: true, number: true, total: true, amountRefunded: true } });
const staffWithRole = async (db: Db, role: "finance" | "admin") => (await db.userAccessProfile.findMany({ where: { role, isActive: true }, select: { userId: true } })).map((r) => r.userId);
const BADGE = { identity: "هوية", business: "منشأة", professional: "مهنية" } as Record<string, string>;

export const KINDS: NotificationKind[] = [
  { key: "marketplace.request.new_nearby", category: "requests", channels: ["in_app", "push"], variables: { requestTitle: "تركيب مكيف سبليت", city: "Riyadh" },
    text: { titleAr: "طلب جديد في تخصصك", titleEn: "A new request in your field", bodyAr: "«{{requestTitle}}» في {{city}}. أرسل عرضك الآن.", bodyEn: "\"{{requestTitle}}\" in {{city}}. Send your offer now." } },
  { key: "marketplace.offer.submitted", category: "offers", channels: ["in_app", "push"], variables: { providerName: "ورشة النخبة", price: "350.00", requestTitle: "تركيب مكيف سبليت" },
    text: { titleAr: "عرض جديد على طلبك", titleEn: "New offer on your request", bodyAr: "أرسل {{providerName}} عرضًا بقيمة {{price}} ريال على «{{requestTitle}}».", bodyEn: "{{providerName}} offered SAR {{price}} for \"{{requestTitle}}\"." } },
  { key: "marketplace.offer.accepted", category: "offers", channels: ["in_app", "push", "email"], variables: { requestTitle: "تركيب مكيف سبليت", clientName: "سارة" },
    text: { titleAr: "تم قبول عرضك", titleEn: "Your offer was accepted", bodyAr: "قبل {{clientName}} عرضك على «{{requestTitle}}». تواصل معه من المحادثة.", bodyEn: "{{clientName}} accepted your offer for \"{{requestTitle}}\". Say hello in the chat." } },
  { key: "marketplace.offer.withdrawn", category: "offers", channels: ["in_app"], variables: { requestTitle: "تركيب مكيف سبليت" },
    text: { titleAr: "تم سحب عرض", titleEn: "An offer was withdrawn", bodyAr: "سُحب عرض على «{{requestTitle}}».", bodyEn: "An offer for \"{{requestTitle}}\" was withdrawn." } },
  { key: "marketplace.request.started", category: "requests", channels: ["in_app", "push"], variables: { requestTitle: "تركيب مكيف سبليت" },
    text: { titleAr: "بدأ العمل على طلبك", titleEn: "Work has started", bodyAr: "بدأ مقدم الخدمة العمل على «{{requestTitle}}».", bodyEn: "The provider started working on \"{{requestTitle}}\"." } },
  { key: "marketplace.request.completed", category: "requests", channels: ["in_app", "push", "email"], variables: { requestTitle: "تركيب مكيف سبليت" },
    text: { titleAr: "اكتمل طلبك — قيّم التجربة", titleEn: "Job done — rate your provider", bodyAr: "اكتمل «{{requestTitle}}». شاركنا تقييمك لمساعدة الآخرين.", bodyEn: "\"{{requestTitle}}\" is complete. Leave a rating to help others." } },
  { key: "marketplace.request.cancelled", category: "requests", channels: ["in_app", "push", "email"], variables: { requestTitle: "تركيب مكيف سبليت", reason: "لم يحضر مقدم الخدمة" },
    text: { titleAr: "تم إلغاء الطلب", titleEn: "Request cancelled", bodyAr: "أُلغي «{{requestTitle}}»: {{reason}}", bodyEn: "\"{{requestTitle}}\" was cancelled: {{reason}}" } },
  { key: "messaging.message.sent", category: "messages", channels: ["in_app", "push"], variables: { senderName: "ورشة النخبة", preview: "أقدر أجيك بكرة الساعة 5" },
    text: { titleAr: "رسالة من {{senderName}}", titleEn: "Message from {{senderName}}", bodyAr: "{{preview}}", bodyEn: "{{preview}}" } },
  { key: "reviews.review.created", category: "requests", channels: ["in_app", "push"], variables: { rating: "5", requestTitle: "تركيب مكيف سبليت" },
    text: { titleAr: "تقييم جديد", titleEn: "New review", bodyAr: "حصلت على {{rating}} من 5 على «{{requestTitle}}».", bodyEn: "You got {{rating}} out of 5 for \"{{requestTitle}}\"." } },
  { key: "billing.invoice.issued", category: "payments", channels: ["in_app", "email"], variables: { number: "NWF-2026-000123", total: "115.00" },
    text: { titleAr: "فاتورة جديدة", titleEn: "New invoice", bodyAr: "صدرت الفاتورة {{number}} بمبلغ {{total}} ريال.", bodyEn: "Invoice {{number}} for SAR {{total}} has been issued." } },
  { key: "billing.invoice.reminder", category: "payments", channels: ["in_app", "email", "sms"], variables: { number: "NWF-2026-000123", total: "115.00", days: "3" },
    text: { titleAr: "تذكير بالدفع", titleEn: "Payment reminder", bodyAr: "لم تُدفع الفاتورة {{number}} بمبلغ {{total}} ريال بعد (الأيام منذ إصدارها: {{days}}). ادفعها من التطبيق.", bodyEn: "Invoice {{number}} for SAR {{total}} is still unpaid ({{days}} day(s) since it was issued). Pay it in the app." } },
  { key: "billing.invoice.paid", category: "payments", channels: ["in_app", "email"], variables: { number: "NWF-2026-000123", amount: "115.00" },
    text: { titleAr: "تم استلام الدفع", titleEn: "Payment received", bodyAr: "شكرًا، استلمنا {{amount}} ريال للفاتورة {{number}}.", bodyEn: "Thank you, we received SAR {{amount}} for invoice {{number}}." } },
  { key: "billing.invoice.voided", category: "payments", channels: ["in_app", "email"], variables: { number: "NWF-2026-000123", reason: "أُلغي الطلب" },
    text: { titleAr: "أُلغيت فاتورة", titleEn: "Invoice cancelled", bodyAr: "أُلغيت الفاتورة {{number}}: {{reason}}", bodyEn: "Invoice {{number}} was cancelled: {{reason}}" } },
  { key: "billing.invoice.refunded", category: "payments", channels: ["in_app", "email"], variables: { number: "NWF-2026-000123", amount: "115.00" },
    text: { titleAr: "تم الاسترداد", titleEn: "Refund issued", bodyAr: "استرددنا {{amount}} ريال من الفاتورة {{number}}. يصل إلى حسابك خلال 5 إلى 10 أيام عمل.", bodyEn: "We refunded SAR {{amount}} of invoice {{number}}. It reaches your account within 5 to 10 working days." } },
  { key: "billing.payment.failed", category: "payments", channels: ["in_app", "push", "email"], variables: { number: "NWF-2026-000123", reason: "card declined" },
    text: { titleAr: "لم يكتمل الدفع", titleEn: "Payment did not go through", bodyAr: "تعذّر دفع الفاتورة {{number}} ({{reason}}). حاول مرة أخرى.", bodyEn: "Paying invoice {{number}} failed ({{reason}}). Please try again." } },
  { key: "billing.staff.alert", category: "staff", channels: ["email"], urgent: true, variables: { number: "NWF-2026-000123", what: "payment disputed", reason: "fraudulent" },
    text: { titleAr: "تنبيه مالي: {{what}}", titleEn: "Finance alert: {{what}}", bodyAr: "الفاتورة {{number}}: {{what}} ({{reason}}). راجعها في لوحة التحكم.", bodyEn: "Invoice {{number}}: {{what}} ({{reason}}). Review it in the panel." } },
  { key: "subscriptions.subscription.activated", category: "payments", channels: ["in_app", "email"], variables: { periodEnd: "2027-01-01" },
    text: { titleAr: "تم تفعيل اشتراكك", titleEn: "Your subscription is active", bodyAr: "اشتراكك مفعّل حتى {{periodEnd}}.", bodyEn: "Your subscription is active until {{periodEnd}}." } },
  { key: "subscriptions.subscription.ended", category: "payments", channels: ["in_app", "email"], variables: { status: "expired" },
    text: { titleAr: "انتهى اشتراكك", titleEn: "Your subscription ended", bodyAr: "انتهى اشتراكك. جدده من التطبيق للاستمرار بالمزايا.", bodyEn: "Your subscription has ended. Renew it in the app to keep its features." } },
  { key: "verification.request.approved", category: "verification", channels: ["in_app", "push", "email"], variables: { badge: "هوية" },
    text: { titleAr: "تم توثيق حسابك", titleEn: "You are verified", bodyAr: "مبروك! حصلت على شارة التوثيق ({{badge}}) وتظهر الآن على ملفك.", bodyEn: "Congratulations! Your verified badge ({{badge}}) now shows on your profile." } },
  { key: "verification.request.rejected", category: "verification", channels: ["in_app", "push", "email"], variables: { reason: "الصورة غير واضحة" },
    text: { titleAr: "لم يُقبل طلب التوثيق", titleEn: "Verification not approved", bodyAr: "لم نتمكن من توثيق حسابك: {{reason}}", bodyEn: "We could not verify your account: {{reason}}" } },
  { key: "verification.request.changes_requested", category: "verification", channels: ["in_app", "push", "email"], variables: { reason: "ارفع صورة أوضح للهوية" },
    text: { titleAr: "مطلوب تحديث مستندات التوثيق", titleEn: "Please update your documents", bodyAr: "راجع فريق التوثيق طلبك: {{reason}}", bodyEn: "Our verification team reviewed your request: {{reason}}" } },
  { key: "verification.badge.expiring", category: "verification", channels: ["in_app", "push", "email"], variables: { days: "30", expiresOn: "2027-01-01" },
    text: { titleAr: "شارة التوثيق تنتهي قريبًا", titleEn: "Your badge expires soon", bodyAr: "تنتهي شارة التوثيق بعد {{days}} يومًا ({{expiresOn}})؛ جدد مستنداتك للحفاظ عليها.", bodyEn: "Your verified badge expires in {{days}} days ({{expiresOn}}); renew your documents to keep it." } },
  { key: "verification.badge.expired", category: "verification", channels: ["in_app", "email"], variables: {},
    text: { titleAr: "انتهت شارة التوثيق", titleEn: "Your badge expired", bodyAr: "انتهت صلاحية شارة التوثيق. قدّم طلبًا جديدًا لاستعادتها.", bodyEn: "Your verified badge has expired. Submit a new request to get it back." } },
  { key: "promo.request.approved", category: "promotions", channels: ["in_app", "push", "email"], variables: { title: "عرض الشتاء", startsOn: "2026-12-10" },
    text: { titleAr: "تمت الموافقة على إعلانك", titleEn: "Your promotion is approved", bodyAr: "يبدأ عرض «{{title}}» في {{startsOn}}.", bodyEn: "\"{{title}}\" starts showing on {{startsOn}}." } },
  { key: "promo.request.rejected", category: "promotions", channels: ["in_app", "push", "email"], variables: { title: "عرض الشتاء", reason: "الصورة لا تطابق المقاس" },
    text: { titleAr: "لم يُقبل إعلانك", titleEn: "Your promotion was not approved", bodyAr: "«{{title}}»: {{reason}}", bodyEn: "\"{{title}}\": {{reason}}" } },
  { key: "promo.request.changes_requested", category: "promotions", channels: ["in_app", "push", "email"], variables: { title: "عرض الشتاء", reason: "ارفع صورة بمقاس 1200×400" },
    text: { titleAr: "مطلوب تعديل على إعلانك", titleEn: "Changes needed on your promotion", bodyAr: "«{{title}}»: {{reason}}", bodyEn: "\"{{title}}\": {{reason}}" } },
  { key: "promo.request.live", category: "promotions", channels: ["in_app", "push"], variables: { title: "عرض الشتاء" },
    text: { titleAr: "إعلانك منشور الآن", titleEn: "Your promotion is live", bodyAr: "بدأ عرض «{{title}}» في التطبيق.", bodyEn: "\"{{title}}\" is now showing in the app." } },
  { key: "promo.request.ended", category: "promotions", channels: ["in_app"], variables: { title: "عرض الشتاء" },
    text: { titleAr: "انتهى إعلانك", titleEn: "Your promotion ended", bodyAr: "انتهى عرض «{{title}}».", bodyEn: "\"{{title}}\" has finished showing." } },
  { key: "promo.request.cancelled", category: "promotions", channels: ["in_app", "email"], variables: { title: "عرض الشتاء", reason: "طلب المعلن" },
    text: { titleAr: "أُلغي إعلانك", titleEn: "Your promotion was cancelled", bodyAr: "«{{title}}»: {{reason}}", bodyEn: "\"{{title}}\": {{reason}}" } },
  { key: "support.ticket.replied", category: "support", channels: ["in_app", "push", "email"], variables: { code: "TCK-000123", subject: "تأخر مقدم الخدمة" },
    text: { titleAr: "رد جديد على تذكرتك", titleEn: "New reply on your ticket", bodyAr: "رد فريق الدعم على التذكرة {{code}}: «{{subject}}».", bodyEn: "Support replied on ticket {{code}}: \"{{subject}}\"." } },
  { key: "support.ticket.resolved", category: "support", channels: ["in_app", "push", "email"], variables: { code: "TCK-000123", subject: "تأخر مقدم الخدمة" },
    text: { titleAr: "تم حل تذكرتك", titleEn: "Your ticket is resolved", bodyAr: "حللنا التذكرة {{code}}. قيّم تجربتك مع الدعم من التطبيق.", bodyEn: "We resolved ticket {{code}}. Rate your support experience in the app." } },
  { key: "support.dispute.decided", category: "support", channels: ["in_app", "push", "email"], variables: { code: "TCK-000123", outcome: "refund_partial" },
    text: { titleAr: "صدر قرار في النزاع", titleEn: "Your dispute was decided", bodyAr: "صدر قرار في النزاع ({{code}}). التفاصيل في التطبيق.", bodyEn: "A decision was made on the dispute ({{code}}). See the details in the app." } },
  { key: "support.staff.assigned", category: "staff", channels: ["in_app", "email"], variables: { code: "TCK-000123", subject: "تأخر مقدم الخدمة" },
    text: { titleAr: "أُسندت إليك تذكرة", titleEn: "A ticket was assigned to you", bodyAr: "التذكرة {{code}}: «{{subject}}».", bodyEn: "Ticket {{code}}: \"{{subject}}\"." } },
  { key: "support.staff.breached", category: "staff", channels: ["in_app", "email"], urgent: true, variables: { code: "TCK-000123", deadline: "first_response", priority: "urgent" },
    text: { titleAr: "تجاوزت تذكرة موعدها", titleEn: "A ticket missed its deadline", bodyAr: "التذكرة {{code}} تجاوزت موعد {{deadline}}، وأصبحت أولويتها {{priority}}.", bodyEn: "Ticket {{code}} missed its {{deadline}} deadline; it is now {{priority}} priority." } },
  { key: "notifications.broadcast", category: "marketing", channels: ["in_app", "push", "email", "sms", "whatsapp"], variables: {},
    text: { titleAr: "{{title}}", titleEn: "{{title}}", bodyAr: "{{body}}", bodyEn: "{{body}}" } },
  { key: "support.staff.digest", category: "staff", channels: ["email"], variables: { teamName: "General Support", open: "12", breached: "2", unassigned: "3" },
    text: { titleAr: "ملخص الصباح: {{teamName}}", titleEn: "Morning summary: {{teamName}}", bodyAr: "مفتوحة: {{open}}\nتجاوزت موعدها: {{breached}}\nبلا مسؤول: {{unassigned}}", bodyEn: "Open: {{open}}\nPast their deadline: {{breached}}\nUnassigned: {{unassigned}}" } },
];

export const kindOf = (key: string) => KINDS.find((k) => k.key === key);

/** The kind every broadcast is sent as (marketing: off unless the user turned it on); its words are each broadcast's own. */
export const BROADCAST_KIND = "notifications.broadcast";

const ticketSubject = async (db: Db, id: unknown) => (await db.supportTicket.findUnique({ where: { id: num(id) }, select: { subject: true } }))?.subject ?? "";
const promoVars = async (db: Db, p: Payload) => ({ title: (await db.promoRequest.findUnique({ where: { id: num(p.requestId) }, select: { title: true } }))?.title ?? "", startsOn: typeof p.startsAt === "string" ? p.startsAt.slice(0, 10) : "", reason: String(p.reason ?? p.message ?? "") });

/** Every event the domains emit that someone is told about. */
export const EVENT_RULES: EventRule[] = [
  {
    event: "marketplace.request.created", kind: "marketplace.request.new_nearby", who: "nearby_providers",
    // Providers offering the subcategory in the request's city.
    audience: async (db, p) => (await db.providerProfile.findMany({ where: { city: String(p.city), services: { some: { subcategoryId: num(p.subcategoryId) } }, user: { isActive: true, deletedAt: null } }, select: { userId: true }, take: 500 })).map((x) => x.userId),
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId), city: String(p.city ?? "") }),
    data: (p) => ({ screen: "request", requestId: p.requestId }),
  },
  { event: "marketplace.offer.submitted", kind: "marketplace.offer.submitted", who: "client", audience: async (_db, p) => one(p.clientId),
    vars: async (db, p) => {
      const o = await db.offer.findUnique({ where: { id: num(p.offerId) }, select: { price: true, provider: { select: { displayName: true } } } });
      return { providerName: o?.provider.displayName ?? "", price: sar(o?.price), requestTitle: await requestTitle(db, p.requestId) };
    }, data: (p) => ({ screen: "request", requestId: p.requestId, offerId: p.offerId }) },
  { event: "marketplace.offer.accepted", kind: "marketplace.offer.accepted", who: "provider", audience: async (_db, p) => one(p.providerUserId),
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId), clientName: (await db.user.findUnique({ where: { id: num(p.clientId) }, select: { fullName: true } }))?.fullName ?? "" }),
    data: (p) => ({ screen: "request", requestId: p.requestId }) },
  { event: "marketplace.offer.withdrawn", kind: "marketplace.offer.withdrawn", who: "client",
    audience: async (db, p) => one((await db.serviceRequest.findUnique({ where: { id: num(p.requestId) }, select: { clientId: true } }))?.clientId),
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId) }), data: (p) => ({ screen: "request", requestId: p.requestId }) },
  { event: "marketplace.request.started", kind: "marketplace.request.started", who: "client", audience: async (_db, p) => one(p.clientId),
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId) }), data: (p) => ({ screen: "request", requestId: p.requestId }) },
  { event: "marketplace.request.completed", kind: "marketplace.request.completed", who: "client", audience: async (_db, p) => one(p.clientId),
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId) }), data: (p) => ({ screen: "request", requestId: p.requestId }) },
  {
    event: "marketplace.request.cancelled", kind: "marketplace.request.cancelled", who: "client_and_provider",
    // Both sides are told; the one who cancelled too (their confirmation).
    audience: async (db, p) => {
      const provider = p.providerId ? await db.providerProfile.findUnique({ where: { id: num(p.providerId) }, select: { userId: true } }) : null;
      return [...one(p.clientId), ...one(provider?.userId)];
    },
    vars: async (db, p) => ({ requestTitle: await requestTitle(db, p.requestId), reason: String(p.reason ?? "") }), data: (p) => ({ screen: "request", requestId: p.requestId }),
  },
  {
    event: "messaging.message.sent", kind: "messaging.message.sent", who: "other_party",
    audience: async (db, p) => {
      const m = await db.message.findUnique({ where: { id: num(p.messageId) }, select: { senderId: true, thread: { select: { clientId: true, providerId: true } } } });
      return m ? [m.senderId === m.thread.clientId ? m.thread.providerId : m.thread.clientId] : [];
    },
    vars: async (db, p) => {
      const m = await db.message.findUnique({ where: { id: num(p.messageId) }, select: { body: true, sender: { select: { fullName: true } } } });
      const body = m?.body ?? "";
      return { senderName: m?.sender.fullName ?? "", preview: body.length > 120 ? `${body.slice(0, 117)}…` : body };
    },
    data: (p) => ({ screen: "thread", threadId: p.threadId, messageId: p.messageId }),
  },
  {
    event: "reviews.review.created", kind: "reviews.review.created", who: "provider",
    audience: async (db, p) => one((await db.review.findUnique({ where: { id: num(p.reviewId) }, select: { provider: { select: { userId: true } } } }))?.provider.userId),
    vars: async (db, p) => {
      const r = await db.review.findUnique({ where: { id: num(p.reviewId) }, select: { rating: true, requestId: true } });
      return { rating: String(r?.rating ?? ""), requestTitle: await requestTitle(db, r?.requestId) };
    },
    data: (p) => ({ screen: "reviews", reviewId: p.reviewId }),
  },
  { event: "billing.invoice.issued", kind: "billing.invoice.issued", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (db, p) => { const i = await invoiceOf(db, p.invoiceId); return { number: i?.number ?? "", total: sar(i?.total) }; }, data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  // One event per reminder step (billing's reminder job); paid invoices get none.
  { event: "billing.invoice.reminder", kind: "billing.invoice.reminder", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (db, p) => { const i = await invoiceOf(db, p.invoiceId); return { number: i?.number ?? "", total: sar(i?.total), days: String(p.days ?? "") }; }, data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  { event: "billing.invoice.paid", kind: "billing.invoice.paid", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", amount: sar(p.amount) }), data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  { event: "billing.invoice.voided", kind: "billing.invoice.voided", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", reason: String(p.reason ?? "") }), data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  { event: "billing.invoice.refunded", kind: "billing.invoice.refunded", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", amount: sar(p.amountRefunded) }), data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  { event: "billing.payment.failed", kind: "billing.payment.failed", who: "customer", audience: async (db, p) => one((await invoiceOf(db, p.invoiceId))?.userId),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", reason: String(p.reason ?? "") }), data: (p) => ({ screen: "invoice", invoiceId: p.invoiceId }) },
  { event: "billing.payment.disputed", kind: "billing.staff.alert", who: "finance_staff", audience: (db) => staffWithRole(db, "finance"),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", what: "payment disputed", reason: String(p.reason ?? "") }) },
  { event: "billing.refund.failed", kind: "billing.staff.alert", who: "finance_staff", audience: (db) => staffWithRole(db, "finance"),
    vars: async (db, p) => ({ number: (await invoiceOf(db, p.invoiceId))?.number ?? "", what: "refund failed", reason: String(p.reason ?? p.failureReason ?? "") }) },
  { event: "subscriptions.subscription.activated", kind: "subscriptions.subscription.activated", who: "customer", audience: async (_db, p) => one(p.userId),
    vars: async (_db, p) => ({ periodEnd: typeof p.periodEnd === "string" ? p.periodEnd.slice(0, 10) : "" }), data: (p) => ({ screen: "subscription", subscriptionId: p.subscriptionId }) },
  ...["expired", "cancelled"].map((to): EventRule => ({ event: `subscriptions.subscription.${to}`, kind: "subscriptions.subscription.ended", who: "customer", audience: async (_db, p) => one(p.userId), vars: async () => ({ status: to }), data: (p) => ({ screen: "subscription", subscriptionId: p.subscriptionId }) })),
  { event: "verification.request.approved", kind: "verification.request.approved", who: "provider", audience: async (_db, p) => one(p.userId), vars: async (_db, p) => ({ badge: BADGE[String(p.badgeType)] ?? String(p.badgeType ?? "") }), data: (p) => ({ screen: "verification", requestId: p.requestId }) },
  { event: "verification.request.rejected", kind: "verification.request.rejected", who: "provider", audience: async (_db, p) => one(p.userId), vars: async (_db, p) => ({ reason: String(p.reason ?? "") }), data: (p) => ({ screen: "verification", requestId: p.requestId }) },
  { event: "verification.request.changes_requested", kind: "verification.request.changes_requested", who: "provider", audience: async (_db, p) => one(p.userId), vars: async (_db, p) => ({ reason: String(p.message ?? "") }), data: (p) => ({ screen: "verification", requestId: p.requestId }) },
  { event: "verification.badge.expiring", kind: "verification.badge.expiring", who: "provider", audience: async (_db, p) => one(p.userId), vars: async (_db, p) => ({ days: String(p.daysBefore ?? ""), expiresOn: typeof p.expiresAt === "string" ? p.expiresAt.slice(0, 10) : "" }), data: (p) => ({ screen: "verification", badgeId: p.badgeId }) },
  { event: "verification.badge.expired", kind: "verification.badge.expired", who: "provider", audience: async (_db, p) => one(p.userId), vars: async () => ({}), data: (p) => ({ screen: "verification", badgeId: p.badgeId }) },
  ...(["approved", "rejected", "changes_requested", "live", "ended", "cancelled"] as const).map((to): EventRule => ({
    event: `promo.request.${to}`, kind: `promo.request.${to}`, who: "provider", audience: async (_db, p) => one(p.userId), vars: promoVars, data: (p) => ({ screen: "promotion", promoRequestId: p.requestId }),
  })),
  { event: "support.ticket.replied", kind: "support.ticket.replied", who: "ticket_owner", audience: async (_db, p) => one(p.userId), vars: async (db, p) => ({ code: String(p.code ?? ""), subject: await ticketSubject(db, p.ticketId) }), data: (p) => ({ screen: "ticket", ticketId: p.ticketId }) },
  { event: "support.ticket.status_changed", kind: "support.ticket.resolved", who: "ticket_owner", onlyWhen: "ticket_resolved", when: (p) => p.to === "resolved", audience: async (_db, p) => one(p.userId), vars: async (db, p) => ({ code: String(p.code ?? ""), subject: await ticketSubject(db, p.ticketId) }), data: (p) => ({ screen: "ticket", ticketId: p.ticketId }) },
  { event: "support.dispute.resolved", kind: "support.dispute.decided", who: "dispute_parties", audience: async (_db, p) => [...one(p.userId), ...one(p.providerId)], vars: async (_db, p) => ({ code: String(p.code ?? ""), outcome: String(p.outcome ?? "") }), data: (p) => ({ screen: "ticket", ticketId: p.ticketId }) },
  { event: "support.ticket.assigned", kind: "support.staff.assigned", who: "assignee", onlyWhen: "not_taken_with_next", when: (p) => p.by !== "next", audience: async (_db, p) => one(p.assigneeId), vars: async (db, p) => ({ code: String(p.code ?? ""), subject: await ticketSubject(db, p.ticketId) }), data: (p) => ({ ticketId: p.ticketId }) },
  { event: "support.ticket.breached", kind: "support.staff.breached", who: "team_lead_or_admins", audience: async (db, p) => (p.teamLeadId ? one(p.teamLeadId) : staffWithRole(db, "admin")), vars: async (_db, p) => ({ code: String(p.code ?? ""), deadline: String(p.deadline ?? "").replace("_", " "), priority: String(p.priority ?? "") }), data: (p) => ({ ticketId: p.ticketId }) },
];

/** The rules an event triggers (its name, and its payload where the rule asks). */
export function rulesFor(name: string, payload: Payload): EventRule[] {
  return EVENT_RULES.filter((r) => r.event === name && (!r.when || r.when(payload)));
}
