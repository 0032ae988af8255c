import { hash, verify } from "@node-rs/argon2";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { LOCKOUT_MS, MAX_FAILED_SIGNINS, signInWithPassword } from "./password";

afterAll(disconnect);

async function user(email: string) {
  return db.user.create({ data: { email, role: "deployer", passwordHash: await hash("right-password") } });
}

describe("password sign-in", () => {
  it("signs in with the right password and audits it", async () => {
    await user("ok@password.test");
    expect(await signInWithPassword(" OK@password.test ", "right-password")).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { actor: "ok@password.test", action: "signin" } })).toBe(1);
  });

  it("refuses a wrong password and an unknown email alike, auditing signin.failed", async () => {
    await user("wrong@password.test");
    expect(await signInWithPassword("wrong@password.test", "nope")).toEqual({ ok: false, reason: "wrong email or password" });
    expect(await signInWithPassword("nobody@password.test", "nope")).toEqual({ ok: false, reason: "wrong email or password" });
    expect(await db.auditEvent.count({ where: { actor: "wrong@password.test", action: "signin.failed" } })).toBe(1);
  });

  it("attack: a failed sign-in never stores the typed value when it is not an account's email", async () => {
    const before = await db.auditEvent.count({ where: { actor: "unknown account", action: "signin.failed" } });
    await signInWithPassword("hunter2-typed-in-the-email-box", "x");
    expect(await db.auditEvent.count({ where: { actor: { contains: "hunter2" } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actor: "unknown account", action: "signin.failed" } })).toBe(before + 1);
  });

  it("attack: a parallel burst of wrong passwords counts every guess (locks after MAX_FAILED_SIGNINS, not once per burst)", async () => {
    const target = await user("burst@password.test");
    const results = await Promise.all(Array.from({ length: MAX_FAILED_SIGNINS * 2 }, () => signInWithPassword("burst@password.test", "guess")));
    expect(results.filter((r) => !r.ok && r.reason.includes("locked")).length).toBeGreaterThanOrEqual(1);
    const after = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(after.sessionVersion).toBeGreaterThan(target.sessionVersion);
    expect(await signInWithPassword("burst@password.test", "right-password")).toMatchObject({ ok: false, reason: expect.stringContaining("locked") });
  });

  it("attack: timing does not tell unknown, SSO-only, disabled or locked accounts from real ones (same argon2 work)", async () => {
    await db.user.create({ data: { email: "sso-only@password.test" } });
    await db.user.create({ data: { email: "disabled@password.test", passwordHash: await hash("right-password"), disabledAt: new Date() } });
    await db.user.create({ data: { email: "locked-now@password.test", passwordHash: await hash("right-password"), lockedUntil: new Date(Date.now() + LOCKOUT_MS) } });
    const probes = ["nobody-at-all@password.test", "sso-only@password.test", "disabled@password.test", "locked-now@password.test"];
    const known = await hash("x");
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    // Interleaved rounds, so a busy machine slows the reference and the probes alike.
    const argon2: number[] = [];
    const probeTimes = new Map<string, number[]>(probes.map((email) => [email, []]));
    for (let round = 0; round < 5; round++) {
      argon2.push(await timed(() => verify(known, "y")));
      for (const email of probes) probeTimes.get(email)!.push(await timed(() => signInWithPassword(email, "wrong-password")));
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[2]!;
    for (const email of probes) {
      // Without the decoy verify, these answer in a few ms, far below one argon2 verify.
      expect(median(probeTimes.get(email)!), email).toBeGreaterThan(median(argon2) * 0.5);
    }
  });

  it("refuses a disabled account even with the right password", async () => {
    await db.user.create({ data: { email: "off@password.test", passwordHash: await hash("right-password"), disabledAt: new Date() } });
    expect(await signInWithPassword("off@password.test", "right-password")).toEqual({ ok: false, reason: "account disabled" });
  });

  it("locks the account after repeated failures, even for the right password, and unlocks it by time", async () => {
    await user("locked@password.test");
    const now = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) await signInWithPassword("locked@password.test", "guess", now);
    const whileLocked = await signInWithPassword("locked@password.test", "right-password", new Date(now.getTime() + 60_000));
    expect(whileLocked).toMatchObject({ ok: false, reason: expect.stringContaining("account locked until") });
    const later = await signInWithPassword("locked@password.test", "right-password", new Date(now.getTime() + LOCKOUT_MS + 1000));
    expect(later).toMatchObject({ ok: true });
  });
});
