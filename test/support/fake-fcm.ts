/**
 * A local fake of Firebase Cloud Messaging's HTTP v1 API and of the Google OAuth 2.0 token
 * endpoint in front of it, for tests of the push provider (`fcmPushSender`). A real HTTP server on
 * 127.0.0.1 (random port) serving, as Google documents them:
 *
 * - `POST /token` — the service-account flow ("OAuth 2.0 for server to server applications"):
 *   form-encoded `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and `assertion`, a JWT
 *   signed RS256 whose signature is checked with the service account's public key; `iss` must be
 *   the account's email, `aud` the token endpoint's URL, `scope` known scopes (space-separated),
 *   `iat`/`exp` at most an hour apart and not expired. Answers `{access_token, expires_in,
 *   token_type: "Bearer"}` or 400 `{error, error_description}` (`invalid_grant`, `invalid_scope`,
 *   `unsupported_grant_type`, `invalid_request`).
 * - `POST /v1/projects/{project}/messages:send` — `Authorization: Bearer <access token>` (else 401
 *   UNAUTHENTICATED); the token's account must belong to `{project}` and carry the
 *   firebase.messaging (or cloud-platform) scope (else 403 PERMISSION_DENIED); the body is
 *   `{message, validate_only?}` with exactly one target (token, topic or condition), `notification`
 *   {title, body, image} strings, `data` string values with no reserved keys, at most 4096 bytes of
 *   payload, and no unknown fields (else 400 INVALID_ARGUMENT with a `google.rpc.BadRequest` and/or
 *   `FcmError` detail). A token the fake does not know is 404 NOT_FOUND with the FcmError
 *   `UNREGISTERED`. Success: `{name: "projects/{project}/messages/{id}"}`.
 *
 * Every error body is Google's `{error: {code, message, status, details?}}`. Tests register the
 * tokens devices hold (`register`), make the next sends fail as FCM does when it is overloaded
 * (`failNext`), and read what was sent (`sent`) and how many access tokens were issued.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import type { FcmConfig } from "../../src/platform/push.js";

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
/** Scopes the fake's token endpoint knows; Google refuses scopes it does not know with invalid_scope. */
const KNOWN_SCOPES = new Set([FCM_SCOPE, CLOUD_PLATFORM_SCOPE, "https://www.googleapis.com/auth/userinfo.email"]);
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** How far iat may be ahead of the server's clock. */
const CLOCK_SKEW_SECONDS = 300;
const MAX_PAYLOAD_BYTES = 4096;
const FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
const BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

export interface FcmMessage {
  token?: string;
  topic?: string;
  condition?: string;
  notification?: { title?: string; body?: string; image?: string };
  data?: Record<string, string>;
  [field: string]: unknown;
}

export interface SentMessage {
  project: string;
  name: string;
  message: FcmMessage;
}

export interface ServiceAccount {
  projectId: string;
  clientEmail: string;
  /** PKCS#8 PEM, as in a service-account key file. */
  privateKey: string;
}

