import { hash } from "@node-rs/argon2";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { signInWithPassword } from "./password";
import { acceptInvite, changePassword, inviteUser, listUsers, updateUser } from "./users";

afterAll(disconnect);

const admin = { actor: "admin@users.test", role: "admin" as const, userId: "admin-users-test" };

describe("users", () => {
  it("an invite gives a one-time link; the invitee sets a password there and signs in; the link then stops working", async () => {
    const invited = await inviteUser({ email: "New@Users.test", role: "deployer" }, admin, "https://ship.example");
    expect(invited).toMatchObject({ email: "new@users.test", role: "deployer", inviteUrl: expect.stringMatching(/^https:\/\/ship\.example\/invite\/[\w-]{40,}$/) });
    expect((await listUsers()).items.find((u) => u.email === "new@users.test")).toMatchObject({ invitePending: true, disabled: false });
    expect(await signInWithPassword("new@users.test", "")).toMatchObject({ ok: false });
    const secret = invited.inviteUrl.split("/").pop()!;
    await acceptInvite(secret, "chosen-password");
    expect(await signInWithPassword("new@users.test", "chosen-password")).toMatchObject({ ok: true });
    // attack: replaying the link to set another password.
    await expect(acceptInvite(secret, "attacker-password")).rejects.toMatchObject({ code: "not_found" });
    expect(await signInWithPassword("new@users.test", "attacker-password")).toMatchObject({ ok: false });
    await expect(inviteUser({ email: "new@users.test", role: "viewer" }, admin, "x")).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditEvent.count({ where: { action: { in: ["user.invite", "user.password"] }, detail: { path: ["userId"], equals: invited.id } } })).toBe(2);
  });

  it("an expired invite link is refused", async () => {
    const invited = await inviteUser({ email: "late@users.test", role: "viewer" }, admin, "http://x");
    await db.user.update({ where: { id: invited.id }, data: { inviteExpiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvite(invited.inviteUrl.split("/").pop()!, "chosen-password")).rejects.toMatchObject({ code: "not_found" });
  });

  it("an admin disables a user (audited user.disable, sessions end, sign-in refused) and enables them again", async () => {
    const user = await db.user.create({ data: { email: "off@users.test", role: "deployer", passwordHash: await hash("pw-pw-pw-pw") } });
    expect(await updateUser(user.id, { disabled: true }, admin)).toMatchObject({ disabled: true });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await signInWithPassword("off@users.test", "pw-pw-pw-pw")).toMatchObject({ ok: false });
    expect(await db.auditEvent.count({ where: { action: "user.disable", detail: { path: ["userId"], equals: user.id } } })).toBe(1);
    await updateUser(user.id, { disabled: false }, admin);
    expect(await signInWithPassword("off@users.test", "pw-pw-pw-pw")).toMatchObject({ ok: true });
  });

  it("an admin cannot disable themselves or drop their own admin role", async () => {
    const self = await db.user.create({ data: { email: "self@users.test", role: "admin" } });
    const me = { actor: "self@users.test", role: "admin" as const, userId: self.id };
    await expect(updateUser(self.id, { disabled: true }, me)).rejects.toMatchObject({ field: "disabled" });
    await expect(updateUser(self.id, { role: "viewer" }, me)).rejects.toMatchObject({ field: "role" });
  });

  it("a user changes their password with the current one; a wrong current one changes nothing; sessions end", async () => {
    const user = await db.user.create({ data: { email: "pw@users.test", role: "viewer", passwordHash: await hash("old-password") } });
    const me = { actor: "pw@users.test", role: "viewer" as const, userId: user.id };
    await expect(changePassword(me, "wrong", "new-password")).rejects.toMatchObject({ code: "unauthorized" });
    expect(await signInWithPassword("pw@users.test", "old-password")).toMatchObject({ ok: true });
    await changePassword(me, "old-password", "new-password");
    expect(await signInWithPassword("pw@users.test", "old-password")).toMatchObject({ ok: false });
    expect(await signInWithPassword("pw@users.test", "new-password")).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
  });
});
