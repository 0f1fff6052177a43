/**
 * The support desk in the panel (support agents and admins): the ticket queues (unassigned, mine,
 * my teams, breached, waiting on the customer; Next), the ticket workspace (one timeline, a
 * composer for replies, drafts and internal notes with canned replies, triage, status, reopen,
 * merge, and a dispute's request, offers, messages and refund), and bulk assign, priority and
 * close on the ticket list. Every change is a support domain command; the author of anything
 * written is the signed-in agent, and what a ticket offers comes from its state machine.
 */
import type { ActionContext, ActionRequest, ActionResponse, ResourceOptions } from "adminjs";
import type { Router } from "express";
import type { Deps } from "../../src/platform/deps.js";
import type { Storage } from "../../src/platform/storage.js";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import * as support from "../../src/domains/support/index.js";
import { nowOf } from "../../src/platform/clock.js";
import { canTransition } from "../../src/platform/transitions.js";
import { message } from "../../src/api/messages.js";
import { errorMessage } from "../actions/reason-action.js";
import { queueAction, workspaceAction } from "../actions/review-actions.js";
import { Components } from "../components.js";
import { customActionRoles } from "../access.js";
import { parseMoneyInput } from "../money-input.js";
import { staffCtx, staffLanguage } from "../request-context.js";
import { STATUS_TONES } from "../status-tones.js";
import { storedFileRoute } from "../file-route.js";

const REVIEW = "SupportTicket.review";
const QUEUE = "SupportTicket.queue";
type Lang = "ar" | "en";
type Notice = { message: string; type: "success" | "error" | "info" };

/** Where an agent's browser fetches a ticket attachment (the route below checks the role). */
const attachmentUrl = (id: number) => `/admin/support/attachments/${id}`;
const withUrls = <A extends { id: number }>(files: A[]) => files.map((a) => ({ ...a, url: attachmentUrl(a.id) }));
const staffOf = (context: ActionContext) => context.currentAdmin as unknown as StaffSession;
const nameIn = (t: { nameAr: string; nameEn: string } | null | undefined, lang: Lang) => (t ? (lang === "ar" ? t.nameAr : t.nameEn) : null);
const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const optionalId = (v: unknown) => (str(v) ? Number(str(v)) : undefined);

/** The agents a ticket may be given: available members (active in the team, active account and panel access), per team. */
async function agentsByTeam(deps: Deps) {
  const rows = await deps.db.supportTeamMember.findMany({
    where: { isActive: true, team: { isActive: true }, user: { isActive: true, deletedAt: null, accessProfile: { isActive: true } } },
    select: { teamId: true, user: { select: { id: true, fullName: true } } },
    orderBy: [{ user: { fullName: "asc" } }],
  });
  const agents = new Map<number, { id: number; name: string; teamIds: number[] }>();
  for (const r of rows) {
    const a = agents.get(r.user.id) ?? { id: r.user.id, name: r.user.fullName, teamIds: [] };
    a.teamIds.push(r.teamId);
    agents.set(r.user.id, a);
  }
  return [...agents.values()];
}

/** The running deadline as the page shows it: which one, when, whether missed or stopped. */
function slaOf(t: { status: string; slaDueAt: Date | null; firstResponseDueAt: Date | null; resolutionDueAt: Date | null; firstRespondedAt: Date | null; firstResponseBreachedAt: Date | null; resolutionBreachedAt: Date | null; slaPausedAt: Date | null }) {
  const done = t.status === "resolved" || t.status === "closed";
  const firstResponse = !t.firstRespondedAt && !t.firstResponseBreachedAt;
  return {
    kind: done ? null : firstResponse ? ("first_response" as const) : ("resolution" as const),
    dueAt: done ? null : (t.slaDueAt ?? t.resolutionDueAt),
    paused: !!t.slaPausedAt,
    breached: !!(t.firstResponseBreachedAt || t.resolutionBreachedAt),
  };
}

