/**
 * Idempotency-Key for POSTs that create things: the first request's response is stored by
 * (user, key); a retry with the same key and body gets that response again, a retry with another
 * body is refused, and a retry while the first is still running gets 409. A failed request
 * leaves no key behind, so the client can simply retry it (its transaction changed nothing).
 */
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import { DomainError } from "../platform/errors.js";

export interface StoredResponse {
  status: number;
  body: unknown;
}

export async function withIdempotency(
  db: PrismaClient,
  scope: { userId: number; key: string; method: string; path: string; body: unknown },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (scope.key.length < 1 || scope.key.length > 255) {
    throw new DomainError("VALIDATION_FAILED", "bad Idempotency-Key", 400, { fields: { "Idempotency-Key": "IDEMPOTENCY_KEY_LENGTH" } });
  }
  const requestHash = createHash("sha256").update(`${scope.method} ${scope.path}\n${JSON.stringify(scope.body ?? null)}`).digest("hex");
  let rowId: number;
  try {
    const row = await db.idempotencyKey.create({ data: { userId: scope.userId, key: scope.key, method: scope.method, path: scope.path, requestHash } });
    rowId = row.id;
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    const prior = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: scope.userId, key: scope.key } } });
    if (!prior) return withIdempotency(db, scope, run); // the first attempt failed and released the key meanwhile
    if (prior.requestHash !== requestHash) throw new DomainError("IDEMPOTENCY_KEY_REUSED", "key reused with another request", 422);
    if (prior.responseStatus === null) throw new DomainError("IDEMPOTENCY_IN_PROGRESS", "first request still running", 409);
    return { status: prior.responseStatus, body: prior.responseBody, replayed: true };
  }
  try {
    const out = await run();
    await db.idempotencyKey.update({ where: { id: rowId }, data: { responseStatus: out.status, responseBody: (out.body ?? Prisma.JsonNull) as Prisma.InputJsonValue } });
    return { ...out, replayed: false };
  } catch (e) {
    await db.idempotencyKey.delete({ where: { id: rowId } }).catch(() => undefined);
    throw e;
  }
}
