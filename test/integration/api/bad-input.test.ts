/**
 * "Bad input gets a clear error, never a 500." The cases are derived from the served OpenAPI
 * document wherever they can be (every integer parameter, every integer, string and date-time field
 * of every request body, every cursor), so a new route is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Subcategory } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createProvider, createSubcategory } from "../../support/factories.js";
import { issueToken } from "../../../src/domains/accounts/index.js";
import { encodeCursor } from "../../../src/api/pagination.js";

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;
const TOO_BIG = 2 ** 31;

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { in: string; name: string; schema: Schema };
type Operation = { security?: unknown[]; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let t: TestDatabase;
let app: RunningApi;
let doc: Doc;
let token: string;
let sub: Subcategory;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t, { API_RATE_LIMIT_PER_MINUTE: "100000" });
  doc = app.api.doc as unknown as Doc;
  sub = await createSubcategory(t.db);
  const p = await createProvider(t.db);
  // A provider can call every route (provider-only ones too), so validation is what answers.
  token = (await issueToken(t.db, p.user.id)).token;
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"];
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => HTTP_METHODS.includes(m)).map(([method, op]) => ({ method, path, op, key: `${method.toUpperCase()} ${path}` })),
  );

const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components!.schemas![s.$ref.replace("#/components/schemas/", "")]!) : s);
const types = (s: Schema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** Every leaf of a schema with its dotted path (array items as index 0). */
function leaves(schema: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
  const s = resolve(schema);
  const out: { path: string[]; schema: Schema }[] = [];
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) out.push(...leaves(alt, path));
  if (s.properties) for (const [k, v] of Object.entries(s.properties)) out.push(...leaves(v, [...path, k]));
  if (s.items) out.push(...leaves(s.items, [...path, "0"]));
  if (types(s).some((x) => x === "integer" || x === "number" || x === "string")) out.push({ path, schema: s });
  return out;
}

const bodyOf = (op: Operation) => op.requestBody?.content["application/json"]?.schema;

/** { a: { b: [ { c: v } ] } } from ["a", "b", "0", "c"]. */
function bodyWith(path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return /^\d+$/.test(head!) ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

/** The path with every path parameter set to `value` (others to 1). */
const concrete = (path: string, values: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_m, n: string) => values[n] ?? "1");

/** Body fields of the document matching `pick`, as test cases. */
function bodyFields(pick: (s: Schema) => boolean) {
  return operations().flatMap(({ method, path, op, key }) => {
    const body = bodyOf(op);
    if (!body) return [];
    return leaves(body).filter((l) => l.path.length && pick(l.schema)).map((l) => ({ method, path, key, field: l.path }));
  });
}

async function expectFieldRefused(method: string, path: string, o: { body?: unknown }, field: string, what: string) {
  const r = await app.api.call(method, path, { ...o, token, lang: "en" });
  expect(r.status, `${method.toUpperCase()} ${path} ${what}: ${JSON.stringify(r.body)}`).toBe(400);
  expect(r.body.errors, `${method.toUpperCase()} ${path} ${what} names ${field}: ${JSON.stringify(r.body)}`).toHaveProperty([field]);
  return r;
}

