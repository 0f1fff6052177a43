/**
 * Bearer tokens for the mobile API. A token is 32 random bytes; only its SHA-256 is stored (it has
 * full entropy, so a slow hash adds nothing and would cost every request). Revocable one by one or
 * all at once; last use is recorded at most once a minute to keep reads cheap.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient, User } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { writeAudit } from "../../platform/audit.js";

type Db = PrismaClient | Prisma.TransactionClient;

export const TOKEN_TTL_MS = 90 * 24 * 3600_000;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedToken {
  token: string;
  tokenId: number;
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueToken(db: Db, userId: number, deviceName?: string): Promise<IssuedToken> {
  const token = "nwf_" + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  const row = await db.apiToken.create({ data: { userId, tokenHash: hashToken(token), deviceName: deviceName ?? null, expiresAt } });
  return { token, tokenId: row.id, expiresAt };
}

/** The user behind a bearer token, or null when it is unknown, revoked, expired or the account is off. */
export async function authenticateToken(db: PrismaClient, token: string): Promise<{ user: User; tokenId: number } | null> {
  if (!/^nwf_[\w-]{43}$/.test(token)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (!row.user.isActive || row.user.deletedAt || row.user.userType === "staff") return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { user: row.user, tokenId: row.id };
}

/** Sign out: revokes the token the request came with. */
export async function revokeToken(deps: Deps, ctx: Ctx, tokenId: number): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const r = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (r.count) await writeAudit(tx, ctx, { action: "apitoken.revoke", entity: "ApiToken", entityId: tokenId });
  });
}

/** Staff action: signs a user out of every device. Returns how many tokens were revoked. */
export async function revokeAllTokens(deps: Deps, ctx: Ctx, userId: number, reason?: string): Promise<number> {
  return deps.db.$transaction(async (tx) => {
    const r = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "apitoken.revoke_all", entity: "User", entityId: userId, meta: { revoked: r.count, reason } });
    return r.count;
  });
}
