import { pool, type Prisma } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { LN_GROWTH } from "./histogram";
import { ROLLUP_SQL } from "./rollup-sql";
import { addDays, isoDay } from "./days";

// Advisory lock namespace: one rollup refresh per pipeline at a time, so two
// transactions finishing at once cannot each overwrite the row without the other's data.
const ROLLUP_LOCK = 518_473_301;

/**
 * Recomputes the DailyStat row of one pipeline and UTC day from the releases
 * and builds tables, inside the caller's transaction (or a new one).
 *
 * Callers: the engine, in the transaction that finishes a release (its finish
 * day); the webhook ingest, when a build finishes (the build's finish day).
 * Nothing else needs refreshing: a day's restore and lead times only involve
 * releases that finished by the end of that day.
 *
 * Runs as a nested transaction (a savepoint in the caller's, or a new one on
 * the client) that first takes a per-pipeline advisory lock: under READ
 * COMMITTED the recompute statement then sees whatever a concurrent refresh
 * of the same pipeline committed, and neither overwrites the other's data.
 */
export async function refreshDailyStats(
  tx: Prisma.TransactionClient | PrismaClient,
  pipelineId: number,
  day: Date,
): Promise<void> {
  await (tx as Prisma.TransactionClient).$transaction(async (inner) => {
    await inner.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK}, $1::int)`, pipelineId);
    await inner.$executeRawUnsafe(ROLLUP_SQL, pipelineId, isoDay(day), isoDay(day), LN_GROWTH);
  });
}

/**
 * Recomputes every DailyStat row of the UTC days from..to (default: every day
 * with a finished release or build), one month per transaction. Set-based, for
 * the demo seed and the benchmark; rows a concurrent refresh writes meanwhile
 * may be overwritten with this run's (slightly older) view.
 */
export async function rebuildDailyStats(from?: Date, to?: Date): Promise<void> {
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ first: string | null; last: string | null }>(`
      SELECT least((SELECT min("finishedAt") FROM "Release"), (SELECT min("finishedAt") FROM "Build"))::date::text AS first,
             greatest((SELECT max("finishedAt") FROM "Release"), (SELECT max("finishedAt") FROM "Build"))::date::text AS last`);
    const first = from ? isoDay(from) : rows[0]?.first;
    const last = to ? isoDay(to) : rows[0]?.last;
    if (!first || !last) return;
    for (let start = first; start <= last; start = addDays(start, 31)) {
      const end = addDays(start, 30) < last ? addDays(start, 30) : last;
      await client.query("BEGIN");
      // A month of builds sorts in memory, and the planner should know the tables are cached
      // (else it seq-scans all builds instead of looking up a month's).
      await client.query("SET LOCAL work_mem = '128MB'; SET LOCAL random_page_cost = 1.1");
      await client.query(ROLLUP_SQL, [null, start, end, LN_GROWTH]);
      await client.query("COMMIT");
    }
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