/** FCM's canonical errors the fake can be told to answer with: [HTTP status, status]. */
const FAULTS = {
  UNAVAILABLE: [503, "UNAVAILABLE", "The service is currently unavailable."],
  INTERNAL: [500, "INTERNAL", "Internal error encountered."],
  QUOTA_EXCEEDED: [429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Send requests'."],
} as const;
export type FcmFault = keyof typeof FAULTS;

export interface FakeFcm {
  /** The API base (`apiBase` of FcmConfig). */
  url: string;
  /** The OAuth token endpoint (`tokenUrl`); also the `aud` the JWT must carry. */
  tokenUrl: string;
  /** The service account the fake trusts, with a fresh RSA key. */
  account: ServiceAccount;
  /** What `fcmPushSender` needs to talk to this fake. */
  config: FcmConfig;
  /** Messages accepted (not validate_only ones), in order. */
  sent: SentMessage[];
  /** Access tokens issued so far. */
  tokensIssued: number;
  /** Every messages:send request that reached the server, whatever the answer. */
  sendRequests: number;
  /** Tokens of devices registered with FCM; sends to any other token are UNREGISTERED. */
  register(...tokens: string[]): void;
  /** The app was uninstalled: the token becomes UNREGISTERED. */
  unregister(token: string): void;
  /** The next `times` sends (after authentication) fail with this FCM error. */
  failNext(fault: FcmFault, times?: number): void;
  /** Every access token issued so far stops working (expired or revoked at Google's side). */
  expireAccessTokens(): void;
  /** Another service account, in its own project, that the token endpoint trusts. */
  addAccount(projectId: string): ServiceAccount;
  close(): Promise<void>;
}

type GoogleError = { status: number; body: { error: { code: number; message: string; status: string; details?: unknown[] } } };

const googleError = (code: number, status: string, message: string, details?: unknown[]): GoogleError => ({
  status: code,
  body: { error: { code, message, status, ...(details ? { details } : {}) } },
});
const fcmError = (errorCode: string) => ({ "@type": FCM_ERROR, errorCode });
/** 400 INVALID_ARGUMENT naming the field, as FCM answers a value it cannot read. */
const invalidArgument = (message: string, field?: string, withFcmError = false) =>
  googleError(400, "INVALID_ARGUMENT", message, [
    ...(field !== undefined ? [{ "@type": BAD_REQUEST, fieldViolations: [{ field, description: message }] }] : []),
    ...(withFcmError ? [fcmError("INVALID_ARGUMENT")] : []),
  ]);
const UNAUTHENTICATED = googleError(
  401,
  "UNAUTHENTICATED",
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
);
const UNREGISTERED = googleError(404, "NOT_FOUND", "Requested entity was not found.", [fcmError("UNREGISTERED")]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const jsonType = (v: unknown) => (Array.isArray(v) ? "TYPE_LIST" : v === null ? "TYPE_NULL" : typeof v === "object" ? "TYPE_MESSAGE" : typeof v === "number" ? "TYPE_NUMBER" : typeof v === "boolean" ? "TYPE_BOOL" : "TYPE_STRING");
const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
/** proto3 JSON takes lowerCamelCase and the proto's snake_case names alike. */
const fieldNames = (...names: string[]) => new Set(names.flatMap((n) => [n, n.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())]));

const REQUEST_FIELDS = fieldNames("message", "validate_only");
const MESSAGE_FIELDS = fieldNames("name", "data", "notification", "android", "webpush", "apns", "fcm_options", "token", "topic", "condition");
const NOTIFICATION_FIELDS = fieldNames("title", "body", "image");

function unknownField(value: Record<string, unknown>, allowed: Set<string>, at?: string): GoogleError | null {
  const extra = Object.keys(value).find((k) => !allowed.has(k));
  if (extra === undefined) return null;
  const message = `Invalid JSON payload received. Unknown name "${extra}"${at ? ` at '${at}'` : ""}: Cannot find field.`;
  return invalidArgument(message, at ?? "");
}

/** The checks FCM makes on a send request's body, in the order it reports them; null when it is fine. */
export function validateSendRequest(body: unknown): GoogleError | null {
  if (!isObject(body)) return invalidArgument("Invalid JSON payload received. Expected an object.", "");
  const unknownTop = unknownField(body, REQUEST_FIELDS);
  if (unknownTop) return unknownTop;
  const validateOnly = body.validate_only ?? body.validateOnly;
  if (validateOnly !== undefined && typeof validateOnly !== "boolean") return invalidArgument(`Invalid value at 'validate_only' (TYPE_BOOL), ${shown(validateOnly)}`, "validate_only");
  const m = body.message;
  if (m === undefined) return invalidArgument("Recipient of the message is not set.", "message", true);
  if (!isObject(m)) return invalidArgument(`Invalid value at 'message' (${jsonType(m)}), ${shown(m)}`, "message");
  const unknown = unknownField(m, MESSAGE_FIELDS, "message");
  if (unknown) return unknown;

  for (const target of ["token", "topic", "condition"]) {
    if (m[target] !== undefined && typeof m[target] !== "string") return invalidArgument(`Invalid value at 'message.${target}' (TYPE_STRING), ${shown(m[target])}`, `message.${target}`);
  }
  const targets = (["token", "topic", "condition"] as const).filter((k) => m[k] !== undefined);
  if (!targets.length) return invalidArgument("Recipient of the message is not set.", "message", true);
  if (targets.length > 1) return invalidArgument(`Invalid value at 'message' (oneof), oneof field 'target' is already set. Cannot set '${targets[1]}'`, "message");
  if (m.token !== undefined && !/^\S+$/.test(m.token as string)) return invalidArgument("The registration token is not a valid FCM registration token", "message.token", true);

  if (m.notification !== undefined) {
    if (!isObject(m.notification)) return invalidArgument(`Invalid value at 'message.notification' (${jsonType(m.notification)}), ${shown(m.notification)}`, "message.notification");
    const u = unknownField(m.notification, NOTIFICATION_FIELDS, "message.notification");
    if (u) return u;
    for (const [k, v] of Object.entries(m.notification)) {
      if (typeof v !== "string") return invalidArgument(`Invalid value at 'message.notification.${k}' (TYPE_STRING), ${shown(v)}`, `message.notification.${k}`);
    }
  }
  if (m.data !== undefined) {
    if (!isObject(m.data)) return invalidArgument(`Invalid value at 'message.data' (${jsonType(m.data)}), ${shown(m.data)}`, "message.data");
    // A map is a list of entries to proto: errors name the entry's index.
    const entries = Object.entries(m.data);
    for (const [i, [, v]] of entries.entries()) {
      if (typeof v !== "string") return invalidArgument(`Invalid value at 'message.data[${i}].value' (TYPE_STRING), ${shown(v)}`, `message.data[${i}].value`);
    }
    // Reserved: "from", "message_type", and any key starting with "google" or "gcm".
    const reserved = entries.find(([k]) => k === "from" || k === "message_type" || k.startsWith("google") || k.startsWith("gcm"));
    if (reserved) return invalidArgument(`Invalid data payload key: ${reserved[0]}`, `message.data[${entries.indexOf(reserved)}].key`, true);
  }
  for (const k of ["android", "webpush", "apns", "fcm_options", "fcmOptions"]) {
    if (m[k] !== undefined && !isObject(m[k])) return invalidArgument(`Invalid value at 'message.${k}' (${jsonType(m[k])}), ${shown(m[k])}`, `message.${k}`);
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify({ data: m.data ?? {}, notification: m.notification ?? {} }));
  if (payloadBytes > MAX_PAYLOAD_BYTES) return googleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
  return null;
}

type Account = ServiceAccount & { publicKey: KeyObject };

function newAccount(projectId: string, clientEmail: string): Account {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { projectId, clientEmail, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: createPublicKey(publicKey.export({ type: "spki", format: "pem" })) };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function decodeJwtPart(part: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

export async function startFakeFcm(o: { projectId?: string; clientEmail?: string; accessTokenSeconds?: number } = {}): Promise<FakeFcm> {
  const projectId = o.projectId ?? "nawafeth-test";
  const accounts = new Map<string, Account>();
  const main = newAccount(projectId, o.clientEmail ?? `push-sender@${projectId}.iam.gserviceaccount.com`);
  accounts.set(main.clientEmail, main);
  const accessTokens = new Map<string, { account: Account; scopes: Set<string>; expiresAt: number }>();
  const devices = new Set<string>();
  const faults: FcmFault[] = [];
  const sent: SentMessage[] = [];
  let tokenUrl = "";

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const oauthError = (error: string, description: string) => ({ status: 400, body: { error, error_description: description } });

  function issueToken(form: URLSearchParams): { status: number; body: unknown } {
    const grant = form.get("grant_type");
    if (!grant) return oauthError("invalid_request", "Missing required parameter: grant_type");
    if (grant !== JWT_BEARER) return oauthError("unsupported_grant_type", `Invalid grant_type: ${grant}`);
    const assertion = form.get("assertion");
    if (!assertion) return oauthError("invalid_request", "Missing required parameter: assertion");
    const parts = assertion.split(".");
    const header = parts.length === 3 ? decodeJwtPart(parts[0]!) : null;
    const claims = parts.length === 3 ? decodeJwtPart(parts[1]!) : null;
    if (!header || !claims) return oauthError("invalid_grant", "Invalid JWT: malformed");
    if (header.alg !== "RS256") return oauthError("invalid_grant", "Invalid JWT: only RS256 is accepted");
    const account = typeof claims.iss === "string" ? accounts.get(claims.iss) : undefined;
    if (!account) return oauthError("invalid_grant", "Invalid grant: account not found");
    const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), account.publicKey, Buffer.from(parts[2]!, "base64url"));
    if (!signed) return oauthError("invalid_grant", "Invalid JWT Signature.");
    if (claims.aud !== tokenUrl) return oauthError("invalid_grant", `Invalid JWT: Failed audience check. The expected audience is ${tokenUrl}.`);
    const { iat, exp } = claims;
    const now = nowSeconds();
    if (typeof iat !== "number" || typeof exp !== "number" || exp <= iat || exp - iat > 3600 || iat > now + CLOCK_SKEW_SECONDS || exp <= now) {
      return oauthError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    const scopes = typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
    if (!scopes.length || scopes.some((s) => !KNOWN_SCOPES.has(s))) return oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    const lifetime = o.accessTokenSeconds ?? 3599;
    const accessToken = `ya29.fake-${randomBytes(24).toString("base64url")}`;
    accessTokens.set(accessToken, { account, scopes: new Set(scopes), expiresAt: now + lifetime });
    fake.tokensIssued++;
    return { status: 200, body: { access_token: accessToken, expires_in: lifetime, token_type: "Bearer" } };
  }

  function send(project: string, authorization: string | undefined, raw: string): { status: number; body: unknown } {
    fake.sendRequests++;
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (!grant || grant.expiresAt <= nowSeconds()) return UNAUTHENTICATED;
    if (!grant.scopes.has(FCM_SCOPE) && !grant.scopes.has(CLOUD_PLATFORM_SCOPE)) {
      return googleError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", domain: "googleapis.com" }]);
    }
    if (grant.account.projectId !== project) {
      return googleError(403, "PERMISSION_DENIED", `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}' (or it may not exist).`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return invalidArgument("Invalid JSON payload received. Unexpected token.", "");
    }
    const invalid = validateSendRequest(body);
    if (invalid) return invalid;
    const fault = faults.shift();
    if (fault) {
      const [code, status, message] = FAULTS[fault];
      return googleError(code, status, message, [fcmError(fault)]);
    }
    const request = body as { message: FcmMessage; validate_only?: boolean; validateOnly?: boolean };
    const message = request.message;
    if (message.token !== undefined && !devices.has(message.token)) return UNREGISTERED;
    if (request.validate_only ?? request.validateOnly) return { status: 200, body: { name: `projects/${project}/messages/fake_message_id` } };
    const name = `projects/${project}/messages/0:${Date.now()}%${randomBytes(8).toString("hex")}`;
    sent.push({ project, name, message });
    return { status: 200, body: { name } };
  }

  const server = http.createServer((req, res) => {
    const answer = (r: { status: number; body: unknown }) => {
      res.writeHead(r.status, { "content-type": "application/json; charset=UTF-8" });
      res.end(JSON.stringify(r.body));
    };
    readBody(req)
      .then((raw) => {
        const path = (req.url ?? "").split("?")[0]!;
        if (path === "/token") {
          if (req.method !== "POST") return answer(oauthError("invalid_request", "Only POST is accepted"));
          if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return answer(oauthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded"));
          return answer(issueToken(new URLSearchParams(raw)));
        }
        const m = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(path);
        if (m && req.method === "POST") return answer(send(decodeURIComponent(m[1]!), req.headers.authorization, raw));
        return answer(googleError(404, "NOT_FOUND", "Requested entity was not found."));
      })
      .catch((e: unknown) => answer(googleError(500, "INTERNAL", String(e))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenUrl = `${url}/token`;

  const fake: FakeFcm = {
    url,
    tokenUrl,
    account: { projectId: main.projectId, clientEmail: main.clientEmail, privateKey: main.privateKey },
    config: { projectId: main.projectId, clientEmail: main.clientEmail, privateKey: main.privateKey, apiBase: url, tokenUrl },
    sent,
    tokensIssued: 0,
    sendRequests: 0,
    register: (...tokens) => tokens.forEach((t) => devices.add(t)),
    unregister: (token) => void devices.delete(token),
    failNext: (fault, times = 1) => faults.push(...Array<FcmFault>(times).fill(fault)),
    expireAccessTokens: () => accessTokens.forEach((t) => (t.expiresAt = 0)),
    addAccount(project) {
      const a = newAccount(project, `push-sender@${project}.iam.gserviceaccount.com`);
      accounts.set(a.clientEmail, a);
      return { projectId: a.projectId, clientEmail: a.clientEmail, privateKey: a.privateKey };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
}