describe("integers are bounded to int4 (PostgreSQL integer)", () => {
  it("should bound every integer of every request parameter and body in the OpenAPI document", () => {
    const unbounded: string[] = [];
    for (const { key, op } of operations()) {
      const ints = [
        ...(op.parameters ?? []).flatMap((p) => leaves(p.schema, [p.name])),
        ...(bodyOf(op) ? leaves(bodyOf(op)!) : []),
      ].filter((l) => types(l.schema).some((x) => x === "integer" || x === "number"));
      for (const { path, schema: s } of ints) {
        const low = s.minimum ?? s.exclusiveMinimum;
        const high = s.maximum ?? s.exclusiveMaximum;
        if (!types(s).includes("integer") || low === undefined || high === undefined || low < INT4_MIN || high > INT4_MAX) unbounded.push(`${key} ${path.join(".")} ${JSON.stringify(s)}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("should answer 400 naming the parameter to 2^31 in every integer path or query parameter", async () => {
    const cases = operations().flatMap(({ method, path, op }) =>
      (op.parameters ?? []).filter((p) => (p.in === "path" || p.in === "query") && types(resolve(p.schema)).includes("integer")).map((p) => ({ method, path, p })),
    );
    expect(cases.length).toBeGreaterThan(30);
    for (const { method, path, p } of cases) {
      const url = p.in === "path" ? concrete(path, { [p.name]: String(TOO_BIG) }) : `${concrete(path)}?${p.name}=${TOO_BIG}`;
      const body = ["post", "patch", "put"].includes(method) && bodyOf(doc.paths[path]![method]!) ? {} : undefined;
      const r = await expectFieldRefused(method, url, { body }, p.name, `${p.name}=2^31`);
      expect(r.body.code).toBe("VALIDATION_FAILED");
    }
  });

  it("should answer 400 naming the field to 2^31 in every integer field of every request body", async () => {
    const cases = bodyFields((s) => types(s).includes("integer"));
    expect(cases.map((c) => `${c.key} ${c.field.join(".")}`)).toEqual(expect.arrayContaining(["POST /requests subcategory_id", "PATCH /me/provider services.0.id", "POST /threads/{id}/read up_to_message_id", "POST /me/tickets follow_up_of_id", "POST /me/tickets/{id}/rating rating"]));
    for (const { method, path, field } of cases) {
      await expectFieldRefused(method, concrete(path), { body: bodyWith(field, TOO_BIG) }, field.join("."), `${field.join(".")}=2^31`);
    }
  });

  it("should answer 400 INVALID_CURSOR to a cursor past int4 on every paginated list", async () => {
    const lists = operations().filter(({ op }) => op.parameters?.some((p) => p.in === "query" && p.name === "cursor"));
    expect(lists.length).toBeGreaterThan(6);
    const cursors = [
      ...lists.map(({ method, path }) => ({ method, url: `${concrete(path)}?cursor=${encodeCursor(TOO_BIG)}` })),
      { method: "get", url: `/providers?sort=rating&cursor=${encodeCursor([0, TOO_BIG])}` },
      { method: "get", url: `/providers?sort=rating&cursor=${encodeCursor([TOO_BIG, 1])}` },
    ];
    for (const { method, url } of cursors) {
      const r = await app.api.call(method, url, { token, lang: "en" });
      expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body).toMatchObject({ code: "INVALID_CURSOR", errors: { cursor: expect.any(String) } });
    }
  });

  it("should refuse a whole valid request with one integer past int4, and take it at int4's maximum", async () => {
    const base = { title: "Fix my AC", description: "It blows warm air", subcategory_id: sub.id, city: "Riyadh" };
    await expectFieldRefused("post", "/requests", { body: { ...base, budget_max: TOO_BIG } }, "budget_max", "budget_max=2^31");
    const ok = await app.api.call("POST", "/requests", { token, body: { ...base, budget_max: INT4_MAX } });
    expect(ok.status).toBe(201);
    expect((await app.api.call("GET", `/providers?subcategory=${INT4_MAX}`)).status).toBe(200);
    expect((await app.api.call("GET", `/providers/${INT4_MAX}`)).status).toBe(404);
  });
});

describe("strings without NUL or unpaired surrogates, dates PostgreSQL can store", () => {
  const BAD_STRINGS = { NUL: "a\u0000b", "a lone surrogate": "a\ud800b", "a lone low surrogate": "\udc00" };

  it("should answer 400 naming the field to NUL or a lone surrogate in any string of any request body", async () => {
    const cases = bodyFields((s) => types(s).includes("string"));
    expect(cases.length).toBeGreaterThan(25);
    expect(cases.map((c) => `${c.key} ${c.field.join(".")}`)).toEqual(expect.arrayContaining(["POST /me/tickets subject", "POST /me/tickets/{id}/replies body", "POST /me/tickets/{id}/rating comment"]));
    for (const { method, path, field } of cases) {
      for (const [what, value] of Object.entries(BAD_STRINGS)) {
        await expectFieldRefused(method, concrete(path), { body: bodyWith(field, value) }, field.join("."), what);
      }
    }
  });

  it("should answer 400 naming the parameter to NUL in any string query parameter", async () => {
    const cases = operations().flatMap(({ method, path, op }) =>
      (op.parameters ?? []).filter((p) => p.in === "query" && types(resolve(p.schema)).includes("string")).map((p) => ({ method, path, name: p.name })),
    );
    expect(cases.length).toBeGreaterThan(8);
    for (const { method, path, name } of cases) await expectFieldRefused(method, `${concrete(path)}?${name}=a%00b`, {}, name, "NUL");
  });

  it("should refuse a valid request whose title has a NUL, or whose text has a lone surrogate", async () => {
    const base = { title: "Paint a room", description: "Two walls", subcategory_id: sub.id, city: "Riyadh" };
    await expectFieldRefused("post", "/requests", { body: { ...base, title: "Paint\u0000a room" } }, "title", "NUL");
    const r = await expectFieldRefused("post", "/requests", { body: { ...base, description: "Two \ud83d walls" } }, "description", "lone surrogate");
    expect(r.body.code).toBe("VALIDATION_FAILED");
    // A surrogate pair (an emoji) is fine.
    expect((await app.api.call("POST", "/requests", { token, body: { ...base, description: "Two walls 🎨" } })).status).toBe(201);
    const ar = await app.api.call("POST", "/requests", { token, lang: "ar", body: { ...base, title: "\u0000" } });
    expect(ar.status).toBe(400);
    expect(ar.body.errors.title).toMatch(/[\u0600-\u06FF]/);
  });

  it("should answer 400 naming the field to dates of year 0 or past year 9999 in every date-time field", async () => {
    const cases = bodyFields((s) => s.format === "date-time");
    expect(cases.map((c) => `${c.key} ${c.field.join(".")}`)).toContain("POST /requests preferred_date");
    for (const { method, path, field } of cases) {
      for (const value of ["0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "2026-02-30T10:00:00Z", "soon"]) {
        await expectFieldRefused(method, concrete(path), { body: bodyWith(field, value) }, field.join("."), value);
      }
    }
    const base = { title: "Clean the pool", description: "Before summer", subcategory_id: sub.id, city: "Riyadh" };
    await expectFieldRefused("post", "/requests", { body: { ...base, preferred_date: "0000-06-01T00:00:00.000Z" } }, "preferred_date", "year 0");
    const ok = await app.api.call("POST", "/requests", { token, body: { ...base, preferred_date: "2027-06-01T09:00:00+03:00" } });
    expect(ok.status).toBe(201);
    expect(ok.body.preferred_date).toBe("2027-06-01T06:00:00.000Z");
  });
});

describe("portfolio images up to the documented 5 MB", () => {
  /** A valid 1x1 PNG. */
  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  /** 4.9 MB of PNG: the picture, then padding after its end (still typed image/png by its bytes). */
  const big = Buffer.concat([PNG, Buffer.alloc(Math.floor(4.9 * 1024 * 1024) - PNG.length, 7)]);

  it("should take a 4.9 MB image and store it byte for byte", async () => {
    const r = await app.api.call("POST", "/me/provider/portfolio", { token, body: { title: "Big one", image_base64: big.toString("base64") } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const image = await fetch(`${app.url}/api/v1/portfolio/${r.body.id}/image`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(big)).toBe(true);
    const replaced = await app.api.call("PATCH", `/me/provider/portfolio/${r.body.id}`, { token, body: { image_base64: big.toString("base64") } });
    expect(replaced.status).toBe(200);
  });

  it("should answer 400 to 4.9 MB that is not base64, whatever is wrong with it", async () => {
    const b64 = big.toString("base64");
    const mid = Math.floor(b64.length / 2);
    const broken = {
      "a character outside the alphabet": b64.slice(0, mid) + "*" + b64.slice(mid + 1),
      "padding in the middle": b64.slice(0, mid) + "=" + b64.slice(mid + 1),
      "a length that is not a multiple of 4": b64 + "A",
      "three padding characters": b64.slice(0, -4) + "A===",
      "whitespace": b64.slice(0, mid) + "\n" + b64.slice(mid + 1),
      "base64url": b64.slice(0, mid) + "_" + b64.slice(mid + 1),
    };
    for (const [what, image_base64] of Object.entries(broken)) {
      await expectFieldRefused("post", "/me/provider/portfolio", { body: { title: "Broken", image_base64 } }, "image_base64", what);
    }
    await expectFieldRefused("patch", "/me/provider/portfolio/1", { body: { image_base64: broken["a character outside the alphabet"] } }, "image_base64", "not base64");
  });
});

describe("field messages in the request's language", () => {
  /** Latin letters outside quoted values ("…" or «…»): English words left in an Arabic message. */
  const latinWords = (text: string) => text.replace(/"[^"]*"|«[^»]*»/g, "").match(/[A-Za-z]+/g) ?? [];
  const request = { title: "Fix the sink", description: "It leaks", city: "Riyadh" };
  /** Representative bad input: zod's built-in checks, our rules (schema and domain), domain field errors. */
  const CASES = () => [
    { method: "post", path: "/requests", body: { ...request, subcategory_id: "one", title: "ab", priority: "soon", preferred_date: "tomorrow", extra: true }, fields: ["subcategory_id", "title", "priority", "preferred_date", "body"] },
    { method: "post", path: "/requests", body: { ...request, subcategory_id: sub.id, description: undefined, budget_min: 500, budget_max: 100 }, fields: ["description"] },
    { method: "post", path: "/requests", body: { ...request, subcategory_id: sub.id, budget_min: 500, budget_max: 100 }, fields: ["budget_min"] },
    { method: "post", path: "/auth/otp/request", body: { phone: "0551234567" }, fields: ["phone"] },
    { method: "patch", path: "/me", body: { email: "not-an-email", language: "fr", full_name: "x".repeat(151) }, fields: ["email", "language", "full_name"] },
    { method: "patch", path: "/me/provider", body: { services: [{ subcategory_id: sub.id, title: "Pipes", price_from: 500, price_to: 100, currency: "sar" }] }, fields: ["services.0.price_to", "services.0.currency"] },
    { method: "patch", path: "/me/provider", body: { subcategory_ids: [99_999_999] }, fields: ["subcategory_ids.0"] },
    { method: "post", path: "/me/provider/portfolio", body: { title: "Work", image_base64: "not base64!" }, fields: ["image_base64"] },
    { method: "post", path: "/me/provider/portfolio", body: { title: "Work", image_base64: Buffer.from("plain text, not an image").toString("base64") }, fields: ["file"] },
    { method: "post", path: "/subscriptions", body: { plan_id: 99_999_999, cycle: "monthly" }, fields: ["plan_id"] },
    { method: "post", path: "/subscriptions", body: { plan_id: 1, cycle: "weekly", promo_code: 7 }, fields: ["cycle", "promo_code"] },
    { method: "get", path: "/app-version?platform=web&current_version=1..2", fields: ["platform", "current_version"] },
    { method: "get", path: "/requests?cursor=bm90LWEtY3Vyc29y", fields: ["cursor"] },
  ];

  it("should word every field message in Arabic for Accept-Language: ar, English words only inside quotes", async () => {
    for (const c of CASES()) {
      const r = await app.api.call(c.method, c.path, { token, body: c.body, lang: "ar" });
      const where = `${c.method.toUpperCase()} ${c.path} ${JSON.stringify(r.body)}`;
      expect([400, 413, 415, 422], where).toContain(r.status);
      expect(Object.keys(r.body.errors ?? {}), where).toEqual(expect.arrayContaining(c.fields));
      for (const [field, text] of Object.entries(r.body.errors as Record<string, string>)) {
        expect(text, `${where} ${field}`).toMatch(/[\u0600-\u06FF]/);
        expect(latinWords(text), `${where} ${field}: ${text}`).toEqual([]);
      }
    }
  });

  it("should word the same field messages in English for Accept-Language: en", async () => {
    for (const c of CASES()) {
      const r = await app.api.call(c.method, c.path, { token, body: c.body, lang: "en" });
      for (const [field, text] of Object.entries(r.body.errors as Record<string, string>)) {
        expect(text, `${c.method.toUpperCase()} ${c.path} ${field}`).toMatch(/[A-Za-z]{2}/);
        expect(text, `${c.method.toUpperCase()} ${c.path} ${field}`).not.toMatch(/[\u0600-\u06FF]/);
      }
    }
  });
});
