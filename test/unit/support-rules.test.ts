/** The pure support rules: SLA deadlines, pause arithmetic, escalation, rule matching, canned-reply variables. */
import { describe, expect, it } from "vitest";
import { dueTimes, fillVariables, matchRule, missedDeadline, raisedPriority, runningDue, slaFields, withinReopenWindow, type SlaTargets } from "../../src/domains/support/index.js";

const HOUR = 3_600_000;
const targets: SlaTargets = { firstResponseHours: { urgent: 1, high: 4, normal: 8, low: 24 }, resolutionHours: { urgent: 8, high: 24, normal: 72, low: 168 } };
const opened = new Date("2026-12-01T08:00:00Z");
const base = { createdAt: opened, priority: "normal" as const, status: "triaged" as const, firstRespondedAt: null, firstResponseBreachedAt: null, resolutionBreachedAt: null, slaPausedAt: null, slaPausedSeconds: 0 };

describe("SLA deadlines", () => {
  it("should set both deadlines from the priority's targets", () => {
    const d = dueTimes(base, targets);
    expect(d.firstResponseDueAt.getTime() - opened.getTime()).toBe(8 * HOUR);
    expect(d.resolutionDueAt.getTime() - opened.getTime()).toBe(72 * HOUR);
  });

  it("should push both deadlines back by the time the clock stood still", () => {
    const d = dueTimes({ ...base, priority: "urgent", slaPausedSeconds: 5400 }, targets);
    expect(d.firstResponseDueAt.getTime() - opened.getTime()).toBe(HOUR + 5400_000);
    expect(d.resolutionDueAt.getTime() - opened.getTime()).toBe(8 * HOUR + 5400_000);
  });

  it("should run the first-response deadline until an agent answers, then the resolution one", () => {
    const d = dueTimes(base, targets);
    expect(runningDue(base, d)).toEqual(d.firstResponseDueAt);
    expect(runningDue({ ...base, firstRespondedAt: new Date() }, d)).toEqual(d.resolutionDueAt);
    expect(runningDue({ ...base, firstResponseBreachedAt: new Date() }, d)).toEqual(d.resolutionDueAt);
    expect(runningDue({ ...base, firstRespondedAt: new Date(), resolutionBreachedAt: new Date() }, d)).toBeNull();
  });

  it("should run no deadline while waiting on the customer or once done", () => {
    expect(slaFields({ ...base, status: "waiting_on_customer", slaPausedAt: new Date() }, targets).slaDueAt).toBeNull();
    expect(slaFields({ ...base, status: "resolved" }, targets).slaDueAt).toBeNull();
    expect(slaFields({ ...base, status: "closed" }, targets).slaDueAt).toBeNull();
  });

  it("should say which deadline was missed", () => {
    expect(missedDeadline(base)).toBe("first_response");
    expect(missedDeadline({ ...base, firstRespondedAt: new Date() })).toBe("resolution");
    expect(missedDeadline({ ...base, firstResponseBreachedAt: new Date() })).toBe("resolution");
  });

  it("should raise the priority one step, and keep urgent urgent", () => {
    expect(raisedPriority("low")).toBe("normal");
    expect(raisedPriority("normal")).toBe("high");
    expect(raisedPriority("high")).toBe("urgent");
    expect(raisedPriority("urgent")).toBe("urgent");
  });

  it("should let a reply reopen only within the window after resolution", () => {
    const resolvedAt = new Date("2026-12-01T00:00:00Z");
    expect(withinReopenWindow({ resolvedAt, closedAt: null }, 14, new Date("2026-12-15T00:00:00Z"))).toBe(true);
    expect(withinReopenWindow({ resolvedAt, closedAt: null }, 14, new Date("2026-12-15T00:00:01Z"))).toBe(false);
    expect(withinReopenWindow({ resolvedAt: null, closedAt: null }, 14, new Date())).toBe(false);
  });
});

describe("triage rules", () => {
  const rule = (id: number, o: Partial<{ category: string | null; keywords: string[]; sortOrder: number; isActive: boolean }>) => ({ id, category: null, keywords: [], sortOrder: 100, isActive: true, ...o }) as never as { id: number; category: null; keywords: string[]; sortOrder: number; isActive: boolean };
  const ticket = { type: "complaint" as const, subject: "Refund for my invoice", description: "I paid twice" };

  it("should take the first matching rule by sort order", () => {
    const rules = [rule(1, { sortOrder: 50 }), rule(2, { sortOrder: 10, keywords: ["invoice"] })];
    expect(matchRule(rules, ticket)?.id).toBe(2);
  });

  it("should match keywords case-insensitively in subject or body, Arabic included", () => {
    expect(matchRule([rule(1, { keywords: ["REFUND"] })], ticket)?.id).toBe(1);
    expect(matchRule([rule(1, { keywords: ["twice"] })], ticket)?.id).toBe(1);
    expect(matchRule([rule(1, { keywords: ["فاتورة"] })], { type: "inquiry", subject: "سؤال عن الفاتورة", description: "..." })?.id).toBe(1);
    expect(matchRule([rule(1, { keywords: ["scam"] })], ticket)).toBeUndefined();
  });

  it("should respect the category and skip inactive rules", () => {
    expect(matchRule([rule(1, { category: "dispute" as never })], ticket)).toBeUndefined();
    expect(matchRule([rule(1, { category: "complaint" as never })], ticket)?.id).toBe(1);
    expect(matchRule([rule(1, { isActive: false })], ticket)).toBeUndefined();
  });
});

describe("canned replies", () => {
  it("should fill known variables and leave unknown ones visible", () => {
    expect(fillVariables("Hello {{customer_name}}, about {{ ticket_code }} — {{agent_name}} {{unknown}}", { customer_name: "Sara", ticket_code: "TCK-000001", agent_name: "Noura" })).toBe("Hello Sara, about TCK-000001 — Noura {{unknown}}");
  });
});
