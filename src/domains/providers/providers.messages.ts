/** What app users read when a providers rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const providersMessages: Catalog = {
  NOT_A_PROVIDER: { en: "Only providers can do this. Create a provider profile first.", ar: "هذا متاح لمزودي الخدمة فقط. أنشئ ملف مزود خدمة أولًا." },
  UNKNOWN_SUBCATEGORY: { en: "That service category does not exist.", ar: "تصنيف الخدمة هذا غير موجود." },
  OWN_PROFILE: { en: "You cannot follow or like your own profile or work.", ar: "لا يمكنك متابعة ملفك أو الإعجاب به أو بأعمالك." },
};
