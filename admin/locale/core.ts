/**
 * The panel's own words in English and Arabic: AdminJS's built-in strings (it ships no Arabic)
 * plus our actions, buttons and messages. Resource and field names are in resource-labels.ts.
 * A later resource only adds its keys here.
 */
export type Lang = "en" | "ar";
export const LANGUAGES: readonly Lang[] = ["ar", "en"];

export const core: Record<Lang, Record<string, Record<string, unknown>>> = {
  en: {
    actions: {
      new: "Create new", edit: "Edit", show: "Show", delete: "Delete", bulkDelete: "Delete all", list: "List", search: "Search",
      cancel: "Cancel request", revokeApiTokens: "Sign out of the app everywhere", revoke: "Revoke token", restore: "Restore", hardDelete: "Delete permanently", history: "History",
    },
    buttons: {
      confirm: "Confirm", cancel: "Cancel", save: "Save", filter: "Filter", logout: "Log out", login: "Log in",
      switchToArabic: "العربية", switchToEnglish: "English",
    },
    labels: {
      reason: "Reason", showDeleted: "Show deleted", language: "Language", history: "History",
      auditWhen: "When", auditWho: "Who", auditAction: "Action", auditChanges: "Changes", noHistory: "No changes recorded yet",
    },
    messages: {
      requestCancelled: "The request was cancelled",
      apiTokensRevoked: "The user was signed out of the app on every device",
      apiTokenRevoked: "The token was revoked",
      cancelConfirm: "Cancel this service request? The client and the provider are told, and pending offers are rejected.",
      restoreConfirm: "Restore this record and what was deleted with it?",
      hardDeleteConfirm: "Delete this record permanently? This cannot be undone.",
      restored: "Restored",
      deletedPermanently: "Deleted permanently",
      successfullyDeleted: "Deleted (it can be restored)",
      tooManyLoginAttempts: "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator.",
      invalidCredentials: "Wrong email or password",
      statusReadOnly: "Status changes only through the workflow actions",
    },
    components: {
      Login: { welcomeHeader: "Nawafeth Backoffice", welcomeMessage: "Operations panel for the Nawafeth marketplace team.", properties: { email: "Email", password: "Password" }, loginButton: "Sign in" },
    },
  },
  ar: {
    actions: {
      new: "إضافة", edit: "تعديل", show: "عرض", delete: "حذف", bulkDelete: "حذف المحدد", list: "القائمة", search: "بحث",
      cancel: "إلغاء الطلب", revokeApiTokens: "تسجيل الخروج من التطبيق في كل الأجهزة", revoke: "إلغاء الرمز", restore: "استعادة", hardDelete: "حذف نهائي", history: "السجل",
    },
    buttons: {
      save: "حفظ", addNewItem: "إضافة عنصر", filter: "تصفية", filterActive: "تصفية ({{count}})", applyChanges: "تطبيق",
      resetFilter: "إعادة تعيين", confirmRemovalMany: "تأكيد حذف {{count}} سجل", confirmRemovalMany_plural: "تأكيد حذف {{count}} سجلات",
      logout: "تسجيل الخروج", login: "تسجيل الدخول", seeTheDocumentation: "راجع: <1>التوثيق</1>", createFirstRecord: "أنشئ أول سجل",
      cancel: "إلغاء", confirm: "تأكيد", contactUs: "تواصل معنا", switchToArabic: "العربية", switchToEnglish: "English",
    },
    components: {
      DropZone: {
        placeholder: "أفلت الملف هنا أو انقر للاختيار", acceptedSize: "الحد الأقصى: {{maxSize}}", acceptedType: "الأنواع المدعومة: {{mimeTypes}}",
        unsupportedSize: "الملف {{fileName}} كبير جداً", unsupportedType: "نوع الملف {{fileName}} غير مدعوم: {{fileType}}",
      },
      LanguageSelector: { availableLanguages: { en: "English", ar: "العربية" } },
      Login: { welcomeHeader: "لوحة تشغيل نوافذ", welcomeMessage: "لوحة عمليات فريق سوق نوافذ للخدمات.", properties: { email: "البريد الإلكتروني", password: "كلمة المرور" }, loginButton: "دخول" },
    },
    labels: {
      navigation: "التنقل", pages: "الصفحات", selectedRecords: "المحدد ({{selected}})", filters: "عوامل التصفية",
      adminVersion: "الإصدار: {{version}}", appVersion: "التطبيق: {{version}}", dashboard: "لوحة المعلومات",
      reason: "السبب", showDeleted: "إظهار المحذوف", language: "اللغة", history: "السجل",
      auditWhen: "الوقت", auditWho: "المنفذ", auditAction: "الإجراء", auditChanges: "التغييرات", noHistory: "لا توجد تغييرات مسجلة بعد",
    },
    properties: { length: "العدد", from: "من", to: "إلى" },
    messages: {
      successfullyBulkDeleted: "تم حذف {{count}} سجل", successfullyBulkDeleted_plural: "تم حذف {{count}} سجلات",
      successfullyDeleted: "تم الحذف (يمكن الاستعادة)", successfullyUpdated: "تم حفظ التعديلات", successfullyCreated: "تمت الإضافة",
      thereWereValidationErrors: "توجد أخطاء في البيانات، راجعها أدناه",
      forbiddenError: "لا تملك صلاحية تنفيذ {{actionName}} على {{resourceId}}", anyForbiddenError: "لا تملك صلاحية تنفيذ هذا الإجراء",
      bulkDeleteError: "تعذر حذف السجلات", errorFetchingRecords: "تعذر جلب السجلات", errorFetchingRecord: "تعذر جلب السجل",
      noRecordsSelected: "لم تحدد أي سجل", theseRecordsWillBeRemoved: "سيُحذف السجل التالي", theseRecordsWillBeRemoved_plural: "ستُحذف السجلات التالية",
      pickSomeFirstToRemove: "حدد السجلات أولاً لحذفها",
      error404Resource: "المورد {{resourceId}} غير موجود", error404Action: "الإجراء {{actionName}} غير متاح على {{resourceId}} أو لا تملك صلاحيته",
      error404Record: "السجل {{recordId}} غير موجود في {{resourceId}} أو لا تملك صلاحيته",
      seeConsoleForMore: "تفاصيل أكثر في سجل المتصفح", noActionComponent: "لا توجد واجهة لهذا الإجراء",
      noRecordsInResource: "لا توجد سجلات هنا بعد", noRecords: "لا توجد سجلات", confirmDelete: "هل تريد حذف هذا العنصر؟",
      welcomeOnBoard_title: "أهلاً بك", welcomeOnBoard_subtitle: "اختر قسماً من القائمة للبدء",
      invalidCredentials: "البريد الإلكتروني أو كلمة المرور غير صحيحة",
      keyPlaceholder: "المفتاح", valuePlaceholder: "القيمة", initialKey: "مفتاح-{{number}}", keyInUse: "يجب ألا تتكرر المفاتيح",
      keyValuePropertyDefaultDescription: "تُخزن القيم نصاً، والمفاتيح المكررة لا تُحفظ.",
      pageNotFound_title: "الصفحة غير موجودة", pageNotFound_subtitle: "الصفحة <strong>\"{{pageName}}\"</strong> غير موجودة",
      componentNotFound_title: "لا توجد واجهة", componentNotFound_subtitle: "لم تُحدد واجهة لهذا العنصر",
      requestCancelled: "تم إلغاء الطلب",
      apiTokensRevoked: "سُجّل خروج المستخدم من التطبيق في كل الأجهزة",
      apiTokenRevoked: "أُلغي الرمز",
      cancelConfirm: "إلغاء طلب الخدمة هذا؟ سيُبلّغ العميل ومزود الخدمة، وتُرفض العروض المعلقة.",
      restoreConfirm: "استعادة هذا السجل وما حُذف معه؟",
      hardDeleteConfirm: "حذف هذا السجل نهائياً؟ لا يمكن التراجع.",
      restored: "تمت الاستعادة",
      deletedPermanently: "تم الحذف نهائياً",
      tooManyLoginAttempts: "محاولات دخول فاشلة كثيرة. انتظر ١٥ دقيقة ثم حاول مجدداً، أو تواصل مع المسؤول.",
      statusReadOnly: "لا تتغير الحالة إلا عبر إجراءات سير العمل",
    },
  },
};
