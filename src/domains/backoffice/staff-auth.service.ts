/**
 * Staff sign-in for the admin panel: email + password, and only users with an active access
 * profile (clients and providers cannot sign in here, whatever their password field says).
 */
import type { PrismaClient } from "@prisma/client";
import { dummyHash, verifyPassword } from "./passwords.js";
import { isLoginThrottled, LoginThrottledError, recordLoginAttempt } from "./login-throttle.service.js";

export type StaffRole = "admin" | "support" | "verification" | "finance" | "content" | "management";

/** What the panel keeps in the session as `currentAdmin`. */
export interface StaffSession {
  id: number;
  email: string;
  title: string;
  role: StaffRole;
  language: "ar" | "en";
}

/**
 * Returns the staff session for valid credentials, or null. Throws LoginThrottledError when
 * this email or IP has failed too often recently (checked before the password, so a blocked
 * attacker learns nothing). Every attempt is recorded.
 */
export async function authenticateStaff(db: PrismaClient, email: string, password: string, ip = "unknown"): Promise<StaffSession | null> {
  const normalized = String(email ?? "").trim().toLowerCase();
  if (await isLoginThrottled(db, normalized, ip)) throw new LoginThrottledError();
  const session = await checkCredentials(db, normalized, String(password ?? ""));
  await recordLoginAttempt(db, normalized, ip, session !== null);
  return session;
}

async function checkCredentials(db: PrismaClient, normalized: string, password: string): Promise<StaffSession | null> {
  const user = await db.user.findFirst({
    where: { email: normalized, deletedAt: null, isActive: true },
    include: { accessProfile: true },
  });
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  const profile = user.accessProfile;
  if (!ok || !profile || !profile.isActive) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: normalized, title: user.fullName, role: profile.role as StaffRole, language: profile.language as "ar" | "en" };
}
