/** What app users read when a marketplace rule refuses them, and the field messages of its schemas. */
import type { Catalog } from "../../platform/i18n.js";

export const marketplaceMessages: Catalog = {
  NOT_A_PROVIDER: { en: "Only providers can do this. Create a provider profile first.", ar: "هذا متاح لمزودي الخدمة فقط. أنشئ ملف مزود خدمة أولًا." },
  UNKNOWN_SUBCATEGORY: { en: "That service category does not exist.", ar: "تصنيف الخدمة هذا غير موجود." },
  BUDGET_ORDER: { en: "must not be more than the maximum budget", ar: "يجب ألا يزيد على الحد الأعلى للميزانية" },
  OWN_REQUEST: { en: "You cannot make an offer on your own request.", ar: "لا يمكنك تقديم عرض على طلبك." },
  REQUEST_NOT_OPEN: { en: "This request no longer takes offers.", ar: "هذا الطلب لم يعد يقبل العروض." },
  OFFER_EXISTS: { en: "You already made an offer on this request.", ar: "قدّمت عرضًا على هذا الطلب من قبل." },
  REQUEST_IN_PROGRESS: { en: "The work has started; contact support to cancel.", ar: "بدأ العمل بالفعل؛ تواصل مع الدعم للإلغاء." },
};
