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
  /** false when the provider says the email is not verified (OIDC `email_verified`). */
  emailVerified?: boolean;
  /** The provider's access token (GitHub: to check organization membership). */
  accessToken?: string;
};

export type OAuthPolicy = {
  /** The role of a user this sign-in creates. */
  defaultRole: Extract<Role, "viewer" | "deployer" | "admin">;
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
 * There is no next-auth database adapter, so an OAuth/OIDC sign-in finds or
 * creates the Shipboard user itself: first by the provider account already
 * linked, else by (lower-cased) email, else a new user with the default role;
 * then links the provider account to that user. Refusals (no email, an
 * unverified email, a domain outside the allow-list, a GitHub user outside
 * SHIPBOARD_GITHUB_ORG) are audited
 * `signin.failed` with the reason; successes `signin`.
 */
export async function signInWithOAuth(input: OAuthSignIn, policy: OAuthPolicy): Promise<OAuthOutcome> {
  const email = input.email?.trim().toLowerCase() || null;
  const actor = email ?? `${input.provider}:${input.providerAccountId}`;
  const detail = { provider: input.provider, providerAccountId: input.providerAccountId };

  let outcome: OAuthOutcome;
  if (!email) {
    outcome = { ok: false, reason: `${input.provider} gave no email address` };
  } else if (input.emailVerified === false) {
    outcome = { ok: false, reason: `${input.provider} says the email ${email} is not verified` };
  } else if (!emailDomainAllowed(email, policy.allowedDomains)) {
    outcome = { ok: false, reason: `email domain of ${email} is not allowed (SHIPBOARD_ALLOWED_DOMAINS)` };
  } else if (input.provider === "github" && policy.githubOrg && !(await githubOrgMember(input.accessToken, policy.githubOrg, policy.fetch))) {
    outcome = { ok: false, reason: `not an active member of the GitHub organization ${policy.githubOrg} (SHIPBOARD_GITHUB_ORG)` };
  } else {
    outcome = await db.$transaction(async (tx) => {
      const where = { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } };
      const linked = await tx.account.findUnique({ where, select: { userId: true } });
      if (linked) return { ok: true as const, userId: linked.userId, created: false };
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
      const user =
        existing ??
        (await tx.user.create({
          data: { email, name: input.name ?? null, image: input.image ?? null, role: policy.defaultRole, emailVerified: new Date() },
          select: { id: true },
        }));
      await tx.account.upsert({
        where,
        create: { userId: user.id, type: input.type, provider: input.provider, providerAccountId: input.providerAccountId },
        update: { userId: user.id },
      });
      return { ok: true as const, userId: user.id, created: !existing };
    });
  }
  await db.auditEvent.create({
    data: {
      actor,
      action: outcome.ok ? "signin" : "signin.failed",
      outcome: outcome.ok ? "ok" : outcome.reason,
      detail: outcome.ok ? { ...detail, userId: outcome.userId, created: outcome.created } : detail,
    },
  });
  return outcome;
}

/** Our user id for a provider account linked by signInWithOAuth, or null. */
export async function linkedUserId(provider: string, providerAccountId: string): Promise<string | null> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return account?.userId ?? null;
}
