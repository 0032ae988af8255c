import { db } from "../db";
import type { Prisma } from "../db";

/**
 * Sessions are JWTs; each carries the user's `sessionVersion` at sign-in and is
 * honoured only while the user's version is the same. Bumping it ends every
 * session of the user on every node at once (sign-out, role change, disable,
 * lockout, password change).
 */
export async function sessionVersionOf(userId: string): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}

export async function endSessions(userId: string, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
