/**
 * The notifications part of the panel in English and Arabic: the map of events, template preview
 * and test send, delivery retry and broadcasts (kept apart from core.ts and resource-labels.ts so
 * those files stay short to merge). index.ts merges these over the shared strings.
 */
import { SAUDI_CITIES } from "../../src/platform/cities.js";
import type { Lang } from "./core.js";
import type { ResourceLabels } from "./resource-labels.js";

/** Extra strings per section (actions, buttons, labels, messages), as in core.ts. */
export const notificationsCore: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    messages: {
      eventsTitle: "What the system tells whom",
      eventsHint: "Every event that notifies someone, the notification it sends and its channels.",
      eventsLegendStored: "a stored template is sent (open it)", eventsLegendDefault: "the default wording is sent until a template is stored", eventsLegendOff: "stored but off: the default wording is sent",
      eventsEvent: "Event", eventsWho: "Who is told", eventsKind: "Notification", eventsCategory: "Category", eventsChannels: "Channels and templates", eventsUrgent: "Urgent", eventsOther: "Sent by schedules or by staff",
      eventsDefault: "default", eventsInactive: "off", eventsCreate: "Create", urgentYes: "urgent: not held for quiet hours",
      who_nearby_providers: "Providers offering the subcategory in the request's city", who_client: "The client", who_provider: "The provider", who_client_and_provider: "The client and the provider",
      who_other_party: "The other side of the conversation", who_customer: "The customer billed", who_finance_staff: "Finance staff", who_ticket_owner: "Whoever opened the ticket",
      who_dispute_parties: "Both sides of the dispute", who_assignee: "The agent assigned", who_team_lead_or_admins: "The team lead (else the admins)",
      onlyWhen_ticket_resolved: "only when the ticket is resolved", onlyWhen_not_taken_with_next: "not when the agent took it with Next",
      category_requests: "Requests", category_offers: "Offers", category_messages: "Messages", category_payments: "Payments", category_verification: "Verification", category_promotions: "Promotions", category_support: "Support", category_marketing: "Marketing", category_staff: "Staff (always sent)",
      previewTitle: "Preview with sample values", previewVariables: "Variables and their sample values", previewNoVariables: "This notification has no variables.",
      previewThis: "this template", previewStored: "stored template", previewDefault: "default wording", previewInactive: "inactive: the default wording is sent",
      previewArabic: "Arabic", previewEnglish: "English", previewEmailHint: "The email exactly as it is sent (images and scripts off).",
      sendTestConfirm: "Send this template, filled with the sample values, to your own email address and your notifications in the panel? The email goes out in your panel account's language.",
      templateTestSent: "The test was sent to your email address", templateTestRetrying: "The mail server did not take the test now; it is tried again shortly (see the delivery's error)",
      retryConfirm: "Send this failed delivery again? It is queued and the sending job tries it at once.", deliveryRequeued: "The delivery was queued again",
      broadcastStarted: "Sending started", broadcastCancelled: "The broadcast was cancelled; nothing still queued goes out",
      broadcastAudience: "Who it reaches", broadcastAudienceNow_one: "{{count}} user in this audience now", broadcastAudienceNow_other: "{{count}} users in this audience now",
      broadcastAudienceSent_one: "{{count}} user when it was sent", broadcastAudienceSent_other: "{{count}} users when it was sent",
      broadcastProgress: "Progress", broadcastProcessed: "{{processed}} of {{total}} users handled", broadcastDeliveries: "Deliveries", broadcastChannel: "Channel", broadcastTotal: "All channels",
      broadcastSkippedWhy: "Skipped because", broadcastSendConfirm: "Send it to these users now? It cannot be edited afterwards.", broadcastCancelConfirm: "Stop this broadcast? Users not told yet are not told, and deliveries still queued are skipped.",
      broadcastMarketingNote: "Broadcasts are marketing: only users who turned marketing on for a channel get it there; the others' deliveries are skipped by preference.",
      broadcastRefreshing: "Updates every few seconds while sending", broadcastEmpty: "Nobody is in this audience: change it before sending.",
      skip_preference: "preference (marketing off)", skip_no_recipient: "no address or device", skip_cancelled: "cancelled", skip_quiet_hours: "quiet hours", skip_no_template: "no template", skip_other: "other",
      invoiceEmailQueued: "The invoice email is on its way to the customer (see Deliveries)", invoiceEmailSkipped: "Not sent: the customer turned off payment emails in their preferences",
      variablesHint: "Variables you can use:", kindChannels: "Sent on:", variablesNone: "This notification has no variables.", chooseKindFirst: "Choose the notification first.",
    },
    buttons: { sendBroadcast: "Send now", cancelBroadcast: "Cancel the broadcast" },
    // Breadcrumbs name an action by its name alone (no resource): the shared strings win a clash.
    actions: { events: "Events map", preview: "Preview", sendTest: "Send me a test", retry: "Send again", progress: "Send and follow", resendEmail: "Email the invoice again" },
  },
  ar: {
    messages: {
      eventsTitle: "من يُبلَّغ بماذا",
      eventsHint: "كل حدث يُرسل إشعارًا، والإشعار الذي يرسله وقنواته.",
      eventsLegendStored: "يُرسل قالب محفوظ (افتحه)", eventsLegendDefault: "تُرسل الصياغة الافتراضية حتى يُحفظ قالب", eventsLegendOff: "محفوظ لكنه موقوف: تُرسل الصياغة الافتراضية",
      eventsEvent: "الحدث", eventsWho: "من يُبلَّغ", eventsKind: "الإشعار", eventsCategory: "الفئة", eventsChannels: "القنوات والقوالب", eventsUrgent: "عاجل", eventsOther: "تُرسل بالجدولة أو من الموظفين",
      eventsDefault: "افتراضي", eventsInactive: "موقوف", eventsCreate: "إنشاء", urgentYes: "عاجل: لا ينتظر انتهاء فترة عدم الإزعاج",
      who_nearby_providers: "مزودو الخدمة الذين يقدمون التصنيف في مدينة الطلب", who_client: "العميل", who_provider: "مزود الخدمة", who_client_and_provider: "العميل ومزود الخدمة",
      who_other_party: "الطرف الآخر في المحادثة", who_customer: "العميل صاحب الفاتورة", who_finance_staff: "موظفو المالية", who_ticket_owner: "صاحب التذكرة",
      who_dispute_parties: "طرفا النزاع", who_assignee: "الموظف المسند إليه", who_team_lead_or_admins: "قائد الفريق (وإلا المسؤولون)",
      onlyWhen_ticket_resolved: "فقط عند حل التذكرة", onlyWhen_not_taken_with_next: "إلا إذا استلمها الموظف بزر «التالي»",
      category_requests: "الطلبات", category_offers: "العروض", category_messages: "الرسائل", category_payments: "المدفوعات", category_verification: "التوثيق", category_promotions: "الترويج", category_support: "الدعم", category_marketing: "التسويق", category_staff: "الموظفون (تُرسل دائمًا)",
      previewTitle: "معاينة بقيم تجريبية", previewVariables: "المتغيرات وقيمها التجريبية", previewNoVariables: "لا متغيرات لهذا الإشعار.",
      previewThis: "هذا القالب", previewStored: "قالب محفوظ", previewDefault: "الصياغة الافتراضية", previewInactive: "غير نشط: تُرسل الصياغة الافتراضية",
      previewArabic: "العربية", previewEnglish: "الإنجليزية", previewEmailHint: "البريد كما يُرسل تمامًا (الصور والبرمجيات معطلة).",
      sendTestConfirm: "إرسال هذا القالب بالقيم التجريبية إلى بريدك الإلكتروني وإلى إشعاراتك في اللوحة؟ يُرسل البريد بلغة حسابك في اللوحة.",
      templateTestSent: "أُرسلت التجربة إلى بريدك الإلكتروني", templateTestRetrying: "لم يستقبل خادم البريد التجربة الآن؛ ستُعاد المحاولة قريبًا (انظر خطأ عملية الإرسال)",
      retryConfirm: "إعادة إرسال عملية الإرسال الفاشلة هذه؟ تُضاف إلى قائمة الانتظار وتُحاول فورًا.", deliveryRequeued: "أُعيدت عملية الإرسال إلى قائمة الانتظار",
      broadcastStarted: "بدأ الإرسال", broadcastCancelled: "أُلغيت الرسالة الجماعية؛ لن يُرسل ما بقي في قائمة الانتظار",
      broadcastAudience: "من تصلهم", broadcastAudienceNow_zero: "لا أحد في هذه الفئة الآن", broadcastAudienceNow_one: "مستخدم واحد في هذه الفئة الآن", broadcastAudienceNow_two: "مستخدمان في هذه الفئة الآن",
      broadcastAudienceNow_few: "{{count}} مستخدمين في هذه الفئة الآن", broadcastAudienceNow_many: "{{count}} مستخدمًا في هذه الفئة الآن", broadcastAudienceNow_other: "{{count}} مستخدم في هذه الفئة الآن",
      broadcastAudienceSent_zero: "لا أحد عند الإرسال", broadcastAudienceSent_one: "مستخدم واحد عند الإرسال", broadcastAudienceSent_two: "مستخدمان عند الإرسال",
      broadcastAudienceSent_few: "{{count}} مستخدمين عند الإرسال", broadcastAudienceSent_many: "{{count}} مستخدمًا عند الإرسال", broadcastAudienceSent_other: "{{count}} مستخدم عند الإرسال",
      broadcastProgress: "التقدم", broadcastProcessed: "عولج {{processed}} من أصل {{total}}", broadcastDeliveries: "عمليات الإرسال", broadcastChannel: "القناة", broadcastTotal: "كل القنوات",
      broadcastSkippedWhy: "سبب التخطي", broadcastSendConfirm: "إرسالها إلى هؤلاء المستخدمين الآن؟ لا يمكن تعديلها بعد ذلك.", broadcastCancelConfirm: "إيقاف هذه الرسالة الجماعية؟ لن يُبلَّغ من لم يُبلَّغ بعد، وتُتخطى عمليات الإرسال المنتظرة.",
      broadcastMarketingNote: "الرسائل الجماعية تسويقية: لا تصل عبر قناة إلا لمن فعّل التسويق فيها، وتُتخطى عمليات الإرسال للآخرين حسب تفضيلاتهم.",
      broadcastRefreshing: "تتحدث كل بضع ثوانٍ أثناء الإرسال", broadcastEmpty: "لا أحد في هذه الفئة: غيّرها قبل الإرسال.",
      skip_preference: "التفضيلات (التسويق غير مفعّل)", skip_no_recipient: "لا عنوان ولا جهاز", skip_cancelled: "أُلغيت", skip_quiet_hours: "فترة عدم الإزعاج", skip_no_template: "لا قالب", skip_other: "أخرى",
      invoiceEmailQueued: "الفاتورة في طريقها إلى بريد العميل (انظر الإرسالات)", invoiceEmailSkipped: "لم تُرسل: أوقف العميل رسائل المدفوعات بالبريد في تفضيلاته",
      variablesHint: "المتغيرات المتاحة:", kindChannels: "يُرسل عبر:", variablesNone: "لا متغيرات لهذا الإشعار.", chooseKindFirst: "اختر الإشعار أولًا.",
    },
    buttons: { sendBroadcast: "أرسل الآن", cancelBroadcast: "إلغاء الرسالة الجماعية" },
    actions: { events: "خريطة الأحداث", preview: "معاينة", sendTest: "أرسل لي تجربة", retry: "إعادة الإرسال", progress: "الإرسال والمتابعة", resendEmail: "إعادة إرسال الفاتورة بالبريد" },
  },
};

