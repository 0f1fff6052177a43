/** Staff accounts managed by an admin: passwords are set here, never through a form field. */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import { writeAudit } from "../../platform/audit.js";
import { hashPassword } from "./passwords.js";

export const STAFF_PASSWORD = { min: 12, max: 200 } as const;

/** Ends every panel session of this staff member (their next request goes to sign-in). */
export async function endStaffSessions(tx: Pick<Deps["db"], "$executeRaw">, userId: number): Promise<number> {
  return tx.$executeRaw`DELETE FROM "session" WHERE (sess -> 'adminUser' ->> 'id')::int = ${userId}`;
}

/**
 * Sets a staff member's password (hashed here, argon2id), audits the change without the hash
 * and ends all of that member's sessions in the same transaction. Called by an admin's panel action.
 */
export async function setStaffPassword(deps: Deps, ctx: Ctx, userId: number, password: string): Promise<{ sessionsEnded: number }> {
  if (password.length < STAFF_PASSWORD.min || password.length > STAFF_PASSWORD.max) {
    throw new DomainError("PASSWORD_LENGTH", "password length out of range", 400, { min: STAFF_PASSWORD.min, max: STAFF_PASSWORD.max });
  }
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { id: true, userType: true, email: true } });
  if (!user) throw new NotFoundError("User", userId);
  if (user.userType !== "staff") throw new DomainError("NOT_A_STAFF_ACCOUNT", "only staff accounts have panel passwords", 422);
  if (user.email && password.toLowerCase().includes(user.email.split("@")[0]!.toLowerCase())) {
    throw new DomainError("PASSWORD_CONTAINS_EMAIL", "password contains the email name", 400);
  }
  const passwordHash = await hashPassword(password);
  return deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const sessionsEnded = await endStaffSessions(tx, userId);
    await writeAudit(tx, ctx, { action: "staff.password.set", entity: "User", entityId: userId, changes: { passwordHash: { before: "[redacted]", after: "[redacted]" } }, meta: { sessionsEnded } });
    return { sessionsEnded };
  });
}
