import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { audit } from "../audit/write";
import { db } from "../db";
import { badRequest, conflict, notFound, unauthorized } from "../errors";
import type { Identity, Role } from "./roles";
import { hashToken } from "./tokens";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

type PersonRole = Exclude<Role, "agent">;

export async function listUsers() {
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true, inviteExpiresAt: true },
  });
  return {
    items: users.map(({ inviteExpiresAt, disabledAt, ...u }) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      disabled: disabledAt !== null,
      invitePending: inviteExpiresAt !== null,
    })),
    nextCursor: null,
  };
}

const shape = (u: { id: string; email: string | null; name: string | null; role: Role; disabledAt: Date | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabledAt !== null,
});

/**
 * An admin changes a user's role and/or disables (or re-enables) them, in one
 * transaction with its audit rows (`user.role`, `user.disable`). Either ends
 * the user's sessions; a disabled user's tokens stop too (lib/auth/tokens.ts).
 */
export async function updateUser(userId: string, change: { role?: PersonRole; disabled?: boolean }, by: Identity) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound(`user ${userId} does not exist`);
    const self = user.id === by.userId;
    if (self && change.role !== undefined && change.role !== "admin") throw badRequest("you cannot remove your own admin role", "role");
    if (self && change.disabled) throw badRequest("you cannot disable yourself", "disabled");
    const roleChanges = change.role !== undefined && change.role !== user.role;
    const disableChanges = change.disabled !== undefined && change.disabled !== (user.disabledAt !== null);
    if (!roleChanges && !disableChanges) return shape(user);
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        ...(roleChanges ? { role: change.role } : {}),
        ...(disableChanges ? { disabledAt: change.disabled ? new Date() : null } : {}),
        // The user's sessions end: the next request signs in afresh, with the new role or not at all.
        sessionVersion: { increment: 1 },
      },
    });
    const detail = { userId, email: user.email };
    if (roleChanges) await audit(tx, { actor: by.actor, action: "user.role", outcome: "ok", reason: `${user.role} → ${change.role}`, detail });
    if (disableChanges) await audit(tx, { actor: by.actor, action: "user.disable", outcome: "ok", reason: change.disabled ? "disabled" : "enabled", detail });
    return shape(updated);
  });
}

/**
 * An admin invites a colleague: a user without a password and a one-time
 * secret; `inviteUrl` (shown once, never stored) lets them set a password.
 * No email server needed: the admin passes the link on.
 */
export async function inviteUser(input: { email: string; role: PersonRole }, by: Identity, origin: string) {
  const email = input.email.trim().toLowerCase();
  const secret = randomBytes(32).toString("base64url");
  const user = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw conflict(`a user with email ${email} already exists`);
    const created = await tx.user.create({
      data: { email, role: input.role, inviteTokenHash: hashToken(secret), inviteExpiresAt: new Date(Date.now() + INVITE_TTL_MS) },
    });
    await audit(tx, { actor: by.actor, action: "user.invite", outcome: "ok", detail: { userId: created.id, email, role: input.role } });
    return created;
  });
  return { ...shape(user), inviteUrl: `${origin}/invite/${secret}`, inviteExpiresAt: user.inviteExpiresAt!.toISOString() };
}

/** The invitee sets their password through the one-time link; the link then stops working. */
export async function acceptInvite(secret: string, password: string) {
  const passwordHash = await hash(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { inviteTokenHash: hashToken(secret) } });
    if (!user || !user.inviteExpiresAt || user.inviteExpiresAt <= new Date() || user.disabledAt) {
      throw notFound("this invite link is not valid (used, expired or withdrawn); ask an admin for a new one");
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null, sessionVersion: { increment: 1 } } });
    await audit(tx, { actor: user.email ?? user.id, action: "user.password", outcome: "ok", reason: "invite accepted", detail: { userId: user.id } });
    return { email: user.email };
  });
}

/**
 * A signed-in user changes their own password (the current one first). Every
 * session of the user ends, this one too: sign in again with the new password.
 */
export async function changePassword(by: Identity, current: string, next: string) {
  if (!by.userId) throw badRequest("API tokens have no password; sign in as a person", "current");
  const user = await db.user.findUnique({ where: { id: by.userId } });
  if (!user?.passwordHash || !(await verify(user.passwordHash, current).catch(() => false))) {
    await audit(db, { actor: by.actor, action: "user.password", outcome: "refused: wrong current password", detail: { userId: by.userId } });
    throw unauthorized("the current password is wrong");
  }
  const passwordHash = await hash(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 }, failedSignins: 0 } });
    await audit(tx, { actor: by.actor, action: "user.password", outcome: "ok", reason: "changed", detail: { userId: user.id } });
  });
  return { ok: true };
}
