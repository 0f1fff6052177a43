/**
 * Holds traffic with the fake Stripe against Stripe's own definitions (schemas.json, generated from
 * the stripe package by generate.ts): every request's parameters against the endpoint's
 * `*Params` type, every answer against the object Stripe returns there, every error against
 * Stripe's error body, every event against its typed event. Problems come back as readable lines;
 * an empty array means everything matched.
 */
import fs from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { SCHEMAS_FILE, type Endpoint, type Schema, type StripeSchemas } from "./generate.js";

export interface Exchange {
  method: string;
  path: string;
  /** Decoded query string or form body (values are strings, as on the wire). */
  params: Record<string, unknown>;
  status: number;
  /** Parsed JSON answer. */
  body: unknown;
}

export interface StripeContract {
  readonly schemas: StripeSchemas;
  /** Parameters of one request: known endpoint, only known parameters, right types. */
  checkRequest(method: string, path: string, params: Record<string, unknown>): string[];
  /** The answer to one request: the endpoint's object (or a list of them), or Stripe's error body. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[];
  /** Any object by its `object` (events by their `type`). */
  checkObject(obj: unknown, where?: string): string[];
  /** Requests and answers together. */
  checkTraffic(exchanges: readonly Exchange[]): string[];
  /** The endpoint a request is checked against, e.g. "POST /v1/payment_intents/{id}/cancel". */
  endpointOf(method: string, path: string): string | undefined;
}

let cached: StripeContract | undefined;

/** One compiled contract per process (compiling the schemas takes a moment). */
export function stripeContract(): StripeContract {
  cached ??= createStripeContract(JSON.parse(fs.readFileSync(SCHEMAS_FILE, "utf8")) as StripeSchemas);
  return cached;
}

export function createStripeContract(schemas: StripeSchemas): StripeContract {
  // strict: false because Stripe's enums become `const`/`enum` without `type`, which strict mode flags.
  // inlineRefs/optimize off: the definitions are large and shared, and inlining them made compiling ~2x slower.
  // verbose: errors carry their schema, whose $comment names an object this check does not model.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, inlineRefs: false, code: { optimize: false } });
  ajv.addSchema(schemas as object, "stripe");
  ajv.addSchema(formEncoded(schemas) as object, "stripe-form");

  const routes = schemas.endpoints.map((e, i) => ({
    endpoint: e,
    // {id} matches one path segment; literal segments win over it (none of ours collide today).
    pattern: new RegExp(`^${e.path.replace(/\{\w+\}/g, "[^/]+")}$`),
    literal: e.path.split("/").filter((s) => !s.startsWith("{")).length,
    params: ajv.getSchema(`stripe-form#/endpoints/${i}/params`)!,
    response: ajv.getSchema(`stripe#/endpoints/${i}/response`)!,
  }));
  const compiled = (pointer: string): ValidateFunction => {
    const v = ajv.getSchema(`stripe#${pointer}`);
    if (!v) throw new Error(`stripe-contract: no schema at ${pointer}`);
    return v;
  };
  const listEnvelope = compiled("/objects/list");
  const errorBody = compiled("/objects/error");
  const byObject = new Map(Object.keys(schemas.objects).map((k) => [k, compiled(`/objects/${escapePointer(k)}`)]));
  const byEventType = new Map(Object.keys(schemas.events).map((k) => [k, compiled(`/events/${escapePointer(k)}`)]));

  function route(method: string, path: string) {
    return routes
      .filter((r) => r.endpoint.method === method.toUpperCase() && r.pattern.test(path))
      .sort((a, b) => b.literal - a.literal)[0];
  }
  const label = (e: Endpoint) => `${e.method} ${e.path} (${e.sdk})`;

  function checkObject(obj: unknown, where = "object"): string[] {
    const kind = (obj as { object?: unknown } | null)?.object;
    if (typeof kind !== "string") return [`${where}: no "object" field`];
    if (kind === "event") {
      const type = (obj as { type?: unknown }).type;
      const v = typeof type === "string" ? byEventType.get(type) : undefined;
      if (!v) return [`${where}: event type ${JSON.stringify(type)} is not one Stripe sends about a modelled object`];
      return run(v, obj, `${where} (${String(type)})`);
    }
    const v = byObject.get(kind);
    if (!v) return [`${where}: "${kind}" is not an object this check models`];
    return run(v, obj, where);
  }

  function checkRequest(method: string, path: string, params: Record<string, unknown>): string[] {
    const r = route(method, path);
    if (!r) return [`${method} ${path}: not an endpoint the fake is checked for`];
    return run(r.params, params, `${label(r.endpoint)} params`);
  }

  function checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const where = `${method} ${path} → ${status}`;
    if (status >= 400) return run(errorBody, body, `${where} error body`);
    const r = route(method, path);
    if (!r) return [`${where}: not an endpoint the fake is checked for`];
    if (status !== 200) return [`${where}: Stripe answers 200 on success`];
    if (!r.endpoint.list) {
      return (body as { object?: unknown } | null)?.object === "event" ? checkObject(body, where) : run(r.response, body, where);
    }
    const problems = run(listEnvelope, body, `${where} list`);
    const list = body as { url?: unknown; data?: unknown };
    if (problems.length === 0 && list.url !== path) problems.push(`${where} list: url is ${JSON.stringify(list.url)}, Stripe answers the list's path`);
    if (Array.isArray(list.data)) {
      list.data.forEach((item, i) => {
        problems.push(...((item as { object?: unknown } | null)?.object === "event" ? checkObject(item, `${where} data[${i}]`) : run(r.response, item, `${where} data[${i}]`)));
      });
    }
    return problems;
  }

  return {
    schemas,
    checkRequest,
    checkResponse,
    checkObject,
    endpointOf(method, path) {
      const r = route(method, path);
      return r && `${r.endpoint.method} ${r.endpoint.path}`;
    },
    checkTraffic(exchanges) {
      return exchanges.flatMap((x) => [...checkRequest(x.method, x.path, x.params), ...checkResponse(x.method, x.path, x.status, x.body)]);
    },
  };
}

