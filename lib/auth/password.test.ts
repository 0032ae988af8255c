import { hash } from "@node-rs/argon2";
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
    expect(await db.auditEvent.count({ where: { actor: { endsWith: "@password.test" }, action: "signin.failed" } })).toBe(2);
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
