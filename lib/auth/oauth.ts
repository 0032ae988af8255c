import { audit } from "../audit/write";
import { db } from "../db";
import type { Role } from "./roles";

/** What an OAuth/OIDC provider told us about the person signing in. */
export type OAuthSignIn = {
  provider: string;
  providerAccountId: string;
  /** "oauth" or "oidc" (next-auth's account type). */
  type: string;
  email: string | null | undefined;
  name?: string | null;
  image?: string | null;
  /** OIDC: true only when the ID token says `email_verified: true` (GitHub: ignored, /user/emails decides). */
  emailVerified?: boolean;
  /** The provider's access token (GitHub: to check organization membership). */
  accessToken?: string;
};

export type OAuthPolicy = {
  /** The role of a user this sign-in creates. */
  defaultRole: Extract<Role, "viewer" | "deployer">;
  /** Email domains allowed to sign in; undefined: any. */
  allowedDomains?: string[];
  /** GitHub sign-ins only for active members of this organization; undefined: anyone. */
  githubOrg?: string;
  /** For tests: how to call the GitHub API. */
  fetch?: typeof fetch;
};

export type OAuthOutcome = { ok: true; userId: string; created: boolean } | { ok: false; reason: string };

/** Whether `email` may sign in under `allowedDomains` (undefined or empty: any domain). */
export function emailDomainAllowed(email: string, allowedDomains: string[] | undefined): boolean {
  if (!allowedDomains?.length) return true;
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return allowedDomains.some((allowed) => domain === allowed.toLowerCase());
}

/**
 * Whether the GitHub user of `accessToken` is an active member of `org`
 * (GET /user/memberships/orgs/:org; needs the read:org scope). Any failure
 * counts as "no".
 */
export async function githubOrgMember(accessToken: string | undefined, org: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!accessToken) return false;
  try {
    const response = await fetchImpl(`https://api.github.com/user/memberships/orgs/${encodeURIComponent(org)}`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "shipboard" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return false;
    const membership = (await response.json()) as { state?: string };
    return membership.state === "active";
  } catch {
    return false;
  }
}

/**
 * The GitHub user's verified primary email (GET /user/emails, needs the
 * user:email scope), or null. The profile's public email is never trusted:
 * anyone can type any address there.
 */
export async function githubVerifiedEmail(accessToken: string | undefined, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  if (!accessToken) return null;
  try {
    const response = await fetchImpl("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "shipboard" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const emails = (await response.json()) as { email?: string; primary?: boolean; verified?: boolean }[];
    const primary = Array.isArray(emails) ? emails.find((entry) => entry.primary === true && entry.verified === true) : undefined;
    return typeof primary?.email === "string" ? primary.email : null;
  } catch {
    return null;
  }
}

/** The email this sign-in vouches for: only one the provider explicitly says is verified. */
async function verifiedEmail(input: OAuthSignIn, policy: OAuthPolicy): Promise<string | null> {
  const email = input.provider === "github" ? await githubVerifiedEmail(input.accessToken, policy.fetch) : input.emailVerified === true ? input.email : null;
  return email?.trim().toLowerCase() || null;
}

type Refusal = { ok: false; reason: string };

/**
 * There is no next-auth database adapter, so an OAuth/OIDC sign-in finds or
 * creates the Shipboard user itself: the user its provider account is
 * already linked to; else, by a verified email, an existing user without a
 * password (a password account is never taken over by an SSO sign-in); else
 * a new user with the default role (never admin). A sign-in without an email
 * the provider explicitly verified (OIDC `email_verified === true`, GitHub's
 * verified primary address) is refused. Successes are audited `signin` in
 * the transaction that creates or links the user; refusals `signin.failed`.
 */
export async function signInWithOAuth(input: OAuthSignIn, policy: OAuthPolicy): Promise<OAuthOutcome> {
  const email = await verifiedEmail(input, policy);
  const actor = email ?? `${input.provider}:${input.providerAccountId}`;
  const detail = { provider: input.provider, providerAccountId: input.providerAccountId };
  const refuse = async (reason: string): Promise<Refusal> => {
    await audit(db, { actor, action: "signin.failed", outcome: reason, detail });
    return { ok: false, reason };
  };

  if (!email) return refuse(`${input.provider} gave no verified email address`);
  if (!emailDomainAllowed(email, policy.allowedDomains)) return refuse(`email domain of ${email} is not allowed (SHIPBOARD_ALLOWED_DOMAINS)`);
  if (input.provider === "github" && policy.githubOrg && !(await githubOrgMember(input.accessToken, policy.githubOrg, policy.fetch))) {
    return refuse(`not an active member of the GitHub organization ${policy.githubOrg} (SHIPBOARD_GITHUB_ORG)`);
  }
  if ((policy.defaultRole as string) === "admin") throw new Error("SHIPBOARD_DEFAULT_ROLE cannot be admin");

  const outcome = await db.$transaction(async (tx): Promise<OAuthOutcome> => {
    const where = { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } };
    const linked = await tx.account.findUnique({ where, select: { user: { select: { id: true, disabledAt: true } } } });
    let user: { id: string; created: boolean };
    if (linked) {
      if (linked.user.disabledAt) return { ok: false, reason: "the account is disabled" };
      user = { id: linked.user.id, created: false };
    } else {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true, inviteTokenHash: true } });
      if (existing?.passwordHash || existing?.inviteTokenHash) {
        return { ok: false, reason: `${email} signs in with a password; SSO never takes over a password account` };
      }
      if (existing?.disabledAt) return { ok: false, reason: "the account is disabled" };
      const created = existing
        ? null
        : await tx.user.create({
            data: { email, name: input.name ?? null, image: input.image ?? null, role: policy.defaultRole, emailVerified: new Date() },
            select: { id: true },
          });
      user = { id: (existing ?? created)!.id, created: !existing };
      await tx.account.create({ data: { userId: user.id, type: input.type, provider: input.provider, providerAccountId: input.providerAccountId } });
    }
    await audit(tx, { actor, action: "signin", outcome: "ok", detail: { ...detail, userId: user.id, created: user.created } });
    return { ok: true, userId: user.id, created: user.created };
  });
  return outcome.ok ? outcome : refuse(outcome.reason);
}

/** Our user id for a provider account linked by signInWithOAuth, or null. */
export async function linkedUserId(provider: string, providerAccountId: string): Promise<string | null> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return account?.userId ?? null;
}
