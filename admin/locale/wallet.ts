/**
 * The money part of the panel in English and Arabic: goodwill credits, the payouts queue, the
 * bank transfer batch and four-eyes approvals (kept apart from core.ts and resource-labels.ts so
 * those files stay short to merge). index.ts merges these over the shared strings; a model's own
 * `messages` (confirmations) win over the shared ones for that model.
 */
import type { Lang } from "./core.js";
import type { ResourceLabels } from "./resource-labels.js";

type ModelStrings = Partial<ResourceLabels> & { actions?: Record<string, string>; messages?: Record<string, string> };

export const walletCore: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    actions: { goodwillCredit: "Goodwill credit", markFailed: "Returned by the bank", exportBatch: "Bank transfer batch (CSV)", approve: "Approve", reject: "Reject" },
    labels: {
      creditAmount: "Amount to credit, SAR", transferReference: "Bank transfer reference", paidOn: "Paid on (YYYY-MM-DD, empty: today)", decisionNote: "Note (optional)",
      home_approvals: "Waiting for your approval",
    },
    messages: {
      goodwillCreditConfirm: "Add a goodwill credit to this user's wallet? Give the amount and the reason; the balance itself is never typed in. Above the set amount a second staff member must approve it.",
      walletCredited: "The credit was added to the wallet",
      home_approvals_pending: "Money actions for you to approve or reject",
      approvalRequested: "A second staff member must approve this: it is waiting in Approvals, and nothing has changed yet",
      approvalApproved: "Approved: the action ran in your name",
      approvalRejected: "Rejected: nothing was changed",
      payoutApproved: "The payout was approved: it goes in the next bank transfer batch",
      payoutPaid: "The payout was marked paid",
      payoutRejected: "The payout was rejected and the amount returned to the wallet",
      payoutFailed: "The payout was marked returned and the amount went back to the wallet",
    },
  },
  ar: {
    actions: { goodwillCredit: "رصيد تعويضي", markFailed: "أعاده البنك", exportBatch: "دفعة التحويل البنكي (CSV)", approve: "اعتماد", reject: "رفض" },
    labels: {
      creditAmount: "المبلغ المضاف بالريال", transferReference: "مرجع التحويل البنكي", paidOn: "تاريخ الدفع (YYYY-MM-DD، فارغ: اليوم)", decisionNote: "ملاحظة (اختيارية)",
      home_approvals: "بانتظار اعتمادك",
    },
    messages: {
      goodwillCreditConfirm: "إضافة رصيد تعويضي إلى محفظة هذا المستخدم؟ اذكر المبلغ والسبب؛ لا يُكتب الرصيد نفسه يدويًا أبدًا. فوق المبلغ المحدد يجب أن يعتمده موظف آخر.",
      walletCredited: "أُضيف الرصيد إلى المحفظة",
      home_approvals_pending: "إجراءات مالية بانتظار اعتمادك أو رفضك",
      approvalRequested: "يجب أن يعتمد هذا موظف آخر: الطلب بانتظار الاعتماد، ولم يتغير شيء بعد",
      approvalApproved: "اعتُمد: نُفّذ الإجراء باسمك",
      approvalRejected: "رُفض: لم يتغير شيء",
      payoutApproved: "اعتُمد طلب السحب: يدخل في دفعة التحويل البنكي القادمة",
      payoutPaid: "سُجّل طلب السحب مدفوعًا",
      payoutRejected: "رُفض طلب السحب وأُعيد المبلغ إلى المحفظة",
      payoutFailed: "سُجّل أن البنك أعاد التحويل وعاد المبلغ إلى المحفظة",
    },
  },
};

