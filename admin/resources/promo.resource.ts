/**
 * Promo approval in the panel (content staff): the queue of paid promotions (unclaimed / mine /
 * all, Next), the review workspace (images at their pixel size, targeting, dates, price, what else
 * is booked in the same slot, the provider's history) with approve / reject / ask for changes, the
 * schedule of approved and live promotions per placement and city, staff cancel, and the route
 * that serves promotion images to staff. Every change is a promo domain command.
 */
import type { ActionContext, ActionRequest, ResourceOptions } from "adminjs";
import type { Router } from "express";
import type { Deps } from "../../src/platform/deps.js";
import type { Storage } from "../../src/platform/storage.js";
import type { StaffSession } from "../../src/domains/backoffice/staff-auth.service.js";
import * as promo from "../../src/domains/promo/index.js";
import { canTransition } from "../../src/platform/transitions.js";
import { riyadhDay, riyadhDayStart, DAY_MS } from "../../src/platform/riyadh-time.js";
import { errorMessage, reasonAction } from "../actions/reason-action.js";
import { queueAction, workspaceAction } from "../actions/review-actions.js";
import { Components } from "../components.js";
import { customActionRoles } from "../access.js";
import { staffCtx, staffLanguage } from "../request-context.js";
import { storedFileRoute } from "../file-route.js";
import { arabicCityName } from "../../src/platform/cities.js";

/** A stored city as the staff member reads it (the Arabic name on Arabic pages). */
const cityIn = (city: string | null, lang: "ar" | "en") => (city && lang === "ar" ? (arabicCityName(city) ?? city) : city);

const REVIEW = "PromoRequest.review";
const QUEUE = "PromoRequest.queue";
const SCHEDULE = "PromoRequest.schedule";

const has = (key: string) => ({ currentAdmin }: { currentAdmin?: unknown }) => !!currentAdmin && customActionRoles(key).includes((currentAdmin as StaffSession).role);
const staffOf = (context: ActionContext) => context.currentAdmin as unknown as StaffSession;
/** Where a reviewer's browser fetches a promotion image (the route below checks the role). */
const assetUrl = (assetId: number) => `/admin/promo/assets/${assetId}`;

type Op = { op: "claim" | "release" | "approve" } | { op: "reject"; reason: string } | { op: "requestChanges"; message: string };

/** Runs one workspace command; answers the notice (key on success, the error in the staff member's language). */
async function runOp(deps: Deps, staff: StaffSession, id: number, p: Op): Promise<{ message: string; type: "success" | "error" }> {
  const ctx = staffCtx(staff);
  try {
    switch (p.op) {
      case "claim":
        await promo.claimPromoRequest(deps, ctx, id);
        return { message: "promoClaimed", type: "success" };
      case "release":
        await promo.releasePromoRequest(deps, ctx, id);
        return { message: "verificationReleased", type: "success" };
      case "approve":
        await promo.approvePromoRequest(deps, ctx, id);
        return { message: "promoApproved", type: "success" };
      case "reject":
        await promo.rejectPromoRequest(deps, ctx, id, { reason: p.reason });
        return { message: "promoRejected", type: "success" };
      case "requestChanges":
        await promo.requestPromoChanges(deps, ctx, id, { message: p.message });
        return { message: "promoChangesRequested", type: "success" };
      default:
        return { message: "unknownOperation", type: "error" };
    }
  } catch (err) {
    return { message: errorMessage(err, staffLanguage(staff)), type: "error" };
  }
}

/** The workspace as the page draws it: the domain's read plus image URLs, names and what the machine allows. */
async function workspaceView(deps: Deps, id: number, staff: StaffSession) {
  const ws = await promo.getPromoWorkspace(deps, id, staff.id);
  const lang = staffLanguage(staff);
  const r = { ...ws.request, targetCity: cityIn(ws.request.targetCity, lang) };
  const status = r.status as promo.PromoStatus;
  return {
    ...ws,
    placementName: promo.PLACEMENT_NAMES[r.placement as promo.Placement],
    startsOn: riyadhDay(r.startsAt),
    lastDay: riyadhDay(new Date(r.endsAt.getTime() - DAY_MS)),
    request: { ...r, assets: r.assets.map((a) => ({ ...a, url: assetUrl(a.id) })) },
    overlapping: ws.overlapping.map((o) => ({ ...o, targetCity: cityIn(o.targetCity, lang), startsOn: riyadhDay(o.startsAt), lastDay: riyadhDay(new Date(o.endsAt.getTime() - DAY_MS)), provider: o.requester.providerProfile?.displayName ?? null })),
    decisions: {
      canDecide: status === "in_review" && (ws.claim.mine || ws.claim.byId === null),
      approve: canTransition(promo.promoMachine, status, "approved"),
      reject: canTransition(promo.promoMachine, status, "rejected"),
      requestChanges: canTransition(promo.promoMachine, status, "changes_requested"),
    },
  };
}

