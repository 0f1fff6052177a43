/**
 * One declaration per endpoint: `api.route({ method, path, auth, params, query, body, response }, handler)`
 * registers the Express handler and its OpenAPI 3.1 entry from the same zod schemas, so the
 * document cannot drift from what the server validates. The handler receives parsed input and
 * returns plain (camelCase) data; the response schema shapes and checks what is sent.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z, type ZodType } from "zod";
import type { User } from "@prisma/client";
import type { Ctx } from "../platform/context.js";
import type { Deps } from "../platform/deps.js";
import { DomainError } from "../platform/errors.js";
import type { Lang } from "../platform/i18n.js";
import type { Logger } from "../platform/logger.js";
import { unstorableTextPaths } from "../platform/validation.js";
import { apiCtx, authOf } from "./auth.js";
import { withIdempotency } from "./idempotency.js";
import { langOf, problemSchema } from "./problem.js";
import { toApiJson } from "./serialize.js";
import { discardUpload, receiveMultipart, type ReceivedFile } from "../platform/uploads.js";
import { etagOf, type CachedAnswer, type PublicCache } from "./public-cache.js";

type Method = "get" | "post" | "patch" | "put" | "delete";
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends ZodType, R extends ZodType, M extends AnyObject = AnyObject> {
  method: Method;
  /** OpenAPI style: /requests/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** none: public; user: any signed-in app user; provider: a user with a provider profile. */
  auth: "none" | "user" | "provider";
  params?: P;
  query?: Q;
  body?: B;
  /** Omit for 204 No Content. */
  response?: R;
  status?: 200 | 201 | 202;
  /** Honour the Idempotency-Key header (POSTs that create things). */
  idempotent?: boolean;
  /** Problem statuses worth listing for this route besides the common ones. */
  errors?: number[];
  /**
   * A multipart/form-data body instead of JSON: text fields checked by `fields`, and one file in
   * the part named `file`, streamed to a temporary file and typed from its bytes. The handler
   * gets it as `file`; whatever the handler does not move into storage is removed afterwards.
   */
  multipart?: { fields: M; allowed: readonly string[]; maxBytes: () => Promise<number>; fileDescription: string; tempDir: () => Promise<string> };
  /**
   * A public catalog read (GET, `auth: "none"`): anonymous answers go through the process's short
   * cache with an ETag (304 on If-None-Match) and `Cache-Control: public`; calls with an
   * Authorization header are computed each time and marked `private`. A successful write of a
   * route with the same tag empties the cache.
   */
  cache?: boolean;
}

export interface HandlerInput<P extends AnyObject, Q extends AnyObject, B extends ZodType, M extends AnyObject = AnyObject> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** Present when the route needs auth. */
  user: User;
  tokenId: number;
  ctx: Ctx;
  lang: Lang;
  /** The received file of a multipart route, and its text fields. */
  file: ReceivedFile;
  fields: z.output<M>;
  req: Request;
  res: Response;
}

const empty = z.object({});
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (see `errors`)", 401: "Missing or invalid bearer token", 403: "Not allowed",
  404: "Not found (also for records that belong to someone else)", 409: "Conflict with the current state",
  413: "Body too large", 415: "The body is not application/json", 422: "A business rule refused it", 429: "Rate limited (see Retry-After)", 500: "Server error",
};

/**
 * Every string of every route's input, checked once here rather than in each schema: PostgreSQL
 * cannot store NUL or unpaired surrogates (text nor jsonb), and would answer with an error (500).
 * Paths are relative to their part, like the schemas' own issues.
 */
