import { pool } from "./db";

/** SPEC health: `{ok, db}`; a database that does not answer within 2 s counts as down. */
export async function checkHealth(): Promise<{ ok: boolean; db: "ok" | "down" }> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref());
  try {
    await Promise.race([pool().query("SELECT 1"), timeout]);
    return { ok: true, db: "ok" };
  } catch {
    return { ok: false, db: "down" };
  }
}
