/**
 * The user's privacy rights in the app: delete my account (confirmed with a fresh code, a grace
 * period that signing in again cancels) and export my data (a ZIP built by a job, downloaded
 * through a signed link that expires).
 */
import { z } from "zod";
import * as accounts from "../domains/accounts/index.js";
import { nowOf } from "../platform/clock.js";
import { urlSigner } from "../platform/signed-urls.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { fileRoute } from "./stored-files.js";
import { dbId, idParam, isoDateTime } from "./schemas/common.js";

const TAG = "Me";
const obligation = z.enum(accounts.OBLIGATIONS);

const deletionSchema = z
  .object({
    id: dbId,
    status: z.enum(accounts.DELETION_STATUSES),
    erase_after: isoDateTime.meta({ description: "Personal data is erased from then on, unless you sign in again before." }),
    created_at: isoDateTime,
  })
  .meta({ id: "AccountDeletion" });

const exportSchema = z
  .object({
    id: dbId,
    status: z.enum(["queued", "running", "ready", "failed", "expired"]),
    size_bytes: z.number().int().nullable(),
    file_count: z.number().int().nullable().meta({ description: "Uploaded files included beside the JSON." }),
    download_url: z.string().nullable().meta({ description: "Signed link to the ZIP (no token needed) while status is ready; null otherwise." }),
    expires_at: isoDateTime.nullable().meta({ description: "The download link works until then." }),
    created_at: isoDateTime,
    finished_at: isoDateTime.nullable(),
  })
  .meta({ id: "DataExport" });

/** Registers the privacy routes (tag "Me"). */
export function privacyRoutes(api: Api, c: ApiContext): void {
  const signer = urlSigner(c.cfg.sessionSecret, accounts.DATA_EXPORT_LINK);
  const exportOut = (row: Awaited<ReturnType<typeof accounts.getOwnDataExport>>) => {
    const link = accounts.exportLink(signer, row, nowOf(c.deps));
    // A ready export whose link window passed reads as expired (the retention rule removes the file later).
    return { ...row, status: row.status === "ready" && !link ? "expired" : row.status, downloadUrl: link?.url ?? null, expiresAt: link ? row.expiresAt : null };
  };

  api.route(
    {
      method: "get", path: "/me/deletion", tag: TAG, auth: "user", summary: "What would keep my account from being deleted",
      description: "Lists open obligations (each also the reason POST /me/delete would give) and the grace period in days.",
      response: z.object({ blockers: z.array(obligation), grace_days: z.number().int() }).meta({ id: "DeletionCheck" }),
    },
    async ({ user }) => {
      const s = await accounts.getDeletionStatus(c.deps, user.id);
      return { blockers: s.obligations, graceDays: s.graceDays };
    },
  );

  api.route(
    {
      method: "post", path: "/me/delete/code", tag: TAG, auth: "user", summary: "Send a code to confirm deleting my account",
      description: "Sends a 6-digit code by SMS to the account's phone, valid 5 minutes (the login code limits apply).",
      response: z.object({ expires_in_seconds: z.number().int() }), status: 202, errors: [422],
    },
    ({ ctx }) => accounts.requestDeletionCode(c.deps, ctx),
  );

  api.route(
    {
      method: "post", path: "/me/delete", tag: TAG, auth: "user", summary: "Delete my account",
      description:
        "With the code from POST /me/delete/code. At once: every token is revoked (this one too) and the profile disappears from the app. " +
        "After the grace period (GET /me/deletion) your name, phone, email, device tokens, messages' text and uploaded files are erased; " +
        "invoices and payments stay under a pseudonym, reviews with an anonymous author. Signing in again before then cancels the deletion. " +
        "409 while you have open requests or offers, unpaid invoices, a wallet balance, a pending payout or an open dispute " +
        "(ACCOUNT_HAS_OPEN_REQUESTS, ACCOUNT_HAS_UNPAID_INVOICES, ACCOUNT_HAS_WALLET_BALANCE, ACCOUNT_HAS_PENDING_PAYOUT, ACCOUNT_HAS_OPEN_DISPUTES); 401 for a wrong code.",
      body: z.object({ code: accounts.otpCodeSchema }).strict(),
      response: deletionSchema, status: 202, errors: [409, 422],
    },
    ({ body, ctx }) => accounts.requestAccountDeletion(c.deps, ctx, { code: body.code }),
  );

  api.route(
    {
      method: "post", path: "/me/export", tag: TAG, auth: "user", summary: "Export my data",
      description:
        "Starts building a ZIP of your data (profile, requests, offers, messages, reviews, invoices, tickets, notifications, verification, promotions) as JSON, " +
        "with the files you uploaded. While one is being built it is returned instead of a new one. Poll GET /me/exports/{id} for `download_url`.",
      response: exportSchema, status: 202, idempotent: true,
    },
    async ({ ctx }) => exportOut(await accounts.requestDataExport(c.deps, ctx)),
  );

  api.route(
    { method: "get", path: "/me/exports/{id}", tag: TAG, auth: "user", summary: "One of my data exports", params: idParam, response: exportSchema },
    async ({ params, user }) => exportOut(await accounts.getOwnDataExport(c.deps, user.id, params.id)),
  );

  fileRoute(api, c.storage, {
    path: "/me/exports/{id}/download", tag: TAG, auth: "none", summary: "Download a data export (signed link)",
    description: "The `download_url` of GET /me/exports/{id}. 403 DATA_EXPORT_LINK_INVALID for a signature this server did not make, DATA_EXPORT_LINK_EXPIRED once `exp` passed.",
    params: idParam,
    query: z.object({ exp: z.coerce.number().int().min(0).max(2_147_483_647).meta({ description: "Expiry, Unix seconds." }), sig: z.string().min(1).max(100).meta({ description: "Signature." }) }),
    allowed: ["application/zip"],
    errors: { 403: "The link's signature is not valid, or it expired" },
    load: async ({ params, query }) => {
      const f = await accounts.openSignedExport(c.deps, signer, { id: params.id, exp: query.exp, sig: query.sig });
      return { key: f.storageKey, disposition: "attachment", filename: `nawafeth-data-${params.id}.zip`, entity: "DataExport", id: params.id };
    },
  });
}
