import type pg from "pg";
import { pool } from "./index";

/**
 * One transaction on one pooled pg connection, for bulk SQL that bypasses
 * Prisma (demo seed, metrics rebuild): BEGIN, `work`, COMMIT — or ROLLBACK
 * and rethrow.
 */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
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
