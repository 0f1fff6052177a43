/**
 * A test client for the public API that checks every response against the OpenAPI document the
 * server publishes (Ajv, JSON Schema 2020-12): status listed for the operation, content type,
 * body schema. Operations called are recorded, so a contract test can require all of them.
 */
import { randomInt } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { memorySmsSender } from "../../src/platform/sms.js";
import { startApp, type RunningApp } from "./app-server.js";
import type { TestDatabase } from "./test-database.js";
import type { Deps } from "../../src/platform/deps.js";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  lang?: "ar" | "en";
}

/** Operations seen by any client in this process: "GET /requests/{id}". */
export const calledOperations = new Set<string>();

export class ApiClient {
  private ajv = new Ajv2020({ strict: false, allErrors: true });
  private validators = new Map<string, ReturnType<Ajv2020["compile"]>>();

  constructor(
    readonly base: string,
    readonly doc: Doc,
  ) {
    (addFormats as unknown as (a: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ ...doc, $id: "openapi.json" } as object);
  }

  /** Finds the documented operation for a concrete path ("/requests/12" → "/requests/{id}"). */
  operationFor(method: string, path: string): string | undefined {
    const clean = path.split("?")[0]!;
    // Literal paths first, so /requests/open is not taken for /requests/{id}.
    const byParams = (t: string) => (t.match(/\{/g) ?? []).length;
    return Object.keys(this.doc.paths).sort((a, b) => byParams(a) - byParams(b)).find((tpl) => {
      if (!this.doc.paths[tpl]![method]) return false;
      const re = new RegExp("^" + tpl.replace(/\{\w+\}/g, "[^/]+") + "$");
      return re.test(clean);
    });
  }

  async call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<ApiResponse<T>> {
    const m = method.toLowerCase();
    const headers: Record<string, string> = { ...(o.lang ? { "accept-language": o.lang } : {}), ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(this.base + "/api/v1" + path, { method: m.toUpperCase(), headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    this.check(m, path, res, body);
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** A multipart/form-data POST (text fields and one file named "file"), checked like `call`. */
  async upload<T = any>(path: string, o: { token?: string; fields?: Record<string, string>; file?: { name: string; bytes: Uint8Array; type?: string }; lang?: "ar" | "en" }): Promise<ApiResponse<T>> {
    const form = new FormData();
    for (const [k, v] of Object.entries(o.fields ?? {})) form.append(k, v);
    if (o.file) form.append("file", new Blob([new Uint8Array(o.file.bytes)], { type: o.file.type ?? "application/octet-stream" }), o.file.name);
    const headers: Record<string, string> = { ...(o.lang ? { "accept-language": o.lang } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) };
    const res = await fetch(this.base + "/api/v1" + path, { method: "POST", headers, body: form });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    this.check("post", path, res, body);
    return { status: res.status, body: body as T, headers: res.headers };
  }

  private check(method: string, path: string, res: Response, body: unknown) {
    const tpl = this.operationFor(method, path);
    if (!tpl) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
    calledOperations.add(`${method.toUpperCase()} ${tpl}`);
    const responses = this.doc.paths[tpl]![method]!.responses;
    const spec = responses[String(res.status)];
    if (!spec) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, which the document does not list (${Object.keys(responses).join(", ")}): ${JSON.stringify(body)}`);
    if (!spec.content) {
      if (body !== undefined) throw new Error(`${method.toUpperCase()} ${path} ${res.status} should have no body`);
      return;
    }
    const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
    if (!spec.content[type]) throw new Error(`${method.toUpperCase()} ${path} ${res.status} answered ${type}, documented: ${Object.keys(spec.content).join(", ")}`);
    const ptr = `openapi.json#/paths/${tpl.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses/${res.status}/content/${type.replace(/\//g, "~1")}/schema`;
    let validate = this.validators.get(ptr);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ptr });
      this.validators.set(ptr, validate);
    }
    if (!validate(body)) {
      throw new Error(`${method.toUpperCase()} ${path} ${res.status} body does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}

export interface RunningApi extends RunningApp {
  api: ApiClient;
  sms: ReturnType<typeof memorySmsSender>;
  /** OTP login for a phone; returns the token and the user. */
  login(phone?: string, o?: { language?: "ar" | "en" }): Promise<{ token: string; user: any; phone: string }>;
}

/** A Saudi mobile number that libphonenumber accepts, unique enough for one run. */
export const testPhone = () => `+96655${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;

export async function startApi(t: TestDatabase, env: Record<string, string> = {}, extra: Partial<Deps> = {}): Promise<RunningApi> {
  const sms = memorySmsSender();
  const app = await startApp({ ...t, sms, ...extra }, env);
  const doc = (await (await fetch(app.url + "/api/v1/openapi.json")).json()) as Doc;
  const api = new ApiClient(app.url, doc);
  return {
    ...app,
    api,
    sms,
    async login(phone = testPhone(), o = {}) {
      const r = await api.call("POST", "/auth/otp/request", { body: { phone, ...(o.language ? { language: o.language } : {}) } });
      if (r.status !== 202) throw new Error(`otp request failed: ${JSON.stringify(r.body)}`);
      const code = /(\d{6})/.exec(sms.lastTo(phone)!.text)![1];
      const v = await api.call("POST", "/auth/otp/verify", { body: { phone, code } });
      if (v.status !== 200) throw new Error(`otp verify failed: ${JSON.stringify(v.body)}`);
      return { token: v.body.token, user: v.body.user, phone };
    },
  };
}
