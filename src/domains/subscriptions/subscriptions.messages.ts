/** What users read when a subscription rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const subscriptionsMessages: Catalog = {
  PLAN_NOT_AVAILABLE: { en: "This plan is not available.", ar: "هذه الباقة غير متاحة." },
  CYCLE_NOT_OFFERED: { en: "This plan is not sold for that billing period.", ar: "هذه الباقة لا تُباع لهذه المدة." },
  SUBSCRIPTION_EXISTS: {
    en: "You already have a subscription that is active or waiting for payment.",
    ar: "لديك اشتراك فعّال أو بانتظار الدفع بالفعل.",
  },
  EXTRA_NOT_AVAILABLE: { en: "This extra is not available.", ar: "هذه الإضافة غير متاحة." },
};
