/**
 * File storage for uploads (portfolio images, documents). Local disk under UPLOADS_DIR; keys are
 * random, so a key never collides or reveals its owner. The type is decided from the bytes
 * (file-type), never from the client's filename or Content-Type.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "./errors.js";

export interface Storage {
  put(prefix: string, bytes: Buffer, ext: string): Promise<string>;
  /** A folder on the same file system for uploads still streaming in (so `adopt` is a rename). */
  tempDir(): Promise<string>;
  /** Moves a fully received temporary file under a new key. */
  adopt(prefix: string, tempPath: string, ext: string): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** Reads a stored file as a stream (large files: exports), so it never sits in memory whole. */
  readStream(key: string): Readable;
  remove(key: string): Promise<void>;
}

export function diskStorage(root: string): Storage {
  const resolve = (key: string) => {
    const p = path.resolve(root, key);
    if (!p.startsWith(path.resolve(root) + path.sep)) throw new Error("storage key escapes the root");
    return p;
  };
  return {
    async put(prefix, bytes, ext) {
      const key = `${prefix}/${randomUUID()}.${ext}`;
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes, { flag: "wx" });
      return key;
    },
    async tempDir() {
      const dir = path.join(path.resolve(root), ".incoming");
      await mkdir(dir, { recursive: true });
      return dir;
    },
    async adopt(prefix, tempPath, ext) {
      const key = `${prefix}/${randomUUID()}.${ext}`;
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await rename(tempPath, file);
      return key;
    },
    read: (key) => readFile(resolve(key)),
    readStream: (key) => createReadStream(resolve(key)),
    remove: (key) => rm(resolve(key), { force: true }),
  };
}

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** Checks bytes by their content; refuses anything that is not one of `allowed` or is too big. */
export async function sniffFile(bytes: Buffer, allowed: readonly string[], maxBytes: number): Promise<{ mime: string; ext: string }> {
  // Field messages are catalog keys, filled from the details when the error is shown.
  if (bytes.length === 0) throw new DomainError("FILE_EMPTY", "empty file", 400, { fields: { file: "FILE_EMPTY" } });
  if (bytes.length > maxBytes) throw new DomainError("FILE_TOO_LARGE", "file too large", 413, { maxBytes, fields: { file: "FILE_TOO_LARGE" } });
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !allowed.includes(type.mime)) {
    throw new DomainError("FILE_TYPE_NOT_ALLOWED", "file type not allowed", 415, { allowed: allowed.join(", "), fields: { file: "FILE_TYPE_NOT_ALLOWED" } });
  }
  return { mime: type.mime, ext: type.ext };
}
