import { db, pool, type Prisma } from "../db";
import { inPgTransaction } from "../db/pg-transaction";
import type { PrismaClient } from "../generated/prisma/client";
import { LN_GROWTH } from "./histogram";
import { ROLLUP_ALL_SQL, ROLLUP_SQL } from "./rollup-sql";
import { addDays, isoDay, type IsoDay } from "./days";
import { groupByDay, mergeStats, STAT_COLUMNS, type StatRow } from "./summary";

// Advisory lock namespaces: one rollup refresh per pipeline at a time, so two
// transactions finishing at once cannot each overwrite the row without the other's data;
// and one DailyStatAll write per day at a time, for the same reason across pipelines.
const ROLLUP_LOCK = 518_473_301;
const ROLLUP_DAY_LOCK = 518_473_302;

/** Runs one statement in the current transaction, whichever client holds it. */
type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * Recomputes the DailyStatAll rows of the UTC days from..to from their
 * DailyStat rows (mergeStats), after locking the days in order: under READ
 * COMMITTED the rows read then include every pipeline's committed refresh, and
 * a concurrent refresh of another pipeline waits, then reads this one's rows.
 */
async function rollUpAllPipelines(query: Query, from: IsoDay, to: IsoDay): Promise<void> {
  await query(
    `SELECT count(pg_advisory_xact_lock(${ROLLUP_DAY_LOCK}, d::date - date '1970-01-01'))::int AS locked
     FROM generate_series($1::date, $2::date, interval '1 day') d`,
    [from, to],
  );
  const rows = (await query(`SELECT ${STAT_COLUMNS} FROM "DailyStat" WHERE day >= $1::date AND day <= $2::date`, [from, to])) as StatRow[];
  const merged = [...groupByDay(rows)].map(([day, dayRows]) => ({ day, ...mergeStats(dayRows) }));
  await query(ROLLUP_ALL_SQL, [from, to, JSON.stringify(merged)]);
}

/**
 * Recomputes the DailyStat row of one pipeline and UTC day from the releases
 * and builds tables, inside the caller's transaction (or a new one).
 *
 * Callers: the engine, in the transaction that finishes a release (its finish
 * day); the webhook ingest, when a build finishes (the build's finish day).
 * Nothing else needs refreshing: a day's restore and lead times only involve
 * releases that finished by the end of that day (one release per pipeline
 * runs at a time, so they finish in order). Only a build recorded after the
 * release that carried it live misses that day's lead times until a rebuild.
 *
 * Then merges the day's DailyStat rows of all pipelines into its DailyStatAll
 * row again (the all-pipelines view).
 *
 * Runs as a nested transaction (a savepoint in the caller's, or a new one on
 * the client) that first takes a per-pipeline advisory lock: under READ
 * COMMITTED the recompute statement then sees whatever a concurrent refresh
 * of the same pipeline committed, and neither overwrites the other's data.
 * The DailyStatAll row is written under a second lock, keyed by the day, in
 * the same way across pipelines. Both locks last until the caller's
 * transaction ends.
 */
export async function refreshDailyStats(
  tx: Prisma.TransactionClient | PrismaClient,
  pipelineId: number,
  day: Date,
): Promise<void> {
  await (tx as Prisma.TransactionClient).$transaction(async (inner) => {
    await inner.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK}, $1::int)`, pipelineId);
    await inner.$executeRawUnsafe(ROLLUP_SQL, pipelineId, isoDay(day), isoDay(day), LN_GROWTH);
    await rollUpAllPipelines((sql, params) => inner.$queryRawUnsafe(sql, ...params), isoDay(day), isoDay(day));
  });
}

/**
 * The webhook ingest's call: a build that finished counts on its finish day
 * (p75BuildMs) of each pipeline it was recorded on, even on a day that
 * pipeline deploys nothing.
 */
export async function refreshForFinishedBuild(pipelineIds: number[], finishedAt: Date): Promise<void> {
  for (const id of pipelineIds) await refreshDailyStats(db, id, finishedAt);
}

/**
 * Recomputes every DailyStat row of the UTC days from..to (default: every day
 * with a finished release or build), then each day's DailyStatAll row from
 * them, 31 days per transaction. Set-based, for the demo seed and the
 * benchmark; rows a concurrent refresh writes meanwhile may be overwritten
 * with this run's (slightly older) view.
 */
export async function rebuildDailyStats(from?: Date, to?: Date): Promise<void> {
  const { rows } = await pool().query<{ first: string | null; last: string | null }>(`
      SELECT least((SELECT min("finishedAt") FROM "Release"), (SELECT min("finishedAt") FROM "Build"))::date::text AS first,
             greatest((SELECT max("finishedAt") FROM "Release"), (SELECT max("finishedAt") FROM "Build"))::date::text AS last`);
  const first = from ? isoDay(from) : rows[0]?.first;
  const last = to ? isoDay(to) : rows[0]?.last;
  if (!first || !last) return;
  for (let start = first; start <= last; start = addDays(start, 31)) {
    const end = addDays(start, 30) < last ? addDays(start, 30) : last;
    await inPgTransaction(async (client) => {
      // A month of builds sorts in memory, and the planner should know the tables are cached
      // (else it hashes all builds to join a month's releases to theirs).
      await client.query("SET LOCAL work_mem = '128MB'; SET LOCAL random_page_cost = 1.1");
      await client.query(ROLLUP_SQL, [null, start, end, LN_GROWTH]);
      await rollUpAllPipelines(async (sql, params) => (await client.query(sql, params)).rows, start, end);
    });
  }
}