/** The workspace as the page draws it: the domain's read, worded in the agent's language, with what the machine allows. */
async function workspaceView(deps: Deps, id: number, staff: StaffSession) {
  const lang = staffLanguage(staff);
  const [ws, canned, agents, teams] = await Promise.all([
    support.getTicketWorkspace(deps, id, staff.id),
    support.cannedRepliesFor(deps, id, staff.id),
    agentsByTeam(deps),
    deps.db.supportTeam.findMany({ orderBy: { id: "asc" }, select: { id: true, nameAr: true, nameEn: true, isActive: true } }),
  ]);
  const t = ws.ticket;
  const status = t.status as support.TicketStatus;
  const merged = !!t.mergedIntoId;
  const open = support.OPEN_STATUSES.includes(status);
  // The domain names a re-assigned team in English; the page names it in the agent's language.
  const teamByEnglish = new Map(teams.map((x) => [x.nameEn, x]));
  const comments = ws.timeline.filter((i) => i.kind === "comment");
  const myDraft = comments.filter((c) => c.draft && c.author.id === staff.id).at(-1) ?? null;
  const timeline = [
    // The customer's opening message comes first, as the conversation began.
    { kind: "comment" as const, at: t.createdAt, id: 0, visibility: "public_reply" as const, draft: false, body: t.description, author: { id: t.requester.id, name: t.requester.fullName, staff: false }, attachments: withUrls(t.attachments) },
    ...ws.timeline
      .filter((i) => !(i.kind === "comment" && i.draft))
      .map((i) => (i.kind === "assignment" ? { ...i, team: i.team ? (nameIn(teamByEnglish.get(i.team), lang) ?? i.team) : null } : i.kind === "comment" ? { ...i, attachments: withUrls(i.attachments) } : i)),
  ];
  const settable = (["in_progress", "waiting_on_customer", "resolved", "closed"] as const).filter((to) => support.canSetStatus(status, to));
  const d = ws.dispute;
  return {
    now: ws.now,
    me: staff.id,
    ticket: {
      id: t.id, code: t.code, subject: t.subject, status, statusTone: STATUS_TONES.SupportTicketStatus?.[status] ?? "neutral", priority: t.priority, type: t.type, createdAt: t.createdAt,
      requester: t.requester,
      team: t.assignedTeam ? { id: t.assignedTeam.id, name: nameIn(t.assignedTeam, lang) } : null,
      assignee: t.assignedTo ? { id: t.assignedTo.id, name: t.assignedTo.fullName } : null,
      mergedInto: t.mergedInto, mergedFrom: t.mergedFrom, followUpOf: t.followUpOf, reportedUser: t.reportedUser, reportedEntity: t.reportedEntity, reportedEntityId: t.reportedEntityId,
      relatedRequestId: t.relatedRequestId, rating: t.rating, ratingComment: t.ratingComment,
    },
    sla: slaOf(t),
    timeline,
    myDraft: myDraft ? { id: myDraft.id, body: myDraft.body } : null,
    othersDrafts: ws.othersDrafts,
    canned: canned.map((c) => ({ id: c.id, title: lang === "ar" ? c.titleAr : c.titleEn, bodyAr: c.bodyAr, bodyEn: c.bodyEn })),
    customerLanguage: t.requester.language,
    options: {
      canWrite: !merged && status !== "closed",
      canNote: true,
      canTriage: open && !merged,
      statuses: merged ? [] : settable.filter((to) => !(to === "in_progress" && (status === "resolved" || status === "closed"))),
      canReopen: !merged && (status === "resolved" || status === "closed"),
      mergeTargets: !merged && status !== "closed" && !d
        ? ws.otherTickets.filter((o) => support.OPEN_STATUSES.includes(o.status as support.TicketStatus)).map((o) => ({ id: o.id, code: o.code, subject: o.subject }))
        : [],
      teams: teams.filter((x) => x.isActive).map((x) => ({ id: x.id, name: nameIn(x, lang)! })),
      agents,
      priorities: support.PRIORITIES,
    },
    otherTickets: ws.otherTickets,
    recentRequests: ws.recentRequests,
    dispute: d
      ? {
          id: d.id, status: d.status, statusTone: STATUS_TONES.DisputeStatus?.[d.status] ?? "neutral", kind: d.kind, outcome: d.outcome, resolution: d.resolution, refundAmount: d.refundAmount, description: d.description,
          request: d.request ? { ...d.request, messages: d.request.thread?.messages ?? [], thread: undefined } : null,
          invoices: d.invoices,
          canStartReview: canTransition(support.disputeMachine, d.status as support.DisputeStatus, "under_review"),
          canResolve: d.status === "under_review",
          outcomes: support.DISPUTE_OUTCOMES,
        }
      : null,
  };
}

type Op = Record<string, unknown> & { op?: string };

