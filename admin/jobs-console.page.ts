/**
 * The jobs console page (/admin/pages/jobs, admins only): GET answers what pg-boss holds
 * (src/domains/backoffice/jobs-console.service.ts); POST {op: "retry"|"cancel", queue, id} runs the
 * command and answers the fresh console with a notice. Other roles get 403 and nothing else.
 */
import type { Response } from "express";
import type { Deps } from "../src/platform/deps.js";
import type { StaffSession } from "../src/domains/backoffice/staff-auth.service.js";
import { cancelJob, getJobsConsole, retryJob } from "../src/domains/backoffice/jobs-console.service.js";
import { customActionRoles } from "./access.js";
import { errorMessage } from "./actions/reason-action.js";
import { staffCtx, staffLanguage } from "./request-context.js";

const ROLES = customActionRoles("Jobs.console");

interface PageRequest {
  method?: string;
  payload?: Record<string, unknown>;
}

export function jobsConsolePage(deps: Deps) {
  return async (request: PageRequest, response: unknown, context: { currentAdmin?: unknown }) => {
    const admin = context.currentAdmin as StaffSession | undefined;
    if (!admin || !ROLES.includes(admin.role)) {
      (response as Response).status(403);
      return { forbidden: true };
    }
    const lang = staffLanguage(admin);
    if (request.method !== "post") return { console: await getJobsConsole(deps) };
    const p = request.payload ?? {};
    const op = p.op === "retry" ? retryJob : p.op === "cancel" ? cancelJob : null;
    let notice: { message: string; type: "success" | "error" };
    try {
      if (!op) throw new Error("unknown op");
      await op(deps, staffCtx(admin), { queue: String(p.queue ?? ""), id: String(p.id ?? "") });
      notice = { message: p.op === "retry" ? "jobRetried" : "jobCancelled", type: "success" };
    } catch (err) {
      notice = { message: err instanceof Error && err.message === "unknown op" ? "jobUnknownOp" : errorMessage(err, lang), type: "error" };
    }
    return { console: await getJobsConsole(deps), notice };
  };
}
