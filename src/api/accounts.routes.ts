/** Auth (OTP → bearer token) and the signed-in user's own account. */
import { z } from "zod";
import * as accounts from "../domains/accounts/index.js";
import { deviceTokenSchema, removeDevice } from "../domains/notifications/index.js";
import type { Api } from "./openapi.js";
import type { ApiContext } from "./context.js";
import { fromApiJson } from "./serialize.js";
import { dbId, isoDateTime, lang } from "./schemas/common.js";

export const meSchema = z
  .object({
    id: z.number().int(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    full_name: z.string(),
    user_type: z.enum(["client", "provider"]),
    language: lang,
    city: z.string().nullable(),
    provider_id: z.number().int().nullable().meta({ description: "The provider profile id, when the user is a provider." }),
    created_at: isoDateTime,
  })
  .meta({ id: "Me" });

const providerProfileSchema = z
  .object({ id: z.number().int(), display_name: z.string(), city: z.string(), bio: z.string().nullable(), is_verified: z.boolean(), created_at: isoDateTime })
  .meta({ id: "OwnProviderProfile" });

async function loadMe(c: ApiContext, userId: number) {
  const user = await c.deps.db.user.findUniqueOrThrow({ where: { id: userId }, include: { providerProfile: { select: { id: true, deletedAt: true } } } });
  return { ...user, providerId: user.providerProfile && !user.providerProfile.deletedAt ? user.providerProfile.id : null };
}

export function accountsRoutes(api: Api, c: ApiContext): void {
  api.route(
    {
      method: "post", path: "/auth/otp/request", tag: "Auth", auth: "none", summary: "Send a login code by SMS",
      description: "Limits: 3 codes per phone per 15 minutes and 20 per IP per hour (429 with Retry-After). The code is valid 5 minutes, 5 tries.",
      body: z.object({ phone: accounts.phoneSchema, language: lang.optional().meta({ description: "SMS language for a new number (default: Accept-Language, else ar)." }) }).strict(),
      response: z.object({ expires_in_seconds: z.number().int() }),
      status: 202,
    },
    // A known number gets its own language; a new one the app's (body, else Accept-Language).
    ({ body, ctx, lang: requestLang }) => accounts.requestOtp(c.deps, ctx, { ...body, language: body.language ?? requestLang }),
  );

  api.route(
    {
      method: "post", path: "/auth/otp/verify", tag: "Auth", auth: "none", summary: "Exchange a code for a bearer token",
      description: "Creates a client account on the first login of a phone number.",
      body: z.object({
        phone: accounts.phoneSchema,
        code: accounts.otpCodeSchema,
        device_name: z.string().trim().max(150).optional(),
        language: lang.optional().meta({ description: "Language of a new account (default: Accept-Language, else ar)." }),
      }).strict(),
      response: z.object({ token: z.string(), expires_at: isoDateTime, created: z.boolean().meta({ description: "True when this login created the account." }), user: meSchema }).meta({ id: "Login" }),
      errors: [401, 403],
    },
    async ({ body, ctx, lang: requestLang }) => {
      const r = await accounts.verifyOtp(c.deps, ctx, { ...fromApiJson(body), language: body.language ?? requestLang });
      return { token: r.token, expiresAt: r.expiresAt, created: r.created, user: await loadMe(c, r.user.id) };
    },
  );

  api.route(
    {
      method: "post", path: "/auth/logout", tag: "Auth", auth: "user", summary: "Revoke the token used for this call",
      description: "The body is optional: with `device_token`, that device (if it is the caller's) also stops receiving pushes.",
      body: z
        .object({ device_token: deviceTokenSchema.optional().meta({ description: "This device's push token, as registered with POST /devices." }) })
        .strict()
        .optional(),
    },
    async ({ body, ctx, tokenId }) => {
      // The device first: if the sign-out then fails, the app still holds a token to retry with.
      if (body?.device_token) await removeDevice(c.deps, ctx, body.device_token);
      await accounts.revokeToken(c.deps, ctx, tokenId);
    },
  );

  api.route(
    { method: "get", path: "/me", tag: "Me", auth: "user", summary: "The signed-in user", response: meSchema },
    ({ user }) => loadMe(c, user.id),
  );

  api.route(
    {
      method: "patch", path: "/me", tag: "Me", auth: "user", summary: "Edit name, email, language or city",
      body: z.object({
        full_name: z.string().trim().min(2).max(150),
        email: z.string().trim().email().max(254).nullable(),
        language: lang,
        city: z.string().trim().min(2).max(100).nullable(),
      }).partial().strict(),
      response: meSchema,
      errors: [409],
    },
    async ({ body, ctx, user }) => {
      await accounts.updateMe(c.deps, ctx, fromApiJson(body));
      return loadMe(c, user.id);
    },
  );

  api.route(
    {
      method: "post", path: "/me/become-provider", tag: "Me", auth: "user", summary: "Create the caller's provider profile",
      body: z.object({
        display_name: z.string().trim().min(2).max(150),
        city: z.string().trim().min(2).max(100),
        bio: z.string().trim().max(2000).optional(),
        subcategory_ids: z.array(dbId).max(30).optional(),
      }).strict(),
      response: providerProfileSchema,
      status: 201,
      idempotent: true,
      errors: [409, 422],
    },
    ({ body, ctx }) => accounts.becomeProvider(c.deps, ctx, fromApiJson(body)),
  );
}
