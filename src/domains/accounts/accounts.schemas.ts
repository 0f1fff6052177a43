/** Input schemas of the accounts commands (shared by the API and tests). */
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { dbId } from "../../platform/validation.js";

/**
 * A mobile number, output in canonical E.164 (+9665XXXXXXXX); rejects numbers that cannot exist.
 * The national trunk prefix some people type after the country code (+9660 5…) is dropped, so each
 * number has one spelling: one OTP bucket, one account. Every use of a phone goes through here.
 */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "PHONE_FORMAT")
  .refine((v) => parsePhoneNumberFromString(v)?.isValid() ?? false, "PHONE_INVALID")
  .overwrite((v) => parsePhoneNumberFromString(v)?.number ?? v)
  .meta({ example: "+966512345678", description: "E.164; a trunk 0 after the country code (+9660 5…) is accepted and dropped." });

export const otpCodeSchema = z.string().trim().regex(/^\d{6}$/, "OTP_CODE_FORMAT");

export const updateMeSchema = z
  .object({
    fullName: z.string().trim().min(2).max(150),
    email: z.string().trim().toLowerCase().email().max(254).nullable(),
    language: z.enum(["ar", "en"]),
    city: z.string().trim().min(2).max(100).nullable(),
  })
  .partial()
  .strict();
export type UpdateMeInput = z.input<typeof updateMeSchema>;

export const becomeProviderSchema = z
  .object({
    displayName: z.string().trim().min(2).max(150),
    city: z.string().trim().min(2).max(100),
    bio: z.string().trim().max(2000).optional(),
    subcategoryIds: z.array(dbId).max(30).default([]),
  })
  .strict();
export type BecomeProviderInput = z.input<typeof becomeProviderSchema>;
