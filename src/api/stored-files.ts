/**
 * Serving an uploaded file back. The type is decided again from the bytes (never from a stored
 * column or the filename), must be one the caller allows, and the browser is told not to sniff,
 * run or frame it: a file uploaded as an image can never become a page on this origin.
 */
import type { Response } from "express";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import { DomainError, NotFoundError } from "../platform/errors.js";
import type { Storage } from "../platform/storage.js";
import { authOf } from "./auth.js";
import type { Api } from "./openapi.js";
import { rejectUnstorableText } from "./openapi.js";
import { problemSchema } from "./problem.js";

export interface SendFileOptions {
  /** MIME types this route may serve. */
  allowed: readonly string[];
  /** Shown inline (images in the app) or as a download. */
  disposition: "inline" | "attachment";
  filename?: string;
  cacheControl?: string;
  /** For the 404 when the bytes are not of an allowed type. */
  entity: string;
  id: number;
}

const asciiName = (name: string) => name.replace(/[^\w.-]+/g, "_").slice(0, 100) || "file";

/** Sends stored bytes with the type they have (one of `allowed`, else 404) and headers that keep them inert. */
export async function sendStoredFile(res: Response, bytes: Buffer, o: SendFileOptions): Promise<void> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !o.allowed.includes(type.mime)) throw new NotFoundError(o.entity, o.id);
  const name = o.filename ?? `${o.entity.toLowerCase()}-${o.id}.${type.ext}`;
  res.setHeader("Content-Type", type.mime);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Content-Disposition", `${o.disposition}; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader("Cache-Control", o.cacheControl ?? "private, no-store");
  res.send(bytes);
}

/** A GET that answers with a stored file instead of JSON (so not `api.route`), documented alike. */
export interface FileRouteSpec<P extends z.ZodObject<z.ZodRawShape>, Q extends z.ZodObject<z.ZodRawShape>> {
  /** OpenAPI style: /me/promo-assets/{id}/file */
  path: string;
  tag: string;
  summary: string;
  description: string;
  /** none: public; user: the bearer token's user is passed to `load`. */
  auth: "none" | "user";
  params: P;
  query?: Q;
  /** The types the route may serve (checked again from the bytes). */
  allowed: readonly string[];
  /** Problem statuses besides 400, 401 (with auth), 404, 429 and 500, with what they mean. */
  errors?: Record<number, string>;
  /** Finds the file for this caller (throws NotFound for one they may not have). */
  load(input: { params: z.output<P>; query: z.output<Q>; userId: number | undefined }): Promise<Omit<SendFileOptions, "allowed"> & { key: string }>;
}

/** Registers a stored-file GET: its OpenAPI entry (by hand, as the answer is bytes) and its handler. */
export function fileRoute<P extends z.ZodObject<z.ZodRawShape>, Q extends z.ZodObject<z.ZodRawShape>>(api: Api, storage: Storage, spec: FileRouteSpec<P, Q>): void {
  const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
  const errors: Record<number, string> = { 400: "Invalid input", 404: "Not found", 429: "Rate limited (see Retry-After)", 500: "Server error", ...spec.errors };
  if (spec.auth === "user") errors[401] = "Missing or invalid bearer token";
  api.registry.registerPath({
    method: "get", path: spec.path, summary: spec.summary, description: spec.description, tags: [spec.tag],
    ...(spec.auth === "user" ? { security: [{ bearerAuth: [] }] } : {}),
    request: { params: spec.params, ...(spec.query ? { query: spec.query } : {}) },
    responses: {
      200: { description: "The file", content: Object.fromEntries(spec.allowed.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])) },
      ...Object.fromEntries(Object.entries(errors).map(([s, d]) => [s, problem(d)])),
    },
  });
  api.router.get(spec.path.replace(/\{(\w+)\}/g, ":$1"), async (req, res, next) => {
    try {
      const auth = authOf(res);
      if (spec.auth === "user" && !auth) throw new DomainError("UNAUTHENTICATED", "bearer token required", 401);
      rejectUnstorableText({ params: req.params, query: req.query, body: undefined });
      const found = await spec.load({ params: spec.params.parse(req.params), query: (spec.query ?? z.object({})).parse(req.query) as z.output<Q>, userId: auth?.user.id });
      const bytes = await storage.read(found.key).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") throw new NotFoundError(found.entity, found.id);
        throw e;
      });
      await sendStoredFile(res, bytes, { ...found, allowed: spec.allowed });
    } catch (e) {
      next(e);
    }
  });
}
