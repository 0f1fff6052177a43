/**
 * Field-level access in the panel, table-driven over every model × role × field, on the demo data:
 * - an edit posting a new value for *every* field of a record changes only the fields declared
 *   writable for that role (and refused roles change nothing);
 * - no list or show JSON, for any role, carries a secret (hashes, tokens, storage keys);
 * - every model has a declaration, every declared field exists, and every field whose name looks
 *   like a secret is declared either secret or deliberately shown.
 * Plus the concrete attacks a review reproduced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BaseProperty, BaseResource } from "adminjs";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { createStaff, createUser } from "../support/factories.js";
import { ROLES } from "../../admin/access.js";
import { canEditRow, FIELD_POLICIES, NOT_SECRET, SECRET_FIELDS, SECRET_LOOKING, secretFields, writableFields } from "../../admin/field-access.js";
import { loadFullDmmf } from "../../admin/dmmf.js";
import { columnOf } from "../../admin/audited-resource.js";
import type { StaffRole } from "../../src/domains/backoffice/staff-auth.service.js";
import { seedDemoData } from "../../prisma/seed/index.js";
import { hashPassword, verifyPassword } from "../../src/domains/backoffice/passwords.js";

let t: TestDatabase;
let app: RunningApp;
const agents = new Map<StaffRole, AdminAgent>();
const staffIds = new Set<number>();
const PASSWORD = "field-sweep-password";

type Row = Record<string, unknown> & { id: number };
type Delegate = { findFirst(a: unknown): Promise<Row | null>; findUnique(a: unknown): Promise<Row | null>; update(a: unknown): Promise<Row>; findMany(a: unknown): Promise<Row[]> };
const delegate = (model: string) => (t.db as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
const forbidden = (body: unknown) => /ForbiddenError|forbiddenError/.test(JSON.stringify(body));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t, { password: PASSWORD });
  app = await startApp(t);
  for (const role of ROLES) {
    const u = await createStaff(t.db, role, PASSWORD);
    staffIds.add(u.id);
    agents.set(role, await signIn(app.url, u.email!, PASSWORD));
  }
}, 180_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** The row the sweep edits: never one of the signed-in staff (their sessions must survive). */
async function targetRow(model: string): Promise<Row | null> {
  const d = delegate(model);
  if (model === "User") return d.findFirst({ where: { userType: "client", deletedAt: null }, orderBy: { id: "asc" } });
  if (model === "UserAccessProfile") return d.findFirst({ where: { userId: { notIn: [...staffIds] } }, orderBy: { id: "asc" } });
  if (model === "SupportComment") return d.findFirst({ orderBy: { id: "asc" } });
  const fields = (await loadFullDmmf()).datamodel.models.find((m) => m.name === model)!.fields;
  return d.findFirst({ where: fields.some((f) => f.name === "deletedAt") ? { deletedAt: null } : {}, orderBy: { id: "asc" } });
}

let serial = 0;
/** A short string that differs from every earlier one and fits the column (VarChar(n)). */
const shortText = (property: BaseProperty) => {
  const native = (property as unknown as { column?: { nativeType?: [string, string[]] | null } }).column?.nativeType;
  const max = native?.[0] === "VarChar" || native?.[0] === "Char" ? Number(native[1]?.[0]) : 40;
  return `Z${(++serial).toString(36).toUpperCase()}`.padEnd(Math.min(max, 3), "Q").slice(0, max);
};
const isList = (property: BaseProperty) => !!(property as unknown as { column?: { isList?: boolean } }).column?.isList;

