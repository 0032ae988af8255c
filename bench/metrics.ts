/**
 * SPEC target: /api/metrics over 365 days with 1,000,000 releases and
 * 5,000,000 builds under 150 ms p95. Run: `npx tsx bench/metrics.ts` (several
 * minutes; BUILDS, RELEASES, RUNS override the scale and the runs per case).
 * On its own fresh database: generates the data in SQL, builds the DailyStat
 * and DailyStatAll rollups with rebuildDailyStats, then times getMetrics
 * (what the route handler calls) for 365 and 30 days, one pipeline and all,
 * next to the baseline it replaces: per-day percentile_cont straight over the releases
 * (releases only: counts and deploy/rollback P75s) with covering indexes.
 * Prints figures; asserts nothing.
 */
import { createTestDatabase } from "../test/database";
import { generateMetricsData } from "./lib/metrics-data";
import { summarize } from "./lib/stats";

const BUILDS = Number(process.env.BUILDS ?? 5_000_000);
const RELEASES = Number(process.env.RELEASES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 50);
const PIPELINES = 20;
const DAYS = 365;

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnect, pool } = await import("../lib/db");
const { getMetrics } = await import("../lib/metrics/query");
const { rebuildDailyStats, refreshDailyStats } = await import("../lib/metrics/rollup");
const { addDays, isoDay } = await import("../lib/metrics/days");

const BASELINE_SQL = `
  SELECT "finishedAt"::date AS day,
    count(*) FILTER (WHERE kind <> 'rollback' AND state = 'succeeded') AS deploys,
    count(*) FILTER (WHERE kind <> 'rollback' AND state = 'failed') AS failed,
    count(*) FILTER (WHERE kind = 'rollback') AS rollbacks,
    percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM "finishedAt" - "startedAt") * 1000)
      FILTER (WHERE kind <> 'rollback' AND state = 'succeeded') AS p75_deploy_ms,
    percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM "finishedAt" - "startedAt") * 1000)
      FILTER (WHERE kind = 'rollback' AND state = 'succeeded') AS p75_rollback_ms
  FROM "Release"
  WHERE "finishedAt" >= $1::date AND "finishedAt" < $2::date + 1 AND ($3::int IS NULL OR "pipelineId" = $3::int)
  GROUP BY 1`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function latencies(runs: number, warmUps: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUps; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

try {
  const end = new Date();
  const client = await pool().connect();
  const slugs = await timed(`generate ${BUILDS} builds, ${RELEASES} releases`, async () => {
    await client.query("SET maintenance_work_mem = '512MB'");
    return generateMetricsData(client, { pipelines: PIPELINES, builds: BUILDS, releases: RELEASES, days: DAYS, end });
  });
  client.release();
  await timed("rebuildDailyStats (whole year)", () => rebuildDailyStats());
  for (const table of ["DailyStat", "DailyStatAll"]) {
    const { rows: [size] } = await pool().query(
      `SELECT count(*) AS rows, pg_size_pretty(pg_total_relation_size('"${table}"')) AS size FROM "${table}"`,
    );
    console.log(`${table}: ${size.rows} rows, ${size.size}`);
  }
  await timed("baseline covering indexes", () =>
    pool().query(`
      CREATE INDEX bench_release_pipeline_finished ON "Release" ("pipelineId", "finishedAt") INCLUDE (kind, state, "startedAt");
      CREATE INDEX bench_release_finished ON "Release" ("finishedAt") INCLUDE ("pipelineId", kind, state, "startedAt");
      ANALYZE "Release"`),
  );

  const to = isoDay(end);
  const { rows: [pipeline] } = await pool().query<{ id: number }>(`SELECT id FROM "Pipeline" WHERE slug = $1`, [slugs[0]]);
  console.log(`\nlatency (${RUNS} runs after 5 warm-ups; baseline fewer), to = ${to}, one pipeline = ${slugs[0]}`);
  for (const days of [365, 30]) {
    const from = addDays(to, 1 - days);
    for (const [scope, slug, id, baselineRuns] of [["one pipeline", slugs[0], pipeline!.id, 10], ["all pipelines", undefined, null, days > 31 ? 3 : 10]] as const) {
      console.log(summarize(`getMetrics ${days} days, ${scope}`, await latencies(RUNS, 5, () => getMetrics({ pipeline: slug, from, to }))));
      console.log(summarize(`  baseline: raw percentile_cont`, await latencies(baselineRuns, 1, () => pool().query(BASELINE_SQL, [from, to, id]))));
    }
  }
  console.log(summarize("refreshDailyStats (one pipeline, today)", await latencies(20, 2, () => refreshDailyStats(db, pipeline!.id, end))));
} finally {
  await disconnect();
  await database.drop();
}
