/**
 * What each data-retention rule (backoffice_dataretentionrule, by key) applies to: the table, which
 * rows are old enough, which of those another rule protects (legal holds, open invoices and
 * disputes, rows other records still point at), and what delete / anonymize / archive mean there.
 * The dry run and the job read the same two conditions, so what a dry run counts is what a run at
 * the same moment touches.
 *
 * SQL here is fixed text over the alias `t`, with `$1` the cutoff (now − the rule's days); nothing
 * a user typed goes into it.
 */
import type { RetentionAction } from "@prisma/client";
import type { PrismaClient, Prisma } from "@prisma/client";
import { anyObligationSql, userHeldSql } from "../accounts/account-obligations.js";
import { SOFT_DELETE_MODELS, type SoftDeleteModel } from "./soft-delete.service.js";

type Db = PrismaClient | Prisma.TransactionClient;

export interface RetentionTarget {
  key: string;
  /** Prisma model name (the rule's "entity"). */
  entity: string;
  table: string;
  id: { column: string; type: "int" | "text" };
  /** Actions this target supports; the panel refuses the others. */
  actions: readonly RetentionAction[];
  defaults: { retentionDays: number; action: RetentionAction; isActive: boolean; description: string };
  /** Rows old enough for `action` (already handled rows excluded, e.g. an anonymised payload). */
  aged(action: RetentionAction): string;
  /** Rows held back although old enough; resolved once per run (may read the catalog). */
  protectedBy?(db: Db): Promise<string> | string;
  /** anonymize: the SET clause. */
  anonymizeSet?: string;
  /** anonymize done row by row in code (users go through account erasure). */
  anonymizeRowByRow?: boolean;
  /** Columns naming stored files that go with a deleted row. */
  files?: string[];
}

/** A legal hold on this record (entity, id), or on the user who owns it (SQL for the owner's id). */
function heldSql(entity: string, idExpr: string, ownerExpr?: string): string {
  return `EXISTS (SELECT 1 FROM backoffice_legalhold h WHERE h.released_at IS NULL AND ((h.entity = '${entity}' AND h.entity_id = (${idExpr})::text)${ownerExpr ? ` OR h.user_id = (${ownerExpr})` : ""}))`;
}

/**
 * Rows other records still point at cannot go (their foreign keys would break), nor rows whose
 * cascade would take uploaded files along: read from the catalog, so a new reference is covered.
 */
async function referencedSql(db: Db, table: string): Promise<string[]> {
  const refs = await db.$queryRawUnsafe<{ child: string; col: string; del: string; has_files: boolean }[]>(
    `SELECT c.conrelid::regclass::text AS child, a.attname::text AS col, c.confdeltype::text AS del,
            EXISTS (SELECT 1 FROM information_schema.columns ic WHERE ic.table_name = c.conrelid::regclass::text
                    AND ic.column_name IN ('storage_key', 'image_key', 'attachment_key', 'receipt_key')) AS has_files
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND array_length(c.conkey, 1) = 1
      ORDER BY 1, 2`,
    table,
  );
  return refs
    .filter((r) => r.del === "a" || r.del === "r" || (r.del === "c" && r.has_files))
    .map((r) => `EXISTS (SELECT 1 FROM ${r.child} x WHERE x.${r.col} = t.id)`);
}

const SOFT_TABLES: Record<SoftDeleteModel, { table: string; owner?: string; files?: string[] }> = {
  User: { table: "accounts_user", owner: "t.id" },
  ProviderProfile: { table: "providers_providerprofile", owner: "t.user_id" },
  ProviderService: { table: "providers_providerservice", owner: "(SELECT p.user_id FROM providers_providerprofile p WHERE p.id = t.provider_id)" },
  ProviderPortfolioItem: { table: "providers_providerportfolioitem", owner: "(SELECT p.user_id FROM providers_providerprofile p WHERE p.id = t.provider_id)", files: ["image_key"] },
  ServiceRequest: { table: "marketplace_servicerequest", owner: "t.client_id" },
  Offer: { table: "marketplace_offer", owner: "(SELECT p.user_id FROM providers_providerprofile p WHERE p.id = t.provider_id)" },
  Message: { table: "messaging_message", owner: "t.sender_id", files: ["attachment_key"] },
  Review: { table: "reviews_review", owner: "t.client_id" },
  Category: { table: "providers_category" },
  Subcategory: { table: "providers_subcategory" },
};

