/**
 * Signs a staff member in to the panel over HTTP and keeps the session cookie (supertest agent).
 * Like the panel's own script, it sends the session's CSRF token with every request after
 * sign-in (the login form itself posts the token of the anonymous session).
 */
import request from "supertest";

export type AdminAgent = ReturnType<typeof request.agent> & { csrfToken: string };

/** The CSRF token a panel page carries in its meta tag. */
export function csrfFrom(html: string): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF token in the page");
  return token;
}

/** A fresh agent with the login page's token, before signing in. */
export async function anonymousAgent(baseUrl: string): Promise<AdminAgent> {
  const agent = request.agent(baseUrl) as AdminAgent;
  agent.csrfToken = csrfFrom((await agent.get("/admin/login")).text);
  return agent;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<AdminAgent> {
  const agent = await anonymousAgent(baseUrl);
  const res = await agent.post("/admin/login").type("form").send({ email, password, _csrf: agent.csrfToken });
  if (res.status !== 302 || res.headers.location?.includes("/login")) {
    throw new Error(`sign-in failed for ${email}: ${res.status} ${res.headers.location ?? ""}`);
  }
  agent.csrfToken = csrfFrom((await agent.get("/admin")).text);
  agent.set("X-CSRF-Token", agent.csrfToken);
  return agent;
}
