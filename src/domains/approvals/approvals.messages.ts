/** What staff read when a four-eyes or re-authentication rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const approvalsMessages: Catalog = {
  REAUTH_REQUIRED: {
    en: "Money actions need your password again (at most {minutes} minutes ago). Confirm it at {path} and try again.",
    ar: "العمليات المالية تتطلب إعادة إدخال كلمة المرور (خلال آخر {minutes} دقائق). أكّدها من {path} ثم أعد المحاولة.",
  },
  APPROVAL_SELF: { en: "You cannot approve or reject your own request: another staff member must decide it.", ar: "لا يمكنك اعتماد طلبك أو رفضه بنفسك: يجب أن يقرره موظف آخر." },
  APPROVAL_NOT_PENDING: { en: "This approval was already decided ({status}).", ar: "تم البت في طلب الاعتماد هذا بالفعل ({status})." },
  APPROVAL_EXPIRED: { en: "This approval expired before anyone decided it; ask again if it is still needed.", ar: "انتهت صلاحية طلب الاعتماد قبل البت فيه؛ أعد الطلب إن كان لا يزال لازمًا." },
};
