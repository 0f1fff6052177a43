/**
 * Bearer-token authentication for the API. Runs on every request: a valid token puts the user on
 * res.locals; routes then say whether they need one (`auth: "user" | "provider"`).
 */
import type { RequestHandler, Response } from "express";
import type { User } from "@prisma/client";
import type { Deps } from "../platform/deps.js";
import type { Ctx } from "../platform/context.js";
import { authenticateToken } from "../domains/accounts/index.js";

export interface ApiAuth {
  user: User;
  tokenId: number;
}

export function authenticate(deps: Deps): RequestHandler {
  return async (req, res, next) => {
    const header = req.header("authorization");
    if (!header) return next();
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    try {
      const auth = m ? await authenticateToken(deps.db, m[1]!) : null;
      // An unknown or revoked token on a public route is treated as no token; protected routes answer 401.
      if (auth) res.locals.auth = auth satisfies ApiAuth;
      next();
    } catch (e) {
      next(e);
    }
  };
}

export const authOf = (res: Response): ApiAuth | undefined => res.locals.auth as ApiAuth | undefined;

/** The actor of an API call: a client or provider by the account's type. */
export function apiCtx(res: Response, ip: string | undefined): Ctx {
  const auth = authOf(res);
  return {
    actor: auth
      ? // No label: audit rows outlive an account's erasure; actorId points at the user row, which erasure pseudonymises.
        { type: auth.user.userType === "provider" ? "provider" : "client", id: auth.user.id }
      : { type: "client", label: "anonymous" },
    ip,
    requestId: res.locals.requestId as string | undefined,
  };
}
