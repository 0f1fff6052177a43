/** Panel workflow actions ask the domain's state machine whether they apply, and take their roles from admin/access.ts. */
import { describe, expect, it } from "vitest";
import { reasonAction } from "../../admin/actions/reason-action.js";
import { CUSTOM_ACTION_ROLES, customActionRoles } from "../../admin/access.js";
import { defineMachine } from "../../src/platform/transitions.js";
import { requestMachine } from "../../src/domains/marketplace/index.js";

const admin = { currentAdmin: { id: 1, email: "a@x", title: "A", role: "admin", language: "en" } } as never;
const finance = { currentAdmin: { id: 2, email: "f@x", title: "F", role: "finance", language: "en" } } as never;
const record = (status: string) => ({ params: { status } }) as never;

describe("action availability", () => {
  it("should offer cancel exactly in the statuses the request machine can cancel from", () => {
    const cancel = reasonAction({ action: "ServiceRequest.cancel", moves: { machine: requestMachine, to: "cancelled" }, run: async () => {}, successMessage: "x" });
    const accessible = (status: string) => (cancel.isAccessible as (c: unknown) => boolean)({ ...(admin as object), record: record(status) });
    const offered = ["new", "has_offers", "offer_accepted", "in_progress", "completed", "cancelled"].filter(accessible);
    expect(offered).toEqual(Object.entries(requestMachine.transitions).filter(([, to]) => (to as string[]).includes("cancelled")).map(([from]) => from));
  });

  it("should follow a change to the machine without touching the panel", () => {
    type Toy = "open" | "closed";
    const before = defineMachine<Toy>({ entity: "Toy", model: "toy", table: "toy", transitions: { open: ["closed"], closed: [] } });
    const after = defineMachine<Toy>({ entity: "Toy", model: "toy", table: "toy", transitions: { open: ["closed"], closed: ["closed"] } });
    const build = (machine: typeof before) => reasonAction({ roles: ["admin"], moves: { machine, to: "closed" }, run: async () => {}, successMessage: "x" });
    const can = (a: ReturnType<typeof build>, status: string) => (a.isAccessible as (c: unknown) => boolean)({ ...(admin as object), record: record(status) });
    expect(can(build(before), "closed")).toBe(false);
    expect(can(build(after), "closed")).toBe(true);
  });

  it("should take a custom action's roles from admin/access.ts and refuse an undeclared one", () => {
    const cancelNow = reasonAction({ action: "Subscription.cancelNow", run: async () => {}, successMessage: "x" });
    expect((cancelNow.custom as { roles: readonly string[] }).roles).toEqual(CUSTOM_ACTION_ROLES["Subscription.cancelNow"]);
    expect((cancelNow.isAccessible as (c: unknown) => boolean)({ ...(finance as object) })).toBe(true);
    expect(() => customActionRoles("ServiceRequest.teleport")).toThrow(/no roles/);
  });
});
