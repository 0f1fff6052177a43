/**
 * Receives one file from a multipart/form-data request as a stream: the bytes go straight to a
 * temporary file while their SHA-256 is computed, so memory stays flat whatever the size. The
 * size limit stops the stream as soon as it is crossed, and the type is decided from the file's
 * first bytes (file-type), never from the client's filename or Content-Type. The caller moves
 * the temporary file into storage (`Storage.adopt`) or it is removed.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Request } from "express";
import busboy from "busboy";
import { fileTypeFromBuffer } from "file-type";
import { imageSizeFromFile } from "image-size/fromFile";
import { DomainError } from "./errors.js";

/** A file received whole and checked: where it waits, and what it is. */
export interface ReceivedFile {
  tempPath: string;
  /** The client's name for it, for display only. */
  fileName: string;
  size: number;
  sha256: string;
  mime: string;
  ext: string;
}

export interface MultipartOptions {
  /** The form field that carries the file. */
  fileField: string;
  allowed: readonly string[];
  maxBytes: number;
  tempDir: string;
}

/** file-type needs at most this many bytes to decide. */
const SNIFF_BYTES = 4100;

const problem = (code: string, status: number, field: string, text: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, text, status, { ...details, fields: { [field]: code } });

/**
 * Reads the form: text fields (at most 20, each at most 10 kB) and exactly one file in
 * `fileField`. Refuses a missing, empty, oversized or wrongly typed file with a clear code.
 */
export async function receiveMultipart(req: Request, o: MultipartOptions): Promise<{ fields: Record<string, string>; file: ReceivedFile }> {
  if (!req.is("multipart/form-data")) throw new DomainError("MULTIPART_REQUIRED", "send the body as multipart/form-data", 415);
  let parser: busboy.Busboy;
  try {
    // Clients (browsers, fetch, OkHttp) send the filename as raw UTF-8; busboy would read it as latin1.
    parser = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { files: 1, fields: 20, fieldSize: 10_000, fileSize: o.maxBytes, parts: 25 } });
  } catch {
    throw new DomainError("MULTIPART_INVALID", "malformed multipart body", 400);
  }
  const fields: Record<string, string> = {};
  const temps: string[] = [];
  let received: Promise<ReceivedFile> | undefined;
  let failure: DomainError | undefined;
  const fail = (e: DomainError) => (failure ??= e);

  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(problem("FIELD_TOO_LONG", 400, name, "is too long"));
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== o.fileField || received) {
        stream.resume();
        fail(problem("UNEXPECTED_FILE", 400, name, `only one file, in "${o.fileField}"`));
        return;
      }
      const tempPath = path.join(o.tempDir, `${randomUUID()}.part`);
      temps.push(tempPath);
      received = new Promise<ReceivedFile>((res, rej) => {
        const hash = createHash("sha256");
        const head: Buffer[] = [];
        let headBytes = 0;
        let size = 0;
        const out = createWriteStream(tempPath, { flags: "wx" });
        stream.on("data", (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
          if (headBytes < SNIFF_BYTES) {
            head.push(chunk);
            headBytes += chunk.length;
          }
        });
        stream.on("limit", () => fail(problem("FILE_TOO_LARGE", 413, o.fileField, `is larger than ${o.maxBytes} bytes`, { maxBytes: o.maxBytes })));
        stream.on("error", rej);
        out.on("error", rej);
        out.on("finish", () => {
          void fileTypeFromBuffer(Buffer.concat(head).subarray(0, SNIFF_BYTES))
            .then((type) => res({ tempPath, fileName: info.filename || "file", size, sha256: hash.digest("hex"), mime: type?.mime ?? "", ext: type?.ext ?? "" }))
            .catch(rej);
        });
        stream.pipe(out);
      });
    });
    parser.on("filesLimit", () => fail(problem("UNEXPECTED_FILE", 400, o.fileField, "only one file")));
    parser.on("fieldsLimit", () => fail(new DomainError("MULTIPART_INVALID", "too many fields", 400)));
    parser.on("partsLimit", () => fail(new DomainError("MULTIPART_INVALID", "too many parts", 400)));
    parser.on("error", () => reject(new DomainError("MULTIPART_INVALID", "malformed multipart body", 400)));
    parser.on("close", () => resolve());
  });
  req.pipe(parser);

  const cleanup = () => Promise.all(temps.map((t) => rm(t, { force: true })));
  try {
    await done;
    const file = received ? await received : undefined;
    if (failure) throw failure;
    if (!file) throw problem("FILE_MISSING", 400, o.fileField, "is required");
    if (file.size === 0) throw problem("FILE_EMPTY", 400, o.fileField, "is empty");
    if (!o.allowed.includes(file.mime)) throw problem("FILE_TYPE_NOT_ALLOWED", 415, o.fileField, `must be one of ${o.allowed.join(", ")}`, { allowed: o.allowed.join(", ") });
    return { fields, file };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Removes a temporary upload the caller did not adopt (safe to call after `adopt`). */
export function discardUpload(file: ReceivedFile | undefined): Promise<void> {
  return file ? rm(file.tempPath, { force: true }) : Promise.resolve();
}

/**
 * An image's pixel size as it is displayed (EXIF rotation by a quarter turn swaps width and
 * height), read from its header only; null when the header cannot be read.
 */
export async function imageDimensions(file: Pick<ReceivedFile, "tempPath">): Promise<{ width: number; height: number } | null> {
  try {
    const s = await imageSizeFromFile(file.tempPath);
    if (!s.width || !s.height) return null;
    const quarterTurn = s.orientation !== undefined && s.orientation >= 5 && s.orientation <= 8;
    return quarterTurn ? { width: s.height, height: s.width } : { width: s.width, height: s.height };
  } catch {
    return null;
  }
}
