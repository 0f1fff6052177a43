/** What providers and reviewers read when a promotion rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const promoMessages: Catalog = {
  PROMO_START_PASSED: { en: "A promotion starts today or later.", ar: "يبدأ الإعلان اليوم أو بعده." },
  PROMO_TOO_LONG: { en: "A promotion runs at most {maxDays} days.", ar: "مدة الإعلان {maxDays} يومًا على الأكثر." },
  PROMO_NOT_EDITABLE: { en: "Images can be changed only while the promotion is a draft or changes were asked for.", ar: "يمكن تعديل الصور فقط والإعلان مسودة أو بعد طلب تعديلات." },
  PROMO_NOT_WITHDRAWABLE: { en: "A promotion can be withdrawn only before it is paid. Contact support to cancel it.", ar: "يمكن سحب الإعلان قبل دفعه فقط. تواصل مع الدعم لإلغائه." },
  PROMO_ASSETS_MISSING: { en: "Upload a new image for the promotion first.", ar: "ارفع صورة جديدة للإعلان أولًا." },
  PROMO_ASSETS_LIMIT: { en: "A promotion carries at most {max} images. Remove one first.", ar: "يحمل الإعلان {max} صور على الأكثر. احذف صورة أولًا." },
  PROMO_ASSET_TYPE_NOT_ALLOWED: { en: "This placement takes {allowed} images only.", ar: "هذا الموضع يقبل صور {allowed} فقط." },
  PROMO_ASSET_TOO_LARGE: { en: "The image is too large: at most {maxSize} for this placement.", ar: "الصورة كبيرة جدًا: الحد الأقصى لهذا الموضع {maxSize}." },
  PROMO_ASSET_UNREADABLE: { en: "We could not read the image's size. Save it again as JPEG, PNG or WebP.", ar: "تعذّرت قراءة أبعاد الصورة. احفظها مجددًا بصيغة JPEG أو PNG أو WebP." },
  PROMO_ASSET_DIMENSIONS: { en: "Images for this placement are exactly {width}×{height} pixels; this one is {actualWidth}×{actualHeight}.", ar: "صور هذا الموضع بأبعاد {width}×{height} بكسل تمامًا؛ وهذه الصورة {actualWidth}×{actualHeight}." },
  PROMO_ASSET_TOO_SMALL: { en: "Images for this placement are at least {width}×{height} pixels; this one is {actualWidth}×{actualHeight}.", ar: "صور هذا الموضع بأبعاد {width}×{height} بكسل على الأقل؛ وهذه الصورة {actualWidth}×{actualHeight}." },
  PROMO_ALREADY_DECIDED: { en: "This promotion was already handled by {by}.", ar: "عالج {by} هذا الإعلان بالفعل." },
  PROMO_CLAIMED: { en: "{by} is reviewing this promotion.", ar: "يراجع {by} هذا الإعلان الآن." },
  PROMO_NOT_CLAIMED: { en: "You are not reviewing this promotion.", ar: "أنت لا تراجع هذا الإعلان." },
  PROMO_PERIOD_OVER: { en: "The promotion's dates have passed.", ar: "انقضت تواريخ هذا الإعلان." },
  PROMO_SLOTS_FULL: { en: "All {limit} slots of this placement are booked for some of these dates in this city.", ar: "جميع المواضع الـ{limit} لهذا المكان محجوزة في بعض هذه التواريخ في هذه المدينة." },
  PROMO_ASSET_LINK_INVALID: { en: "This image link is not valid.", ar: "رابط الصورة غير صالح." },
  PROMO_ASSET_LINK_EXPIRED: { en: "This image link has expired. Load the promotions again.", ar: "انتهت صلاحية رابط الصورة. حمّل الإعلانات من جديد." },
  DATE_NOT_BEFORE_TODAY: { en: "must be today or later", ar: "يجب أن يكون اليوم أو بعده" },
  DATE_AFTER_START: { en: "must be after the start date", ar: "يجب أن يكون بعد تاريخ البداية" },
  NEW_IMAGE_REQUIRED: { en: "needs a new image", ar: "يحتاج إلى صورة جديدة" },
};
