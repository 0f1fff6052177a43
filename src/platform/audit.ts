/**
 * The append-only audit trail (backoffice_auditlog). Every panel create/edit/delete and every
 * domain transition writes one row, in the same transaction as the change it describes.
 * A database trigger refuses UPDATE and DELETE on the table.
 */
import type { Ctx } from "./context.js";
import type { Tx } from "./database/transaction.js";
import { AUDIT_REDACTED_USER_FIELDS } from "./personal-data.js";
import { SECRET_FIELDS } from "./secret-fields.js";

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

const IGNORED_FIELDS = new Set(["updatedAt"]);
/** Secrets are audited as "changed" without their values. */
const REDACTED_FIELDS = new Set(["passwordHash", "codeHash", "tokenHash", "requestHash", "token", "sess"]);
const REDACTED = "[redacted]";
/**
 * A person's identity fields (name, phone, email, city) are audited as changed without their
 * values: the trail is append-only, so a value written here would outlive the account's erasure.
 * Who they were stays findable through actorId/entityId and the (pseudonymised) user row.
 */
const PERSONAL = "[personal]";
const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = { User: AUDIT_REDACTED_USER_FIELDS };

function withoutSecretOrPersonalValues(entity: string, changes: FieldChanges): FieldChanges {
  const personal = PERSONAL_FIELDS[entity] ?? [];
  const secret = SECRET_FIELDS[entity] ?? [];
  if (!personal.length && !secret.length) return changes;
  const out: FieldChanges = { ...changes };
  const mask = (fields: readonly string[], label: string) => {
    for (const f of fields) {
      const c = out[f];
      if (c) out[f] = { before: c.before == null ? null : label, after: c.after == null ? null : label };
    }
  };
  mask(personal, PERSONAL);
  // The entity's secrets (storage keys of private files, tokens): changed, without their values.
  mask(secret, REDACTED);
  return out;
}

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}

function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v === undefined ? null : v;
}

/** The fields whose values differ between two versions of a record (either may be absent). */
export function diffRecords(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChanges = {};
  for (const k of keys) {
    if (IGNORED_FIELDS.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (comparable(b) === comparable(a)) continue;
    changes[k] = REDACTED_FIELDS.has(k) ? { before: b == null ? null : REDACTED, after: a == null ? null : REDACTED } : { before: jsonValue(b) ?? null, after: jsonValue(a) ?? null };
  }
  return changes;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  changes?: FieldChanges;
  meta?: Record<string, unknown>;
}

/** Appends one audit row inside `tx`. */
export async function writeAudit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const changes = { ...withoutSecretOrPersonalValues(entry.entity, entry.changes ?? {}), ...(entry.meta ? { _meta: entry.meta } : {}) };
  // Written as SQL: every status change writes one, and a model create costs several times more
  // client CPU (query compilation) than this statement. The time is the app's clock, as before.
  await tx.$executeRaw`
    INSERT INTO backoffice_auditlog (actor_type, actor_id, actor_label, action, entity, entity_id, changes, ip, request_id, created_at)
    VALUES (${ctx.actor.type}::actor_type, ${ctx.actor.id ?? null}, ${ctx.actor.label ?? null}, ${entry.action}, ${entry.entity}, ${String(entry.entityId)},
            ${JSON.stringify(changes)}::jsonb, ${ctx.ip ?? null}, ${ctx.requestId ?? null}, ${new Date()})`;
}