type ModelStrings = Partial<ResourceLabels> & { actions?: Record<string, string> };

const CHANNEL_LABELS = {
  en: { "channels.in_app": "In-app", "channels.push": "Push notification", "channels.email": "Email", "channels.sms": "SMS", "channels.whatsapp": "WhatsApp" },
  ar: { "channels.in_app": "داخل التطبيق", "channels.push": "إشعار فوري", "channels.email": "البريد الإلكتروني", "channels.sms": "رسالة نصية", "channels.whatsapp": "واتساب" },
};
const cityLabels = (lang: Lang) => Object.fromEntries(SAUDI_CITIES.map((c) => [`city.${c.en}`, c[lang]]));
/** Notification categories as badges ("category.<name>"), worded as on the map of events. */
const categoryLabels = (lang: Lang) =>
  Object.fromEntries(Object.entries(notificationsCore[lang]!.messages!).filter(([k]) => k.startsWith("category_")).map(([k, v]) => [`category.${k.slice("category_".length)}`, v]));

/** Skip reasons as list badges (short; the broadcast page words them in full). */
const SKIP_LABELS = {
  en: { "skipReason.preference": "Preference", "skipReason.no_recipient": "No address", "skipReason.cancelled": "Cancelled", "skipReason.quiet_hours": "Quiet hours", "skipReason.no_template": "No template" },
  ar: { "skipReason.preference": "التفضيلات", "skipReason.no_recipient": "لا عنوان", "skipReason.cancelled": "أُلغي", "skipReason.quiet_hours": "عدم الإزعاج", "skipReason.no_template": "لا قالب" },
};

