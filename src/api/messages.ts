/**
 * Every message an API client can receive, in Arabic and English, by error code. Domains own
 * their codes (`<domain>.messages.ts`); the codes below belong to the HTTP layer and the platform.
 * A test fails when code anywhere in src/ throws a code that is missing here.
 */
import { format, type Catalog, type Lang } from "../platform/i18n.js";
import { accountsMessages } from "../domains/accounts/index.js";
import { marketplaceMessages } from "../domains/marketplace/index.js";
import { platformMessages } from "../platform/platform.messages.js";
import { backofficeMessages } from "../domains/backoffice/backoffice.messages.js";
import { messagingMessages } from "../domains/messaging/index.js";
import { reviewsMessages } from "../domains/reviews/index.js";
import { providersMessages } from "../domains/providers/index.js";
import { billingMessages } from "../domains/billing/index.js";
import { subscriptionsMessages } from "../domains/subscriptions/index.js";
import { verificationMessages } from "../domains/verification/index.js";
import { promoMessages } from "../domains/promo/index.js";
import { supportMessages } from "../domains/support/index.js";
import { notificationsMessages } from "../domains/notifications/index.js";
import { analyticsMessages } from "../domains/analytics/analytics.messages.js";
import { reportsMessages } from "../domains/reports/reports.messages.js";
import { walletMessages } from "../domains/wallet/index.js";
import { approvalsMessages } from "../domains/approvals/approvals.messages.js";

const httpMessages: Catalog = {
  VALIDATION_FAILED: { en: "Some fields are not valid.", ar: "بعض الحقول غير صحيحة." },
  MALFORMED_JSON: { en: "The request body is not valid JSON.", ar: "محتوى الطلب ليس JSON صحيحًا." },
  UNSUPPORTED_MEDIA_TYPE: { en: "Send the body as application/json.", ar: "أرسل المحتوى بصيغة application/json." },
  PAYLOAD_TOO_LARGE: { en: "The request is too large.", ar: "الطلب كبير جدًا." },
  UNAUTHENTICATED: { en: "Sign in to continue.", ar: "سجّل الدخول للمتابعة." },
  FORBIDDEN: { en: "You are not allowed to do this.", ar: "غير مسموح لك بهذا الإجراء." },
  PROVIDER_ONLY: { en: "Only providers can do this. Create a provider profile first.", ar: "هذا متاح لمزودي الخدمة فقط. أنشئ ملف مزود خدمة أولًا." },
  NOT_FOUND: { en: "We could not find it.", ar: "لم نعثر على المطلوب." },
  ROUTE_NOT_FOUND: { en: "There is no such endpoint.", ar: "لا توجد نقطة وصول بهذا العنوان." },
  INVALID_TRANSITION: { en: "This cannot be done in the current state.", ar: "لا يمكن تنفيذ هذا في الحالة الحالية." },
  INVALID_CURSOR: { en: "The page cursor is not valid.", ar: "مؤشر الصفحة غير صحيح." },
  IDEMPOTENCY_KEY_REUSED: {
    en: "This Idempotency-Key was already used for a different request.",
    ar: "مفتاح Idempotency-Key هذا استُخدم لطلب مختلف.",
  },
  IDEMPOTENCY_KEY_LENGTH: { en: "must be 1 to 255 characters", ar: "يجب أن يكون من 1 إلى 255 حرفًا" },
  IDEMPOTENCY_IN_PROGRESS: {
    en: "A request with this Idempotency-Key is still being processed.",
    ar: "طلب بمفتاح Idempotency-Key نفسه ما زال قيد المعالجة.",
  },
  RATE_LIMITED: { en: "Too many requests. Slow down and try again shortly.", ar: "طلبات كثيرة. تمهّل وحاول بعد قليل." },
  INTERNAL: { en: "Something went wrong on our side.", ar: "حدث خطأ من جهتنا." },
  SERVICE_BUSY: { en: "We are busy right now. Try again in a moment.", ar: "الخدمة مشغولة الآن. حاول بعد لحظات." },
};

/** Every catalog, one entry each: the HTTP layer's, the platform's and each domain's. */
const CATALOGS: readonly Catalog[] = [httpMessages, platformMessages, accountsMessages, marketplaceMessages, backofficeMessages, messagingMessages, reviewsMessages, providersMessages, billingMessages, subscriptionsMessages, verificationMessages, promoMessages, supportMessages, notificationsMessages, analyticsMessages, reportsMessages, walletMessages, approvalsMessages];

export const apiMessages: Catalog = Object.assign({}, ...CATALOGS);

export function message(code: string, lang: Lang, params?: Record<string, unknown>): string | undefined {
  const m = apiMessages[code];
  return m ? format(m[lang], params) : undefined;
}
