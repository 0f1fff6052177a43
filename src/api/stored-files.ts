/**
 * Serving an uploaded file back. The type is decided again from the bytes (never from a stored
 * column or the filename), must be one the caller allows, and the browser is told not to sniff,
 * run or frame it: a file uploaded as an image can never become a page on this origin.
 */
import type { Response } from "express";
import { fileTypeFromBuffer } from "file-type";
import { NotFoundError } from "../platform/errors.js";

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
