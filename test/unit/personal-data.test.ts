/**
 * The personal-data registry (src/platform/personal-data.ts) against the Prisma schema: every
 * model is declared, every declared column exists, and every text or JSON column whose name looks
 * like personal data (name, phone, email, body, text, address, token, ip, …) has a treatment —
 * so a new column holding personal data fails here until someone decides what erasure does to it.
 * That erasure then does it is checked by test/integration/privacy/account-deletion.test.ts.
 */
import { describe, expect, it } from "vitest";
import { loadFullDmmf } from "../../admin/dmmf.js";
import { PERSONAL_DATA, looksPersonal, type Treatment } from "../../src/platform/personal-data.js";

const models = async () => (await loadFullDmmf()).datamodel.models;

describe("the personal-data registry", () => {
  it("should declare every model of the schema, and only models that exist", async () => {
    const names = (await models()).map((m) => m.name);
    expect(names.filter((n) => !PERSONAL_DATA[n])).toEqual([]);
    expect(Object.keys(PERSONAL_DATA).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("should give a treatment to every text or JSON column named like personal data", async () => {
    const undeclared: string[] = [];
    for (const m of await models()) {
      for (const f of m.fields) {
        if (f.kind !== "scalar" || !["String", "Json"].includes(f.type) || !looksPersonal(f.name)) continue;
        if (!PERSONAL_DATA[m.name]?.fields[f.name]) undeclared.push(`${m.name}.${f.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it("should declare only columns that exist, each kept or marked not personal with a reason", async () => {
    const problems: string[] = [];
    for (const m of await models()) {
      for (const [field, t] of Object.entries(PERSONAL_DATA[m.name]?.fields ?? {})) {
        if (!m.fields.some((f) => f.name === field && f.kind === "scalar")) problems.push(`${m.name}.${field} does not exist`);
        const why = typeof t === "object" ? ((t as { keep?: string; none?: string }).keep ?? (t as { none?: string }).none) : "ok";
        if (!why?.trim()) problems.push(`${m.name}.${field} has no reason`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("should say whose rows they are for every model where erasure clears or deletes something", () => {
    const erasing = (t: Treatment) => typeof t === "string";
    const ownerless = Object.entries(PERSONAL_DATA).filter(([, d]) => Object.values(d.fields).some(erasing) && !d.owner).map(([m]) => m);
    expect(ownerless).toEqual([]);
  });

  it("should catch a new personal column: the pattern matches the names the issue lists", () => {
    for (const name of ["nickname", "phoneNumber", "backupEmail", "messageBody", "freeText", "homeAddress", "pushToken", "ip", "lastIp"]) expect(looksPersonal(name), name).toBe(true);
    for (const name of ["rating", "status", "relationship", "amount"]) expect(looksPersonal(name), name).toBe(false);
  });
});