function run(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return explain(validate.errors ?? []).map((m) => `${where}: ${m}`);
}

/**
 * Ajv reports every failed branch of an anyOf; keep, for each place, what says what is wrong: an
 * unknown, missing or misplaced field if there is one; else an object this check does not model;
 * else the type or values expected.
 */
function explain(errors: ErrorObject[]): string[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === "anyOf") continue;
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out = new Set<string>();
  for (const [at, list] of byPath) {
    const telling = list.filter((e) => !["type", "const", "enum", "not"].includes(e.keyword));
    const unmodelled = list.filter((e) => e.keyword === "not").map((e) => (e.parentSchema as { $comment?: string } | undefined)?.$comment ?? "must not be present");
    if (telling.length) for (const e of telling) out.add(describe(at, e));
    else if (unmodelled.length) for (const m of unmodelled) out.add(`${at || "/"}: ${m}`);
    else for (const e of list) out.add(describe(at, e));
  }
  return [...out].slice(0, 40);
}

function describe(at: string, e: ErrorObject): string {
  const p = at || "/";
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return `${p}: unknown field "${String(params.additionalProperty)}"`;
    case "required":
      return `${p}: missing required field "${String(params.missingProperty)}"`;
    case "const":
      return `${p}: must be ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `${p}: must be one of ${JSON.stringify(params.allowedValues)}`;
    case "false schema":
      return `${p}: must not be present`;
    default:
      return `${p}: ${e.message ?? e.keyword}`;
  }
}

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

const NUMBER = "^-?[0-9]+(\\.[0-9]+)?$";

/**
 * The same document with request parameters as they travel: the SDK form-encodes everything, so a
 * number arrives as "1000", a boolean as "true", and null (Emptyable) as "".
 */
export function formEncoded(schemas: StripeSchemas): StripeSchemas {
  const walk = (s: Schema): Schema => {
    if (typeof s !== "object" || s === null) return s;
    const out: Record<string, unknown> = { ...s };
    if (out.type === "number") return { ...out, type: "string", pattern: NUMBER };
    if (out.type === "boolean") return { ...out, type: "string", enum: ["true", "false"] };
    if (out.type === "null") {
      delete out.type;
      return { ...out, const: "" };
    }
    if ("const" in out && typeof out.const !== "string") out.const = String(out.const);
    if (Array.isArray(out.enum)) out.enum = out.enum.map(String);
    if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map((x: Schema) => walk(x));
    if (out.items !== undefined) out.items = walk(out.items as Schema);
    if (typeof out.additionalProperties === "object") out.additionalProperties = walk(out.additionalProperties as Schema);
    if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, Schema>).map(([k, v]) => [k, walk(v)]));
    return out;
  };
  return {
    ...schemas,
    endpoints: schemas.endpoints.map((e) => ({ ...e, params: walk(e.params) })),
    definitions: Object.fromEntries(Object.entries(schemas.definitions).map(([k, v]) => [k, walk(v)])),
  };
}
