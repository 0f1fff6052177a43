/** What users and staff read when a notification rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const notificationsMessages: Catalog = {
  TEMPLATE_UNKNOWN_VARIABLE: { en: "uses a variable this notification does not have ({unknown}); available: {allowed}", ar: "يستخدم متغيرًا غير متاح لهذا الإشعار ({unknown})؛ المتاح: {allowed}" },
  TIME_HH_MM: { en: "a time like 22:00", ar: "وقت بصيغة 22:00" },
  TIME_ZONE_UNKNOWN: { en: "not a time zone we know, e.g. Asia/Riyadh", ar: "منطقة زمنية غير معروفة، مثل Asia/Riyadh" },
  NOTIFICATIONS_IDS_OR_ALL: { en: "give either ids or all: true", ar: "حدد المعرفات (ids) أو all: true، أحدهما فقط" },
  DEVICE_TOKEN_FORMAT: { en: "a push token is Latin letters, digits and punctuation, without spaces", ar: "رمز الإشعارات أحرف لاتينية وأرقام وعلامات فقط، بلا مسافات" },
  QUIET_HOURS_BOTH: { en: "give both the start and the end of quiet hours (or clear both)", ar: "حدد بداية فترة عدم الإزعاج ونهايتها معًا (أو امسحهما معًا)" },
};