/** A value for this property that differs from the current one (flat AdminJS form keys). */
async function newValue(property: BaseProperty, current: unknown): Promise<Record<string, string> | null> {
  const path = property.path();
  const type = property.type();
  const values = property.availableValues();
  // Email lists (a report schedule's recipients) are checked as addresses: post one.
  if (isList(property) && path === "recipients") return { [`${path}.0`]: `${shortText(property).toLowerCase()}@sweep.test` };
  if (isList(property)) return values ? { [`${path}.0`]: values.find((v) => v !== (current as unknown[] | null)?.[0]) ?? values[0]! } : { [`${path}.0`]: shortText(property) };
  if (values) return { [path]: values.find((v) => v !== current) ?? values[0]! };
  switch (type) {
    case "string":
    case "textarea":
    case "richtext":
      return { [path]: shortText(property) };
    case "number":
    case "float":
      return { [path]: String(Number(current ?? 0) + 7) };
    case "boolean":
      return { [path]: String(!current) };
    case "date":
    case "datetime":
      return { [path]: "2031-05-05T00:00:00.000Z" };
    case "mixed":
    case "key-value":
      // Typed JSON (settings are checked against their schema): a number stays a number.
      if (typeof current === "number") return { [path]: String(current + 7) };
      return { [`${path}.sweep`]: shortText(property) };
    case "reference": {
      const ref = property.reference();
      if (!ref) return null;
      const other = await delegate(ref).findFirst({ where: { id: { not: Number(current ?? 0) } }, select: { id: true } });
      return other ? { [path]: String(other.id) } : null;
    }
    default:
      return null;
  }
}

/** The row rule on the record as the panel sees it (relations under their names). */
function canEditRowParams(resource: BaseResource, row: Row, role: StaffRole, staffId: number): boolean {
  const params: Record<string, unknown> = { ...row };
  for (const p of resource.properties()) params[p.path()] = row[columnOf(p)];
  return canEditRow(resource.id(), role, params, staffId);
}

function changedPaths(resource: BaseResource, before: Row, after: Row): string[] {
  const out: string[] = [];
  for (const property of resource.properties()) {
    const path = property.path();
    const column = columnOf(property);
    if (column === "updatedAt") continue;
    if (JSON.stringify(before[column!]) !== JSON.stringify(after[column!])) out.push(path);
  }
  return out;
}

