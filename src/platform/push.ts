/**
 * Mobile push. A provider interface with two implementations chosen by config: a log provider
 * (default: each push is one log line) and FCM HTTP v1 (Firebase Cloud Messaging), which signs a
 * service-account JWT, trades it for an OAuth access token and posts to
 * `/v1/projects/{project}/messages:send`. An answer that the token is not registered (404
 * UNREGISTERED, or 400 INVALID_ARGUMENT about the token) is reported as `invalidToken`, so the
 * caller revokes it instead of retrying.
 */
import { createSign } from "node:crypto";
import type { Logger } from "./logger.js";

export interface PushMessage {
  token: string;
  title: string;
  body: string;
  data?: Record<string, string>;
}

export type PushResult = { ok: true; providerMessageId: string } | { ok: false; invalidToken: boolean; error: string };

export interface PushSender {
  send(m: PushMessage): Promise<PushResult>;
}

export function logPushSender(log: Logger): PushSender {
  let n = 0;
  return {
    async send(m) {
      log.info({ push: { token: `${m.token.slice(0, 12)}…`, title: m.title } }, `push: ${m.title}`);
      return { ok: true, providerMessageId: `log-push-${Date.now()}-${++n}` };
    },
  };
}

export interface FcmConfig {
  projectId: string;
  clientEmail: string;
  /** PEM private key of the service account. */
  privateKey: string;
  /** Defaults to Google's; tests point these at a local fake. */
  apiBase?: string;
  tokenUrl?: string;
}

const b64url = (v: Buffer | string) => Buffer.from(v).toString("base64url");

export function fcmPushSender(cfg: FcmConfig): PushSender {
  const apiBase = cfg.apiBase ?? "https://fcm.googleapis.com";
  const tokenUrl = cfg.tokenUrl ?? "https://oauth2.googleapis.com/token";
  let cached: { token: string; until: number } | null = null;

  async function accessToken(): Promise<string> {
    if (cached && cached.until > Date.now() + 60_000) return cached.token;
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
    const claims = b64url(JSON.stringify({ iss: cfg.clientEmail, scope: "https://www.googleapis.com/auth/firebase.messaging", aud: tokenUrl, iat: now, exp: now + 3600 }));
    const signature = createSign("RSA-SHA256").update(`${header}.${claims}`).sign(cfg.privateKey);
    const res = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: `${header}.${claims}.${b64url(signature)}` }),
    });
    if (!res.ok) throw new Error(`FCM OAuth token request failed: HTTP ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, until: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }

  return {
    async send(m) {
      const res = await fetch(`${apiBase}/v1/projects/${encodeURIComponent(cfg.projectId)}/messages:send`, {
        method: "POST",
        headers: { authorization: `Bearer ${await accessToken()}`, "content-type": "application/json" },
        body: JSON.stringify({ message: { token: m.token, notification: { title: m.title, body: m.body }, data: m.data ?? {} } }),
      });
      const body = (await res.json().catch(() => ({}))) as { name?: string; error?: { status?: string; message?: string; details?: { errorCode?: string }[] } };
      if (res.ok && body.name) return { ok: true, providerMessageId: body.name };
      // Google can end an access token before its expires_in: drop it so the retry fetches another.
      if (res.status === 401) cached = null;
      const code = body.error?.details?.find((d) => d.errorCode)?.errorCode ?? body.error?.status ?? `HTTP_${res.status}`;
      const invalidToken = code === "UNREGISTERED" || (code === "INVALID_ARGUMENT" && /token/i.test(body.error?.message ?? ""));
      // 429 and 5xx are worth retrying; the caller retries anything not invalidToken by throwing.
      return { ok: false, invalidToken, error: `${code}: ${body.error?.message ?? res.statusText}` };
    },
  };
}
