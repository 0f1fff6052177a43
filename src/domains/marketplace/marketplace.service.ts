/**
 * Marketplace commands: the service-request lifecycle and offers. Each status change goes
 * through `transition` (row lock, allowed-move check, status log, audit row, events — one
 * transaction). Callers: the public API (clients and providers) and the admin panel (staff).
 */
import { lockRow } from "../../platform/database/transaction.js";
import type { Offer, ServiceRequest } from "@prisma/client";
import type { Ctx, ActorType } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { emitEvents } from "../../platform/events.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { MarketplaceEvents as E } from "./marketplace.events.js";
import {
  cancelReasonSchema,
  createRequestSchema,
  submitOfferSchema,
  type CreateRequestInput,
  type SubmitOfferInput,
} from "./marketplace.schemas.js";
import { CLIENT_CANCELLABLE, offerMachine, requestMachine, type OfferStatus, type RequestStatus } from "./marketplace.status.js";

function requireUser(ctx: Ctx): number {
  if (!ctx.actor.id) throw new ForbiddenError("a signed-in user is required");
  return ctx.actor.id;
}

/** Status-log actor type: staff and system as they are; a user is client or provider by their role on this request. */
function logActorType(ctx: Ctx, request: { clientId: number }): ActorType {
  if (ctx.actor.type === "staff" || ctx.actor.type === "system") return ctx.actor.type;
  return ctx.actor.id === request.clientId ? "client" : "provider";
}

function requestStatusLog(ctx: Ctx, note?: string) {
  return (tx: Tx, a: { from: RequestStatus; to: RequestStatus; before: ServiceRequest }) =>
    tx.requestStatusLog.create({
      data: { requestId: a.before.id, fromStatus: a.from, toStatus: a.to, actorType: logActorType(ctx, a.before), actorId: ctx.actor.id ?? null, note: note ?? null },
    });
}

async function providerProfileOf(deps: Deps | Tx, userId: number) {
  const db = "db" in deps ? deps.db : deps;
  const profile = await db.providerProfile.findFirst({ where: { userId, deletedAt: null } });
  if (!profile) throw new DomainError("NOT_A_PROVIDER", "this account has no provider profile", 403);
  return profile;
}

/** A client posts a new service request. */
export async function createRequest(deps: Deps, ctx: Ctx, input: CreateRequestInput): Promise<ServiceRequest> {
  const clientId = requireUser(ctx);
  const data = createRequestSchema.parse(input);
  const sub = await deps.db.subcategory.findFirst({ where: { id: data.subcategoryId, isActive: true, deletedAt: null } });
  if (!sub) throw new DomainError("UNKNOWN_SUBCATEGORY", "the subcategory does not exist", 422, { fields: { subcategoryId: "UNKNOWN_SUBCATEGORY" } });
  return deps.db.$transaction(async (tx) => {
    const request = await tx.serviceRequest.create({ data: { ...data, clientId } });
    await tx.requestStatusLog.create({ data: { requestId: request.id, fromStatus: null, toStatus: "new", actorType: "client", actorId: clientId } });
    await writeAudit(tx, ctx, { action: "request.create", entity: "ServiceRequest", entityId: request.id });
    await emitEvents(deps, tx, ctx, [{ name: E.REQUEST_CREATED, entity: "ServiceRequest", entityId: request.id, payload: { requestId: request.id, clientId, subcategoryId: data.subcategoryId, city: data.city } }]);
    return request;
  });
}