export const walletLabels: Record<Lang, Record<string, ModelStrings>> = {
  en: {
    WalletTransaction: { properties: { "kind.hold": "Held for a payout", "kind.release": "Hold released", currency: "Currency", actorId: "By (user id)" } },
    Payout: {
      properties: {
        "status.pending": "Requested", "status.failed": "Returned by the bank", payoutAccountId: "Payout account", payoutAccount: "Payout account", transferReference: "Transfer reference",
        approvedById: "Approved by", approvedAt: "Approved", failedAt: "Returned", failureReason: "Why it was returned",
      },
      actions: { markPaid: "Mark paid (transfer sent)", approve: "Approve payout", reject: "Reject payout" },
      messages: {
        approveConfirm: "Approve this payout? Give the reason. Above the set amount a second finance member must confirm it.",
        markPaidConfirm: "Record that the bank transfer was sent? Give the bank's transfer reference.",
        rejectConfirm: "Reject this payout? The held amount goes back to the provider's wallet. Give the reason (the provider reads it).",
        markFailedConfirm: "The bank returned this transfer? The amount goes back to the provider's wallet. Give the bank's reason.",
      },
    },
    PayoutAccount: {
      label: "Payout accounts",
      properties: { id: "ID", userId: "Provider", user: "Provider", methodId: "Method", method: "Method", iban: "IBAN", accountName: "Name on the account", bankName: "Bank", archivedAt: "Removed", createdAt: "Created", updatedAt: "Updated", payouts: "Payouts" },
    },
    ApprovalRequest: {
      label: "Approvals",
      properties: {
        id: "ID", action: "Money action", "action.invoice.refund": "Refund an invoice", "action.invoice.mark_paid": "Mark an invoice paid by hand", "action.wallet.credit": "Goodwill credit to a wallet", "action.payout.approve": "Approve a payout", targetEntity: "On", targetId: "Record", reason: "Why", input: "Input", beforeState: "Before", afterState: "After", amount: "Amount", currency: "Currency",
        status: "Status", "status.pending": "Waiting", "status.approved": "Approved", "status.rejected": "Rejected", "status.expired": "Expired", "status.failed": "Approved, but refused when run",
        requestedById: "Asked by", requestedBy: "Asked by", decidedById: "Decided by", decidedBy: "Decided by", decisionNote: "Decision note", decidedAt: "Decided", failureReason: "Why it did not run",
        expiresAt: "Expires", createdAt: "Asked", updatedAt: "Updated",
      },
      actions: { approve: "Approve", reject: "Reject" },
      messages: {
        approveConfirm: "Approve this money action? It runs at once in your name. You cannot approve your own request.",
        rejectConfirm: "Reject this money action? Nothing changes. Give the reason (the requester reads it).",
      },
    },
  },
  ar: {
    WalletTransaction: { properties: { "kind.hold": "محجوز لطلب سحب", "kind.release": "إلغاء الحجز", currency: "العملة", actorId: "بواسطة (رقم المستخدم)" } },
    Payout: {
      properties: {
        "status.pending": "مطلوب", "status.failed": "أعاده البنك", payoutAccountId: "حساب السحب", payoutAccount: "حساب السحب", transferReference: "مرجع التحويل",
        approvedById: "اعتمده", approvedAt: "تاريخ الاعتماد", failedAt: "تاريخ الإعادة", failureReason: "سبب الإعادة",
      },
      actions: { markPaid: "تسجيل الدفع (أُرسل التحويل)", approve: "اعتماد طلب السحب", reject: "رفض طلب السحب" },
      messages: {
        approveConfirm: "اعتماد طلب السحب هذا؟ اذكر السبب. فوق المبلغ المحدد يجب أن يؤكده موظف مالية آخر.",
        markPaidConfirm: "تسجيل أن التحويل البنكي أُرسل؟ اذكر مرجع التحويل من البنك.",
        rejectConfirm: "رفض طلب السحب؟ يعود المبلغ المحجوز إلى محفظة مزود الخدمة. اذكر السبب (يقرؤه مزود الخدمة).",
        markFailedConfirm: "أعاد البنك هذا التحويل؟ يعود المبلغ إلى محفظة مزود الخدمة. اذكر سبب البنك.",
      },
    },
    PayoutAccount: {
      label: "حسابات السحب",
      properties: { id: "المعرّف", userId: "مزود الخدمة", user: "مزود الخدمة", methodId: "الطريقة", method: "الطريقة", iban: "الآيبان", accountName: "الاسم على الحساب", bankName: "البنك", archivedAt: "تاريخ الحذف", createdAt: "تاريخ الإنشاء", updatedAt: "آخر تحديث", payouts: "طلبات السحب" },
    },
    ApprovalRequest: {
      label: "الاعتمادات",
      properties: {
        id: "المعرّف", action: "العملية المالية", "action.invoice.refund": "استرداد مبلغ فاتورة", "action.invoice.mark_paid": "تسجيل فاتورة مدفوعة يدويًا", "action.wallet.credit": "رصيد تعويضي لمحفظة", "action.payout.approve": "اعتماد دفعة لمزود خدمة", targetEntity: "على", targetId: "السجل", reason: "السبب", input: "المدخلات", beforeState: "قبل", afterState: "بعد", amount: "المبلغ", currency: "العملة",
        status: "الحالة", "status.pending": "بانتظار القرار", "status.approved": "معتمد", "status.rejected": "مرفوض", "status.expired": "منتهي الصلاحية", "status.failed": "اعتُمد لكن رُفض عند التنفيذ",
        requestedById: "طلبه", requestedBy: "طلبه", decidedById: "قرره", decidedBy: "قرره", decisionNote: "ملاحظة القرار", decidedAt: "تاريخ القرار", failureReason: "سبب عدم التنفيذ",
        expiresAt: "ينتهي في", createdAt: "تاريخ الطلب", updatedAt: "آخر تحديث",
      },
      actions: { approve: "اعتماد", reject: "رفض" },
      messages: {
        approveConfirm: "اعتماد هذه العملية المالية؟ تُنفّذ فورًا باسمك. لا يمكنك اعتماد طلبك أنت.",
        rejectConfirm: "رفض هذه العملية المالية؟ لا يتغير شيء. اذكر السبب (يقرؤه مقدم الطلب).",
      },
    },
  },
};
