import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { emailDomainAllowed, githubOrgMember, linkedUserId, signInWithOAuth } from "./oauth";

afterAll(disconnect);

const viewer = { defaultRole: "viewer" as const };

describe("OAuth/OIDC sign-in", () => {
  it("creates a new user with the default role, links the account, and audits the sign-in", async () => {
    const outcome = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-new", type: "oauth", email: " New@OAuth.test ", name: "New" },
      { defaultRole: "deployer" },
    );
    expect(outcome).toMatchObject({ ok: true, created: true });
    if (!outcome.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: outcome.userId } });
    expect(user).toMatchObject({ email: "new@oauth.test", name: "New", role: "deployer", passwordHash: null });
    expect(await linkedUserId("oidc", "sub-new")).toBe(outcome.userId);
    expect(await db.auditEvent.count({ where: { actor: "new@oauth.test", action: "signin", outcome: "ok" } })).toBe(1);
  });

  it("signs the same account in again as the same user, whatever its email says now", async () => {
    const first = await signInWithOAuth({ provider: "github", providerAccountId: "42", type: "oauth", email: "again@oauth.test" }, viewer);
    const second = await signInWithOAuth({ provider: "github", providerAccountId: "42", type: "oauth", email: "renamed@oauth.test" }, viewer);
    expect(second).toEqual({ ok: true, userId: first.ok ? first.userId : "?", created: false });
    expect(await db.user.count({ where: { email: { in: ["again@oauth.test", "renamed@oauth.test"] } } })).toBe(1);
  });

  it("links a provider account to the existing user with that email, keeping the user's role", async () => {
    const existing = await db.user.create({ data: { email: "admin@oauth.test", role: "admin" } });
    const outcome = await signInWithOAuth({ provider: "oidc", providerAccountId: "sub-admin", type: "oauth", email: "ADMIN@oauth.test" }, viewer);
    expect(outcome).toEqual({ ok: true, userId: existing.id, created: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("admin");
    expect(await db.account.count({ where: { userId: existing.id } })).toBe(1);
  });

  it("refuses emails outside SHIPBOARD_ALLOWED_DOMAINS, unverified or missing emails, auditing signin.failed", async () => {
    const policy = { defaultRole: "viewer" as const, allowedDomains: ["corp.test"] };
    const outside = await signInWithOAuth({ provider: "oidc", providerAccountId: "sub-out", type: "oauth", email: "eve@outside.test" }, policy);
    expect(outside).toEqual({ ok: false, reason: "email domain of eve@outside.test is not allowed (SHIPBOARD_ALLOWED_DOMAINS)" });
    const unverified = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-unverified", type: "oauth", email: "bob@corp.test", emailVerified: false },
      policy,
    );
    expect(unverified).toMatchObject({ ok: false, reason: expect.stringContaining("not verified") });
    const missing = await signInWithOAuth({ provider: "github", providerAccountId: "7", type: "oauth", email: null }, policy);
    expect(missing).toEqual({ ok: false, reason: "github gave no email address" });

    expect(await db.user.count({ where: { email: { in: ["eve@outside.test", "bob@corp.test"] } } })).toBe(0);
    expect(await db.account.count({ where: { providerAccountId: { in: ["sub-out", "sub-unverified", "7"] } } })).toBe(0);
    const failed = await db.auditEvent.findMany({ where: { action: "signin.failed", actor: { in: ["eve@outside.test", "bob@corp.test", "github:7"] } } });
    expect(failed).toHaveLength(3);
    expect(failed.find((event) => event.actor === "eve@outside.test")?.outcome).toContain("not allowed");

    const inside = await signInWithOAuth({ provider: "oidc", providerAccountId: "sub-in", type: "oauth", email: "alice@Corp.test" }, policy);
    expect(inside).toMatchObject({ ok: true, created: true });
  });

  it("matches allowed domains exactly, not by suffix", () => {
    expect(emailDomainAllowed("a@corp.test", undefined)).toBe(true);
    expect(emailDomainAllowed("a@corp.test", [])).toBe(true);
    expect(emailDomainAllowed("a@CORP.test", ["corp.test"])).toBe(true);
    expect(emailDomainAllowed("a@evilcorp.test", ["corp.test"])).toBe(false);
    expect(emailDomainAllowed("a@corp.test.evil", ["corp.test"])).toBe(false);
    expect(emailDomainAllowed("nobody", ["corp.test"])).toBe(false);
  });

  it("with SHIPBOARD_GITHUB_ORG, signs in only active members of that GitHub organization", async () => {
    const asked: string[] = [];
    // Stands in for the GitHub API only: the token "member" is an active member of acme.
    const github = (async (url: string | URL | Request, init?: RequestInit) => {
      asked.push(String(url));
      const token = new Headers(init?.headers).get("authorization");
      if (token === "Bearer member") return Response.json({ state: "active", role: "member" });
      if (token === "Bearer invited") return Response.json({ state: "pending", role: "member" });
      return Response.json({ message: "Not Found" }, { status: 404 });
    }) as typeof fetch;
    const policy = { defaultRole: "viewer" as const, githubOrg: "acme", fetch: github };

    expect(await githubOrgMember("member", "acme", github)).toBe(true);
    expect(await githubOrgMember("invited", "acme", github)).toBe(false);
    expect(await githubOrgMember(undefined, "acme", github)).toBe(false);
    expect(asked[0]).toBe("https://api.github.com/user/memberships/orgs/acme");

    const outsider = await signInWithOAuth(
      { provider: "github", providerAccountId: "1001", type: "oauth", email: "outsider@gh.test", accessToken: "stranger" },
      policy,
    );
    expect(outsider).toEqual({ ok: false, reason: "not an active member of the GitHub organization acme (SHIPBOARD_GITHUB_ORG)" });
    expect(await db.auditEvent.count({ where: { actor: "outsider@gh.test", action: "signin.failed" } })).toBe(1);

    const member = await signInWithOAuth(
      { provider: "github", providerAccountId: "1002", type: "oauth", email: "member@gh.test", accessToken: "member" },
      policy,
    );
    expect(member).toMatchObject({ ok: true, created: true });
    // The organization is a GitHub rule: other providers are not asked.
    const sso = await signInWithOAuth({ provider: "oidc", providerAccountId: "sub-gh", type: "oauth", email: "sso@gh.test" }, policy);
    expect(sso).toMatchObject({ ok: true });
  });
});
