import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { loadConfig } from "../config";
import { ensureFirstAdmin, sharedAuthSecret } from "./first-admin";
import { identityOfSession } from "./session";
import { endSessions } from "./session-version";
import { updateUser } from "./users";

afterAll(disconnect);

const admin = { actor: "admin@session.test", role: "admin" as const, userId: "admin-id" };

describe("sessions", () => {
  it("a session is honoured only at the user's current session version (sign-out, role change end it)", async () => {
    const user = await db.user.create({ data: { email: "s1@session.test", role: "deployer" } });
    expect(await identityOfSession(user.id, 0)).toMatchObject({ role: "deployer", userId: user.id });
    // attack: a JWT copied before sign-out keeps working until it expires.
    await endSessions(user.id);
    expect(await identityOfSession(user.id, 0)).toBeNull();
    expect(await identityOfSession(user.id, 1)).toMatchObject({ role: "deployer" });
    await updateUser(user.id, { role: "viewer" }, admin);
    expect(await identityOfSession(user.id, 1)).toBeNull();
  });

  it("attack: a disabled user's session stops at once", async () => {
    const user = await db.user.create({ data: { email: "s2@session.test", role: "admin" } });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await identityOfSession(user.id, 0)).toBeNull();
  });
});

describe("start-up on a shared database", () => {
  it("when AUTH_SECRET is unset, nodes starting at once all get the same generated secret", async () => {
    const config = loadConfig({ SHIPBOARD_DATA_DIR: "/tmp/shipboard-session-test-none" });
    const secrets = await Promise.all(Array.from({ length: 6 }, () => sharedAuthSecret(config)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(40);
    expect(await sharedAuthSecret(loadConfig({ AUTH_SECRET: "set-by-operator" }))).toBe("set-by-operator");
  });

  it("attack: ensureFirstAdmin never promotes or resets an existing user, and two nodes starting at once make one admin", async () => {
    await db.user.deleteMany({ where: { role: "admin" } });
    const squatter = await db.user.create({ data: { email: "first@session.test", role: "viewer", passwordHash: "theirs" } });
    const lines: string[] = [];
    await ensureFirstAdmin(loadConfig({ SHIPBOARD_ADMIN_EMAIL: "first@session.test", SHIPBOARD_ADMIN_PASSWORD: "a-new-password" }), (l) => lines.push(l));
    expect(await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).toMatchObject({ role: "viewer", passwordHash: "theirs" });
    expect(lines[0]).toContain("left as it is");
    expect(await db.auditEvent.count({ where: { action: "user.role", outcome: { startsWith: "refused" } } })).toBe(1);

    const config = loadConfig({ SHIPBOARD_ADMIN_EMAIL: "boss@session.test", SHIPBOARD_ADMIN_PASSWORD: "boss-password" });
    await Promise.all([ensureFirstAdmin(config, () => {}), ensureFirstAdmin(config, () => {})]);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.create", detail: { path: ["email"], equals: "boss@session.test" } } })).toBe(1);
  });
});
