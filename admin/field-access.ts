/**
 * Field-level access for panel forms, deny by default. For every model: the fields a form may
 * write on edit and on create, per role where roles differ; secrets that never leave the server;
 * and row rules (who may edit which rows). The resource layer (AuditedResource) drops every other
 * field from a form payload and strips secrets from every record it returns, so a hidden field is
 * neither writable nor readable through the panel's JSON.
 *
 * Counters, aggregates, balances, verification flags, workflow timestamps, statuses and ownership
 * fields are never listed: they change only through domain commands.
 */
import { SECRET_FIELDS } from "../src/platform/secret-fields.js";
import type { StaffRole } from "../src/domains/backoffice/staff-auth.service.js";
import { kindOf } from "../src/domains/notifications/catalog.js";

/** Role → field paths (AdminJS paths: a relation is named by the relation, e.g. `subcategory`). */
type ByRole = Partial<Record<StaffRole | "*", readonly string[]>>;

export interface FieldPolicy {
  /** Fields an edit form may write. `"*"` applies to every role the domain lets write. */
  edit: ByRole;
  /** Fields a create form may set; defaults to `edit`. `{}` means nothing is created in the panel. */
  create?: ByRole;
  /** Fields set by the server on create, whatever the form says (e.g. the author is the signed-in agent); `data` is what the form may write. */
  stampOnCreate?: (staffId: number, data: Record<string, unknown>) => Record<string, unknown>;
  /** Row rule: whether this role may edit this record at all (params are the record's flat params). */
  canEditRow?: (role: StaffRole, params: Record<string, unknown>, staffId: number) => boolean;
}

const NOTHING: FieldPolicy = { edit: {} };
const all = (...fields: string[]): ByRole => ({ "*": fields });

/** Users whose account is a staff account: only admin manages those (and their access profiles). */
const isStaffRow = (p: Record<string, unknown>) => p.userType === "staff";

