/**
 * Links that work without a bearer token for a while: an HMAC-SHA256 over what the link opens
 * (a purpose and a record id) and its expiry, keyed by a secret derived from the server's session
 * secret per purpose, so a link for one kind of file never opens another and nothing new needs
 * configuring. Rotating SESSION_SECRET ends every outstanding link, as it ends staff sessions.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type LinkCheck = "ok" | "invalid" | "expired";

export interface UrlSigner {
  /** The signature (base64url) of a link to record `id` valid until `exp` (Unix seconds). */
  sign(id: number, exp: number): string;
  /** Whether `sig` was made by this signer for `id` and `exp`, and `exp` is still ahead of `now`. */
  check(id: number, exp: number, sig: string, now?: Date): LinkCheck;
}

/** A signer for one purpose (e.g. "promo-asset"), keyed from `secret`. */
export function urlSigner(secret: string, purpose: string): UrlSigner {
  const key = createHmac("sha256", secret).update(`signed-url:${purpose}`).digest();
  const mac = (id: number, exp: number) => createHmac("sha256", key).update(`${purpose}:${id}:${exp}`).digest();
  return {
    sign: (id, exp) => mac(id, exp).toString("base64url"),
    check(id, exp, sig, now = new Date()) {
      const given = Buffer.from(sig, "base64url");
      const want = mac(id, exp);
      // The signature is checked before the expiry, so a forged link never learns whether its time is right.
      if (given.length !== want.length || !timingSafeEqual(given, want)) return "invalid";
      return exp * 1000 > now.getTime() ? "ok" : "expired";
    },
  };
}
