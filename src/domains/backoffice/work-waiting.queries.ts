/**
 * What waits for each staff role: counts of the records their work starts from, each with the
 * list filter that shows exactly those records. One declaration feeds both the count (a Prisma
 * `where`) and the link (AdminJS `filters.*` query), so the number and the list cannot disagree.
 */
import type { Deps } from "../../platform/deps.js";
import type { StaffRole } from "./staff-auth.service.js";
import { isSoftDeletable } from "./soft-delete.service.js";

type FilterValue = string | { from?: Date; to?: Date };

export interface WaitingSpec {
  /** Message key of the label (home.<key> in the panel's locale). */
  key: string;
  model: string;
  filter: Record<string, FilterValue>;
  /** Needs attention (an overdue or failed item) rather than routine work. */
  urgent?: boolean;
}

export interface WaitingItem {
  key: string;
  model: string;
  count: number;
  /** Query string of the filtered list, e.g. `filters.status=new`. */
  query: string;
  urgent: boolean;
}

const SPECS = (now: Date): Record<Exclude<StaffRole, "admin" | "management">, WaitingSpec[]> => ({
  support: [
    { key: "ticketsNew", model: "SupportTicket", filter: { status: "new" } },
    { key: "ticketsTriaged", model: "SupportTicket", filter: { status: "triaged" } },
    { key: "ticketsInProgress", model: "SupportTicket", filter: { status: "in_progress" } },
    { key: "ticketsWaiting", model: "SupportTicket", filter: { status: "waiting_on_customer" } },
    { key: "ticketsFirstResponseDue", model: "SupportTicket", filter: { status: "new", firstResponseDueAt: { to: now } }, urgent: true },
    { key: "disputesOpen", model: "Dispute", filter: { status: "open" } },
  ],
  verification: [
    { key: "verificationsInReview", model: "VerificationRequest", filter: { status: "in_review" } },
    { key: "verificationsChangesRequested", model: "VerificationRequest", filter: { status: "changes_requested" } },
    { key: "verificationsAwaitingPayment", model: "VerificationRequest", filter: { status: "pending_payment" } },
  ],
  finance: [
    { key: "reconciliationOpen", model: "ReconciliationItem", filter: { status: "open" }, urgent: true },
    { key: "invoicesIssued", model: "Invoice", filter: { status: "issued" } },
    { key: "invoicesOverdue", model: "Invoice", filter: { status: "issued", dueAt: { to: now } }, urgent: true },
    { key: "webhooksFailed", model: "WebhookEvent", filter: { status: "failed" }, urgent: true },
    { key: "payoutsPending", model: "Payout", filter: { status: "pending" } },
  ],
  content: [
    { key: "promosInReview", model: "PromoRequest", filter: { status: "in_review" } },
    { key: "promosApproved", model: "PromoRequest", filter: { status: "approved" } },
    { key: "promosLive", model: "PromoRequest", filter: { status: "live" } },
    { key: "reviewsHidden", model: "Review", filter: { isHidden: "true" } },
  ],
});

/** The roles whose work an admin and management see on their home (everything, grouped). */
const ALL_GROUPS = ["support", "verification", "finance", "content"] as const;

function where(filter: Record<string, FilterValue>): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (typeof v === "string") w[k] = v === "true" ? true : v === "false" ? false : v;
    else w[k] = { ...(v.from ? { gte: v.from } : {}), ...(v.to ? { lte: v.to } : {}) };
  }
  return w;
}

function query(filter: Record<string, FilterValue>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (typeof v === "string") parts.push(`filters.${k}=${encodeURIComponent(v)}`);
    else {
      if (v.from) parts.push(`filters.${k}~~from=${encodeURIComponent(v.from.toISOString())}`);
      if (v.to) parts.push(`filters.${k}~~to=${encodeURIComponent(v.to.toISOString())}`);
    }
  }
  return parts.join("&");
}

/** The groups of work a role's home shows: its own, or every group for admin and management. */
export function waitingGroups(role: StaffRole): (keyof ReturnType<typeof SPECS>)[] {
  return role === "admin" || role === "management" ? [...ALL_GROUPS] : [role];
}

/**
 * Counts for the role's home. `canList(model)` says whether the role may open that list; items
 * it may not are left out. Soft-deleted rows never count (the lists hide them too).
 */
export async function getWaitingWork(deps: Deps, role: StaffRole, canList: (model: string) => boolean, now = new Date()): Promise<{ group: string; items: WaitingItem[] }[]> {
  const specs = SPECS(now);
  const out: { group: string; items: WaitingItem[] }[] = [];
  for (const group of waitingGroups(role)) {
    const items = await Promise.all(
      specs[group]
        .filter((s) => canList(s.model))
        .map(async (s) => {
          const delegate = (deps.db as unknown as Record<string, { count(a: unknown): Promise<number> }>)[s.model[0]!.toLowerCase() + s.model.slice(1)]!;
          const count = await delegate.count({ where: { ...where(s.filter), ...(isSoftDeletable(s.model) ? { deletedAt: null } : {}) } });
          return { key: s.key, model: s.model, count, query: query(s.filter), urgent: !!s.urgent };
        }),
    );
    if (items.length) out.push({ group, items });
  }
  return out;
}
