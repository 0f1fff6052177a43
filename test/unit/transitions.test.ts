import { describe, expect, it } from "vitest";
import { canTransition, nextStatuses } from "../../src/platform/transitions.js";
import { offerMachine, requestMachine, REQUEST_STATUSES } from "../../src/domains/marketplace/marketplace.status.js";
import { diffRecords } from "../../src/platform/audit.js";

describe("request state machine", () => {
  it("should follow the lifecycle new → has_offers → offer_accepted → in_progress → completed", () => {
    expect(canTransition(requestMachine, "new", "has_offers")).toBe(true);
    expect(canTransition(requestMachine, "has_offers", "offer_accepted")).toBe(true);
    expect(canTransition(requestMachine, "offer_accepted", "in_progress")).toBe(true);
    expect(canTransition(requestMachine, "in_progress", "completed")).toBe(true);
  });

  it("should allow cancelling from every open status and from no closed one", () => {
    for (const s of REQUEST_STATUSES) {
      expect(canTransition(requestMachine, s, "cancelled")).toBe(s !== "completed" && s !== "cancelled");
    }
  });

  it("should refuse skipping steps", () => {
    expect(canTransition(requestMachine, "new", "in_progress")).toBe(false);
    expect(canTransition(requestMachine, "has_offers", "completed")).toBe(false);
    expect(nextStatuses(requestMachine, "completed")).toEqual([]);
  });

  it("should only move offers out of pending", () => {
    expect(nextStatuses(offerMachine, "pending")).toEqual(["accepted", "rejected", "withdrawn"]);
    expect(canTransition(offerMachine, "accepted", "rejected")).toBe(false);
  });
});

describe("diffRecords", () => {
  it("should list changed fields with before and after, ignoring updatedAt", () => {
    const d1 = new Date("2026-01-01T00:00:00Z");
    const changes = diffRecords(
      { id: 1, status: "new", note: null, at: d1, updatedAt: d1 },
      { id: 1, status: "cancelled", note: "x", at: new Date(d1), updatedAt: new Date() },
    );
    expect(changes).toEqual({ status: { before: "new", after: "cancelled" }, note: { before: null, after: "x" } });
  });
});

describe("notification delivery statuses", () => {
  it("should let a queued delivery end sent, failed or skipped, and only a failed one be queued again", async () => {
    const { deliveryMachine, deliveryMovesFrom } = await import("../../src/domains/notifications/delivery.status.js");
    expect(nextStatuses(deliveryMachine, "queued")).toEqual(["sent", "failed", "skipped"]);
    expect(deliveryMovesFrom("queued")).toEqual(["failed"]);
    expect(deliveryMovesFrom("failed")).toEqual(["queued"]);
    expect(deliveryMovesFrom("skipped")).toEqual(["queued"]);
    expect(canTransition(deliveryMachine, "sent", "queued")).toBe(false);
  });
});