/** Per model: labels, properties (enum values as "<field>.<value>") and action names, merged over resource-labels.ts. */
export const notificationsLabels: Record<Lang, Record<string, ModelStrings>> = {
  en: {
    NotificationTemplate: {
      properties: { key: "Notification", "channel.whatsapp": "WhatsApp" },
      actions: { events: "Events map", preview: "Preview", sendTest: "Send me a test" },
    },
    Notification: { properties: { broadcastId: "Broadcast", broadcast: "Broadcast", category: "Category", ...categoryLabels("en") } },
    NotificationDelivery: {
      properties: { "channel.whatsapp": "WhatsApp", skipReason: "Skipped because", ...SKIP_LABELS.en, sendAfter: "Not before", sendingAt: "Sending started", when: "Sent or failed" },
      actions: { retry: "Send again" },
    },
    Broadcast: {
      label: "Broadcasts",
      properties: {
        id: "ID", titleAr: "Title (Arabic)", titleEn: "Title (English)", bodyAr: "Text (Arabic)", bodyEn: "Text (English)",
        segment: "Audience", "segment.all_providers": "All providers", "segment.providers_in_city": "Providers in a city", "segment.providers_in_subcategory": "Providers of a subcategory", "segment.all_clients": "All clients",
        city: "City", ...cityLabels("en"), subcategoryId: "Subcategory", channels: "Channels", ...CHANNEL_LABELS.en,
        status: "Status", "status.draft": "Draft", "status.sending": "Sending", "status.completed": "Completed", "status.cancelled": "Cancelled",
        total: "Audience size", processed: "Users handled", cursor: "Last user handled", createdById: "Created by", createdBy: "Created by",
        startedAt: "Sending started", finishedAt: "Completed", cancelledAt: "Cancelled", createdAt: "Created", updatedAt: "Updated", notifications: "Notifications",
      },
      actions: { progress: "Send and follow" },
    },
  },
  ar: {
    NotificationTemplate: {
      properties: { key: "الإشعار", "channel.whatsapp": "واتساب" },
      actions: { events: "خريطة الأحداث", preview: "معاينة", sendTest: "أرسل لي تجربة" },
    },
    Notification: { properties: { broadcastId: "الرسالة الجماعية", broadcast: "الرسالة الجماعية", category: "الفئة", ...categoryLabels("ar") } },
    NotificationDelivery: {
      properties: { "channel.whatsapp": "واتساب", skipReason: "سبب التخطي", ...SKIP_LABELS.ar, sendAfter: "ليس قبل", sendingAt: "بدء الإرسال", when: "وقت الإرسال أو الفشل" },
      actions: { retry: "إعادة الإرسال" },
    },
    Broadcast: {
      label: "الرسائل الجماعية",
      properties: {
        id: "المعرف", titleAr: "العنوان (عربي)", titleEn: "العنوان (إنجليزي)", bodyAr: "النص (عربي)", bodyEn: "النص (إنجليزي)",
        segment: "الفئة المستهدفة", "segment.all_providers": "كل مزودي الخدمة", "segment.providers_in_city": "مزودو الخدمة في مدينة", "segment.providers_in_subcategory": "مزودو خدمة تصنيف فرعي", "segment.all_clients": "كل العملاء",
        city: "المدينة", ...cityLabels("ar"), subcategoryId: "التصنيف الفرعي", channels: "القنوات", ...CHANNEL_LABELS.ar,
        status: "الحالة", "status.draft": "مسودة", "status.sending": "قيد الإرسال", "status.completed": "اكتملت", "status.cancelled": "أُلغيت",
        total: "حجم الفئة", processed: "عولج منهم", cursor: "آخر مستخدم عولج", createdById: "أنشأها", createdBy: "أنشأها",
        startedAt: "بدء الإرسال", finishedAt: "اكتملت في", cancelledAt: "أُلغيت في", createdAt: "تاريخ الإنشاء", updatedAt: "آخر تحديث", notifications: "الإشعارات",
      },
      actions: { progress: "الإرسال والمتابعة" },
    },
  },
};
