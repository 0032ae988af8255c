import { verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";

/**
 * next-auth: email + password today (OAuth/OIDC providers join this list,
 * each enabled by its settings). Sessions are JWTs holding the user id; the
 * role is read from the database on every request so a role change applies at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const email = credentials?.email?.trim().toLowerCase();
        if (!email || !credentials?.password) return null;
        const user = await db.user.findUnique({ where: { email } });
        const ok = Boolean(user?.passwordHash) && (await verify(user!.passwordHash!, credentials.password));
        await db.auditEvent.create({
          data: { actor: email, action: ok ? "signin" : "signin.failed", outcome: ok ? "ok" : "wrong email or password" },
        });
        return ok ? { id: user!.id, email: user!.email, name: user!.name } : null;
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
    session: ({ session, token }) => ({ ...session, userId: token.sub }),
  },
};