export function rejectUnstorableText(parts: Record<"params" | "query" | "body", unknown>): void {
  const paths = Object.values(parts).flatMap((v) => unstorableTextPaths(v));
  if (paths.length) throw new z.ZodError(paths.map((path) => ({ code: "custom" as const, path, message: "TEXT_UNSTORABLE", input: undefined })));
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** The headers of a cached catalog answer, as documented. */
const cacheHeaders = {
  ETag: { description: "Tag of this answer; send it back in If-None-Match to get 304 when it has not changed.", schema: { type: "string" as const } },
  "Cache-Control": { description: "`public, max-age=N` for anonymous calls (N: the server's cache time, a few seconds); `private, no-cache` with a bearer token.", schema: { type: "string" as const } },
  Vary: { description: "Accept-Language, Authorization", schema: { type: "string" as const } },
};

export class Api {
  readonly registry = new OpenAPIRegistry();
  /** Tags of cached routes: a successful write under one of them empties the cache. */
  private readonly cachedTags = new Set<string>();

  constructor(
    readonly router: Router,
    readonly deps: Deps,
    readonly log: Logger,
    readonly publicCache?: PublicCache,
  ) {
    this.registry.registerComponent("securitySchemes", "bearerAuth", {
      type: "http",
      scheme: "bearer",
      description: "Token from POST /auth/otp/verify.",
    });
  }

  route<P extends AnyObject = typeof empty, Q extends AnyObject = typeof empty, B extends ZodType = z.ZodUndefined, R extends ZodType = z.ZodVoid, M extends AnyObject = typeof empty>(
    spec: RouteSpec<P, Q, B, R, M>,
    handler: (input: HandlerInput<P, Q, B, M>) => Promise<z.input<R> | unknown>,
  ): void {
    const status = spec.response ? (spec.status ?? 200) : 204;
    const cached = !!spec.cache;
    if (cached && (spec.method !== "get" || spec.auth !== "none" || !spec.response)) throw new Error(`${spec.method} ${spec.path}: only public GET routes with a response may be cached`);
    if (cached) this.cachedTags.add(spec.tag);
    const errorStatuses = new Set([400, 429, 500, ...(spec.auth === "none" ? [] : [401]), ...(spec.auth === "provider" ? [403] : []), ...(spec.params ? [404] : []), ...(spec.idempotent ? [409, 422] : []), ...(spec.body || spec.multipart ? [413, 415] : []), ...(spec.errors ?? [])]);
    const problemContent = { "application/problem+json": { schema: problemSchema } };
    this.registry.registerPath({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      description: spec.description,
      tags: [spec.tag],
      ...(spec.auth === "none" ? {} : { security: [{ bearerAuth: [] }] }),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.idempotent ? { headers: z.object({ "idempotency-key": z.string().min(1).max(255).optional().meta({ description: "Retry-safe key; a repeat returns the first result." }) }) } : {}),
        ...(cached ? { headers: z.object({ "if-none-match": z.string().max(1000).optional().meta({ description: "The ETag of an answer you hold: 304 Not Modified if it is still the current one." }) }) } : {}),
        // A body schema that takes `undefined` (`.optional()`) is documented as optional (logout).
        ...(spec.body ? { body: { required: !spec.body.safeParse(undefined).success, content: { "application/json": { schema: spec.body } } } } : {}),
        ...(spec.multipart
          ? { body: { required: true, content: { "multipart/form-data": { schema: spec.multipart.fields.extend({ file: z.string().meta({ format: "binary", description: spec.multipart.fileDescription }) }) } } } }
          : {}),
      },
      responses: {
        [status]: spec.response ? { description: "OK", content: { "application/json": { schema: spec.response } }, ...(cached ? { headers: cacheHeaders } : {}) } : { description: "No content" },
        ...(cached ? { 304: { description: "Not modified: the answer whose ETag was sent in If-None-Match is still current.", headers: cacheHeaders } } : {}),
        ...Object.fromEntries([...errorStatuses].sort().map((s) => [s, { description: ERROR_DESCRIPTIONS[s] ?? "Error", content: problemContent }])),
      },
    });

    const expressPath = spec.path.replace(/\{(\w+)\}/g, ":$1");
    if (spec.multipart) this.multipartPaths.push(new RegExp(`^${spec.path.replace(/\{\w+\}/g, "[^/]+")}$`));
    this.router[spec.method](expressPath, async (req, res, next) => {
      let upload: { fields: Record<string, string>; file: ReceivedFile } | undefined;
      if (cached) {
        res.setHeader("Vary", "Accept-Language, Authorization");
        if (req.headers.authorization !== undefined) res.setHeader("Cache-Control", "private, no-cache");
        else if (this.publicCache?.enabled) return this.answerFromCache(spec, handler, req, res, next);
        else res.setHeader("Cache-Control", "public, no-cache");
      }
      try {
        const lang = langOf(res);
        const auth = authOf(res);
        if (spec.auth !== "none" && !auth) throw new DomainError("UNAUTHENTICATED", "bearer token required", 401);
        if (spec.auth === "provider" && auth!.user.userType !== "provider") throw new DomainError("PROVIDER_ONLY", "provider account required", 403);
        // Messages are worded in the request's language when the error is answered (problem.ts);
        // the input stays on each issue so an absent field reads as "required", not as a wrong type.
        const opts = { reportInput: true };
        rejectUnstorableText({ params: req.params, query: req.query, body: spec.body ? req.body : undefined });
        const params = (spec.params ?? empty).parse(req.params, opts);
        const query = (spec.query ?? empty).parse(req.query, opts);
        // A file is streamed in only once the caller and the address are known to be valid.
        if (spec.multipart) {
          const m = spec.multipart;
          upload = await receiveMultipart(req, { fileField: "file", allowed: m.allowed, maxBytes: await m.maxBytes(), tempDir: await m.tempDir() });
          rejectUnstorableText({ params: {}, query: {}, body: upload.fields });
        }
        const input = {
          params,
          query,
          body: spec.body ? spec.body.parse(req.body ?? {}, opts) : undefined,
          fields: spec.multipart ? spec.multipart.fields.parse(upload!.fields, opts) : {},
          file: upload?.file as ReceivedFile,
          user: auth?.user as User,
          tokenId: auth?.tokenId as number,
          ctx: apiCtx(res, req.ip),
          lang,
          req,
          res,
        } as HandlerInput<P, Q, B, M>;

        const run = async () => {
          const out = await handler(input);
          return { status, body: spec.response ? this.shape(spec, out) : undefined };
        };
        const key = spec.idempotent ? req.header("idempotency-key") : undefined;
        const result = key !== undefined && auth
          ? await withIdempotency(this.deps.db, { userId: auth.user.id, key, method: spec.method, path: req.originalUrl, body: req.body }, run)
          : { ...(await run()), replayed: false };
        if (result.replayed) res.setHeader("Idempotent-Replayed", "true");
        if (spec.method !== "get" && result.status < 300 && this.cachedTags.has(spec.tag)) this.publicCache?.clear();
        if (result.status === 204) res.status(204).end();
        else res.status(result.status).json(result.body);
      } catch (e) {
        next(e);
      } finally {
        await discardUpload(upload?.file);
      }
    });
  }

  /**
   * An anonymous call of a cached route: the stored answer for this URL and language, or the
   * handler's (stored when it succeeds); 304 when If-None-Match names it. Errors are never stored.
   */
  private async answerFromCache(
    spec: RouteSpec<AnyObject, AnyObject, ZodType, ZodType, AnyObject>,
    handler: (input: HandlerInput<AnyObject, AnyObject, ZodType, AnyObject>) => Promise<unknown>,
    req: Request,
    res: Response,
    next: (e?: unknown) => void,
  ): Promise<void> {
    const cache = this.publicCache!;
    const lang = langOf(res);
    try {
      const { answer } = await cache.get(`${lang}\u0000${req.originalUrl}`, async (): Promise<CachedAnswer> => {
        rejectUnstorableText({ params: req.params, query: req.query, body: undefined });
        const opts = { reportInput: true };
        const input = {
          params: (spec.params ?? empty).parse(req.params, opts),
          query: (spec.query ?? empty).parse(req.query, opts),
          body: undefined,
          fields: {},
          ctx: apiCtx(res, req.ip),
          lang,
          req,
          res,
        } as unknown as HandlerInput<AnyObject, AnyObject, ZodType, AnyObject>;
        const body = Buffer.from(JSON.stringify(this.shape(spec, await handler(input))));
        return { body, etag: etagOf(body) };
      });
      res.setHeader("Cache-Control", `public, max-age=${cache.maxAgeSeconds}`);
      res.setHeader("ETag", answer!.etag);
      // Compared here rather than with req.fresh, which ignores If-None-Match when the request also
      // says `Cache-Control: no-cache` (as fetch() does whenever a conditional header is set).
      if (matchesEtag(req.header("if-none-match"), answer!.etag)) return void res.status(304).end();
      res.status(200);
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(answer!.body);
    } catch (e) {
      next(e);
    }
  }

  /** Paths (as regexes over the path under /api/v1) whose bodies are multipart/form-data. */
  readonly multipartPaths: RegExp[] = [];

  /** Converts to API JSON and checks it against the response schema; a mismatch is our bug (500). */
  private shape(spec: { method: string; path: string; response?: ZodType }, out: unknown): unknown {
    const r = spec.response!.safeParse(toApiJson(out));
    if (!r.success) {
      this.log.error({ route: `${spec.method.toUpperCase()} ${spec.path}`, issues: r.error.issues }, "response does not match its schema");
      throw new Error("response does not match its schema");
    }
    return r.data;
  }

  document(serverUrl = "/api/v1") {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: "3.1.0",
      info: {
        title: "Nawafeth public API",
        version: "1.0.0",
        description:
          "The mobile app's API. JSON in snake_case; errors are application/problem+json with a stable `code` and a `detail` in the language of `Accept-Language` (ar or en). Lists paginate by cursor.",
      },
      servers: [{ url: serverUrl }],
    });
  }
}
