/** The jobs console page in English and Arabic (merged over the shared strings by index.ts). */
import type { Lang } from "./core.js";

export const jobsConsoleStrings: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    pages: { jobs: "Jobs console" },
    labels: { pages: "Operations" },
    messages: {
      jobsTitle: "Background jobs", jobsHint: "Every queue the workers run, what failed recently, and when each schedule runs next. Times are Riyadh time.",
      jobsAdminsOnly: "Only admins can open the jobs console.",
      jobsThroughput: "Finished in the last hour (per 5 minutes)", jobsCompleted: "completed", jobsFailed: "failed", jobsPerMinute: "about {{n}} jobs a minute",
      jobsQueues: "Queues", jobsQueue: "Queue", jobsLastHour: "Last hour", jobsDeadLetter: "gives up into this queue",
      jobsState_created: "Waiting", jobsState_retry: "To retry", jobsState_active: "Running", jobsState_completed: "Completed", jobsState_failed: "Failed", jobsState_cancelled: "Cancelled",
      jobsFailures: "Recent failures", jobsNoFailures: "No job has failed recently.", jobsWhen: "When", jobsAttempts: "Attempts", jobsError: "Error", jobsPayload: "Payload",
      jobsRedacted: "Passwords, tokens, keys and other secrets are hidden.",
      jobsRetry: "Retry", jobsCancel: "Cancel", jobsKeep: "Keep it",
      jobsRetryConfirm: "Run this job again? It is queued at once with one more attempt allowed.", jobsCancelConfirm: "Cancel this job? It will not be tried again.",
      jobRetried: "The job was queued again", jobCancelled: "The job was cancelled", jobUnknownOp: "Unknown operation",
      jobsSchedules: "Schedules", jobsCron: "When (cron)", jobsNextRun: "Next run", jobsCronInvalid: "cannot be read: never runs", jobsAsOf: "As of {{at}}; refreshes every 10 seconds.",
    },
  },
  ar: {
    pages: { jobs: "لوحة المهام الخلفية" },
    labels: { pages: "التشغيل" },
    messages: {
      jobsTitle: "المهام الخلفية", jobsHint: "كل طابور تشغّله العمليات الخلفية، وما فشل مؤخرًا، وموعد التشغيل التالي لكل جدول. الأوقات بتوقيت الرياض.",
      jobsAdminsOnly: "لوحة المهام الخلفية للمشرفين فقط.",
      jobsThroughput: "ما انتهى في الساعة الأخيرة (كل 5 دقائق)", jobsCompleted: "مكتملة", jobsFailed: "فاشلة", jobsPerMinute: "نحو {{n}} مهمة في الدقيقة",
      jobsQueues: "الطوابير", jobsQueue: "الطابور", jobsLastHour: "الساعة الأخيرة", jobsDeadLetter: "تنتقل إليه المهام بعد نفاد المحاولات",
      jobsState_created: "بالانتظار", jobsState_retry: "لإعادة المحاولة", jobsState_active: "قيد التشغيل", jobsState_completed: "مكتملة", jobsState_failed: "فاشلة", jobsState_cancelled: "ملغاة",
      jobsFailures: "إخفاقات حديثة", jobsNoFailures: "لم تفشل أي مهمة مؤخرًا.", jobsWhen: "الوقت", jobsAttempts: "المحاولات", jobsError: "الخطأ", jobsPayload: "البيانات",
      jobsRedacted: "كلمات المرور والرموز والمفاتيح وغيرها من الأسرار مخفية.",
      jobsRetry: "إعادة التشغيل", jobsCancel: "إلغاء", jobsKeep: "إبقاء",
      jobsRetryConfirm: "إعادة تشغيل هذه المهمة؟ تُوضع في الطابور فورًا مع محاولة إضافية.", jobsCancelConfirm: "إلغاء هذه المهمة؟ لن تُعاد محاولتها.",
      jobRetried: "أُعيدت المهمة إلى الطابور", jobCancelled: "أُلغيت المهمة", jobUnknownOp: "عملية غير معروفة",
      jobsSchedules: "الجداول", jobsCron: "الموعد (cron)", jobsNextRun: "التشغيل التالي", jobsCronInvalid: "لا يمكن قراءته: لا يعمل أبدًا", jobsAsOf: "حتى {{at}}؛ يتحدث كل 10 ثوانٍ.",
    },
  },
};