/** A provider answers an open request with an offer; the first offer moves it to has_offers. */
export async function submitOffer(deps: Deps, ctx: Ctx, requestId: number, input: SubmitOfferInput): Promise<Offer> {
  const userId = requireUser(ctx);
  const data = submitOfferSchema.parse(input);
  const provider = await providerProfileOf(deps, userId);
  return deps.db.$transaction(async (tx) => {
    await lockRow(tx, "marketplace_servicerequest", requestId);
    const request = await tx.serviceRequest.findFirst({ where: { id: requestId, deletedAt: null } });
    if (!request) throw new NotFoundError("ServiceRequest", requestId);
    if (request.clientId === userId) throw new DomainError("OWN_REQUEST", "you cannot make an offer on your own request", 422);
    if (request.status !== "new" && request.status !== "has_offers") {
      throw new ConflictError("REQUEST_NOT_OPEN", `request ${requestId} is ${request.status} and takes no more offers`);
    }
    const existing = await tx.offer.findUnique({ where: { requestId_providerId: { requestId, providerId: provider.id } } });
    if (existing) throw new ConflictError("OFFER_EXISTS", "you already made an offer on this request");
    const offer = await tx.offer.create({ data: { ...data, requestId, providerId: provider.id, currency: request.currency } });
    await writeAudit(tx, ctx, { action: "offer.create", entity: "Offer", entityId: offer.id });
    await emitEvents(deps, tx, ctx, [{ name: E.OFFER_SUBMITTED, entity: "Offer", entityId: offer.id, payload: { offerId: offer.id, requestId, providerId: provider.id, clientId: request.clientId } }]);
    if (request.status === "new") {
      await transition(deps, ctx, { machine: requestMachine, id: requestId, to: "has_offers", action: "request.receive_offer", statusLog: requestStatusLog(ctx) }, tx);
    }
    return offer;
  });
}

/** A provider takes back a pending offer; with no pending offer left the request returns to new. */
export async function withdrawOffer(deps: Deps, ctx: Ctx, offerId: number): Promise<Offer> {
  const userId = requireUser(ctx);
  const provider = await providerProfileOf(deps, userId);
  return deps.db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({ where: { id: offerId, providerId: provider.id, deletedAt: null } });
    if (!offer) throw new NotFoundError("Offer", offerId);
    await lockRow(tx, "marketplace_servicerequest", offer.requestId);
    const updated = await transition<OfferStatus, Offer>(deps, ctx, {
      machine: offerMachine, id: offerId, to: "withdrawn", action: "offer.withdraw",
      events: () => [{ name: E.OFFER_WITHDRAWN, entity: "Offer", entityId: offerId, payload: { offerId, requestId: offer.requestId } }],
    }, tx);
    const pendingLeft = await tx.offer.count({ where: { requestId: offer.requestId, status: "pending", deletedAt: null } });
    const request = await tx.serviceRequest.findUniqueOrThrow({ where: { id: offer.requestId } });
    if (pendingLeft === 0 && request.status === "has_offers") {
      await transition(deps, ctx, { machine: requestMachine, id: request.id, to: "new", action: "request.all_offers_withdrawn", statusLog: requestStatusLog(ctx, "every offer was withdrawn") }, tx);
    }
    return updated;
  });
}

/**
 * The client accepts one offer: the request moves to offer_accepted with its provider, the
 * other pending offers are rejected, and the request's 1:1 message thread is opened.
 */
export async function acceptOffer(deps: Deps, ctx: Ctx, offerId: number): Promise<ServiceRequest> {
  const userId = requireUser(ctx);
  return deps.db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({ where: { id: offerId, deletedAt: null }, include: { request: true, provider: true } });
    if (!offer || offer.request.clientId !== userId || offer.request.deletedAt) throw new NotFoundError("Offer", offerId);
    return transition<RequestStatus, ServiceRequest>(deps, ctx, {
      machine: requestMachine,
      id: offer.requestId,
      to: "offer_accepted",
      action: "request.accept_offer",
      data: { providerId: offer.providerId, acceptedOfferId: offer.id },
      statusLog: requestStatusLog(ctx),
      auditMeta: { offerId },
      effects: async (t, { before }) => {
        await transition(deps, ctx, { machine: offerMachine, id: offer.id, to: "accepted", action: "offer.accept" }, t);
        const others = await t.offer.findMany({ where: { requestId: before.id, status: "pending", id: { not: offer.id } }, select: { id: true } });
        for (const o of others) {
          await transition(deps, ctx, { machine: offerMachine, id: o.id, to: "rejected", action: "offer.reject", auditMeta: { reason: "another offer was accepted" } }, t);
        }
        await t.thread.create({ data: { requestId: before.id, clientId: before.clientId, providerId: offer.provider.userId } });
      },
      events: ({ after }) => [{ name: E.OFFER_ACCEPTED, entity: "ServiceRequest", entityId: after.id, payload: { requestId: after.id, offerId, providerId: offer.providerId, providerUserId: offer.provider.userId, clientId: after.clientId } }],
    }, tx);
  });
}

