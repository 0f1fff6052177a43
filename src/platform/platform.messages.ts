/** Messages for errors the platform itself raises (uploads). */
import type { Catalog } from "./i18n.js";

export const platformMessages: Catalog = {
  FILE_EMPTY: { en: "The file is empty.", ar: "الملف فارغ." },
  FILE_TOO_LARGE: { en: "The file is too large (at most {maxBytes} bytes).", ar: "الملف كبير جدًا (الحد {maxBytes} بايت)." },
  FILE_TYPE_NOT_ALLOWED: { en: "This type of file is not accepted. Allowed: {allowed}.", ar: "هذا النوع من الملفات غير مقبول. المسموح: {allowed}." },
};
