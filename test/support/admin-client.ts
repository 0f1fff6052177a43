/** Signs a staff member in to the panel over HTTP and keeps the session cookie (supertest agent). */
import request from "supertest";

export type AdminAgent = ReturnType<typeof request.agent>;

export async function signIn(baseUrl: string, email: string, password: string): Promise<AdminAgent> {
  const agent = request.agent(baseUrl);
  const res = await agent.post("/admin/login").type("form").send({ email, password });
  if (res.status !== 302 || res.headers.location?.includes("/login")) {
    throw new Error(`sign-in failed for ${email}: ${res.status} ${res.headers.location ?? ""}`);
  }
  return agent;
}
