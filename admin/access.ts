/**
 * Who may do what in the panel, enforced on the server (`isAccessible`, which also guards
 * direct HTTP calls). Rules are per domain (navigation group), with per-model exceptions.
 * Every action of every resource must resolve to a rule: the access test fails otherwise.
 */
import type { StaffRole } from "../src/domains/backoffice/staff-auth.service.js";

export const ROLES: readonly StaffRole[] = ["admin", "support", "verification", "finance", "content", "management"];

/** Levels of the built-in actions. Custom actions declare their roles where they are defined. */
export type Level = "read" | "write" | "delete";
export const BUILT_IN_ACTION_LEVEL: Record<string, Level | "hardDelete"> = {
  list: "read",
  show: "read",
  search: "read",
  new: "write",
  edit: "write",
  delete: "delete",
  bulkDelete: "delete",
  restore: "delete",
  hardDelete: "hardDelete",
};

type Rule = Partial<Record<Level, readonly StaffRole[]>>;

const ALL: readonly StaffRole[] = ROLES;
const only = (...r: StaffRole[]) => r;

/** Per domain: read, write and (soft) delete. `admin` is added everywhere below. */
const DOMAIN_RULES: Record<string, Rule> = {
  accounts: { read: only("support", "verification", "finance", "content", "management"), write: only("support"), delete: only() },
  providers: { read: ALL, write: only("content", "verification"), delete: only("content") },
  marketplace: { read: only("support", "content", "management", "finance"), write: only("support"), delete: only("support") },
  messaging: { read: only("support", "management"), write: only(), delete: only("support") },
  notifications: { read: only("support", "content", "management"), write: only("content"), delete: only() },
  reviews: { read: only("support", "content", "management"), write: only("content"), delete: only("content") },
  billing: { read: only("finance", "management"), write: only("finance"), delete: only() },
  verification: { read: only("verification", "management", "support"), write: only("verification"), delete: only() },
  promo: { read: only("content", "finance", "management"), write: only("content"), delete: only() },
  subscriptions: { read: only("finance", "management", "support"), write: only("finance"), delete: only() },
  extras: { read: only("finance", "management", "content"), write: only("finance"), delete: only() },
  support: { read: only("support", "management"), write: only("support"), delete: only() },
  backoffice: { read: only("management"), write: only(), delete: only() },
};

/** Models that differ from their domain's rule. */
const MODEL_RULES: Record<string, Rule> = {
  // Secrets and plumbing: admins only, never edited by hand.
  Otp: { read: only(), write: only(), delete: only() },
  ApiToken: { read: only("support"), write: only(), delete: only() },
  IdempotencyKey: { read: only(), write: only(), delete: only() },
  // The audit trail is read-only for everyone, admin included (a trigger refuses changes anyway).
  AuditLog: { read: only("management", "support", "finance", "verification", "content") },
  EventLog: { read: only("management", "support") },
  WebhookEvent: { read: only("finance", "management"), write: only(), delete: only() },
  // Catalog managed by content staff.
  Category: { read: ALL, write: only("content"), delete: only("content") },
  Subcategory: { read: ALL, write: only("content"), delete: only("content") },
  AppVersion: { read: ALL, write: only("content"), delete: only() },
  Setting: { read: only("management", "finance"), write: only(), delete: only() },
  ExportJob: { read: only("management", "finance"), write: only(), delete: only() },
  // Who gets which report by email is finance's call (management reads the schedules and the reports).
  ReportSchedule: { read: only("management", "finance"), write: only("finance"), delete: only("finance") },
  // Whoever may decide some money action sees the approvals (the domain checks the action's own roles).
  ApprovalRequest: { read: only("finance", "support", "management"), write: only(), delete: only() },
};

/** Actions that nobody may use on a model, admin included. */
const FORBIDDEN: Record<string, readonly string[]> = {
  AuditLog: ["new", "edit", "delete", "bulkDelete", "hardDelete", "restore"],
  EventLog: ["new", "edit", "delete", "bulkDelete", "hardDelete", "restore"],
  WebhookEvent: ["new", "edit"],
  // Money and its history change only through the billing domain (totals computed in one place).
  Invoice: ["new", "edit"],
  InvoiceLine: ["new", "edit", "delete", "bulkDelete"],
  InvoiceNumberSequence: ["new", "edit", "delete", "bulkDelete"],
  PaymentAttempt: ["new", "edit"],
  // A refund row is Stripe's record of money going back: never edited or removed by hand.
  Refund: ["new", "edit", "delete", "bulkDelete"],
  PromoCodeRedemption: ["new", "edit"],
  PaymentLink: ["new", "edit"],
  ReconciliationRun: ["new", "edit"],
  ReconciliationItem: ["new", "edit"],
  // A deletion and a data export are records of what the privacy domain did: they move only through its actions.
  AccountDeletion: ["new", "edit", "delete", "bulkDelete"],
  DataExport: ["new", "edit", "delete", "bulkDelete"],
  // A balance changes only with a ledger row (wallet domain); the ledger is append-only.
  Wallet: ["new", "edit", "delete", "bulkDelete"],
  WalletTransaction: ["new", "edit", "delete", "bulkDelete"],
  // Payouts move through their machine; a provider's account is the provider's.
  Payout: ["new", "edit", "delete", "bulkDelete"],
  PayoutAccount: ["new", "edit", "delete", "bulkDelete"],
  ApprovalRequest: ["new", "edit", "delete", "bulkDelete"],
};

