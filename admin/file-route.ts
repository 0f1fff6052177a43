/**
 * One way the panel serves a private stored file to staff (verification documents, promotion
 * images, support attachments): the role is checked from the session, the id must be a database
 * id, the bytes are typed from themselves (never from the stored name) and must be one of the
 * workflow's types, and the answer can run nothing, is not cached, and may be framed only by the
 * panel where the page embeds it (a PDF viewer).
 */
import type { Router } from "express";
import { fileTypeFromBuffer } from "file-type";
import type { Storage } from "../src/platform/storage.js";
import type { StaffRole } from "../src/domains/backoffice/staff-auth.service.js";
import { staffFromSession } from "./staff-session.js";

export interface StoredFileRoute {
  /** Express path with an `:id` parameter, under the admin router. */
  path: string;
  /** Whether this role may read these files. */
  allowed(role: StaffRole): boolean;
  /** The stored file behind an id, or null when there is none. */
  find(id: number): Promise<{ storageKey: string; fileName: string } | null>;
  /** The types the workflow accepts, decided from the bytes. */
  mimeTypes: readonly string[];
  /** The panel's own pages may frame it (an embedded PDF); otherwise it is sandboxed. */
  framable?: boolean;
  /** The download name; default the stored name. */
  downloadName?(id: number, stored: string, ext: string): string;
}

export function storedFileRoute(router: Router, storage: Storage, o: StoredFileRoute): void {
  router.get(o.path, async (req, res, next) => {
    try {
      const role = staffFromSession(req)?.role;
      if (!role || !o.allowed(role)) return res.status(403).type("text").send("Forbidden");
      const id = Number(req.params.id);
      if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return res.status(400).type("text").send("Bad file id");
      const file = await o.find(id).catch(() => null);
      const bytes = file ? await storage.read(file.storageKey).catch(() => null) : null;
      const type = bytes ? await fileTypeFromBuffer(bytes) : undefined;
      if (!file || !bytes || !type || !o.mimeTypes.includes(type.mime)) return res.status(404).type("text").send("Not found");
      res.setHeader("Content-Type", type.mime);
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (o.framable) {
        res.setHeader("X-Frame-Options", "SAMEORIGIN");
        res.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
      } else {
        res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      }
      const name = o.downloadName?.(id, file.fileName, type.ext) ?? file.fileName;
      const ascii = name.replace(/[^\w.-]+/g, "_").slice(0, 100) || `file-${id}.${type.ext}`;
      res.setHeader("Content-Disposition", `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(bytes);
    } catch (err) {
      next(err);
    }
  });
}
