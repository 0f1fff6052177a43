/**
 * Staff sign-in throttling, kept in PostgreSQL so every web process sees the same counts.
 *
 * Keys: failures for one email *from one IP* lock that pair, so an attacker cannot lock a staff
 * member out everywhere by failing on purpose; failures from one IP (any email) lock that IP; and
 * a much softer limit per email across all IPs slows a distributed guess without locking the
 * owner out after a handful of tries.
 *
 * Atomic: an attempt is recorded *before* its password is checked, and it may go on only if the
 * failures recorded up to and including it (by id) are within every limit. Under any number of
 * parallel tries exactly the first `limit` are checked; a refused try is removed again, so
 * hammering does not extend the lock.
 */
import type { PrismaClient } from "@prisma/client";

export const LOGIN_LIMITS = {
  /** failures for one email from one IP within the window */
  perEmailAndIp: 5,
  /** failures from one IP within the window (a shared office NAT gets more room) */
  perIp: 20,
  /** failures for one email from all IPs together within the window */
  perEmail: 50,
  windowMinutes: 15,
} as const;

/** Thrown by authentication when a limit is reached; its message is the panel's translation key. */
export class LoginThrottledError extends Error {
  constructor() {
    super("tooManyLoginAttempts");
    this.name = "LoginThrottledError";
  }
}

const since = () => new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);

/**
 * Records an attempt and returns its id, or throws LoginThrottledError (recording nothing) when
 * this attempt would pass a limit. Call `settleLoginAttempt` once the password was checked.
 */
export async function beginLoginAttempt(db: PrismaClient, email: string, ip: string): Promise<number> {
  const e = email.slice(0, 255);
  const i = ip.slice(0, 45);
  const row = await db.loginAttempt.create({ data: { email: e, ip: i, succeeded: false }, select: { id: true } });
  const [counts] = await db.$queryRaw<{ pair: number; by_ip: number; by_email: number }[]>`
    SELECT count(*) FILTER (WHERE email = ${e} AND ip = ${i})::int AS pair,
           count(*) FILTER (WHERE ip = ${i})::int AS by_ip,
           count(*) FILTER (WHERE email = ${e})::int AS by_email
      FROM backoffice_loginattempt
     WHERE succeeded = false AND id <= ${row.id} AND created_at >= ${since()} AND (email = ${e} OR ip = ${i})`;
  if (counts!.pair > LOGIN_LIMITS.perEmailAndIp || counts!.by_ip > LOGIN_LIMITS.perIp || counts!.by_email > LOGIN_LIMITS.perEmail) {
    await db.loginAttempt.delete({ where: { id: row.id } });
    throw new LoginThrottledError();
  }
  return row.id;
}

/** Marks a begun attempt as succeeded (a failure stays recorded as one). */
export async function settleLoginAttempt(db: PrismaClient, id: number, succeeded: boolean): Promise<void> {
  if (succeeded) await db.loginAttempt.update({ where: { id }, data: { succeeded: true } });
}
