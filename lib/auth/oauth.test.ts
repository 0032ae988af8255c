import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { emailDomainAllowed, githubOrgMember, linkedUserId, signInWithOAuth } from "./oauth";

afterAll(disconnect);


// Stands in for the GitHub API only (tests never leave 127.0.0.1): the access token names the answer.
const githubEmails: Record<string, unknown> = {
  "verified-primary": [{ email: "dev@gh.test", primary: true, verified: true }],
  "unverified-primary": [{ email: "admin@localhost", primary: true, verified: false }, { email: "x@gh.test", primary: false, verified: true }],
};
const github = (async (url: string | URL | Request, init?: RequestInit) => {
  const token = new Headers(init?.headers).get("authorization")?.replace("Bearer ", "") ?? "";
  if (String(url) === "https://api.github.com/user/emails") {
    const emails = githubEmails[token] ?? [{ email: `${token}@gh.test`, primary: true, verified: true }];
    return Response.json(emails);
  }
  if (token === "member") return Response.json({ state: "active", role: "member" });
  if (token === "invited") return Response.json({ state: "pending", role: "member" });
  return Response.json({ message: "Not Found" }, { status: 404 });
}) as typeof fetch;

const viewer = { defaultRole: "viewer" as const, fetch: github };

describe("OAuth/OIDC sign-in", () => {
  it("creates a new user with the default role, links the account, and audits the sign-in", async () => {
    const outcome = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-new", type: "oauth", email: " New@OAuth.test ", emailVerified: true, name: "New" },
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
    const first = await signInWithOAuth({ provider: "github", providerAccountId: "42", type: "oauth", email: null, accessToken: "again" }, viewer);
    const second = await signInWithOAuth({ provider: "github", providerAccountId: "42", type: "oauth", email: null, accessToken: "renamed" }, viewer);
    expect(second).toEqual({ ok: true, userId: first.ok ? first.userId : "?", created: false });
    expect(await db.user.count({ where: { email: { in: ["again@gh.test", "renamed@gh.test"] } } })).toBe(1);
  });

  it("links a provider account to an existing SSO-only user by an explicitly verified email, keeping the user's role", async () => {
    const existing = await db.user.create({ data: { email: "admin@oauth.test", role: "admin" } });
    const outcome = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-admin", type: "oauth", email: "ADMIN@oauth.test", emailVerified: true },
      viewer,
    );
    expect(outcome).toEqual({ ok: true, userId: existing.id, created: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("admin");
    expect(await db.account.count({ where: { userId: existing.id } })).toBe(1);
  });

  it("attack: an OIDC sign-in without email_verified (or with it false or \"true\") cannot take over the admin's account", async () => {
    const admin = await db.user.create({ data: { email: "root@idp.test", role: "admin" } });
    for (const [sub, emailVerified] of [["sub-missing", undefined], ["sub-false", false], ["sub-string", "true"]] as const) {
      const outcome = await signInWithOAuth(
        { provider: "oidc", providerAccountId: sub, type: "oauth", email: "root@idp.test", emailVerified: emailVerified as boolean | undefined },
        viewer,
      );
      expect(outcome).toEqual({ ok: false, reason: "oidc gave no verified email address" });
    }
    expect(await db.account.count({ where: { userId: admin.id } })).toBe(0);
  });

  it("attack: a GitHub profile naming the first admin's email (public, or an unverified primary) links nothing", async () => {
    const admin = await db.user.create({ data: { email: "admin@localhost", role: "admin", passwordHash: "argon2-hash" } });
    const publicEmail = await signInWithOAuth(
      { provider: "github", providerAccountId: "666", type: "oauth", email: "admin@localhost", accessToken: "unverified-primary" },
      viewer,
    );
    expect(publicEmail).toEqual({ ok: false, reason: "github gave no verified email address" });
    expect(await db.account.count({ where: { userId: admin.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actor: "github:666", action: "signin.failed" } })).toBe(1);
  });

  it("attack: a verified SSO email never links to a password account", async () => {
    const owner = await db.user.create({ data: { email: "pw@idp.test", role: "admin", passwordHash: "argon2-hash" } });
    const outcome = await signInWithOAuth({ provider: "oidc", providerAccountId: "sub-pw", type: "oauth", email: "pw@idp.test", emailVerified: true }, viewer);
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining("never takes over a password account") });
    expect(await db.account.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("attack: SHIPBOARD_DEFAULT_ROLE=admin is refused, so a new SSO user can never be created as admin", async () => {
    await expect(
      signInWithOAuth(
        { provider: "oidc", providerAccountId: "sub-default-admin", type: "oauth", email: "new-admin@idp.test", emailVerified: true },
        { defaultRole: "admin" as "viewer" },
      ),
    ).rejects.toThrow("cannot be admin");
    expect(await db.user.count({ where: { email: "new-admin@idp.test" } })).toBe(0);
  });

  it("refuses a disabled user's linked account", async () => {
    const first = await signInWithOAuth({ provider: "github", providerAccountId: "4242", type: "oauth", email: null, accessToken: "gone" }, viewer);
    if (!first.ok) throw new Error(first.reason);
    await db.user.update({ where: { id: first.userId }, data: { disabledAt: new Date() } });
    expect(await signInWithOAuth({ provider: "github", providerAccountId: "4242", type: "oauth", email: null, accessToken: "gone" }, viewer)).toEqual({
      ok: false,
      reason: "the account is disabled",
    });
  });

  it("refuses emails outside SHIPBOARD_ALLOWED_DOMAINS, unverified or missing emails, auditing signin.failed", async () => {
    const policy = { defaultRole: "viewer" as const, allowedDomains: ["corp.test"] };
    const outside = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-out", type: "oauth", email: "eve@outside.test", emailVerified: true },
      policy,
    );
    expect(outside).toEqual({ ok: false, reason: "email domain of eve@outside.test is not allowed (SHIPBOARD_ALLOWED_DOMAINS)" });
    const unverified = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-unverified", type: "oauth", email: "bob@corp.test", emailVerified: false },
      policy,
    );
    expect(unverified).toEqual({ ok: false, reason: "oidc gave no verified email address" });
    const missing = await signInWithOAuth({ provider: "github", providerAccountId: "7", type: "oauth", email: null }, policy);
    expect(missing).toEqual({ ok: false, reason: "github gave no verified email address" });

    expect(await db.user.count({ where: { email: { in: ["eve@outside.test", "bob@corp.test"] } } })).toBe(0);
    expect(await db.account.count({ where: { providerAccountId: { in: ["sub-out", "sub-unverified", "7"] } } })).toBe(0);
    const failed = await db.auditEvent.findMany({ where: { action: "signin.failed", actor: { in: ["eve@outside.test", "oidc:sub-unverified", "github:7"] } } });
    expect(failed).toHaveLength(3);
    expect(failed.find((event) => event.actor === "eve@outside.test")?.outcome).toContain("not allowed");

    const inside = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-in", type: "oauth", email: "alice@Corp.test", emailVerified: true },
      policy,
    );
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
    const recording = (async (url: string | URL | Request, init?: RequestInit) => {
      asked.push(String(url));
      return github(url, init);
    }) as typeof fetch;
    const policy = { defaultRole: "viewer" as const, githubOrg: "acme", fetch: github };

    expect(await githubOrgMember("member", "acme", recording)).toBe(true);
    expect(await githubOrgMember("invited", "acme", github)).toBe(false);
    expect(await githubOrgMember(undefined, "acme", github)).toBe(false);
    expect(asked[0]).toBe("https://api.github.com/user/memberships/orgs/acme");

    const outsider = await signInWithOAuth(
      { provider: "github", providerAccountId: "1001", type: "oauth", email: null, accessToken: "outsider" },
      policy,
    );
    expect(outsider).toEqual({ ok: false, reason: "not an active member of the GitHub organization acme (SHIPBOARD_GITHUB_ORG)" });
    expect(await db.auditEvent.count({ where: { actor: "outsider@gh.test", action: "signin.failed" } })).toBe(1);

    const member = await signInWithOAuth(
      { provider: "github", providerAccountId: "1002", type: "oauth", email: null, accessToken: "member" },
      policy,
    );
    expect(member).toMatchObject({ ok: true, created: true });
    // The organization is a GitHub rule: other providers are not asked.
    const sso = await signInWithOAuth(
      { provider: "oidc", providerAccountId: "sub-gh", type: "oauth", email: "sso@gh.test", emailVerified: true },
      policy,
    );
    expect(sso).toMatchObject({ ok: true });
  });
});
