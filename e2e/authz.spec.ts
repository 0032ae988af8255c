import { encode } from "next-auth/jwt";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { admin, createPipeline, sendBuild, uniqueSlug } from "./api";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_USERS } from "./env";

type Caller = { name: string; headers: Record<string, string>; role: "none" | "viewer" | "deployer" | "admin" | "agent" };

async function token(request: APIRequestContext, role: string, pipeline?: string) {
  const response = await request.post("/api/tokens", { headers: admin, data: { name: `authz-${role}`, role, pipeline } });
  return (await response.json()) as { id: number; token: string };
}

/** A browser session for a role, through next-auth's real credentials flow. */
async function sessionCookie(role: keyof typeof E2E_USERS): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: E2E_USERS[role].email, password: E2E_USERS[role].password, json: "true" },
  });
  const cookie = (await context.storageState()).cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  await context.dispose();
  if (!cookie) throw new Error(`no session for ${role}`);
  return `${cookie.name}=${cookie.value}`;
}

test("every mutating route × every kind of caller: exactly the allowed ones get past authorization", async ({ request }) => {
  const slug = uniqueSlug("authz");
  await createPipeline(request, slug);
  const buildId = await sendBuild(request, slug);
  const users = await (await request.get("/api/users", { headers: admin })).json();
  const deployerId = users.items.find((u: { email: string }) => u.email === E2E_USERS.deployer.email).id;

  const revoked = await token(request, "deployer");
  expect((await request.delete(`/api/tokens/${revoked.id}`, { headers: admin })).status()).toBe(200);
  const expired = await encode({ token: { sub: deployerId }, secret: E2E_AUTH_SECRET, maxAge: -60 });
  const origin = { Origin: E2E_BASE_URL };

  const callers: Caller[] = [
    { name: "anonymous", headers: {}, role: "none" },
    { name: "viewer token", headers: { Authorization: `Bearer ${(await token(request, "viewer")).token}` }, role: "viewer" },
    { name: "agent token", headers: { Authorization: `Bearer ${(await token(request, "agent", slug)).token}` }, role: "agent" },
    { name: "deployer token", headers: { Authorization: `Bearer ${(await token(request, "deployer")).token}` }, role: "deployer" },
    { name: "admin token", headers: admin, role: "admin" },
    { name: "revoked deployer token", headers: { Authorization: `Bearer ${revoked.token}` }, role: "none" },
    { name: "expired deployer session", headers: { ...origin, Cookie: `next-auth.session-token=${expired}` }, role: "none" },
    { name: "viewer session", headers: { ...origin, Cookie: await sessionCookie("viewer") }, role: "viewer" },
    { name: "deployer session", headers: { ...origin, Cookie: await sessionCookie("deployer") }, role: "deployer" },
  ];

  const rank = { none: -1, agent: 0, viewer: 1, deployer: 2, admin: 3 };
  const routes = [
    { method: "POST", path: "/api/pipelines", needs: "admin", data: { slug: uniqueSlug("authz-new"), name: "x", repository: "a/b", target: { kind: "simulated", hosts: 1, restartSeconds: 0 } } },
    { method: "POST", path: `/api/pipelines/${slug}/lock`, needs: "deployer", data: { reason: "authz matrix" } },
    { method: "POST", path: `/api/pipelines/${slug}/unlock`, needs: "deployer" },
    { method: "POST", path: `/api/pipelines/${slug}/promote`, needs: "deployer", data: { buildId } },
    { method: "POST", path: `/api/pipelines/${slug}/rollback`, needs: "deployer", data: {} },
    { method: "POST", path: "/api/tokens", needs: "admin", data: { name: "matrix", role: "viewer" } },
    { method: "DELETE", path: `/api/tokens/${revoked.id}`, needs: "admin" },
    { method: "PATCH", path: `/api/users/${deployerId}`, needs: "admin", data: { role: "deployer" } },
  ] as const;

  let checked = 0;
  for (const route of routes) {
    for (const caller of callers) {
      const response = await request.fetch(route.path, { method: route.method, headers: caller.headers, data: "data" in route ? route.data : undefined });
      const allowed = caller.role !== "agent" && rank[caller.role] >= rank[route.needs];
      const expected = caller.role === "none" ? 401 : 403;
      const label = `${route.method} ${route.path} as ${caller.name}: ${response.status()} ${await response.text()}`;
      if (allowed) expect([401, 403], label).not.toContain(response.status());
      else expect(response.status(), label).toBe(expected);
      checked++;
    }
  }
  expect(checked).toBe(routes.length * callers.length);
});

test("a cookie-authenticated write from a foreign origin is refused (CSRF)", async () => {
  const cookie = await sessionCookie("deployer");
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const slug = uniqueSlug("csrf");
  await createPipeline(context, slug);
  const foreign = await context.post(`/api/pipelines/${slug}/lock`, {
    headers: { Cookie: cookie, Origin: "https://evil.example" },
    data: { reason: "csrf" },
  });
  expect(foreign.status()).toBe(403);
  const noOrigin = await context.post(`/api/pipelines/${slug}/lock`, { headers: { Cookie: cookie }, data: { reason: "csrf" } });
  expect(noOrigin.status()).toBe(403);
  const pipeline = await (await context.get(`/api/pipelines/${slug}`, { headers: admin })).json();
  expect(pipeline.locked).toBe(false);
  const same = await context.post(`/api/pipelines/${slug}/lock`, { headers: { Cookie: cookie, Origin: E2E_BASE_URL }, data: { reason: "same origin" } });
  expect(same.status()).toBe(200);
  await context.dispose();
});

test("responses carry security headers", async ({ request }) => {
  const response = await request.get("/signin");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
