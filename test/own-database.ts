import { afterAll, beforeAll } from "vitest";
import { disconnect } from "../lib/db";
import { createTestDatabase } from "./database";

/**
 * Gives the calling test file a freshly migrated database of its own (on the
 * run's Postgres), for data with fixed names, such as the demo's pipelines,
 * that other files' engine ticks must never reach. Call at the top of the file.
 */
export function withOwnDatabase(): void {
  const shared = process.env.DATABASE_URL;
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    await disconnect();
    process.env.DATABASE_URL = database.url;
  }, 60_000);
  afterAll(async () => {
    await disconnect();
    await drop?.();
    process.env.DATABASE_URL = shared;
  });
}