async function assignedRequest(deps: Deps, ctx: Ctx, requestId: number): Promise<ServiceRequest> {
  const userId = requireUser(ctx);
  const provider = await providerProfileOf(deps, userId);
  const request = await deps.db.serviceRequest.findFirst({ where: { id: requestId, providerId: provider.id, deletedAt: null } });
  if (!request) throw new NotFoundError("ServiceRequest", requestId);
  return request;
}

/** The chosen provider starts the work. */
export async function startRequest(deps: Deps, ctx: Ctx, requestId: number): Promise<ServiceRequest> {
  await assignedRequest(deps, ctx, requestId);
  return transition<RequestStatus, ServiceRequest>(deps, ctx, {
    machine: requestMachine, id: requestId, to: "in_progress", action: "request.start",
    data: { startedAt: new Date() },
    statusLog: requestStatusLog(ctx),
    events: ({ after }) => [{ name: E.REQUEST_STARTED, entity: "ServiceRequest", entityId: requestId, payload: { requestId, clientId: after.clientId } }],
  });
}

/** The chosen provider marks the work done. */
export async function completeRequest(deps: Deps, ctx: Ctx, requestId: number): Promise<ServiceRequest> {
  await assignedRequest(deps, ctx, requestId);
  return transition<RequestStatus, ServiceRequest>(deps, ctx, {
    machine: requestMachine, id: requestId, to: "completed", action: "request.complete",
    data: { completedAt: new Date() },
    statusLog: requestStatusLog(ctx),
    events: ({ after }) => [{ name: E.REQUEST_COMPLETED, entity: "ServiceRequest", entityId: requestId, payload: { requestId, clientId: after.clientId, providerId: after.providerId } }],
  });
}

/**
 * Cancels a request with a reason. Staff may cancel any open request; the client only their
 * own, and only before the work starts. Pending offers are rejected.
 */
export async function cancelRequest(deps: Deps, ctx: Ctx, requestId: number, reason: string): Promise<ServiceRequest> {
  const why = cancelReasonSchema.parse(reason);
  const isStaff = ctx.actor.type === "staff" || ctx.actor.type === "system";
  if (!isStaff) requireUser(ctx);
  return transition<RequestStatus, ServiceRequest>(deps, ctx, {
    machine: requestMachine, id: requestId, to: "cancelled", action: "request.cancel",
    data: { cancelReason: why, cancelledAt: new Date() },
    guard: (before) => {
      if (isStaff) return;
      if (before.clientId !== ctx.actor.id || before.deletedAt) throw new NotFoundError("ServiceRequest", requestId);
      if (!CLIENT_CANCELLABLE.includes(before.status as RequestStatus)) {
        throw new ConflictError("REQUEST_IN_PROGRESS", "the work has started; contact support to cancel");
      }
    },
    statusLog: requestStatusLog(ctx, why),
    auditMeta: { reason: why },
    effects: async (t, { before }) => {
      const pending = await t.offer.findMany({ where: { requestId: before.id, status: "pending" }, select: { id: true } });
      for (const o of pending) {
        await transition(deps, ctx, { machine: offerMachine, id: o.id, to: "rejected", action: "offer.reject", auditMeta: { reason: "request cancelled" } }, t);
      }
    },
    events: ({ after }) => [{ name: E.REQUEST_CANCELLED, entity: "ServiceRequest", entityId: requestId, payload: { requestId, clientId: after.clientId, providerId: after.providerId, reason: why, by: ctx.actor.type } }],
  });
}