describe("field declarations", () => {
  it("should declare every model, and only fields that exist", async () => {
    const problems: string[] = [];
    for (const model of (await loadFullDmmf()).datamodel.models) {
      const policy = FIELD_POLICIES[model.name];
      if (!policy) {
        problems.push(`${model.name}: no entry in FIELD_POLICIES`);
        continue;
      }
      const names = new Set(model.fields.map((f) => f.name));
      for (const role of ROLES) for (const mode of ["edit", "create"] as const) for (const f of writableFields(model.name, role, mode)) if (!names.has(f)) problems.push(`${model.name}.${f} (${role} ${mode}) does not exist`);
      for (const f of [...(SECRET_FIELDS[model.name] ?? []), ...(NOT_SECRET[model.name] ?? [])]) if (!names.has(f)) problems.push(`${model.name}.${f} (secret list) does not exist`);
    }
    expect(problems).toEqual([]);
  });

  it("should classify every field whose name looks like a secret", async () => {
    const undeclared: string[] = [];
    for (const model of (await loadFullDmmf()).datamodel.models) {
      for (const f of model.fields) {
        if (f.kind !== "scalar" || !SECRET_LOOKING.test(f.name)) continue;
        if (!(SECRET_FIELDS[model.name] ?? []).includes(f.name) && !(NOT_SECRET[model.name] ?? []).includes(f.name)) undeclared.push(`${model.name}.${f.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it("should never let a form write a status, a counter, an aggregate, a balance or an ownership field", () => {
    const never = /^(status|deletedAt|passwordHash|.*Count|ratingAvg|balance|balanceAfter|amountPaid|amountRefunded|isVerified|user|client|provider|requester|owner|author|acceptedOffer|.*Hash|storageKey|imageKey|mimeType)$/;
    const leaks: string[] = [];
    for (const [model] of Object.entries(FIELD_POLICIES)) {
      for (const role of ROLES) for (const mode of ["edit"] as const) for (const f of writableFields(model, role, mode)) if (never.test(f)) leaks.push(`${model}.${f} (${role})`);
    }
    expect(leaks).toEqual([]);
  });
});

describe("role × model × field sweep", () => {
  it("should change only the declared fields, for every role and every model, when a form posts every field", async () => {
    const mismatches: string[] = [];
    const vacuous: string[] = [];
    const noRow: string[] = [];
    for (const resource of app.admin.admin.resources) {
      const model = resource.id();
      const row = await targetRow(model);
      if (!row) {
        noRow.push(model);
        continue;
      }
      const dmmfModel = (await loadFullDmmf()).datamodel.models.find((m) => m.name === model)!;
      const uniqueColumns = new Set([...dmmfModel.fields.filter((f) => f.isUnique).map((f) => f.name), ...dmmfModel.uniqueFields.flat()]);
      for (const role of ROLES) {
        // Two posts: unique columns alone (another row may hold every possible value), then the rest.
        const payloads: Record<string, string>[] = [{}, {}];
        for (const property of resource.properties()) {
          if (property.isId() || ["createdAt", "updatedAt"].includes(property.path())) continue;
          const column = columnOf(property);
          Object.assign(payloads[uniqueColumns.has(column) ? 0 : 1]!, (await newValue(property, row[column!])) ?? {});
        }
        const before = (await delegate(model).findUnique({ where: { id: row.id } }))!;
        let res: Awaited<ReturnType<AdminAgent["post"]>> | undefined;
        for (const payload of payloads.filter((p) => Object.keys(p).length)) res = await agents.get(role)!.post(`/admin/api/resources/${model}/records/${row.id}/edit`).type("form").send(payload);
        const payload = { ...payloads[0], ...payloads[1] };
        const after = (await delegate(model).findUnique({ where: { id: row.id } }))!;
        const changed = changedPaths(resource, before, after);
        const staffId = (await t.db.userAccessProfile.findFirstOrThrow({ where: { role, userId: { in: [...staffIds] } } })).userId;
        const accessible = app.admin.access.get(`${model}.edit`)!.includes(role) && canEditRowParams(resource, row, role, staffId);
        const allowed = accessible ? writableFields(model, role, "edit") : [];
        const outside = changed.filter((p) => !allowed.includes(p));
        if (outside.length) mismatches.push(`${role} wrote ${model}.{${outside.join(",")}}`);
        if (!accessible && !forbidden(res!.body)) mismatches.push(`${role} ${model}.edit was not refused`);
        if (accessible && allowed.length && !changed.length) vacuous.push(`${role} ${model}: ${res!.status} ${JSON.stringify({ n: res!.body.notice, e: res!.body.record?.errors, p: payload }).slice(0, 900)}`);
        // Put the row back so the next role starts from the same record.
        if (changed.length) {
          const restore: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(before)) if (JSON.stringify(v) !== JSON.stringify(after[k]) && k !== "updatedAt") restore[k] = v;
          await delegate(model).update({ where: { id: row.id }, data: restore });
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The sweep proves something only where a role may write: those edits must have taken effect.
    expect(vacuous).toEqual([]);
    // Models the demo data leaves empty are not swept; none of them has writable fields.
    expect(noRow.filter((m) => ROLES.some((r) => writableFields(m, r, "edit").length))).toEqual([]);
  }, 300_000);

  it("should send no secret in any list or show JSON, to any role", async () => {
    const leaks: string[] = [];
    for (const resource of app.admin.admin.resources) {
      const model = resource.id();
      const secrets = secretFields(model);
      const rows = secrets.length ? await delegate(model).findMany({ take: 50 }) : [];
      const values = rows.flatMap((r) => secrets.map((s) => r[s])).filter((v): v is string => typeof v === "string" && v.length >= 6);
      for (const role of ROLES) {
        if (!app.admin.access.get(`${model}.list`)!.includes(role)) continue;
        const list = await agents.get(role)!.get(`/admin/api/resources/${model}/actions/list?perPage=50`);
        const bodies = [list.text];
        const first = (list.body as { records?: { id: string }[] }).records?.[0];
        if (first) bodies.push((await agents.get(role)!.get(`/admin/api/resources/${model}/records/${first.id}/show`)).text);
        for (const body of bodies) {
          for (const s of secrets) if (body.includes(`"${s}":`)) leaks.push(`${role} ${model}.${s} (key)`);
          for (const v of values) if (body.includes(v)) leaks.push(`${role} ${model} (a secret value)`);
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 180_000);
});

describe("forms", () => {
  it("should show each role an edit form of exactly the fields it may write", async () => {
    const client = await t.db.user.findFirstOrThrow({ where: { userType: "client" } });
    for (const role of ["admin", "support"] as const) {
      const res = await agents.get(role)!.get(`/admin/api/resources/User/records/${client.id}/show`);
      const edit = (res.body.record.recordActions as { name: string; layout?: { props?: unknown; [k: string]: unknown }[] | null }[]).find((a) => a.name === "edit")!;
      const shown = JSON.stringify(edit.layout);
      for (const f of writableFields("User", role, "edit")) expect(shown).toContain(`"${f}"`);
      for (const f of ["passwordHash", "userType", "phone", "lastLoginAt"]) if (!writableFields("User", role, "edit").includes(f)) expect(shown).not.toContain(`"${f}"`);
    }
  });
});

describe("the attacks the review reproduced", () => {
  it("should refuse support posting an admin's password hash, and drop the hash from a client's edit", async () => {
    const adminRow = await t.db.user.findFirstOrThrow({ where: { email: "admin@example.com" } });
    const support = agents.get("support")!;
    const attackerHash = await hashPassword("support-knows-this");
    const res = await support.post(`/admin/api/resources/User/records/${adminRow.id}/edit`).type("form").send({ passwordHash: attackerHash, fullName: "Owned" });
    expect(forbidden(res.body)).toBe(true);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: adminRow.id } });
    expect(after.passwordHash).toBe(adminRow.passwordHash);
    expect(await verifyPassword(after.passwordHash, "support-knows-this")).toBe(false);

    const client = await createUser(t.db, { fullName: "Client Before" });
    await support.post(`/admin/api/resources/User/records/${client.id}/edit`).type("form").send({ passwordHash: attackerHash, userType: "staff", fullName: "Client After" });
    const edited = await t.db.user.findUniqueOrThrow({ where: { id: client.id } });
    expect(edited).toMatchObject({ fullName: "Client After", userType: "client", passwordHash: null });
  });

  it("should not show any staff password hash in User lists", async () => {
    const hashes = (await t.db.user.findMany({ where: { passwordHash: { not: null } } })).map((u) => u.passwordHash!);
    for (const role of ROLES) {
      const list = await agents.get(role)!.get("/admin/api/resources/User/actions/list?perPage=100");
      for (const h of hashes) expect(list.text).not.toContain(h);
      expect(list.text).not.toContain("passwordHash");
    }
  });

  it("should not let content staff change a portfolio item's type or file, nor a provider's verified flag or ratings", async () => {
    const item = await t.db.providerPortfolioItem.findFirstOrThrow({ where: { deletedAt: null } });
    await agents.get("content")!.post(`/admin/api/resources/ProviderPortfolioItem/records/${item.id}/edit`).type("form").send({ mimeType: "text/html", imageKey: "../../etc/passwd", title: "Renamed by content" });
    expect(await t.db.providerPortfolioItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ mimeType: item.mimeType, imageKey: item.imageKey, title: "Renamed by content" });
    const profile = await t.db.providerProfile.findFirstOrThrow({ where: { deletedAt: null } });
    await agents.get("content")!.post(`/admin/api/resources/ProviderProfile/records/${profile.id}/edit`).type("form").send({ isVerified: String(!profile.isVerified), ratingAvg: "5", ratingCount: "999", bio: "Edited bio" });
    expect(await t.db.providerProfile.findUniqueOrThrow({ where: { id: profile.id } })).toMatchObject({ isVerified: profile.isVerified, ratingCount: profile.ratingCount, bio: "Edited bio" });
  });

  it("should not let support set a wallet balance, nor reassign a request's provider or accepted offer", async () => {
    const wallet = await t.db.wallet.findFirstOrThrow();
    const res = await agents.get("support")!.post(`/admin/api/resources/Wallet/records/${wallet.id}/edit`).type("form").send({ balance: "999999" });
    expect(forbidden(res.body)).toBe(true);
    expect((await t.db.wallet.findUniqueOrThrow({ where: { id: wallet.id } })).balance).toBe(wallet.balance);
    const req = await t.db.serviceRequest.findFirstOrThrow({ where: { providerId: { not: null }, deletedAt: null } });
    const other = await t.db.providerProfile.findFirstOrThrow({ where: { userId: { not: req.providerId! } } });
    await agents.get("support")!.post(`/admin/api/resources/ServiceRequest/records/${req.id}/edit`).type("form").send({ provider: String(other.userId), acceptedOffer: "", title: "Corrected title" });
    expect(await t.db.serviceRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ providerId: req.providerId, acceptedOfferId: req.acceptedOfferId, title: "Corrected title" });
  });

  it("should not let content edit a review's rating, nor finance a promo code's use count or a subscription's period", async () => {
    const review = await t.db.review.findFirstOrThrow({ where: { deletedAt: null } });
    await agents.get("content")!.post(`/admin/api/resources/Review/records/${review.id}/edit`).type("form").send({ rating: review.rating === 1 ? "5" : "1", isHidden: "true", hiddenReason: "abusive" });
    expect(await t.db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ rating: review.rating, isHidden: true });
    const promo = await t.db.promoCode.findFirstOrThrow();
    await agents.get("finance")!.post(`/admin/api/resources/PromoCode/records/${promo.id}/edit`).type("form").send({ usedCount: "0", description: "Edited" });
    expect(await t.db.promoCode.findUniqueOrThrow({ where: { id: promo.id } })).toMatchObject({ usedCount: promo.usedCount, description: "Edited" });
    const sub = await t.db.subscription.findFirstOrThrow();
    const res = await agents.get("finance")!.post(`/admin/api/resources/Subscription/records/${sub.id}/edit`).type("form").send({ currentPeriodEnd: "2099-01-01T00:00:00.000Z" });
    expect(forbidden(res.body)).toBe(true);
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).currentPeriodEnd).toEqual(sub.currentPeriodEnd);
  });

  it("should refuse creating or editing a ticket comment through the generic form (replies and notes are written in the desk's workspace, by the signed-in agent)", async () => {
    const ticket = await t.db.supportTicket.findFirstOrThrow();
    const someoneElse = await t.db.user.findFirstOrThrow({ where: { email: "admin@example.com" } });
    const before = await t.db.supportComment.count();
    const res = await agents.get("support")!.post("/admin/api/resources/SupportComment/actions/new").type("form").send({ ticket: String(ticket.id), author: String(someoneElse.id), body: "We are looking into it", visibility: "public_reply", isDraft: "false" });
    expect(forbidden(res.body)).toBe(true);
    expect(await t.db.supportComment.count()).toBe(before);
    const note = await t.db.supportComment.findFirstOrThrow({ where: { visibility: "internal_note" } });
    const edit = await agents.get("admin")!.post(`/admin/api/resources/SupportComment/records/${note.id}/edit`).type("form").send({ visibility: "public_reply" });
    expect(forbidden(edit.body)).toBe(true);
    expect((await t.db.supportComment.findUniqueOrThrow({ where: { id: note.id } })).visibility).toBe("internal_note");
  });

  it("should let only admin set a staff password, hashed on the server, audited, ending that member's sessions", async () => {
    const member = await createStaff(t.db, "finance", PASSWORD);
    const memberAgent = await signIn(app.url, member.email!, PASSWORD);
    expect((await memberAgent.get("/admin/api/resources/Invoice/actions/list")).status).toBe(200);
    const refused = await agents.get("support")!.post(`/admin/api/resources/User/records/${member.id}/setStaffPassword`).send({ newPassword: "a-new-long-password" });
    expect(forbidden(refused.body)).toBe(true);
    const ok = await agents.get("admin")!.post(`/admin/api/resources/User/records/${member.id}/setStaffPassword`).send({ newPassword: "a-new-long-password" });
    expect(ok.body.notice?.type).toBe("success");
    const row = await t.db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(row.passwordHash, "a-new-long-password")).toBe(true);
    expect((await memberAgent.get("/admin/api/resources/Invoice/actions/list")).status).toBe(302);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.password.set", entityId: String(member.id) } });
    expect(JSON.stringify(audit.changes)).not.toContain(row.passwordHash!);
    const short = await agents.get("admin")!.post(`/admin/api/resources/User/records/${member.id}/setStaffPassword`).send({ newPassword: "short" });
    expect(short.body.notice?.type).toBe("error");
  });
});