const softDeleted = (model: SoftDeleteModel): RetentionTarget => {
  const s = SOFT_TABLES[model];
  const isUser = model === "User";
  return {
    key: `soft_deleted.${model}`,
    entity: model,
    table: s.table,
    id: { column: "id", type: "int" },
    // A user row is never removed (invoices and the audit trail point at it): its personal data is erased.
    actions: isUser ? ["anonymize"] : ["delete", "archive"],
    defaults: {
      retentionDays: 90,
      action: isUser ? "anonymize" : "delete",
      isActive: true,
      description: isUser ? "Soft-deleted app accounts: personal data erased (as an account deletion)" : `Soft-deleted ${model} rows removed for good`,
    },
    aged: () =>
      isUser
        ? `t.deleted_at < $1 AND t.user_type <> 'staff' AND NOT EXISTS (SELECT 1 FROM accounts_accountdeletion ad WHERE ad.user_id = t.id AND ad.status = 'completed')`
        : `t.deleted_at < $1`,
    protectedBy: async (db) =>
      [heldSql(model, "t.id", s.owner), ...(isUser ? [anyObligationSql("t.id"), userHeldSql("t.id")] : await referencedSql(db, s.table))].map((c) => `(${c})`).join(" OR "),
    anonymizeRowByRow: isUser,
    files: s.files,
  };
};

export const RETENTION_TARGETS: readonly RetentionTarget[] = [
  {
    key: "webhook_event.payload",
    entity: "WebhookEvent",
    table: "billing_webhookevent",
    id: { column: "id", type: "int" },
    actions: ["anonymize", "delete", "archive"],
    defaults: { retentionDays: 400, action: "anonymize", isActive: true, description: "Payment webhooks: the payload goes, the event id, type and outcome stay" },
    aged: (action) => `t.status IN ('processed', 'ignored') AND t.received_at < $1${action === "anonymize" ? ` AND t.payload <> '{}'::jsonb` : ""}`,
    // A payment finance is still sorting out keeps its evidence.
    protectedBy: () =>
      `${heldSql("WebhookEvent", "t.id")} OR EXISTS (SELECT 1 FROM billing_reconciliationitem ri WHERE ri.status = 'open'
        AND ri.remote_id IN (t.payload #>> '{data,object,id}', t.payload #>> '{data,object,payment_intent}'))`,
    anonymizeSet: `payload = '{}'::jsonb`,
  },
  {
    key: "otp.used",
    entity: "Otp",
    table: "accounts_otp",
    id: { column: "id", type: "int" },
    actions: ["delete", "archive"],
    // Every code expires minutes after it is sent, used or not: past expiry it only counts for the rate limits (an hour at most).
    defaults: { retentionDays: 1, action: "delete", isActive: true, description: "Login codes, used or expired" },
    aged: () => `t.expires_at < $1`,
  },
  {
    key: "session.expired",
    entity: "Session",
    table: "session",
    id: { column: "sid", type: "text" },
    actions: ["delete"],
    defaults: { retentionDays: 1, action: "delete", isActive: true, description: "Expired staff panel sessions" },
    aged: () => `t.expire < $1`,
  },
  {
    key: "rate_limit.expired",
    entity: "RateLimitCounter",
    table: "api_ratelimitcounter",
    id: { column: "key", type: "text" },
    actions: ["delete"],
    defaults: { retentionDays: 1, action: "delete", isActive: true, description: "API rate-limit counters whose window ended" },
    aged: () => `t.reset_at < $1`,
  },
  {
    key: "notification.delivered",
    entity: "Notification",
    table: "notifications_notification",
    id: { column: "id", type: "int" },
    actions: ["delete", "archive"],
    defaults: { retentionDays: 180, action: "delete", isActive: true, description: "Notifications and their deliveries, once nothing is left to send" },
    aged: () => `t.created_at < $1 AND NOT EXISTS (SELECT 1 FROM notifications_notificationdelivery d WHERE d.notification_id = t.id AND d.status = 'queued')`,
    protectedBy: () => heldSql("Notification", "t.id", "t.user_id"),
  },
  {
    key: "data_export.file",
    entity: "DataExport",
    table: "accounts_dataexport",
    id: { column: "id", type: "int" },
    actions: ["delete"],
    defaults: { retentionDays: 7, action: "delete", isActive: true, description: "Personal data exports (the ZIP) after their download window" },
    aged: () => `t.status IN ('ready', 'failed', 'expired') AND coalesce(t.expires_at, t.finished_at, t.created_at) < $1`,
    protectedBy: () => heldSql("DataExport", "t.id", "t.user_id"),
    files: ["storage_key"],
  },
  {
    key: "login_attempt.old",
    entity: "LoginAttempt",
    table: "backoffice_loginattempt",
    id: { column: "id", type: "int" },
    actions: ["delete", "archive"],
    defaults: { retentionDays: 90, action: "delete", isActive: true, description: "Staff sign-in attempts (throttling reads 15 minutes)" },
    aged: () => `t.created_at < $1`,
  },
  {
    key: "idempotency_key.old",
    entity: "IdempotencyKey",
    table: "api_idempotencykey",
    id: { column: "id", type: "int" },
    actions: ["delete"],
    defaults: { retentionDays: 30, action: "delete", isActive: true, description: "Stored API answers for retried requests" },
    aged: () => `t.created_at < $1 AND t.response_status IS NOT NULL`,
  },
  ...SOFT_DELETE_MODELS.map(softDeleted),
];

export function retentionTarget(key: string): RetentionTarget | undefined {
  return RETENTION_TARGETS.find((t) => t.key === key);
}
