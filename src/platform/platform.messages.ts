/** Messages for errors the platform itself raises (uploads). */
import type { Catalog } from "./i18n.js";

export const platformMessages: Catalog = {
  FILE_EMPTY: { en: "The file is empty.", ar: "الملف فارغ." },
  FILE_TOO_LARGE: { en: "The file is too large (at most {maxBytes} bytes).", ar: "الملف كبير جدًا (الحد {maxBytes} بايت)." },
  FILE_MISSING: { en: "Attach the file.", ar: "أرفق الملف." },
  MULTIPART_REQUIRED: { en: "Send the file as multipart/form-data.", ar: "أرسل الملف بصيغة multipart/form-data." },
  MULTIPART_INVALID: { en: "The form could not be read.", ar: "تعذّرت قراءة النموذج المرسل." },
  FIELD_TOO_LONG: { en: "A form field is too long.", ar: "أحد حقول النموذج طويل جدًا." },
  UNEXPECTED_FILE: { en: "Send one file, in the field named file.", ar: "أرسل ملفًا واحدًا في الحقل المسمى file." },
  FILE_TYPE_NOT_ALLOWED: { en: "This type of file is not accepted. Allowed: {allowed}.", ar: "هذا النوع من الملفات غير مقبول. المسموح: {allowed}." },
};
