/** What app users read when a providers rule refuses them, and the field messages of its schemas. */
import type { Catalog } from "../../platform/i18n.js";

export const providersMessages: Catalog = {
  NOT_A_PROVIDER: { en: "Only providers can do this. Create a provider profile first.", ar: "هذا متاح لمزودي الخدمة فقط. أنشئ ملف مزود خدمة أولًا." },
  UNKNOWN_SUBCATEGORY: { en: "That service category does not exist.", ar: "تصنيف الخدمة هذا غير موجود." },
  PRICE_ORDER: { en: "must not be less than the starting price", ar: "يجب ألا يقل عن سعر البداية" },
  NOT_BASE64: { en: "must be base64", ar: "يجب أن يكون بترميز «base64»" },
  OWN_PROFILE: { en: "You cannot follow or like your own profile or work.", ar: "لا يمكنك متابعة ملفك أو الإعجاب به أو بأعمالك." },
};
