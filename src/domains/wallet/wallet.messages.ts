/** What users and staff read when a wallet or payout rule refuses them. */
import type { Catalog } from "../../platform/i18n.js";

export const walletMessages: Catalog = {
  WALLET_INSUFFICIENT_BALANCE: { en: "The wallet balance is not enough for this ({balance} available).", ar: "رصيد المحفظة لا يكفي لهذه العملية (المتاح {balance})." },
  WALLET_OWNER_INVALID: { en: "This account cannot hold a wallet.", ar: "لا يمكن لهذا الحساب أن يملك محفظة." },
  PAYOUT_METHOD_UNAVAILABLE: { en: "This payout method is not offered now.", ar: "طريقة السحب هذه غير متاحة حاليًا." },
  PAYOUT_ACCOUNTS_LIMIT: { en: "You can save at most 5 payout accounts.", ar: "يمكنك حفظ ٥ حسابات سحب على الأكثر." },
  PAYOUT_AMOUNT_OUT_OF_RANGE: { en: "The payout amount must be between {min} and {max} halalas.", ar: "يجب أن يكون مبلغ السحب بين {min} و{max} هللة." },
  PAYOUT_AMOUNT_RANGE: { en: "outside this method's minimum and maximum", ar: "خارج الحد الأدنى والأعلى لهذه الطريقة" },
  IBAN_FORMAT: { en: "is not an IBAN (two letters, two check digits, then the account)", ar: "ليس رقم آيبان صحيح البنية (حرفان ثم رقمان للتحقق ثم الحساب)" },
  IBAN_LENGTH: { en: "has the wrong length for its country (a Saudi IBAN has 24 characters)", ar: "طوله غير صحيح لبلده (الآيبان السعودي ٢٤ خانة)" },
  IBAN_CHECKSUM: { en: "fails the IBAN check digits: a character is probably mistyped", ar: "لا يطابق خانتي التحقق في الآيبان: غالبًا يوجد خطأ في أحد الأحرف" },
  WALLET_PAYMENT_TOO_LARGE: { en: "That is more than the invoice still owes ({due}).", ar: "المبلغ أكبر من المتبقي على الفاتورة ({due})." },
  WALLET_PAYMENT_AT_MOST: { en: "at most what is due", ar: "بحد أقصى المبلغ المستحق" },
  DATE_IN_FUTURE: { en: "cannot be in the future", ar: "لا يمكن أن يكون في المستقبل" },
};
