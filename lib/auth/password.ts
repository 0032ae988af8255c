import { hash, verify } from "@node-rs/argon2";
import { audit } from "../audit/write";
import { db } from "../db";

export const MAX_FAILED_SIGNINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** Who signed in: what the session needs (its version ends it when bumped). */
export type SignedInUser = { id: string; email: string | null; name: string | null; sessionVersion: number };

type Outcome = { ok: true; user: SignedInUser } | { ok: false; reason: string };

// Verified when there is no hash to check (unknown, SSO-only, invited, locked or
// disabled accounts) so every attempt costs the same argon2 work: timing never
// tells whether an account exists.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash("shipboard-decoy-password"));

/**
 * Email + password sign-in: argon2id hashes; after MAX_FAILED_SIGNINS wrong
 * passwords the account is locked for LOCKOUT_MS (then unlocks by itself) and
 * its sessions end. Failures are counted with one atomic UPDATE, so a burst
 * of parallel guesses counts every guess. Every attempt is audited; a failed
 * one names the typed email only when it is an existing account's.
 */
export async function signInWithPassword(emailInput: string, password: string, now = new Date()): Promise<Outcome> {
  const email = emailInput.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email } });
  const usable = user?.passwordHash && !user.disabledAt && !(user.lockedUntil && user.lockedUntil > now) ? user.passwordHash : null;
  const matches = await verify(usable ?? (await decoy()), password).catch(() => false);

  let outcome: Outcome;
  if (!user) {
    outcome = { ok: false, reason: "wrong email or password" };
  } else if (user.disabledAt) {
    outcome = { ok: false, reason: "account disabled" };
  } else if (user.lockedUntil && user.lockedUntil > now) {
    outcome = { ok: false, reason: `account locked until ${user.lockedUntil.toISOString()} after repeated failures` };
  } else if (usable && matches) {
    await db.user.update({ where: { id: user.id }, data: { failedSignins: 0, lockedUntil: null } });
    outcome = { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
  } else if (!usable) {
    outcome = { ok: false, reason: "wrong email or password" };
  } else {
    outcome = (await countFailure(user.id, now)) ? { ok: false, reason: "wrong password; account locked for 15 minutes" } : { ok: false, reason: "wrong email or password" };
  }
  await audit(db, {
    // A typed value that is no account's email is not ours to keep (it may be a password typed into the wrong box).
    actor: user ? email : "unknown account",
    action: outcome.ok ? "signin" : "signin.failed",
    outcome: outcome.ok ? "ok" : outcome.reason,
  });
  return outcome;
}

/**
 * One more failure, counted atomically in Postgres; the one that reaches the
 * limit locks the account and ends its sessions. Answers whether it locked.
 */
async function countFailure(userId: string, now: Date): Promise<boolean> {
  const rows = await db.$queryRaw<{ locked: boolean }[]>`
    UPDATE "User" SET
      "failedSignins" = CASE WHEN "failedSignins" + 1 >= ${MAX_FAILED_SIGNINS} THEN 0 ELSE "failedSignins" + 1 END,
      "lockedUntil" = CASE WHEN "failedSignins" + 1 >= ${MAX_FAILED_SIGNINS} THEN ${new Date(now.getTime() + LOCKOUT_MS)} ELSE "lockedUntil" END,
      "sessionVersion" = CASE WHEN "failedSignins" + 1 >= ${MAX_FAILED_SIGNINS} THEN "sessionVersion" + 1 ELSE "sessionVersion" END
    WHERE id = ${userId}
    RETURNING "failedSignins" = 0 AS locked`;
  return rows[0]?.locked ?? false;
}
