import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { db } from "../lib/db";
import { start } from "../server/start";
import { createTestDatabase } from "../test/database";
import {
  E2E_ADMIN_TOKEN,
  E2E_AUTH_SECRET,
  E2E_CRON_SECRET,
  E2E_METRICS_TOKEN,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_NAME,
  E2E_OIDC_PORT,
  E2E_PORT,
  E2E_SERVER_INDEX,
  E2E_USERS,
  E2E_WEBHOOK_SECRET,
  e2ePortOf,
} from "./env";
import { spawnOidcProvider } from "./oidc-provider";

/**
 * The server under test: the real `npm start` code path on a throwaway
 * database — a fresh embedded PostgreSQL, or a fresh database on the server
 * DATABASE_URL names — seeded with the demo data, with a fast worker tick,
 * and one user per role; sign-in with OpenID Connect goes to a real
 * OpenID Connect provider started next to it (e2e/oidc-provider.ts).
 */
/** The first server builds the dashboard when it is stale; the others wait for it rather than build the same directory at once. */
async function firstServerReady(): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`http://localhost:${e2ePortOf(0)}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the first e2e server did not come up");
}

async function main() {
  if (E2E_SERVER_INDEX > 0) await firstServerReady();
  // A benchmark that kills this process (a crash test) passes its own directory, to remove it afterwards.
  const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-e2e-"));
  const external = process.env.DATABASE_URL ? await createTestDatabase() : null;
  const oidc = await spawnOidcProvider(E2E_OIDC_PORT);
  Object.assign(process.env, {
    PORT: String(E2E_PORT),
    SHIPBOARD_DATA_DIR: dataDir,
    SHIPBOARD_TICK_MS: process.env.SHIPBOARD_TICK_MS ?? "200",
    SHIPBOARD_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    AUTH_SECRET: E2E_AUTH_SECRET,
    SHIPBOARD_ADMIN_EMAIL: E2E_USERS.admin.email,
    SHIPBOARD_ADMIN_PASSWORD: E2E_USERS.admin.password,
    CRON_SECRET: E2E_CRON_SECRET,
    SHIPBOARD_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
    SHIPBOARD_METRICS_TOKEN: E2E_METRICS_TOKEN,
    SHIPBOARD_DEMO: "1",
    // The suite's receivers (notifications, webhook steps, a fake Prometheus for metric checks) listen
    // on loopback; the refusal of private addresses itself is proven in lib/net/outbound-url.test.ts.
    SHIPBOARD_ALLOW_PRIVATE_TARGETS: "1",
    DATABASE_URL: external?.url ?? "",
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
    OIDC_NAME: E2E_OIDC_NAME,
  });
  const running = await start();
  for (const role of ["viewer", "deployer"] as const) {
    const { email, password } = E2E_USERS[role];
    await db.user.create({ data: { email, name: role, role, passwordHash: await hash(password) } });
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    await oidc.stop();
    await external?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  process.once("disconnect", () => void stop()); // started with IPC by a benchmark that ended
}

main().catch((error) => {
  console.error(`e2e server: ${(error as Error).message}`);
  process.exit(1);
});
