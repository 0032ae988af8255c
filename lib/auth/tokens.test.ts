import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { createApiToken, identifyToken, revokeApiToken } from "./tokens";

afterAll(disconnect);

async function adminUser(email: string) {
  const user = await db.user.create({ data: { email, role: "admin" } });
  return { user, identity: { actor: email, role: "admin" as const, userId: user.id } };
}

describe("API tokens", () => {
  it("attack: a token past its expiresAt is refused; a future one works", async () => {
    const { identity } = await adminUser("exp@tokens.test");
    const now = new Date();
    const { token } = await createApiToken({ name: "short", role: "deployer", expiresAt: new Date(now.getTime() + 60_000) }, identity);
    expect(await identifyToken(token, now)).toMatchObject({ role: "deployer" });
    expect(await identifyToken(token, new Date(now.getTime() + 61_000))).toBeNull();
    await expect(createApiToken({ name: "past", role: "viewer", expiresAt: new Date(now.getTime() - 1) }, identity)).rejects.toMatchObject({ code: "bad_request", field: "expiresAt" });
  });

  it("attack: a demoted admin's admin token shrinks to their role now; a disabled creator's tokens stop", async () => {
    const { user, identity } = await adminUser("demoted@tokens.test");
    const admin = await createApiToken({ name: "adm", role: "admin" }, identity);
    await db.pipeline.create({ data: { slug: "tokens-agents", name: "A", repository: "acme/tokens-agents", target: { kind: "agents" } } });
    const agent = await createApiToken({ name: "agt", role: "agent", pipeline: "tokens-agents" }, identity);
    expect(await identifyToken(admin.token)).toMatchObject({ role: "admin" });
    await db.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect(await identifyToken(admin.token)).toMatchObject({ role: "viewer" });
    expect(await identifyToken(agent.token)).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { role: "admin", disabledAt: new Date() } });
    expect(await identifyToken(admin.token)).toBeNull();
  });

  it("a revoked token is refused", async () => {
    const { identity } = await adminUser("rev@tokens.test");
    const { id, token } = await createApiToken({ name: "r", role: "viewer" }, identity);
    await revokeApiToken(id, identity);
    expect(await identifyToken(token)).toBeNull();
  });

  it("attack: SHIPBOARD_ADMIN_TOKEN shorter than 32 characters is never accepted", async () => {
    const saved = process.env.SHIPBOARD_ADMIN_TOKEN;
    try {
      process.env.SHIPBOARD_ADMIN_TOKEN = "only-sixteen-chr";
      expect(await identifyToken("only-sixteen-chr")).toBeNull();
      process.env.SHIPBOARD_ADMIN_TOKEN = "x".repeat(32);
      expect(await identifyToken("x".repeat(32))).toMatchObject({ role: "admin" });
      expect(await identifyToken("x".repeat(31))).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.SHIPBOARD_ADMIN_TOKEN;
      else process.env.SHIPBOARD_ADMIN_TOKEN = saved;
    }
  });
});