/** Runs one workspace command; answers the notice (a key on success, the refusal in the agent's language). */
async function runOp(deps: Deps, staff: StaffSession, id: number, p: Op): Promise<Notice> {
  const ctx = staffCtx(staff);
  try {
    switch (p.op) {
      case "saveDraft":
        await support.saveDraft(deps, ctx, id, { body: str(p.body), draftId: optionalId(p.draftId) });
        return { message: "ticketDraftSaved", type: "success" };
      case "discardDraft":
        await support.discardDraft(deps, ctx, id, Number(p.draftId));
        return { message: "ticketDraftDiscarded", type: "success" };
      case "reply":
        await support.sendReply(deps, ctx, id, { body: str(p.body), draftId: optionalId(p.draftId), then: (str(p.then) || undefined) as never });
        return { message: "ticketReplySent", type: "success" };
      case "note":
        await support.addNote(deps, ctx, id, { body: str(p.body) });
        return { message: "ticketNoteAdded", type: "success" };
      case "setStatus":
        await support.setTicketStatus(deps, ctx, id, { to: str(p.to) as never, note: str(p.note) || undefined });
        return { message: "ticketStatusSet", type: "success" };
      case "reopen":
        await support.reopenTicket(deps, ctx, id, str(p.note) || undefined);
        return { message: "ticketReopened", type: "success" };
      case "triage":
        await support.triageTicket(deps, ctx, id, {
          priority: (str(p.priority) || undefined) as never,
          teamId: optionalId(p.teamId),
          // "" leaves the assignee alone, "none" takes the ticket from whoever holds it.
          assigneeId: p.assigneeId === "none" ? null : optionalId(p.assigneeId),
        });
        return { message: "ticketTriaged", type: "success" };
      case "merge":
        await support.mergeTicket(deps, ctx, id, Number(p.targetId));
        return { message: "ticketMerged", type: "success" };
      case "startDisputeReview":
        await support.startDisputeReview(deps, ctx, id);
        return { message: "disputeReviewStarted", type: "success" };
      case "resolveDispute":
        await support.resolveDispute(deps, ctx, id, {
          outcome: str(p.outcome) as never,
          resolution: str(p.resolution),
          invoiceId: optionalId(p.invoiceId),
          amount: parseMoneyInput("amount", str(p.amount)),
        });
        return { message: "disputeResolved", type: "success" };
      default:
        return { message: "unknownOperation", type: "error" };
    }
  } catch (err) {
    return { message: errorMessage(err, staffLanguage(staff)), type: "error" };
  }
}

/** One queue's rows worded for the agent (team in their language), with the counts of every tab. */
async function queueView(deps: Deps, staff: StaffSession, view: support.TicketQueue) {
  const lang = staffLanguage(staff);
  const q = await support.listTicketQueue(deps, staff.id, view);
  return {
    views: support.TICKET_QUEUES,
    counts: q.counts,
    now: nowOf(deps),
    rows: q.rows.map((r) => ({
      id: r.id, code: r.code, subject: r.subject, type: r.type, status: r.status, priority: r.priority, customer: r.requester,
      team: lang === "ar" ? r.team_ar : r.team_en, assignee: r.assignee, dueAt: r.due_at, breached: r.breached, paused: r.paused,
    })),
  };
}

/** Desk counts for the home page: one card per queue, opening that queue. */
export async function supportDeskHome(deps: Deps, staffId: number) {
  const counts = await support.ticketQueueCounts(deps, staffId);
  return support.TICKET_QUEUES.map((view) => ({
    key: `desk_${view}`, model: "SupportTicket", count: counts[view], query: `view=${view}`,
    href: `/admin/resources/SupportTicket/actions/queue?view=${view}`, urgent: view === "breached",
  }));
}

type BulkKind = "bulkAssign" | "bulkPriority" | "bulkClose";

