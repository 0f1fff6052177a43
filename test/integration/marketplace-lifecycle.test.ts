/**
 * The marketplace lifecycle through the domain commands, against a real database: status logs,
 * audit rows, events as pg-boss jobs in the same transaction, and concurrency.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import * as marketplace from "../../src/domains/marketplace/index.js";
import { transition } from "../../src/platform/transitions.js";
import { lockRow } from "../../src/platform/database/transaction.js";
import { DOMAIN_EVENTS_QUEUE } from "../../src/platform/events.js";
import type { Ctx } from "../../src/platform/context.js";
import { ConflictError } from "../../src/platform/errors.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createProvider, createSubcategory, createUser } from "../support/factories.js";

let t: TestDatabase;
let sub: Subcategory;

beforeAll(async () => {
  t = await createTestDatabase();
  sub = await createSubcategory(t.db);
});
afterAll(() => t?.close());

const as = (type: Ctx["actor"]["type"], id?: number): Ctx => ({ actor: { type, id } });

async function jobsFor(name: string, entityId: number) {
  return t.db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT j.id FROM pgboss.job j JOIN notifications_eventlog e ON e.id = (j.data->>'eventId')::int
     WHERE j.name = $1 AND e.name = $2 AND e.entity_id = $3`,
    DOMAIN_EVENTS_QUEUE, name, String(entityId),
  );
}

async function newRequest(clientId: number) {
  return marketplace.createRequest(t, as("client", clientId), { title: "Fix the AC", description: "Not cooling", subcategoryId: sub.id, city: "Riyadh" });
}

describe("service request lifecycle", () => {
  it("should go new → has_offers → offer_accepted → in_progress → completed with a log row per step", async () => {
    const client = await createUser(t.db);
    const p1 = await createProvider(t.db);
    const p2 = await createProvider(t.db);
    const req = await newRequest(client.id);
    expect(req.status).toBe("new");

    const o1 = await marketplace.submitOffer(t, as("provider", p1.userId), req.id, { price: 25000, message: "Tomorrow" });
    const o2 = await marketplace.submitOffer(t, as("provider", p2.userId), req.id, { price: 30000, message: "Today" });
    const accepted = await marketplace.acceptOffer(t, as("client", client.id), o1.id);
    expect(accepted).toMatchObject({ status: "offer_accepted", providerId: p1.id, acceptedOfferId: o1.id });
    expect((await t.db.offer.findUniqueOrThrow({ where: { id: o2.id } })).status).toBe("rejected");
    expect((await t.db.offer.findUniqueOrThrow({ where: { id: o1.id } })).status).toBe("accepted");
    const thread = await t.db.thread.findUniqueOrThrow({ where: { requestId: req.id } });
    expect(thread).toMatchObject({ clientId: client.id, providerId: p1.userId });

    await marketplace.startRequest(t, as("provider", p1.userId), req.id);
    const done = await marketplace.completeRequest(t, as("provider", p1.userId), req.id);
    expect(done.status).toBe("completed");
    expect(done.completedAt).toBeInstanceOf(Date);

    const log = await t.db.requestStatusLog.findMany({ where: { requestId: req.id }, orderBy: { id: "asc" } });
    expect(log.map((l) => [l.fromStatus, l.toStatus, l.actorType])).toEqual([
      [null, "new", "client"],
      ["new", "has_offers", "provider"],
      ["has_offers", "offer_accepted", "client"],
      ["offer_accepted", "in_progress", "provider"],
      ["in_progress", "completed", "provider"],
    ]);
    const audit = await t.db.auditLog.findMany({ where: { entity: "ServiceRequest", entityId: String(req.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["request.create", "request.receive_offer", "request.accept_offer", "request.start", "request.complete"]);
    expect(audit[2]!.changes).toMatchObject({ status: { before: "has_offers", after: "offer_accepted" }, providerId: { before: null, after: p1.id } });
    expect(await jobsFor(marketplace.MarketplaceEvents.REQUEST_COMPLETED, req.id)).toHaveLength(1);
  });

  it("should refuse a move the machine does not allow, with a conflict error and no change", async () => {
    const client = await createUser(t.db);
    const req = await newRequest(client.id);
    const p = await createProvider(t.db);
    await expect(marketplace.startRequest(t, as("provider", p.userId), req.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      transition(t, as("staff", client.id), { machine: marketplace.requestMachine, id: req.id, to: "completed", action: "x" }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION", status: 409 });
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("new");
  });

  it("should let staff cancel with a reason, reject pending offers and record both", async () => {
    const client = await createUser(t.db);
    const staff = await createUser(t.db, { userType: "staff" });
    const p = await createProvider(t.db);
    const req = await newRequest(client.id);
    const offer = await marketplace.submitOffer(t, as("provider", p.userId), req.id, { price: 1000, message: "ok" });
    await expect(marketplace.cancelRequest(t, as("staff", staff.id), req.id, " ")).rejects.toThrow(/REASON_TOO_SHORT/);
    const cancelled = await marketplace.cancelRequest(t, as("staff", staff.id), req.id, "Duplicate request");
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Duplicate request" });
    expect((await t.db.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("rejected");
    const last = await t.db.requestStatusLog.findFirstOrThrow({ where: { requestId: req.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromStatus: "has_offers", toStatus: "cancelled", actorType: "staff", actorId: staff.id, note: "Duplicate request" });
  });

  it("should not let a client cancel someone else's request or one already in progress", async () => {
    const client = await createUser(t.db);
    const other = await createUser(t.db);
    const p = await createProvider(t.db);
    const req = await newRequest(client.id);
    await expect(marketplace.cancelRequest(t, as("client", other.id), req.id, "not mine")).rejects.toMatchObject({ status: 404 });
    const o = await marketplace.submitOffer(t, as("provider", p.userId), req.id, { price: 1000, message: "ok" });
    await marketplace.acceptOffer(t, as("client", client.id), o.id);
    await marketplace.startRequest(t, as("provider", p.userId), req.id);
    await expect(marketplace.cancelRequest(t, as("client", client.id), req.id, "changed my mind")).rejects.toMatchObject({ code: "REQUEST_IN_PROGRESS" });
  });

  it("should return the request to new when its only offer is withdrawn", async () => {
    const client = await createUser(t.db);
    const p = await createProvider(t.db);
    const req = await newRequest(client.id);
    const o = await marketplace.submitOffer(t, as("provider", p.userId), req.id, { price: 1000, message: "ok" });
    await marketplace.withdrawOffer(t, as("provider", p.userId), o.id);
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("new");
  });
});

describe("transition concurrency and atomicity", () => {
  it("should let exactly one of two concurrent cancellations win; the loser gets a conflict", async () => {
    const client = await createUser(t.db);
    const staffA = await createUser(t.db, { userType: "staff" });
    const staffB = await createUser(t.db, { userType: "staff" });
    const req = await newRequest(client.id);
    const results = await Promise.allSettled([
      marketplace.cancelRequest(t, as("staff", staffA.id), req.id, "reason A"),
      marketplace.cancelRequest(t, as("staff", staffB.id), req.id, "reason B"),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    expect(lost[0]!.reason.code).toBe("INVALID_TRANSITION");
    expect(await t.db.requestStatusLog.count({ where: { requestId: req.id, toStatus: "cancelled" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { entity: "ServiceRequest", entityId: String(req.id), action: "request.cancel" } })).toBe(1);
    expect(await jobsFor(marketplace.MarketplaceEvents.REQUEST_CANCELLED, req.id)).toHaveLength(1);
  });

  it("should let only one of two offers be accepted when the client taps both at once", async () => {
    const client = await createUser(t.db);
    const [p1, p2] = [await createProvider(t.db), await createProvider(t.db)];
    const req = await newRequest(client.id);
    const o1 = await marketplace.submitOffer(t, as("provider", p1.userId), req.id, { price: 1000, message: "a" });
    const o2 = await marketplace.submitOffer(t, as("provider", p2.userId), req.id, { price: 1200, message: "b" });
    const results = await Promise.allSettled([
      marketplace.acceptOffer(t, as("client", client.id), o1.id),
      marketplace.acceptOffer(t, as("client", client.id), o2.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.offer.count({ where: { requestId: req.id, status: "accepted" } })).toBe(1);
    expect(await t.db.thread.count({ where: { requestId: req.id } })).toBe(1);
  });

  it("should leave no status change, log, audit row, event or job when the transaction rolls back", async () => {
    const client = await createUser(t.db);
    const req = await newRequest(client.id);
    const eventsBefore = await t.db.eventLog.count();
    const jobsBefore = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${DOMAIN_EVENTS_QUEUE}`;
    await expect(
      t.db.$transaction(async (tx) => {
        await transition(t, as("staff"), {
          machine: marketplace.requestMachine, id: req.id, to: "cancelled", action: "request.cancel",
          data: { cancelReason: "will roll back" },
          events: () => [{ name: marketplace.MarketplaceEvents.REQUEST_CANCELLED, entityId: req.id, entity: "ServiceRequest", payload: {} }],
        }, tx);
        throw new Error("boom after the transition");
      }),
    ).rejects.toThrow("boom after the transition");
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("new");
    expect(await t.db.eventLog.count()).toBe(eventsBefore);
    const jobsAfter = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${DOMAIN_EVENTS_QUEUE}`;
    expect(jobsAfter[0]!.n).toBe(jobsBefore[0]!.n);
    expect(await t.db.auditLog.count({ where: { entityId: String(req.id), action: "request.cancel" } })).toBe(0);
  });

  it("should move a row the caller already locked without locking or reading it again, and refuse another row's copy", async () => {
    const client = await createUser(t.db);
    const req = await newRequest(client.id);
    const other = await newRequest(client.id);
    await expect(
      t.db.$transaction(async (tx) => {
        await lockRow(tx, "marketplace_servicerequest", req.id);
        const locked = await tx.serviceRequest.findUniqueOrThrow({ where: { id: req.id } });
        return transition(t, as("staff"), { machine: marketplace.requestMachine, id: other.id, to: "cancelled", action: "request.cancel", locked }, tx);
      }),
    ).rejects.toThrow(/given the locked row/);
    expect((await t.db.serviceRequest.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("new");

    const done = await t.db.$transaction(async (tx) => {
      await lockRow(tx, "marketplace_servicerequest", req.id);
      const locked = await tx.serviceRequest.findUniqueOrThrow({ where: { id: req.id } });
      return transition(t, as("staff"), { machine: marketplace.requestMachine, id: req.id, to: "cancelled", action: "request.cancel", data: { cancelReason: "locked first" }, locked }, tx);
    });
    expect(done.status).toBe("cancelled");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: String(req.id), action: "request.cancel" } });
    expect(audit.changes).toMatchObject({ status: { before: "new", after: "cancelled" }, cancelReason: { before: null, after: "locked first" } });
    // The status check still runs against the locked row: a second move from it is refused.
    await expect(
      t.db.$transaction(async (tx) => {
        await lockRow(tx, "marketplace_servicerequest", req.id);
        const locked = await tx.serviceRequest.findUniqueOrThrow({ where: { id: req.id } });
        return transition(t, as("staff"), { machine: marketplace.requestMachine, id: req.id, to: "cancelled", action: "request.cancel", locked }, tx);
      }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
  });

  it("should commit the job with the state change so a worker can fetch it", async () => {
    const client = await createUser(t.db);
    const req = await newRequest(client.id);
    await marketplace.cancelRequest(t, as("staff"), req.id, "committed");
    const [job] = await jobsFor(marketplace.MarketplaceEvents.REQUEST_CANCELLED, req.id);
    expect(job).toBeDefined();
    const fetched = await t.boss.fetch<{ eventId: number }>(DOMAIN_EVENTS_QUEUE, { batchSize: 100 });
    expect(fetched.map((j) => j.id)).toContain(job!.id);
  });
});
