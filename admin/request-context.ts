/**
 * AdminJS action handlers do not see the HTTP request; the client IP and request id reach the
 * audit rows through AsyncLocalStorage, set by a middleware in front of the admin router.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";
import type { Ctx } from "../src/platform/context.js";
import type { StaffSession } from "../src/domains/backoffice/staff-auth.service.js";

interface HttpInfo {
  ip?: string;
  requestId?: string;
}
const storage = new AsyncLocalStorage<HttpInfo>();

export function captureRequestContext(): RequestHandler {
  return (req, res, next) => storage.run({ ip: req.ip, requestId: res.locals.requestId as string | undefined }, next);
}

/** The domain context of a signed-in staff member acting through the panel. */
export function staffCtx(admin: StaffSession | undefined): Ctx {
  if (!admin) throw new Error("no signed-in staff member");
  const http = storage.getStore() ?? {};
  return { actor: { type: "staff", id: admin.id, label: admin.email }, ip: http.ip, requestId: http.requestId };
}
