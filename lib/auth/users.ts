import { audit } from "../audit/write";
import { db } from "../db";
import { badRequest, notFound } from "../errors";
import type { Identity, Role } from "./roles";

export async function listUsers() {
  const users = await db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
  return { items: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })), nextCursor: null };
}

/** An admin changes a user's role; audited as `user.role` in the same transaction. */
export async function setUserRole(userId: string, role: Role, by: Identity) {
  if (role === "agent") throw badRequest("people cannot have the agent role; create an agent token instead", "role");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound(`user ${userId} does not exist`);
    if (user.id === by.userId && role !== "admin") throw badRequest("you cannot remove your own admin role", "role");
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    await audit(tx, { actor: by.actor, action: "user.role", outcome: "ok", reason: `${user.role} → ${role}`, detail: { userId, email: user.email } });
    return { id: updated.id, email: updated.email, name: updated.name, role: updated.role };
  });
}
