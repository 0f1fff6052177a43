/**
 * The FCM HTTP v1 push provider (`fcmPushSender`) against a local fake of Google's token endpoint
 * and FCM (test/support/fake-fcm.ts): the service-account JWT is accepted and its access token
 * reused, an unregistered token is told apart from an outage, and a push delivery to a user's
 * two devices reaches the live one and revokes the dead one. First, that the fake refuses what
 * Google refuses, so a pass here means something.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSign } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { createUser } from "../../support/factories.js";
import { FCM_SCOPE, startFakeFcm, type FakeFcm } from "../../support/fake-fcm.js";
import { fcmPushSender } from "../../../src/platform/push.js";
import type { Deps } from "../../../src/platform/deps.js";
import * as notifications from "../../../src/domains/notifications/index.js";

let t: TestDatabase;
let fcm: FakeFcm;

beforeAll(async () => {
  t = await createTestDatabase();
  fcm = await startFakeFcm();
});
afterAll(async () => {
  await fcm?.close();
  await t?.close();
});
beforeEach(() => {
  fcm.sent.length = 0;
});

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

/** A service-account JWT as Google documents it, with any claim overridden. */
function jwt(privateKey: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: "RS256", typ: "JWT" }) {
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: fcm.account.clientEmail, scope: FCM_SCOPE, aud: fcm.tokenUrl, iat: now, exp: now + 3600, ...claims };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
  return `${signingInput}.${b64url(createSign("RSA-SHA256").update(signingInput).sign(privateKey))}`;
}

async function tokenRequest(form: Record<string, string>) {
  const res = await fetch(fcm.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function accessToken(claims: Record<string, unknown> = {}) {
  const r = await tokenRequest({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: jwt(fcm.account.privateKey, claims) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.access_token as string;
}

async function sendRaw(body: unknown, o: { token?: string; project?: string } = {}) {
  const res = await fetch(`${fcm.url}/v1/projects/${o.project ?? fcm.account.projectId}/messages:send`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { name?: string; error?: { code: number; status: string; message: string; details?: Record<string, unknown>[] } } };
}

describe("the fake FCM follows Google's documented API", () => {
  it("should issue an access token for a JWT signed with the service account's key, and refuse one signed with another key", async () => {
    const ok = await tokenRequest({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: jwt(fcm.account.privateKey) });
    expect(ok).toEqual({ status: 200, body: { access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: "Bearer" } });
    const stranger = fcm.addAccount("other-project");
    const forged = await tokenRequest({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: jwt(stranger.privateKey) });
    expect(forged).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
  });

  it("should refuse a wrong grant type, issuer, audience, scope, algorithm, and an expired or over-long JWT", async () => {
    const now = Math.floor(Date.now() / 1000);
    const grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    expect((await tokenRequest({ grant_type: "client_credentials", assertion: jwt(fcm.account.privateKey) })).body.error).toBe("unsupported_grant_type");
    expect((await tokenRequest({ grant_type: grant })).body.error).toBe("invalid_request");
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ iss: "nobody@example.iam.gserviceaccount.com" }, "invalid_grant", "Invalid grant: account not found"],
      [{ aud: "https://oauth2.googleapis.com/token" }, "invalid_grant"],
      [{ scope: "https://www.googleapis.com/auth/drive" }, "invalid_scope"],
      [{ scope: "" }, "invalid_scope"],
      [{ iat: now - 7200, exp: now - 3600 }, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."],
      [{ iat: now, exp: now + 7200 }, "invalid_grant"],
      [{ iat: now + 3600, exp: now + 4000 }, "invalid_grant"],
    ];
    for (const [claims, error, description] of cases) {
      const r = await tokenRequest({ grant_type: grant, assertion: jwt(fcm.account.privateKey, claims) });
      expect(r.status, JSON.stringify(claims)).toBe(400);
      expect(r.body, JSON.stringify(claims)).toMatchObject({ error, ...(description ? { error_description: description } : {}) });
    }
    const hs256 = jwt(fcm.account.privateKey, {}, { alg: "HS256", typ: "JWT" });
    expect((await tokenRequest({ grant_type: grant, assertion: hs256 })).body.error).toBe("invalid_grant");
    expect((await tokenRequest({ grant_type: grant, assertion: "not.a.jwt" })).body.error).toBe("invalid_grant");
  });

  it("should require a valid bearer token with the messaging scope for the account's own project", async () => {
    const message = { message: { token: "device-a", notification: { title: "t", body: "b" } } };
    fcm.register("device-a");
    expect(await sendRaw(message)).toMatchObject({ status: 401, body: { error: { code: 401, status: "UNAUTHENTICATED" } } });
    expect(await sendRaw(message, { token: "ya29.made-up" })).toMatchObject({ status: 401 });
    const token = await accessToken();
    const other = await sendRaw(message, { token, project: "someone-elses-project" });
    expect(other).toMatchObject({ status: 403, body: { error: { status: "PERMISSION_DENIED" } } });
    const noScope = await accessToken({ scope: "https://www.googleapis.com/auth/userinfo.email" });
    expect(await sendRaw(message, { token: noScope })).toMatchObject({ status: 403, body: { error: { status: "PERMISSION_DENIED", message: "Request had insufficient authentication scopes." } } });
    const ok = await sendRaw(message, { token });
    expect(ok).toMatchObject({ status: 200, body: { name: expect.stringMatching(new RegExp(`^projects/${fcm.account.projectId}/messages/.+`)) } });
    fcm.expireAccessTokens();
    expect(await sendRaw(message, { token })).toMatchObject({ status: 401 });
  });

  it("should validate the message as FCM does: one target, string data values, known fields, reserved keys, size", async () => {
    const token = await accessToken();
    fcm.register("device-a");
    const numberValue = await sendRaw({ message: { token: "device-a", data: { screen: "request", requestId: 12 } } }, { token });
    expect(numberValue).toEqual({
      status: 400,
      body: {
        error: {
          code: 400,
          message: "Invalid value at 'message.data[1].value' (TYPE_STRING), 12",
          status: "INVALID_ARGUMENT",
          details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "message.data[1].value", description: "Invalid value at 'message.data[1].value' (TYPE_STRING), 12" }] }],
        },
      },
    });
    const noTarget = await sendRaw({ message: { notification: { title: "t" } } }, { token });
    expect(noTarget.body.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT", message: "Recipient of the message is not set." });
    expect(noTarget.body.error!.details).toContainEqual({ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "INVALID_ARGUMENT" });
    const bad: unknown[] = [
      { message: { token: "device-a", topic: "news" } },
      { message: { token: "device-a", priority: "high" } },
      { message: { token: "device-a", notification: { title: "t", sound: "ding" } } },
      { message: { token: "device-a", notification: { title: 5 } } },
      { message: { token: "device-a", data: { from: "me" } } },
      { message: { token: "device-a", data: { "google.x": "1" } } },
      { message: { token: "device-a", data: { big: "x".repeat(4100) } } },
      { message: { token: "" } },
      { message: { token: "device-a" }, dry_run: true },
    ];
    for (const body of bad) expect((await sendRaw(body, { token })).status, JSON.stringify(body).slice(0, 120)).toBe(400);
    expect(fcm.sent).toEqual([]);
  });

  it("should answer 404 NOT_FOUND with the FcmError UNREGISTERED for a token it does not know", async () => {
    const token = await accessToken();
    const r = await sendRaw({ message: { token: "uninstalled-app", notification: { title: "t", body: "b" } } }, { token });
    expect(r).toEqual({
      status: 404,
      body: { error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND", details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "UNREGISTERED" }] } },
    });
  });
});