/** The schedule: days from `from` for `days` days, and each approved or live promotion over them. */
async function scheduleView(deps: Deps, fromDay: string, days: number, lang: "ar" | "en") {
  const from = riyadhDayStart(fromDay);
  const to = new Date(from.getTime() + days * DAY_MS);
  const rows = await promo.listPromoSchedule(deps, from, to);
  const rules = (await promo.placementCatalog(deps.db)).rules;
  return {
    from: fromDay,
    days: Array.from({ length: days }, (_, i) => riyadhDay(new Date(from.getTime() + i * DAY_MS))),
    placements: promo.PLACEMENTS.map((p) => ({ placement: p, name: promo.PLACEMENT_NAMES[p][lang], maxLivePerCity: rules[p].maxLivePerCity ?? null })),
    rows: rows.map((r) => ({
      id: r.id, title: r.title, placement: r.placement, status: r.status, city: cityIn(r.targetCity, lang),
      subcategory: r.targetSubcategory ? (lang === "ar" ? r.targetSubcategory.nameAr : r.targetSubcategory.nameEn) : null,
      provider: r.requester.providerProfile?.displayName ?? r.requester.fullName,
      startsOn: riyadhDay(r.startsAt), lastDay: riyadhDay(new Date(r.endsAt.getTime() - DAY_MS)),
    })),
  };
}

/** The per-model options for the promo models (merged into admin/index.ts perModel). */
export function promoResources(deps: Deps): Record<string, ResourceOptions> {
  return {
    PromoRequest: {
      listProperties: ["id", "title", "requester", "placement", "status", "startsAt", "endsAt"],
      filterProperties: ["status", "placement", "targetCity", "requester", "claimedBy", "startsAt", "createdAt"],
      sort: { sortBy: "id", direction: "desc" },
      properties: {
        decisionReason: { type: "textarea", isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        review: workspaceAction({
          action: REVIEW,
          component: Components.PromoWorkspace,
          run: (staff, id, payload) => runOp(deps, staff, id, payload as Op),
          view: (staff, id) => workspaceView(deps, id, staff),
        }),
        queue: queueAction({
          action: QUEUE,
          component: Components.ReviewQueue,
          resourceId: "PromoRequest",
          claimedMessage: "promoClaimed",
          next: (ctx) => promo.claimNextPromoRequest(deps, ctx),
          list: async (staff, view) => {
            const lang = staffLanguage(staff);
            const queue = await promo.listPromoReviewQueue(deps, staff.id, view);
            const now = Date.now();
            const rows = queue.rows.map((r) => ({
              id: r.id, provider: r.provider, claimedBy: r.claimedBy, claimLive: r.claimLive,
              subject: promo.PLACEMENT_NAMES[r.placement as promo.Placement][lang],
              // The date range is isolated left to right (U+2066…U+2069) so it reads in order on Arabic pages.
              details: `${r.title} · \u2066${riyadhDay(r.startsAt)} → ${riyadhDay(new Date(r.endsAt.getTime() - DAY_MS))}\u2069`,
              ageHours: r.queuedAt ? Math.floor((now - r.queuedAt.getTime()) / 3_600_000) : 0,
              thumbUrl: r.firstAssetId ? assetUrl(r.firstAssetId) : null,
            }));
            return { counts: queue.counts, rows, reviewers: [], canAssign: false, titleKey: "promoQueueTitle", subjectKey: "promoPlacement" };
          },
        }),
        schedule: {
          actionType: "resource",
          icon: "Calendar",
          component: Components.PromoSchedule,
          custom: { roles: customActionRoles(SCHEDULE) },
          isAccessible: has(SCHEDULE),
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
            const q = (request.query ?? {}) as Record<string, unknown>;
            const today = riyadhDay(new Date());
            const from = typeof q.from === "string" && !Number.isNaN(riyadhDayStart(q.from).getTime()) ? q.from : today;
            return scheduleView(deps, from, 28, staffLanguage(staffOf(context)));
          },
        },
        cancelByStaff: reasonAction({
          action: "PromoRequest.cancelByStaff",
          moves: { machine: promo.promoMachine, to: "cancelled" },
          run: (ctx, id, reason) => promo.cancelPromoRequestByStaff(deps, ctx, id, reason),
          successMessage: "promoCancelled",
        }),
      },
    },
  };
}

/**
 * GET /admin/promo/assets/:id — a promotion image for staff who review or schedule promotions,
 * typed from its bytes; shown inline in the panel and nowhere else.
 */
export function promoRoutes(router: Router, deps: Deps, storage: Storage): void {
  storedFileRoute(router, storage, {
    path: "/promo/assets/:id",
    allowed: (role) => customActionRoles(REVIEW).includes(role) || customActionRoles(SCHEDULE).includes(role),
    find: (id) => promo.getPromoAssetFile(deps, id),
    mimeTypes: promo.ASSET_MIME_TYPES,
    downloadName: (id, _stored, ext) => `promo-${id}.${ext}`,
  });
}
