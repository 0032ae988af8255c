import { verify } from "@node-rs/argon2";
import { db } from "../db";

export const MAX_FAILED_SIGNINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

type Outcome = { ok: true; user: { id: string; email: string | null; name: string | null } } | { ok: false; reason: string };

/**
 * Email + password sign-in: argon2id hashes; after MAX_FAILED_SIGNINS wrong
 * passwords in a row the account is locked for LOCKOUT_MS (then unlocks by
 * itself). Every attempt is audited.
 */
export async function signInWithPassword(emailInput: string, password: string, now = new Date()): Promise<Outcome> {
  const email = emailInput.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email } });
  let outcome: Outcome;
  if (!user?.passwordHash) {
    outcome = { ok: false, reason: "wrong email or password" };
  } else if (user.lockedUntil && user.lockedUntil > now) {
    outcome = { ok: false, reason: `account locked until ${user.lockedUntil.toISOString()} after repeated failures` };
  } else if (await verify(user.passwordHash, password)) {
    await db.user.update({ where: { id: user.id }, data: { failedSignins: 0, lockedUntil: null } });
    outcome = { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  } else {
    const failures = user.failedSignins + 1;
    const lock = failures >= MAX_FAILED_SIGNINS;
    await db.user.update({
      where: { id: user.id },
      data: { failedSignins: lock ? 0 : failures, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : user.lockedUntil },
    });
    outcome = { ok: false, reason: lock ? "wrong password; account locked for 15 minutes" : "wrong email or password" };
  }
  await db.auditEvent.create({
    data: { actor: email, action: outcome.ok ? "signin" : "signin.failed", outcome: outcome.ok ? "ok" : outcome.reason },
  });
  return outcome;
}
