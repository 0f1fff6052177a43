/**
 * The two panel actions every review workflow has: a record action for its workspace (GET reads
 * the workspace; a POST names one operation, runs it, and answers the notice with the fresh
 * workspace) and a resource action for its queue (GET lists a view, from the views the workflow
 * offers; POST "next" takes the next item and sends the staff member to its workspace; other POSTs
 * go to the workflow's own handler). The support desk's ticket queues use the same two.
 * Roles come from admin/access.ts; the domain decides everything else.
 */
import { ViewHelpers, type Action, type ActionContext, type ActionRequest, type ActionResponse } from "adminjs";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import { QUEUE_VIEWS, type QueueView } from "../../src/platform/review-queue.js";
import { customActionRoles } from "../access.js";
import { staffCtx } from "../request-context.js";
import type { Ctx } from "../../src/platform/context.js";

type Notice = { message: string; type: "success" | "error" | "info" };
const staffOf = (context: ActionContext) => context.currentAdmin as unknown as StaffSession;
const allowed = (key: string) => ({ currentAdmin }: { currentAdmin?: unknown }) => !!currentAdmin && customActionRoles(key).includes((currentAdmin as StaffSession).role);

export interface WorkspaceActionOptions {
  /** "Model.review": its roles come from CUSTOM_ACTION_ROLES. */
  action: string;
  component: string;
  /** Runs the operation the page POSTed; answers the notice to show. */
  run(staff: StaffSession, id: number, payload: Record<string, unknown>): Promise<Notice>;
  /** What the page draws, read after any operation. */
  view(staff: StaffSession, id: number): Promise<unknown>;
}

/** The workspace record action of a review workflow. */
export function workspaceAction(o: WorkspaceActionOptions): Partial<Action<ActionResponse>> {
  const roles = customActionRoles(o.action);
  return {
    actionType: "record",
    icon: "Eye",
    component: o.component,
    custom: { roles },
    isAccessible: allowed(o.action),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const id = Number(context.record!.id());
      const staff = staffOf(context);
      // GET only reads; every change is a POST naming its operation.
      const notice = request.method === "post" ? await o.run(staff, id, (request.payload ?? {}) as Record<string, unknown>) : undefined;
      return { record: context.record!.toJSON(context.currentAdmin), workspace: await o.view(staff, id), ...(notice ? { notice } : {}) };
    },
  };
}

export interface QueueActionOptions<V extends string = QueueView> {
  /** "Model.queue": its roles come from CUSTOM_ACTION_ROLES. */
  action: string;
  /** The views the queue offers, the first being the default (unclaimed / mine / all unless said). */
  views?: readonly V[];
  component: string;
  /** The resource whose workspace action ("review") Next opens. */
  resourceId: string;
  /** Notice key when Next claimed an item. */
  claimedMessage: string;
  next(ctx: Ctx): Promise<{ id: number } | null>;
  /** What the queue page draws for one view. */
  list(staff: StaffSession, view: V): Promise<Record<string, unknown>>;
  /** POSTed operations other than "next" (e.g. assign); unknown ones are refused. */
  other?(staff: StaffSession, payload: Record<string, unknown>): Promise<Notice | undefined>;
}

/** The queue resource action of a review workflow. */
export function queueAction<V extends string = QueueView>(o: QueueActionOptions<V>): Partial<Action<ActionResponse>> {
  const h = new ViewHelpers();
  const views = o.views ?? (QUEUE_VIEWS as readonly string[] as readonly V[]);
  return {
    actionType: "resource",
    icon: "Inbox",
    component: o.component,
    custom: { roles: customActionRoles(o.action) },
    isAccessible: allowed(o.action),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const staff = staffOf(context);
      if (request.method === "post") {
        const payload = (request.payload ?? {}) as Record<string, unknown>;
        if (payload.op === "next") {
          const next = await o.next(staffCtx(staff));
          if (!next) return { notice: { message: "queueEmptyNotice", type: "info" } };
          return { redirectUrl: h.recordActionUrl({ resourceId: o.resourceId, recordId: String(next.id), actionName: "review" }), notice: { message: o.claimedMessage, type: "success" } };
        }
        return { notice: (await o.other?.(staff, payload)) ?? { message: "unknownOperation", type: "error" } };
      }
      const view = views.find((v) => v === (request.query as Record<string, unknown> | undefined)?.view) ?? views[0]!;
      return { view, ...(await o.list(staff, view)) };
    },
  };
}
