import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import type { Config } from "../config";
import { db } from "../db";

/**
 * The first admin: SHIPBOARD_ADMIN_EMAIL / SHIPBOARD_ADMIN_PASSWORD, or a
 * random password printed once. Does nothing once any admin exists.
 */
export async function ensureFirstAdmin(config: Config, say: (line: string) => void): Promise<void> {
  if (await db.user.findFirst({ where: { role: "admin" }, select: { id: true } })) return;
  const email = (config.adminEmail ?? "admin@localhost").toLowerCase();
  const password = config.adminPassword ?? randomBytes(12).toString("base64url");
  await db.user.upsert({
    where: { email },
    create: { email, name: "Admin", role: "admin", passwordHash: await hash(password) },
    update: { role: "admin", passwordHash: await hash(password) },
  });
  say(config.adminPassword ? `admin ${email} created` : `admin ${email} created with password ${password} (shown once; change it by setting SHIPBOARD_ADMIN_PASSWORD on a new database)`);
}

/** NEXTAUTH_SECRET: the setting, else a random one kept in the data dir so sessions survive restarts. */
export function ensureAuthSecret(config: Config): string {
  if (config.authSecret) return config.authSecret;
  const file = path.join(config.dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
