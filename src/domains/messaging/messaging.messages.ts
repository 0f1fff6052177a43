/** What app users read when a messaging rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const messagingMessages: Catalog = {
  THREAD_CLOSED: { en: "This conversation is closed because the request was cancelled.", ar: "هذه المحادثة مغلقة لأن الطلب أُلغي." },
};
