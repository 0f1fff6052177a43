/**
 * Where personal data lives, declared per model and column: what account erasure does to each
 * column that can hold an app user's personal data, and why the others are kept or are not
 * personal. `test/integration/privacy/personal-data.test.ts` checks this against the Prisma schema
 * (every model is declared; every text/JSON column named like personal data — name, phone, email,
 * body, text, address, token, ip, … — has a treatment), checks that its fixture fills every erased
 * column, and that erasure leaves none of a user's markers anywhere but in `keep` columns.
 *
 * A new column holding personal data therefore fails that test until it is declared here, and a
 * column declared "erase" fails it until `eraseUserData` (src/domains/accounts/account-erasure.ts)
 * clears it.
 */

/**
 * - erase: cleared at account erasure (null, empty text, or no JSON) on the rows that are the user's;
 * - pseudonym: replaced by the deletion's pseudonym (rows that must stay: invoices' owner, payouts);
 * - delete: the user's rows are deleted at erasure (the column goes with them);
 * - file: a storage key; the file is removed at erasure (with its row, or the key is cleared);
 * - keep: kept on purpose, with the reason (accounting, the audit trail, another person's record);
 * - none: never an app user's personal data (staff, reference data, machinery).
 */
export type Treatment = "erase" | "pseudonym" | "delete" | "file" | { keep: string } | { none: string };

export interface ModelDeclaration {
  /** Whose rows these are, in words (what erasure selects). Absent: no app user owns rows here. */
  owner?: string;
  fields: Record<string, Treatment>;
}

/** Column names that suggest personal data (the schema test requires a declaration for each). */
export const PERSONAL_LOOKING = /(name|phone|email|body|text|address|token|bio|description|message|comment|note|reason|receiver|recipient|payload|label|title|city|content|evidence|raw|details|resolution|changes|reference|subject|data|key|sess|keywords|reply|sha256)/i;

/** Whether a column's name looks like personal data: the words above, or an IP address (`ip`, `lastIp`). */
export const looksPersonal = (name: string): boolean => PERSONAL_LOOKING.test(name) || /(^ip|Ip)$/.test(name);

const keep = (why: string): Treatment => ({ keep: why });
const none = (why: string): Treatment => ({ none: why });
/** A model that holds no app user's personal data: each matching column named, one reason. */
const reference = (why: string, ...fields: string[]): ModelDeclaration => ({ fields: Object.fromEntries(fields.map((f) => [f, none(why)])) });
const STAFF_TEXT = keep("written by staff about the case; part of the business record");

