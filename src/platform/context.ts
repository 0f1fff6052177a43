/**
 * Who is acting, passed explicitly to every domain command (like Directus' accountability).
 * The status logs, audit rows and events record it.
 */
export type ActorType = "client" | "provider" | "staff" | "system";

export interface Actor {
  type: ActorType;
  /** accounts_user.id; absent for the system. */
  id?: number;
  /** A readable label kept on audit rows (email, phone or job name). */
  label?: string;
}

export interface Ctx {
  actor: Actor;
  ip?: string;
  requestId?: string;
  /** When a staff member last typed their password (sign-in or re-auth); money actions require a recent one. */
  reauthenticatedAt?: Date;
}

export const systemCtx = (label = "system"): Ctx => ({ actor: { type: "system", label } });
