/**
 * Phone login by one-time password. Codes are 6 random digits, stored only as an argon2 hash,
 * valid 5 minutes, 5 tries. Limits live in PostgreSQL (the OTP rows themselves), so they hold
 * across any number of web processes.
 */
import { randomInt } from "node:crypto";
import type { OtpPurpose, Prisma, User } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { hashPassword, verifyPassword } from "../backoffice/passwords.js";
import { otpSmsText } from "./accounts.messages.js";
import { otpCodeSchema, phoneSchema } from "./accounts.schemas.js";
import { issueToken, type IssuedToken } from "./tokens.service.js";
import { cancelDeletionOnSignIn } from "./account-deletion.sign-in.js";

export const OTP_POLICY = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  /** Codes one phone may request per window. */
  perPhone: { max: 3, windowMs: 15 * 60_000 },
  /** Codes one IP may request per window (many phones from one device or script). */
  perIp: { max: 20, windowMs: 60 * 60_000 },
} as const;

const tooMany = (retryAfterS: number) =>
  new DomainError("OTP_TOO_MANY_REQUESTS", "too many OTP requests", 429, { retryAfter: retryAfterS });

/**
 * Sends a code to a phone: a login code (the default; always answered the same way whether or not
 * an account exists), or a fresh code confirming another act (account deletion). The limits count
 * every purpose together.
 */
export async function requestOtp(deps: Deps, ctx: Ctx, input: { phone: string; language?: "ar" | "en"; purpose?: OtpPurpose }): Promise<{ expiresInSeconds: number }> {
  const purpose = input.purpose ?? "login";
  const phone = phoneSchema.parse(input.phone);
  if (!deps.sms) throw new Error("no SMS sender configured");
  const now = Date.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const codeHash = await hashPassword(code);
  await deps.db.$transaction(async (tx) => {
    // Serialize requests for one phone so two parallel calls cannot both slip under the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"otp:" + phone}))`;
    const since = new Date(now - OTP_POLICY.perPhone.windowMs);
    const recent = await tx.otp.findMany({ where: { phone, createdAt: { gte: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    if (recent.length >= OTP_POLICY.perPhone.max) {
      throw tooMany(Math.ceil((recent[0]!.createdAt.getTime() + OTP_POLICY.perPhone.windowMs - now) / 1000));
    }
    if (ctx.ip) {
      const fromIp = await tx.otp.count({ where: { ip: ctx.ip, createdAt: { gte: new Date(now - OTP_POLICY.perIp.windowMs) } } });
      if (fromIp >= OTP_POLICY.perIp.max) throw tooMany(Math.ceil(OTP_POLICY.perIp.windowMs / 1000));
    }
    // A new code replaces any earlier one still pending.
    await tx.otp.updateMany({ where: { phone, purpose, consumedAt: null }, data: { consumedAt: new Date(now) } });
    await tx.otp.create({ data: { phone, codeHash, purpose, expiresAt: new Date(now + OTP_POLICY.ttlMs), ip: ctx.ip ?? null } });
  });
  const user = await deps.db.user.findUnique({ where: { phone }, select: { language: true } });
  await deps.sms.send({ to: phone, text: otpSmsText(code, user?.language ?? input.language ?? "ar", purpose) });
  return { expiresInSeconds: OTP_POLICY.ttlMs / 1000 };
}

export interface LoginResult extends IssuedToken {
  user: User;
  created: boolean;
}

/** Checks a code; on success signs the user in (creating a client account on first login). */
export async function verifyOtp(
  deps: Deps,
  ctx: Ctx,
  input: { phone: string; code: string; deviceName?: string; language?: "ar" | "en" },
): Promise<LoginResult> {
  const phone = phoneSchema.parse(input.phone);
  const otpId = await checkOtpCode(deps, phone, input.code, "login");
  return deps.db.$transaction(async (tx) => {
    await consumeOtp(tx, otpId);
    let user = await tx.user.findUnique({ where: { phone } });
    let created = false;
    // Signing in again during an account deletion's grace period cancels it.
    if (user && !user.isActive && !user.deletedAt && (await cancelDeletionOnSignIn(deps, { ...ctx, actor: { type: user.userType === "provider" ? "provider" : "client", id: user.id } }, tx, user.id))) {
      user = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
    }
    if (user && (user.deletedAt || !user.isActive)) throw new DomainError("ACCOUNT_DISABLED", "account disabled", 403);
    if (user?.userType === "staff") throw new DomainError("STAFF_ACCOUNT", "staff use the admin panel", 403);
    if (!user) {
      user = await tx.user.create({ data: { phone, fullName: "", userType: "client", language: input.language ?? "ar" } });
      created = true;
      await writeAudit(tx, { ...ctx, actor: { type: "client", id: user.id } }, { action: "user.signup", entity: "User", entityId: user.id });
    }
    user = await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    const token = await issueToken(tx, user.id, input.deviceName);
    return { ...token, user, created };
  });
}

/**
 * Checks a code for `phone` and `purpose` without using it up: the latest pending one, not
 * expired, within its tries (each try is counted before the check, atomically, so parallel guesses
 * cannot exceed the limit). Returns the code's id for `consumeOtp`.
 */
export async function checkOtpCode(deps: Deps, phone: string, rawCode: string, purpose: OtpPurpose): Promise<number> {
  const code = otpCodeSchema.parse(rawCode);
  const otp = await deps.db.otp.findFirst({ where: { phone, consumedAt: null, purpose }, orderBy: { id: "desc" } });
  if (!otp) throw new DomainError("OTP_INVALID", "no pending code for this phone", 401);
  if (otp.expiresAt.getTime() <= Date.now()) throw new DomainError("OTP_EXPIRED", "the code expired", 401);
  const counted = await deps.db.otp.updateMany({ where: { id: otp.id, consumedAt: null, attempts: { lt: OTP_POLICY.maxAttempts } }, data: { attempts: { increment: 1 } } });
  if (counted.count !== 1) throw new DomainError("OTP_ATTEMPTS_EXCEEDED", "too many wrong codes", 429);
  if (!(await verifyPassword(otp.codeHash, code))) {
    throw new DomainError("OTP_INVALID", "wrong code", 401, { attemptsLeft: OTP_POLICY.maxAttempts - otp.attempts - 1 });
  }
  return otp.id;
}

/** Uses up a checked code inside the transaction that acts on it; a code is good for one act only. */
export async function consumeOtp(tx: Prisma.TransactionClient, otpId: number): Promise<void> {
  const consumed = await tx.otp.updateMany({ where: { id: otpId, consumedAt: null }, data: { consumedAt: new Date() } });
  if (consumed.count !== 1) throw new DomainError("OTP_INVALID", "the code was already used", 401);
}
