import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { authOptions } from "./options";
import type { Identity } from "./roles";

/**
 * The signed-in user of this request (server components and route handlers),
 * or null. Cached per request: the layout and the page both ask.
 */
export const currentIdentity = cache(async (): Promise<Identity | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true, role: true } });
  if (!user) return null;
  return { actor: user.email ?? user.name ?? user.id, role: user.role, userId: user.id };
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireIdentity(): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect("/signin");
  return identity;
}
