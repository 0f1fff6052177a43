/** What app users read when a reviews rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const reviewsMessages: Catalog = {
  REQUEST_NOT_COMPLETED: { en: "You can review a request only after it is completed.", ar: "يمكنك تقييم الطلب بعد اكتماله فقط." },
  REVIEW_EXISTS: { en: "You already reviewed this request.", ar: "قيّمت هذا الطلب من قبل." },
};