describe("fcmPushSender", () => {
  it("should sign in once and reuse the access token across sends", async () => {
    const push = fcmPushSender(fcm.config);
    fcm.register("phone-1", "phone-2");
    const before = fcm.tokensIssued;
    const results = [];
    for (const token of ["phone-1", "phone-2", "phone-1"]) results.push(await push.send({ token, title: "عرض جديد", body: "على طلبك", data: { screen: "request", requestId: "12" } }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fcm.tokensIssued - before).toBe(1);
    expect(fcm.sent.map((s) => s.message)).toEqual([
      { token: "phone-1", notification: { title: "عرض جديد", body: "على طلبك" }, data: { screen: "request", requestId: "12" } },
      { token: "phone-2", notification: { title: "عرض جديد", body: "على طلبك" }, data: { screen: "request", requestId: "12" } },
      { token: "phone-1", notification: { title: "عرض جديد", body: "على طلبك" }, data: { screen: "request", requestId: "12" } },
    ]);
    expect(results[0]).toEqual({ ok: true, providerMessageId: fcm.sent[0]!.name });
  });

  it("should say an unregistered token is invalid, so the caller revokes it instead of retrying", async () => {
    const r = await fcmPushSender(fcm.config).send({ token: "never-registered", title: "t", body: "b" });
    expect(r).toEqual({ ok: false, invalidToken: true, error: "UNREGISTERED: Requested entity was not found." });
  });

  it("should report 503 UNAVAILABLE and 429 as retryable, and send once FCM is back", async () => {
    const push = fcmPushSender(fcm.config);
    fcm.register("phone-3");
    fcm.failNext("UNAVAILABLE");
    fcm.failNext("QUOTA_EXCEEDED");
    expect(await push.send({ token: "phone-3", title: "t", body: "b" })).toEqual({ ok: false, invalidToken: false, error: "UNAVAILABLE: The service is currently unavailable." });
    expect(await push.send({ token: "phone-3", title: "t", body: "b" })).toMatchObject({ ok: false, invalidToken: false, error: expect.stringMatching(/^QUOTA_EXCEEDED/) });
    expect(await push.send({ token: "phone-3", title: "t", body: "b" })).toMatchObject({ ok: true });
  });

  it("should sign in again when its access token is about to expire, or was ended early", async () => {
    const shortLived = await startFakeFcm({ accessTokenSeconds: 30 });
    try {
      shortLived.register("phone-4");
      const push = fcmPushSender(shortLived.config);
      for (let i = 0; i < 3; i++) expect(await push.send({ token: "phone-4", title: "t", body: "b" })).toMatchObject({ ok: true });
      // Less than a minute left is too little to use: every send asked for a fresh token.
      expect(shortLived.tokensIssued).toBe(3);
    } finally {
      await shortLived.close();
    }
    const push = fcmPushSender(fcm.config);
    fcm.register("phone-5");
    expect(await push.send({ token: "phone-5", title: "t", body: "b" })).toMatchObject({ ok: true });
    fcm.expireAccessTokens();
    const issued = fcm.tokensIssued;
    expect(await push.send({ token: "phone-5", title: "t", body: "b" })).toMatchObject({ ok: false, invalidToken: false, error: expect.stringMatching(/^UNAUTHENTICATED/) });
    expect(await push.send({ token: "phone-5", title: "t", body: "b" })).toMatchObject({ ok: true });
    expect(fcm.tokensIssued).toBe(issued + 1);
  });

  it("should fail (for the job to retry) when Google refuses the service account's key", async () => {
    const other = fcm.addAccount("unused");
    const push = fcmPushSender({ ...fcm.config, privateKey: other.privateKey });
    await expect(push.send({ token: "phone-1", title: "t", body: "b" })).rejects.toThrow("FCM OAuth token request failed: HTTP 400");
  });
});

describe("a push delivery to a user's devices", () => {
  const kind = () => notifications.kindOf("marketplace.offer.submitted")!;
  const vars = { providerName: "Cool Air Co", price: "350.00", requestTitle: "AC repair" };

  async function queuedPush(deps: Deps, language: "ar" | "en", tokens: string[]) {
    const user = await createUser(t.db, { language });
    for (const token of tokens) await t.db.deviceToken.create({ data: { userId: user.id, token, platform: "android" } });
    await notifications.notifyUsers(deps, { kind: kind(), userIds: [user.id], vars, data: { screen: "request", requestId: 77, offerId: 5 } });
    const delivery = await t.db.notificationDelivery.findFirstOrThrow({ where: { notification: { userId: user.id }, channel: "push" }, include: { notification: true } });
    expect(delivery.status).toBe("queued");
    return { user, delivery };
  }

  it("should reach the registered device, revoke the unregistered one, and record the delivery as sent", async () => {
    const deps: Deps = { ...t, push: fcmPushSender(fcm.config) };
    const live = `fcm-live-${Date.now()}:APA91b-x_y`;
    const dead = `fcm-dead-${Date.now()}:APA91b-z`;
    fcm.register(live);
    const { user, delivery } = await queuedPush(deps, "en", [dead, live]);

    expect(await notifications.sendDelivery(deps, delivery.id)).toBe("sent");
    expect(fcm.sent).toEqual([
      {
        project: fcm.account.projectId,
        name: expect.any(String),
        message: {
          token: live,
          notification: { title: "New offer on your request", body: "Cool Air Co offered SAR 350.00 for \"AC repair\"." },
          data: { screen: "request", requestId: "77", offerId: "5", notificationId: String(delivery.notificationId) },
        },
      },
    ]);
    const tokens = await t.db.deviceToken.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(tokens.map((d) => [d.token, d.revokedAt !== null])).toEqual([[dead, true], [live, false]]);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "sent", attempts: 1, providerMessageId: fcm.sent[0]!.name, error: null });
    // Run again (a duplicated job): nothing is sent twice.
    expect(await notifications.sendDelivery(deps, delivery.id)).toBe("already_done");
    expect(fcm.sent).toHaveLength(1);
  });

  it("should keep the delivery queued for a retry while FCM is unavailable, without revoking anything", async () => {
    const deps: Deps = { ...t, push: fcmPushSender(fcm.config) };
    const token = `fcm-busy-${Date.now()}`;
    fcm.register(token);
    const { user, delivery } = await queuedPush(deps, "ar", [token]);
    fcm.failNext("UNAVAILABLE");
    await expect(notifications.sendDelivery(deps, delivery.id)).rejects.toBeInstanceOf(notifications.RetryableSendError);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "queued", attempts: 1, error: expect.stringContaining("UNAVAILABLE") });
    expect((await t.db.deviceToken.findFirstOrThrow({ where: { userId: user.id } })).revokedAt).toBeNull();

    expect(await notifications.sendDelivery(deps, delivery.id)).toBe("sent");
    expect(fcm.sent.map((s) => s.message.notification)).toEqual([{ title: "عرض جديد على طلبك", body: "أرسل Cool Air Co عرضًا بقيمة 350.00 ريال على «AC repair»." }]);
  });
});
