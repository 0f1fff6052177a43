/**
 * Staff sign-in throttling, kept in PostgreSQL so every web process sees the same counts:
 * too many recent failures for one email, or from one IP, block further tries for a while.
 */
import type { PrismaClient } from "@prisma/client";

export const LOGIN_LIMITS = {
  /** failures for one email within the window */
  perEmail: 5,
  /** failures from one IP within the window (a shared office NAT gets more room) */
  perIp: 20,
  windowMinutes: 15,
} as const;

/** Thrown by authentication when the limit is reached; its message is the panel's translation key. */
export class LoginThrottledError extends Error {
  constructor() {
    super("tooManyLoginAttempts");
    this.name = "LoginThrottledError";
  }
}

const since = () => new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);

/** Whether this email or IP has used up its failures in the current window. */
export async function isLoginThrottled(db: PrismaClient, email: string, ip: string): Promise<boolean> {
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since() } } }),
    db.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since() } } }),
  ]);
  return byEmail >= LOGIN_LIMITS.perEmail || byIp >= LOGIN_LIMITS.perIp;
}

export async function recordLoginAttempt(db: PrismaClient, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email: email.slice(0, 255), ip: ip.slice(0, 45), succeeded } });
}
