/** What users and staff read when a notification rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const notificationsMessages: Catalog = {
  TEMPLATE_UNKNOWN_VARIABLE: { en: "uses a variable this notification does not have ({unknown}); available: {allowed}", ar: "يستخدم متغيرًا غير متاح لهذا الإشعار ({unknown})؛ المتاح: {allowed}" },
  TIME_HH_MM: { en: "a time like 22:00", ar: "وقت بصيغة 22:00" },
  TIME_ZONE_UNKNOWN: { en: "not a time zone we know, e.g. Asia/Riyadh", ar: "منطقة زمنية غير معروفة، مثل Asia/Riyadh" },
  NOTIFICATIONS_IDS_OR_ALL: { en: "give either ids or all: true", ar: "حدد المعرفات (ids) أو all: true، أحدهما فقط" },
  DEVICE_TOKEN_FORMAT: { en: "a push token is Latin letters, digits and punctuation, without spaces", ar: "رمز الإشعارات أحرف لاتينية وأرقام وعلامات فقط، بلا مسافات" },
  TEMPLATE_KIND_UNKNOWN: { en: "is not a notification the catalog knows", ar: "ليس إشعارًا معروفًا في الكتالوج" },
  TEMPLATE_CHANNEL_UNUSED: { en: "this notification is not sent on this channel (it uses: {channels})", ar: "لا يُرسل هذا الإشعار عبر هذه القناة (قنواته: {channels})" },
  TEST_NEEDS_EMAIL: { en: "Your staff account has no email address to send the test to.", ar: "لا يوجد بريد إلكتروني في حسابك لإرسال التجربة إليه." },
  TEST_SEND_FAILED: { en: "The test email was not sent: {error}", ar: "لم يُرسل بريد التجربة: {error}" },
  DELIVERY_NOT_FAILED: { en: "Only a failed delivery can be sent again (this one is {status}).", ar: "لا يُعاد إلا إرسال فشل (حالة هذا: {status})." },
  BROADCAST_NO_VARIABLES: { en: "an announcement is sent as written: remove the placeholders in double braces", ar: "يُرسل الإعلان كما كُتب: احذف المتغيرات بين الأقواس المزدوجة" },
  BROADCAST_SEGMENT_UNKNOWN: { en: "choose one of the listed audiences", ar: "اختر إحدى الفئات المعروضة" },
  BROADCAST_CITY_REQUIRED: { en: "choose the city of the providers to tell", ar: "اختر مدينة مزودي الخدمة المستهدفين" },
  BROADCAST_SUBCATEGORY_REQUIRED: { en: "choose the subcategory the providers offer", ar: "اختر التصنيف الفرعي الذي يقدمه مزودو الخدمة" },
  BROADCAST_SUBCATEGORY_UNKNOWN: { en: "no such subcategory", ar: "لا يوجد تصنيف فرعي بهذا المعرف" },
  BROADCAST_CHANNELS_REQUIRED: { en: "choose at least one channel", ar: "اختر قناة واحدة على الأقل" },
  INVOICE_EMAIL_NOT_SENDABLE: { en: "Only an issued or paid invoice can be emailed (this one is {status}).", ar: "لا يُرسل بالبريد إلا فاتورة صادرة أو مدفوعة (حالة هذه: {status})." },
  INVOICE_EMAIL_NO_ADDRESS: { en: "The customer has no email address to send the invoice to.", ar: "لا يوجد بريد إلكتروني للعميل لإرسال الفاتورة إليه." },
  QUIET_HOURS_BOTH: { en: "give both the start and the end of quiet hours (or clear both)", ar: "حدد بداية فترة عدم الإزعاج ونهايتها معًا (أو امسحهما معًا)" },
};
