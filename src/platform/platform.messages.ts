/**
 * Messages for errors the platform itself raises (uploads), and for the field rules every domain
 * shares (platform/validation.ts). Field messages are read after the field's name, so they start
 * in lower case in English; Latin values inside Arabic ones are «quoted».
 */
import type { Catalog } from "./i18n.js";

export const platformMessages: Catalog = {
  FILE_EMPTY: { en: "The file is empty.", ar: "الملف فارغ." },
  FILE_TOO_LARGE: { en: "The file is too large (at most {maxBytes} bytes).", ar: "الملف كبير جدًا (الحد {maxBytes} بايت)." },
  FILE_MISSING: { en: "Attach the file.", ar: "أرفق الملف." },
  MULTIPART_REQUIRED: { en: "Send the file as multipart/form-data.", ar: "أرسل الملف بصيغة multipart/form-data." },
  MULTIPART_INVALID: { en: "The form could not be read.", ar: "تعذّرت قراءة النموذج المرسل." },
  FIELD_TOO_LONG: { en: "A form field is too long.", ar: "أحد حقول النموذج طويل جدًا." },
  UNEXPECTED_FILE: { en: "Send one file, in the field named file.", ar: "أرسل ملفًا واحدًا في الحقل المسمى file." },
  FILE_TYPE_NOT_ALLOWED: { en: "This type of file is not accepted. Allowed: {allowed}.", ar: "هذا النوع من الملفات غير مقبول. المسموح: «{allowed}»." },
  DATE_TIME_FORMAT: {
    en: "must be an ISO 8601 date-time with a time zone, e.g. \"2026-11-22T10:00:00Z\"",
    ar: "يجب أن يكون تاريخًا ووقتًا بصيغة «ISO 8601» مع المنطقة الزمنية، مثل «2026-11-22T10:00:00Z»",
  },
  DATE_OUT_OF_RANGE: { en: "must be a date between the years 0001 and 9999", ar: "يجب أن يكون تاريخًا بين السنتين 0001 و9999" },
  TEXT_UNSTORABLE: { en: "must not contain NUL characters or unpaired surrogates", ar: "يجب ألا يحتوي على محارف «NUL» أو أنصاف أزواج بديلة منفردة" },
  REASON_TOO_SHORT: { en: "give a reason of at least {minimum} characters", ar: "اكتب سببًا لا يقل عن {minimum} أحرف" },
  VALUE_INVALID: { en: "is not valid", ar: "قيمة غير صحيحة" },
  DATE_FORMAT_YMD: { en: "must be a date as YYYY-MM-DD", ar: "يجب أن يكون تاريخًا بصيغة «YYYY-MM-DD»" },
  DATE_INVALID: { en: "is not a real date", ar: "ليس تاريخًا صحيحًا" },
  VALUE_REQUIRED: { en: "is required", ar: "هذا الحقل مطلوب" },
  VALUE_TOO_LONG: { en: "is too long", ar: "القيمة طويلة جدًا" },
  VALUE_TOO_LARGE: { en: "is too large", ar: "القيمة كبيرة جدًا" },
  CURRENCY_CODE: { en: "must be a three-letter currency code such as \"SAR\"", ar: "يجب أن يكون رمز عملة من ثلاثة أحرف مثل «SAR»" },
};