export const PERSONAL_DATA: Record<string, ModelDeclaration> = {
  // accounts
  User: {
    owner: "the user",
    fields: { phone: "erase", email: "erase", fullName: "pseudonym", city: "erase" },
  },
  Otp: { owner: "codes sent to the user's phone", fields: { phone: "delete", ip: "delete" } },
  Wallet: { owner: "userId", fields: {} },
  WalletTransaction: { owner: "the user's wallet", fields: { reference: keep("ledger reference to what moved the money (invoice:12)"), note: keep("accounting ledger, written by staff or the system") } },
  ApiToken: { owner: "userId", fields: { tokenHash: "delete", deviceName: "delete" } },
  IdempotencyKey: { owner: "userId", fields: { key: "delete", responseBody: "delete" } },
  RateLimitCounter: { owner: "the user:<id> bucket", fields: { key: "delete" } },
  AccountDeletion: { owner: "userId (kept: the record that the account was erased)", fields: { blockedReason: none("system text: which obligation or hold") } },
  DataExport: { owner: "userId", fields: { storageKey: "file" } },

  // backoffice
  UserAccessProfile: { fields: {} },
  Dashboard: reference("panel configuration", "key", "titleAr", "titleEn"),
  AuditLog: {
    fields: {
      actorLabel: keep("labels staff (email) and jobs; app users' rows carry no label (src/api/auth.ts), their actorId points at the pseudonymised user"),
      changes: keep("append-only audit trail; a User's identity fields are written redacted (audit.ts), other records' edits keep their values for the audit period"),
      ip: keep("security audit trail: where a change came from"),
    },
  },
  Setting: reference("configuration", "key", "description"),
  AppVersion: reference("release notes", "releaseNotesAr", "releaseNotesEn"),
  ExportJob: reference("staff report exports", "fileName", "storageKey"),
  ReportSchedule: reference("staff mailboxes that receive scheduled management reports", "recipients"),
  DailyAnalytics: { fields: {} },
  DailyRevenue: { fields: {} },
  DailyCategoryAnalytics: { fields: {} },
  DataRetentionRule: reference("configuration", "key", "description"),
  Session: reference("staff panel sessions (app users use bearer tokens)", "sess"),
  LoginAttempt: reference("staff panel sign-in attempts (app users sign in by OTP)", "email", "ip"),
  LegalHold: { fields: { reason: keep("a legal hold outlives erasure by design; written by staff") } },
  ApprovalRequest: { fields: { reason: STAFF_TEXT, decisionNote: STAFF_TEXT, failureReason: keep("why an approved money action was refused: audit trail") } },

  // billing: kept for accounting, the person stands behind the pseudonymised user row
  Invoice: { owner: "userId (kept: accounting)", fields: { voidReason: STAFF_TEXT, manualPaymentReference: keep("accounting: the bank transfer's reference"), manualPaymentReason: STAFF_TEXT } },
  InvoiceLine: { fields: { descriptionAr: keep("what was sold"), descriptionEn: keep("what was sold") } },
  InvoiceNumberSequence: { fields: {} },
  PaymentAttempt: { owner: "the user's invoices", fields: { idempotencyKey: none("random key sent to Stripe"), failureReason: keep("the payment provider's decline reason"), raw: "erase" } },
  WebhookEvent: { owner: "events of the user's payment intents", fields: { payload: "erase" } },
  PromoCode: reference("catalog", "description"),
  PromoCodeRedemption: { fields: {} },
  PaymentLink: reference("random link tokens and Stripe ids", "token", "stripeCheckoutSessionId"),
  ReconciliationRun: { fields: {} },
  ReconciliationItem: { fields: { details: keep("finance record of a payment mismatch"), resolutionNote: STAFF_TEXT, dedupeKey: none("Stripe fact id") } },
  Refund: { fields: { reason: STAFF_TEXT, failureReason: keep("the payment provider's reason") } },
  WithdrawMethod: reference("catalog", "nameAr", "nameEn"),
  Payout: {
    owner: "userId (kept: accounting)",
    fields: {
      receiver: "pseudonym", bankName: keep("the bank, not the account"), note: STAFF_TEXT, rejectReason: STAFF_TEXT, receiptKey: keep("the transfer receipt: accounting proof"),
      transferReference: keep("the bank's transfer reference: accounting proof"), failureReason: STAFF_TEXT,
    },
  },
  PayoutAccount: { owner: "userId", fields: { iban: "delete", accountName: "delete", bankName: "delete" } },

  // extras, subscriptions: catalogs; purchases carry no text
  Extra: reference("catalog", "nameAr", "nameEn", "descriptionAr", "descriptionEn"),
  ExtraPurchase: { fields: {} },
  SubscriptionPlan: reference("catalog", "nameAr", "nameEn", "descriptionAr", "descriptionEn"),
  Subscription: { fields: {} },

  // marketplace
  ServiceRequest: {
    owner: "clientId",
    fields: { title: "erase", description: "erase", address: "erase", cancelReason: "erase", city: keep("coarse city: the provider's job record and statistics") },
  },
  Offer: { owner: "the user's provider profile", fields: { message: "erase" } },
  RequestStatusLog: { owner: "notes the user wrote (actorId)", fields: { note: "erase" } },
  ServiceRequestAttachment: { owner: "uploadedById", fields: { fileName: "delete", storageKey: "file" } },
  Dispute: { owner: "openedById", fields: { description: "erase", evidence: "erase", adminNotes: STAFF_TEXT, resolution: STAFF_TEXT } },

  // messaging
  Thread: { fields: {} },
  Message: { owner: "senderId", fields: { body: "erase", attachmentKey: "file" } },
  MessageRead: { fields: {} },

  // notifications
  EventLog: { owner: "events the user caused (actorId)", fields: { name: none("event name"), payload: "erase" } },
  Notification: {
    owner: "userId (deleted); others' notifications about the user's actions are reworded",
    fields: { templateKey: none("template name"), titleAr: "erase", titleEn: "erase", bodyAr: "erase", bodyEn: "erase", data: "delete" },
  },
  DeviceToken: { owner: "userId", fields: { token: "delete" } },
  NotificationTemplate: reference("templates", "key", "subjectAr", "subjectEn", "bodyAr", "bodyEn"),
  NotificationPreference: { owner: "userId", fields: {} },
  NotificationDelivery: { owner: "the user's notifications", fields: { recipient: "delete", providerMessageId: "delete", skipReason: none("system code") } },
  Broadcast: reference("announcements written by staff", "titleAr", "titleEn", "bodyAr", "bodyEn", "city"),

  // promo
  PromoRequest: { owner: "requesterId", fields: { title: "erase", targetCity: keep("coarse targeting kept with the invoice"), decisionReason: STAFF_TEXT } },
  PromoAsset: { owner: "the user's promotions", fields: { fileName: "erase", storageKey: "file", textContent: "erase", sha256: "erase", note: STAFF_TEXT } },
  PromoStatusLog: { owner: "notes the user wrote (actorId)", fields: { note: "erase" } },

  // providers
  Category: reference("catalog", "nameAr", "nameEn"),
  Subcategory: reference("catalog", "nameAr", "nameEn"),
  ProviderProfile: { owner: "userId", fields: { displayName: "pseudonym", bio: "erase", city: keep("coarse city kept with the pseudonymous profile (reviews, statistics)") } },
  ProviderCategory: { fields: {} },
  ProviderService: { owner: "the user's provider profile", fields: { title: "delete", description: "delete" } },
  ProviderPortfolioItem: { owner: "the user's provider profile", fields: { title: "delete", description: "delete", imageKey: "file" } },
  ProviderFollow: { fields: {} },
  ProviderLike: { fields: {} },
  ProviderPortfolioLike: { fields: {} },

  // reviews: stay with an anonymous author (the pseudonymised user)
  Review: {
    owner: "clientId (kept, anonymous author); providerReply when the user is the provider",
    fields: { comment: keep("reviews stay with an anonymous author"), hiddenReason: STAFF_TEXT, providerReply: "erase" },
  },

  // support
  SupportTeam: reference("configuration", "nameAr", "nameEn"),
  SupportTeamMember: { fields: {} },
  SupportTicket: { owner: "requesterId", fields: { subject: "erase", description: "erase", ratingComment: "erase" } },
  SupportComment: { owner: "authorId", fields: { body: "erase" } },
  SupportAttachment: { owner: "uploadedById", fields: { fileName: "delete", storageKey: "file" } },
  SupportStatusLog: { owner: "notes the user wrote (actorId)", fields: { note: "erase" } },
  SupportTriageRule: reference("configuration", "nameAr", "nameEn", "keywords"),
  SupportCannedReply: reference("configuration", "titleAr", "titleEn", "bodyAr", "bodyEn"),

  // verification: documents go (identity papers); the request stays with its invoice
  VerificationRequest: { owner: "requesterId", fields: { note: "erase", decisionReason: STAFF_TEXT } },
  VerificationDocument: { owner: "the user's requests", fields: {} },
  VerificationDocumentVersion: { owner: "the user's requests", fields: { fileName: "delete", storageKey: "file", sha256: "delete" } },
  VerificationDocumentReview: { owner: "the user's requests", fields: { reasonCode: none("code of a listed reason"), note: "delete" } },
  VerifiedBadge: { fields: { revokeReason: STAFF_TEXT } },
  VerificationStatusLog: { owner: "notes the user wrote (actorId)", fields: { note: "erase" } },
  VerificationRequirement: { fields: {} },
  VerificationRejectionReason: reference("catalog", "labelAr", "labelEn"),
};

/** Columns erasure must leave with none of the user's data (erase, pseudonym, delete, file). */
export function erasedColumns(): { model: string; field: string; treatment: Treatment }[] {
  return Object.entries(PERSONAL_DATA).flatMap(([model, d]) =>
    Object.entries(d.fields)
      .filter(([, t]) => typeof t === "string")
      .map(([field, treatment]) => ({ model, field, treatment })),
  );
}

/** Columns kept on purpose (the reason is the declaration's). */
export function keptColumns(): { model: string; field: string; reason: string }[] {
  return Object.entries(PERSONAL_DATA).flatMap(([model, d]) =>
    Object.entries(d.fields).flatMap(([field, t]) => (typeof t === "object" && "keep" in t ? [{ model, field, reason: t.keep }] : [])),
  );
}

/** Fields of the User model an audit row records as changed without their values. */
export const AUDIT_REDACTED_USER_FIELDS: readonly string[] = Object.entries(PERSONAL_DATA.User!.fields)
  .filter(([, t]) => typeof t === "string")
  .map(([f]) => f);