/** A bulk action on the ticket list: GET lists the picked tickets (and agents); POST runs the domain's bulk command and reports done and skipped. */
function bulkAction(deps: Deps, kind: BulkKind, icon: string) {
  const key = `SupportTicket.${kind}`;
  const roles = customActionRoles(key);
  return {
    actionType: "bulk" as const,
    icon,
    component: Components.TicketBulk,
    showInDrawer: false,
    custom: { roles, kind },
    isAccessible: ({ currentAdmin }: { currentAdmin?: unknown }) => !!currentAdmin && roles.includes((currentAdmin as StaffSession).role),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const staff = staffOf(context);
      const records = context.records ?? [];
      const json = records.map((r) => r.toJSON(context.currentAdmin));
      if (request.method !== "post") return { records: json, agents: kind === "bulkAssign" ? await agentsByTeam(deps) : [], priorities: support.PRIORITIES };
      const p = (request.payload ?? {}) as Record<string, unknown>;
      const ids = records.map((r) => Number(r.id()));
      const ctx = staffCtx(staff);
      const lang = staffLanguage(staff);
      let result: support.BulkResult;
      try {
        result =
          kind === "bulkAssign"
            ? await support.bulkAssign(deps, ctx, { ids, assigneeId: Number(p.assigneeId) })
            : kind === "bulkPriority"
              ? await support.bulkSetPriority(deps, ctx, { ids, priority: str(p.priority) as support.TicketPriority })
              : await support.bulkClose(deps, ctx, { ids, note: str(p.note) || undefined });
      } catch (err) {
        return { records: json, notice: { message: errorMessage(err, lang), type: "error" } };
      }
      const codes = new Map(records.map((r) => [Number(r.id()), String(r.params.code)]));
      const skipped = Object.entries(result.skipped).map(([id, code]) => ({ id: Number(id), code: codes.get(Number(id)) ?? `#${id}`, reason: skipReason(code, lang) }));
      return {
        records: json,
        result: { done: result.done.map((id) => ({ id, code: codes.get(id) ?? `#${id}` })), skipped },
        notice: { message: skipped.length ? "bulkPartlyDone" : "bulkDone", type: skipped.length ? "info" : "success", options: { done: result.done.length, skipped: skipped.length } } as never,
      };
    },
  };
}

/**
 * Why a bulk step skipped a ticket, in a few words: the domain reports only the error's code, so a
 * field refusal is bulk assign's only one (the agent is not in that ticket's team) and a refused
 * move reads as such; other codes use the catalog's message.
 */
function skipReason(code: string, lang: Lang): string {
  if (code === "VALIDATION_FAILED") return message("NOT_A_SUPPORT_AGENT", lang)!;
  if (code === "TICKET_NOT_OPEN" || code === "INVALID_TRANSITION") return message("INVALID_TRANSITION", lang)!;
  return message(code, lang) ?? code;
}

/** The per-model options for the support models (merged into admin/index.ts perModel). */
export function supportResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    SupportTicket: {
      // Seven columns keep the list inside the page; the type is a filter, deadlines are in the queues.
      listProperties: ["code", "subject", "requester", "status", "priority", "assignedTo", "createdAt"],
      filterProperties: ["status", "priority", "type", "assignedTeam", "assignedTo", "requester", "code", "createdAt"],
      sort: { sortBy: "id", direction: "desc" },
      properties: {
        description: { type: "textarea", isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        review: workspaceAction({
          action: REVIEW,
          component: Components.TicketWorkspace,
          run: (staff, id, payload) => runOp(deps, staff, id, payload as Op),
          view: (staff, id) => workspaceView(deps, id, staff),
        }),
        queue: queueAction<support.TicketQueue>({
          action: QUEUE,
          component: Components.TicketQueue,
          resourceId: "SupportTicket",
          views: support.TICKET_QUEUES,
          claimedMessage: "ticketTaken",
          next: (ctx) => support.takeNextTicket(deps, ctx),
          list: (staff, view) => queueView(deps, staff, view),
        }),
        bulkAssign: bulkAction(deps, "bulkAssign", "UserCheck"),
        bulkPriority: bulkAction(deps, "bulkPriority", "Flag"),
        bulkClose: bulkAction(deps, "bulkClose", "XCircle"),
      },
    },
    SupportTriageRule: {
      listProperties: ["id", "nameAr", "nameEn", "category", "team", "priority", "sortOrder", "isActive"],
      sort: { sortBy: "sortOrder", direction: "asc" },
    },
    SupportCannedReply: {
      listProperties: ["id", "code", "titleAr", "titleEn", "isActive", "updatedAt"],
      sort: { sortBy: "code", direction: "asc" },
      properties: {
        bodyAr: { type: "textarea", props: { rows: 6 } },
        bodyEn: { type: "textarea", props: { rows: 6 } },
      },
    },
  };
}

/**
 * GET /admin/support/attachments/:id — a file attached to a ticket (a photo, a screenshot or a
 * PDF), for whoever works the desk, typed from its bytes and shown inline.
 */
export function supportRoutes(router: Router, deps: Deps, storage: Storage): void {
  storedFileRoute(router, storage, {
    path: "/support/attachments/:id",
    allowed: (role) => customActionRoles(REVIEW).includes(role),
    find: (id) => deps.db.supportAttachment.findUnique({ where: { id }, select: { storageKey: true, fileName: true } }),
    mimeTypes: support.ATTACHMENT_MIME_TYPES,
    framable: true,
  });
}
