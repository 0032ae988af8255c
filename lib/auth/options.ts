import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { loadConfig, type Config } from "../config";
import { linkedUserId, signInWithOAuth } from "./oauth";
import { signInWithPassword } from "./password";
import { safeCallbackPath } from "./redirect";
import { endSessions, sessionVersionOf } from "./session-version";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string; picture?: string };

/** The OAuth/OIDC providers the settings enable, for the sign-in page's buttons. */
export type ProviderButton = { id: string; name: string };

export function enabledOAuthProviders(config: Config = loadConfig()): ProviderButton[] {
  const buttons: ProviderButton[] = [];
  if (config.github) buttons.push({ id: "github", name: "GitHub" });
  if (config.oidc) buttons.push({ id: "oidc", name: config.oidc.name });
  return buttons;
}

function providers(config: Config): Provider[] {
  const list: Provider[] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const outcome = await signInWithPassword(credentials.email, credentials.password);
        return outcome.ok ? outcome.user : null;
      },
    }),
  ];
  if (config.github) {
    list.push(
      GitHubProvider({
        clientId: config.github.clientId,
        clientSecret: config.github.clientSecret,
        // read:org lets signInWithOAuth check SHIPBOARD_GITHUB_ORG membership.
        ...(config.githubOrg ? { authorization: { params: { scope: "read:user user:email read:org" } } } : {}),
      }),
    );
  }
  if (config.oidc) {
    const { issuer, clientId, clientSecret, name } = config.oidc;
    list.push({
      id: "oidc",
      name,
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId,
      clientSecret,
      client: { token_endpoint_auth_method: "client_secret_basic" },
      profile(profile: OidcProfile) {
        return {
          id: profile.sub,
          name: profile.name ?? profile.preferred_username ?? profile.email ?? null,
          email: profile.email ?? null,
          image: profile.picture ?? null,
        };
      },
    });
  }
  return list;
}

let cachedProviders: Provider[] | undefined;

/**
 * next-auth: email + password, plus GitHub and a generic OpenID Connect
 * provider, each enabled by its settings (read on first use, so `next build`
 * needs none of them). There is no database adapter: OAuth/OIDC sign-ins
 * find or create the user themselves (lib/auth/oauth.ts). Sessions are JWTs
 * holding OUR user id; the role is read from the database on every request
 * so a role change applies at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  get providers() {
    cachedProviders ??= providers(loadConfig());
    return cachedProviders;
  },
  callbacks: {
    // After an OAuth round trip: only back to a path on this origin.
    redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url)}`,
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true; // password.ts audits its own attempts
      const config = loadConfig();
      const outcome = await signInWithOAuth(
        {
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          type: account.type,
          email: user.email,
          name: user.name,
          image: user.image,
          emailVerified: (profile as { email_verified?: boolean } | undefined)?.email_verified,
          accessToken: account.access_token,
        },
        { defaultRole: config.defaultRole, allowedDomains: config.allowedDomains, githubOrg: config.githubOrg },
      );
      return outcome.ok;
    },
    async jwt({ token, user, account }) {
      if (!user) return token;
      // The session carries OUR user id and the user's session version at sign-in;
      // currentIdentity refuses it once the version moved on (lib/auth/session.ts).
      const userId = account && account.type !== "credentials" ? await linkedUserId(account.provider, account.providerAccountId) : user.id;
      if (!userId) throw new Error("OAuth account is not linked to a user");
      return { ...token, sub: userId, sv: await sessionVersionOf(userId) };
    },
    session: ({ session, token }) => ({ ...session, userId: token.sub, sessionVersion: token.sv }),
  },
  events: {
    // Signing out ends every session of the user (on every node), not just this cookie.
    async signOut({ token }) {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};