/**
 * The roles allowed to run a built-in action on a model, or undefined when no rule covers it
 * (then nobody may, and the access test names the gap).
 */
export function rolesFor(model: string, domain: string, action: string): readonly StaffRole[] | undefined {
  const level = BUILT_IN_ACTION_LEVEL[action];
  if (!level) return undefined;
  if (FORBIDDEN[model]?.includes(action)) return [];
  if (level === "hardDelete") return ["admin"];
  const rule = { ...DOMAIN_RULES[domain], ...MODEL_RULES[model] };
  const roles = rule[level];
  if (!roles) return ["admin"];
  return ["admin", ...roles.filter((r) => r !== "admin")];
}

/** management is read-only: a belt-and-braces check on every state-changing action. */
export function isReadOnlyRole(role: StaffRole): boolean {
  return role === "management";
}

/**
 * Who may run each custom (workflow) action, beside the built-in rules above, so every role
 * decision of the panel is in this file. Keys are "Model.action"; an action not listed here
 * cannot be built (reasonAction throws at start).
 */
export const CUSTOM_ACTION_ROLES: Record<string, readonly StaffRole[]> = {
  "ServiceRequest.cancel": ["admin", "support"],
  "User.revokeApiTokens": ["admin", "support"],
  "User.setStaffPassword": ["admin"],
  "ApiToken.revoke": ["admin", "support"],
  "Subscription.cancelNow": ["admin", "finance"],
  "Invoice.issue": ["admin", "finance"],
  "Invoice.void": ["admin", "finance"],
  "Invoice.markPaid": ["admin", "finance"],
  "Invoice.refund": ["admin", "finance"],
  "Invoice.paymentLink": ["admin", "finance"],
  "Invoice.downloadPdf": ["admin", "finance"],
  "Invoice.resendEmail": ["admin", "finance"],
  "WebhookEvent.replay": ["admin", "finance"],
  "ReconciliationRun.startRun": ["admin", "finance"],
  "ReconciliationRun.exportCsv": ["admin", "finance"],
  "ReconciliationItem.resolve": ["admin", "finance"],
  "ReconciliationItem.applyFromStripe": ["admin", "finance"],
  "ReconciliationItem.refundExtra": ["admin", "finance"],
  "VerificationRequest.review": ["admin", "verification"],
  "VerificationRequest.queue": ["admin", "verification"],
  "VerificationRequest.assign": ["admin"],
  "VerificationRequest.cancelByStaff": ["admin", "verification"],
  "PromoRequest.review": ["admin", "content"],
  "PromoRequest.queue": ["admin", "content"],
  "PromoRequest.schedule": ["admin", "content", "finance"],
  "PromoRequest.cancelByStaff": ["admin", "content"],
  // The support desk: agents (and admins) work tickets from queues in one workspace.
  "SupportTicket.review": ["admin", "support"],
  "SupportTicket.queue": ["admin", "support"],
  "SupportTicket.bulkAssign": ["admin", "support"],
  "SupportTicket.bulkPriority": ["admin", "support"],
  "SupportTicket.bulkClose": ["admin", "support"],
  // notifications: the map of events, template preview and test, delivery retry, broadcasts
  "NotificationTemplate.events": ["admin", "content", "support"],
  "NotificationTemplate.preview": ["admin", "content", "support"],
  "NotificationTemplate.sendTest": ["admin", "content"],
  "NotificationDelivery.retry": ["admin", "support"],
  "Broadcast.progress": ["admin", "content"],
  "AccountDeletion.eraseNow": ["admin"],
  "AccountDeletion.cancelDeletion": ["admin", "support"],
  "DataRetentionRule.dryRun": ["admin"],
  // Money: a goodwill credit (support may give one), payouts worked by finance, four-eyes decisions.
  "User.goodwillCredit": ["admin", "support", "finance"],
  "Payout.approve": ["admin", "finance"],
  "Payout.reject": ["admin", "finance"],
  "Payout.markPaid": ["admin", "finance"],
  "Payout.markFailed": ["admin", "finance"],
  "Payout.exportBatch": ["admin", "finance"],
  "ApprovalRequest.approve": ["admin", "finance", "support"],
  "ApprovalRequest.reject": ["admin", "finance", "support"],
  "DataRetentionRule.runNow": ["admin"],
  "LegalHold.release": ["admin"],
  // The jobs console page (every pg-boss queue, retry and cancel): admins only.
  "Jobs.console": ["admin"],
  // Reports are reads: management (read-only everywhere else) runs and downloads them.
  "ReportSchedule.runReport": ["admin", "management", "finance"],
};

/** The roles of a declared custom action. */
export function customActionRoles(key: string): readonly StaffRole[] {
  const roles = CUSTOM_ACTION_ROLES[key];
  if (!roles) throw new Error(`custom action ${key} has no roles in admin/access.ts CUSTOM_ACTION_ROLES`);
  return roles;
}
