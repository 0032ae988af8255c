import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { audit } from "../audit/write";
import type { Config } from "../config";
import { db } from "../db";

// Serialises the first-admin check across nodes starting at the same moment on a new database.
const FIRST_ADMIN_LOCK = 0x5b_ad_01;

/**
 * The first admin: SHIPBOARD_ADMIN_EMAIL / SHIPBOARD_ADMIN_PASSWORD, or a
 * random password printed once (change it on the account page). Does nothing
 * once any admin exists, and never promotes or resets an existing user: that
 * would hand the admin role to whoever owns that email today. Audited.
 */
export async function ensureFirstAdmin(config: Config, say: (line: string) => void): Promise<void> {
  const email = (config.adminEmail ?? "admin@localhost").toLowerCase();
  const password = config.adminPassword ?? randomBytes(12).toString("base64url");
  const passwordHash = await hash(password);
  const result = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`;
    if (await tx.user.findFirst({ where: { role: "admin" }, select: { id: true } })) return "admin-exists" as const;
    const existing = await tx.user.findUnique({ where: { email }, select: { role: true } });
    if (existing) {
      await audit(tx, { actor: "shipboard", action: "user.role", outcome: `refused: ${email} exists as ${existing.role}; not promoted to first admin`, detail: { email } });
      return "exists" as const;
    }
    await tx.user.create({ data: { email, name: "Admin", role: "admin", passwordHash } });
    await audit(tx, { actor: "shipboard", action: "user.create", outcome: "ok", reason: "first admin", detail: { email, role: "admin" } });
    return "created" as const;
  });
  if (result === "exists") say(`no admin yet, but ${email} is an existing non-admin user: it was left as it is; make someone admin with SHIPBOARD_ADMIN_TOKEN (PATCH /api/users/:id)`);
  if (result !== "created") return;
  say(config.adminPassword ? `admin ${email} created` : `admin ${email} created with password ${password} (shown once; change it on the Account page)`);
}

const AUTH_SECRET_NAME = "auth-secret";

/**
 * The session secret: AUTH_SECRET when set, else one generated once and
 * shared by every node through the database (the first node to insert it
 * wins; the others read the winner's). A secret kept in the data dir by an
 * older version is carried over so its sessions survive the upgrade.
 */
export async function sharedAuthSecret(config: Config): Promise<string> {
  if (config.authSecret) return config.authSecret;
  const legacy = path.join(config.dataDir, "auth-secret");
  const candidate = fs.existsSync(legacy) ? fs.readFileSync(legacy, "utf8").trim() : randomBytes(32).toString("base64url");
  await db.$executeRaw`INSERT INTO "InstanceSecret" ("name", "value") VALUES (${AUTH_SECRET_NAME}, ${candidate}) ON CONFLICT ("name") DO NOTHING`;
  return (await db.instanceSecret.findUniqueOrThrow({ where: { name: AUTH_SECRET_NAME } })).value;
}
