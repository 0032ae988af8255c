import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { authOptions } from "./options";
import { PATH_HEADER, signInUrl } from "./redirect";
import type { Identity } from "./roles";

/**
 * The signed-in user of this request (server components and route handlers),
 * or null. Cached per request: the layout and the page both ask.
 */
export const currentIdentity = cache(async (): Promise<Identity | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; sessionVersion?: number } | null;
  return session?.userId ? identityOfSession(session.userId, session.sessionVersion) : null;
});

/**
 * The user behind a session, or null once the session ended: the user's
 * session version moved on (sign-out, role change, disable, lockout, password
 * change) or the user is disabled. Checked on every request.
 */
export async function identityOfSession(userId: string, sessionVersion: number | undefined): Promise<Identity | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true, disabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return { actor: user.email ?? user.name ?? user.id, role: user.role, userId: user.id };
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireIdentity(): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect(signInUrl((await headers()).get(PATH_HEADER)));
  return identity;
}