export const FIELD_POLICIES: Record<string, FieldPolicy> = {
  // accounts
  User: {
    edit: { admin: ["fullName", "email", "phone", "city", "language", "isActive"], support: ["fullName", "email", "city", "language", "isActive"] },
    // Clients and providers sign up in the app; admin creates staff accounts (password by its own action).
    create: { admin: ["fullName", "email", "phone", "userType", "city", "language"] },
    canEditRow: (role, p) => role === "admin" || !isStaffRow(p),
  },
  Otp: NOTHING,
  Wallet: NOTHING,
  WalletTransaction: NOTHING,
  ApiToken: NOTHING,
  IdempotencyKey: NOTHING,
  RateLimitCounter: NOTHING,
  // Moved only by the accounts domain (request, cancel, erase) and the export job.
  AccountDeletion: NOTHING,
  DataExport: NOTHING,

  // backoffice
  UserAccessProfile: {
    edit: { admin: ["role", "permissions", "language", "isActive"] },
    create: { admin: ["user", "role", "permissions", "language", "isActive"] },
  },
  Dashboard: { edit: { admin: ["key", "titleAr", "titleEn", "role", "config", "sortOrder"] } },
  AuditLog: NOTHING,
  // Four-eyes approvals move only through the approvals domain (approve / reject / expire).
  ApprovalRequest: NOTHING,
  Setting: { edit: { admin: ["value", "description"] }, create: {} },
  AppVersion: { edit: all("platform", "version", "buildNumber", "minSupportedVersion", "isForcedUpdate", "releaseNotesAr", "releaseNotesEn", "isActive", "releasedAt") },
  ExportJob: NOTHING,
  ReportSchedule: {
    edit: all("report", "cadence", "format", "recipients", "language", "isActive"),
    stampOnCreate: (staffId) => ({ createdById: staffId }),
  },
  DailyAnalytics: NOTHING,
  DailyRevenue: NOTHING,
  DailyCategoryAnalytics: NOTHING,
  DataRetentionRule: {
    edit: { admin: ["retentionDays", "action", "description", "isActive"] },
    create: { admin: ["key", "entity", "retentionDays", "action", "description", "isActive"] },
  },
  Session: NOTHING,
  LoginAttempt: NOTHING,
  // Placed by admin (the placer is the signed-in admin), released only by its action.
  LegalHold: { edit: {}, create: { admin: ["user", "entity", "entityId", "reason"] }, stampOnCreate: (staffId) => ({ placedById: staffId }) },

  // billing: money changes only through the billing domain
  Invoice: NOTHING,
  InvoiceLine: NOTHING,
  InvoiceNumberSequence: NOTHING,
  PaymentAttempt: NOTHING,
  Refund: NOTHING,
  WebhookEvent: NOTHING,
  PromoCode: {
    edit: all("description", "percentOff", "amountOff", "maxDiscount", "minAmount", "validFrom", "validUntil", "maxUses", "maxUsesPerUser", "appliesTo", "isActive"),
    create: all("code", "description", "kind", "percentOff", "amountOff", "maxDiscount", "minAmount", "currency", "validFrom", "validUntil", "maxUses", "maxUsesPerUser", "appliesTo", "isActive"),
  },
  PromoCodeRedemption: NOTHING,
  PaymentLink: NOTHING,
  ReconciliationRun: NOTHING,
  ReconciliationItem: NOTHING,
  WithdrawMethod: { edit: all("type", "nameAr", "nameEn", "minAmount", "maxAmount", "currency", "isEnabled") },
  Payout: NOTHING,
  // A provider's bank account: typed by the provider in the app (IBAN checked), never by staff.
  PayoutAccount: NOTHING,

  // extras
  Extra: {
    edit: all("nameAr", "nameEn", "descriptionAr", "descriptionEn", "price", "durationDays", "isActive"),
    create: all("code", "nameAr", "nameEn", "descriptionAr", "descriptionEn", "price", "currency", "durationDays", "isActive"),
  },
  ExtraPurchase: NOTHING,

  // marketplace: requests come from the app; support corrects what the client wrote
  ServiceRequest: { edit: all("title", "description", "priority", "city", "address", "preferredDate", "subcategory"), create: {} },
  Offer: NOTHING,
  RequestStatusLog: NOTHING,
  ServiceRequestAttachment: NOTHING,
  Dispute: { edit: all("adminNotes"), create: {} },

  // messaging: the parties' words are theirs
  Thread: NOTHING,
  Message: NOTHING,
  MessageRead: NOTHING,

  // notifications
  EventLog: NOTHING,
  Notification: NOTHING,
  DeviceToken: NOTHING,
  NotificationTemplate: {
    edit: all("subjectAr", "subjectEn", "bodyAr", "bodyEn", "isActive"),
    create: all("key", "channel", "subjectAr", "subjectEn", "bodyAr", "bodyEn", "isActive"),
    // The variables a template may use are its kind's, from the catalog.
    stampOnCreate: (_staffId, data) => ({ variables: Object.keys(kindOf(String(data.key))?.variables ?? {}) }),
  },
  NotificationPreference: NOTHING,
  NotificationDelivery: NOTHING,
  // Drafts only; status, counts and cursor move through the broadcast commands.
  Broadcast: {
    edit: all("titleAr", "titleEn", "bodyAr", "bodyEn", "segment", "city", "subcategoryId", "channels"),
    stampOnCreate: (staffId) => ({ createdById: staffId }),
    canEditRow: (_role, p) => p.status === "draft",
  },

  // promo: requests and assets move through the promo workflow
  PromoRequest: NOTHING,
  PromoAsset: NOTHING,
  PromoStatusLog: NOTHING,

  // providers: content staff keep the catalog and correct profiles; flags and counters are derived
  Category: { edit: all("nameAr", "nameEn", "slug", "icon", "sortOrder", "isActive") },
  Subcategory: { edit: all("nameAr", "nameEn", "slug", "icon", "sortOrder", "isActive", "category") },
  ProviderProfile: { edit: { admin: ["displayName", "bio", "city", "yearsExperience", "acceptsUrgent"], content: ["displayName", "bio", "city", "yearsExperience", "acceptsUrgent"] }, create: {} },
  ProviderCategory: { edit: {}, create: { admin: ["provider", "subcategory"], content: ["provider", "subcategory"] } },
  ProviderService: { edit: { admin: ["title", "description", "priceFrom", "priceTo", "priceUnit", "isActive", "subcategory"], content: ["title", "description", "priceFrom", "priceTo", "priceUnit", "isActive", "subcategory"] }, create: {} },
  ProviderPortfolioItem: { edit: { admin: ["title", "description"], content: ["title", "description"] }, create: {} },
  ProviderFollow: NOTHING,
  ProviderLike: NOTHING,
  ProviderPortfolioLike: NOTHING,

  // reviews: moderation hides; the rating and words stay the client's
  Review: { edit: all("isHidden", "hiddenReason"), create: {} },

  // subscriptions
  SubscriptionPlan: {
    edit: all("nameAr", "nameEn", "descriptionAr", "descriptionEn", "priceMonthly", "priceQuarterly", "priceHalfYearly", "priceYearly", "features", "isActive", "sortOrder"),
    create: all("code", "nameAr", "nameEn", "descriptionAr", "descriptionEn", "priceMonthly", "priceQuarterly", "priceHalfYearly", "priceYearly", "currency", "features", "isActive", "sortOrder"),
  },
  Subscription: NOTHING,

  // support
  // The team lead (told of breaches) is the admin's choice; support keeps names and availability.
  SupportTeam: {
    edit: { admin: ["nameAr", "nameEn", "isActive", "lead"], support: ["nameAr", "nameEn", "isActive"] },
    create: { admin: ["code", "nameAr", "nameEn", "isActive", "lead"], support: ["code", "nameAr", "nameEn", "isActive"] },
  },
  // isActive: the agent's availability for round robin.
  SupportTeamMember: { edit: all("isActive"), create: all("team", "user", "isActive") },
  // Priority, team and assignee move only through triage (the SLA deadlines follow them): the
  // desk's workspace and bulk actions, never the generic form.
  SupportTicket: NOTHING,
  // Replies, notes and drafts are written in the workspace, by the signed-in agent; a generic form
  // would let anyone name the author, publish a draft without sending it or make a note public.
  SupportComment: NOTHING,
  SupportTriageRule: {
    edit: all("nameAr", "nameEn", "category", "keywords", "team", "priority", "sortOrder", "isActive"),
  },
  SupportCannedReply: {
    edit: all("titleAr", "titleEn", "bodyAr", "bodyEn", "isActive"),
    create: all("code", "titleAr", "titleEn", "bodyAr", "bodyEn", "isActive"),
  },
  SupportAttachment: NOTHING,
  SupportStatusLog: NOTHING,

  // verification: everything moves through the review workflow
  VerificationRequest: NOTHING,
  VerificationDocument: NOTHING,
  VerificationDocumentVersion: NOTHING,
  VerificationDocumentReview: NOTHING,
  VerifiedBadge: NOTHING,
  VerificationStatusLog: NOTHING,
  // Reference data reviewers keep: which documents a badge asks for, and the reasons they pick.
  VerificationRequirement: { edit: all("isRequired", "sortOrder"), create: all("badgeType", "docType", "isRequired", "sortOrder") },
  VerificationRejectionReason: { edit: all("labelAr", "labelEn", "isActive", "sortOrder"), create: all("code", "labelAr", "labelEn", "isActive", "sortOrder") },
};

