/** Texts used by the marketplace seed: offer messages, chat lines, cancel reasons, review comments. */

/** Offer messages by the provider's language; {d} is the estimated days. */
export const OFFER_MESSAGES = {
  ar: [
    "أقدر أنفذ الطلب خلال {d} أيام، والسعر شامل المواد والتنظيف بعد العمل.",
    "عندي خبرة طويلة في هذا النوع من الأعمال، وأقدر أزورك بكرة للمعاينة قبل البدء.",
    "السعر نهائي ويشمل ضمان على العمل لمدة ثلاثة أشهر.",
    "متواجد في حيكم هذا الأسبوع، وأقدر أبدأ من الغد إن شاء الله.",
  ],
  en: [
    "I can complete this within {d} days; the price includes materials and clean-up.",
    "We have done many similar jobs nearby and can visit tomorrow for an inspection first.",
    "Fixed price with a three-month warranty on the work.",
    "Our team is in your area this week and can start tomorrow.",
  ],
} as const;

/** Chat lines, alternating client / provider; the last pair is only used after completion. */
export const CHAT = {
  ar: [
    "السلام عليكم، متى تقدر تبدأ؟",
    "وعليكم السلام، أقدر أكون عندك بكرة بعد العصر إن شاء الله.",
    "تمام، الموقع مرسل في الطلب. ياليت تتصل قبل الوصول.",
    "أكيد، بتواصل معك قبلها بنص ساعة.",
    "هل السعر يشمل القطع؟",
    "السعر يشمل العمل، والقطع حسب الحاجة وبفاتورة رسمية.",
  ],
  en: [
    "Hello, when can you start?",
    "Hi! I can be there tomorrow afternoon.",
    "Great, the location is in the request. Please call before you arrive.",
    "Sure, I will call you half an hour before.",
    "Does the price include spare parts?",
    "It covers the labour; parts are extra and come with a receipt.",
  ],
} as const;

/** The thank-you exchange after a completed job. */
export const CHAT_AFTER_COMPLETION = {
  ar: ["جزاك الله خير، الشغل ممتاز ونظيف.", "الله يعافيك، ولا تنسى تقييمنا في التطبيق 🌟"],
  en: ["Thanks a lot, great and tidy work.", "You're welcome! Please leave us a rating in the app 🌟"],
} as const;

/** Cancel reasons by who cancels and from which status. */
export const CANCEL_REASONS = {
  client: {
    new: { ar: "لم أعد بحاجة للخدمة، تم حل المشكلة.", en: "No longer needed, the problem is solved." },
    has_offers: { ar: "العروض المقدمة أعلى من ميزانيتي.", en: "The offers are above my budget." },
    offer_accepted: { ar: "تغير موعد سفري وسأعيد نشر الطلب لاحقًا.", en: "My travel plans changed; I will post the request again later." },
  },
  staff: {
    has_offers: "طلب مكرر — تم الإبقاء على الطلب الأحدث لنفس العميل.",
    in_progress: "لم يحضر مقدم الخدمة خلال يومين من موعد البدء؛ أُلغي الطلب بناءً على طلب العميل عبر الدعم.",
  },
} as const;

/** Review comments by star rating and language. */
export const REVIEW_COMMENTS: Record<number, { ar: readonly string[]; en: readonly string[] }> = {
  5: {
    ar: ["شغل ممتاز والتزام بالموعد، أنصح فيه.", "قمة في الاحترافية والنظافة، شكرًا لكم.", "سريع ومتعاون والسعر مناسب جدًا."],
    en: ["Excellent work and right on time. Highly recommended.", "Very professional and tidy, thank you!", "Fast, friendly and fairly priced."],
  },
  4: {
    ar: ["الشغل جيد لكن تأخر ساعة عن الموعد.", "خدمة جيدة، وياليت يكون التواصل أسرع."],
    en: ["Good job, but arrived an hour late.", "Good service; communication could be quicker."],
  },
  3: {
    ar: ["الشغل مقبول واحتاج إعادة بعض التفاصيل."],
    en: ["Acceptable work; a few details had to be redone."],
  },
  2: {
    ar: ["تأخير كبير والنتيجة أقل من المتوقع."],
    en: ["Long delays and the result was below expectations."],
  },
  1: {
    ar: ["أسوأ تعامل، لا أنصح أحد فيه أبدًا!!"],
    en: ["Terrible, would never recommend!!"],
  },
};

/** Providers' public replies to reviews (thanks / apology). */
export const PROVIDER_REPLIES = {
  ar: ["شكرًا لثقتك، سعدنا بخدمتك.", "نعتذر عن التأخير وشكرًا لملاحظتك، نعمل على تحسين مواعيدنا."],
  en: ["Thank you for your trust, happy to help anytime.", "Sorry about the delay and thanks for the feedback — we are improving our scheduling."],
} as const;
