import type pg from "pg";
import { pool } from "./index";

/**
 * One transaction on one pooled pg connection, for bulk SQL that bypasses
 * Prisma (demo seed, metrics rebuild, agents' registration): BEGIN, `work`,
 * COMMIT — or ROLLBACK and rethrow. On the app's pool unless given another.
 */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, on: pg.Pool = pool()): Promise<T> {
  const client = await on.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