/** Values that never leave the server (see src/platform/secret-fields.ts, shared with the audit trail). */
export { SECRET_FIELDS };

/**
 * Field names that look like secrets but are not (shown to staff on purpose). A field whose name
 * looks like a secret must be in SECRET_FIELDS or here: the access test fails otherwise.
 */
export const NOT_SECRET: Record<string, readonly string[]> = {
  // Not in the panel at all (infrastructure): the API's rate-limit bucket names.
  RateLimitCounter: ["key"],
  PaymentAttempt: ["idempotencyKey"],
  // Names the Stripe fact an item was raised for (e.g. duplicate_payment:pi_…), nothing secret.
  ReconciliationItem: ["dedupeKey"],
  Setting: ["key"],
  Dashboard: ["key"],
  DataRetentionRule: ["key"],
  NotificationTemplate: ["key"],
  Notification: ["templateKey"],
};

/** Names that suggest a secret (hashes, tokens, keys, passwords). */
export const SECRET_LOOKING = /(hash|token|secret|password|key|sess)$/i;

/**
 * Fields only some roles may read, beside the secrets nobody reads: their exports leave these
 * columns out. Contact details and street addresses are for the staff who act on them; management
 * reads figures, not people.
 */
export const READ_LIMITS: Record<string, Record<string, readonly StaffRole[]>> = {
  User: { phone: ["admin", "support", "verification", "finance"], email: ["admin", "support", "verification", "finance"] },
  ServiceRequest: { address: ["admin", "support"] },
  SupportTicket: { ratingComment: ["admin", "support"] },
};

/** Whether this role may read this field of this model (secrets: nobody). */
export function readableField(model: string, role: StaffRole, field: string): boolean {
  if (secretFields(model).includes(field)) return false;
  const limit = READ_LIMITS[model]?.[field];
  return !limit || limit.includes(role);
}

export function secretFields(model: string): readonly string[] {
  return SECRET_FIELDS[model] ?? [];
}

function pick(byRole: ByRole | undefined, role: StaffRole): readonly string[] {
  if (!byRole) return [];
  return byRole[role] ?? byRole["*"] ?? [];
}

/** The fields this role's form may write on this model (empty when nothing, or undeclared). */
export function writableFields(model: string, role: StaffRole, mode: "edit" | "create"): readonly string[] {
  const policy = FIELD_POLICIES[model];
  if (!policy) return [];
  return pick(mode === "create" ? policy.create ?? policy.edit : policy.edit, role);
}

/** Every field any role may write on this model in either mode (what the form shows). */
export function formFields(model: string): string[] {
  const policy = FIELD_POLICIES[model];
  if (!policy) return [];
  const out = new Set<string>();
  for (const byRole of [policy.edit, policy.create ?? policy.edit]) for (const fields of Object.values(byRole)) for (const f of fields ?? []) out.add(f);
  return [...out];
}

export function canEditRow(model: string, role: StaffRole, params: Record<string, unknown>, staffId: number): boolean {
  return FIELD_POLICIES[model]?.canEditRow?.(role, params, staffId) ?? true;
}

export function stampOnCreate(model: string, staffId: number, data: Record<string, unknown> = {}): Record<string, unknown> {
  return FIELD_POLICIES[model]?.stampOnCreate?.(staffId, data) ?? {};
}
