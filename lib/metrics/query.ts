import { pool } from "../db";
import { notFound } from "../errors";
import { addDays, daysBetween, type IsoDay } from "./days";
import { resolveRange } from "./range";
import { groupByDay, STAT_COLUMNS, summarize, type MetricsSummary, type StatRow } from "./summary";

export type { MetricsSummary } from "./summary";
export type MetricsDay = { day: IsoDay } & MetricsSummary;

/** SPEC's Metrics shape, plus the pipeline's slug (null: all pipelines) and restore P75s. */
export type Metrics = {
  pipeline: string | null;
  from: IsoDay;
  to: IsoDay;
  days: MetricsDay[];
  totals: MetricsSummary;
  dora: {
    deploysPerDay: number;
    leadTimeP75Ms: number | null;
    changeFailureRate: number | null;
    timeToRestoreP75Ms: number | null;
  };
};

const pipelineStatsSql = `SELECT ${STAT_COLUMNS} FROM "DailyStat" WHERE day >= $1::date AND day <= $2::date AND "pipelineId" = $3::int`;
const allStatsSql = `SELECT ${STAT_COLUMNS} FROM "DailyStatAll" WHERE day >= $1::date AND day <= $2::date`;

async function pipelineId(slug: string): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM "Pipeline" WHERE slug = $1`, [slug]);
  if (!rows[0]) throw notFound(`pipeline ${slug} not found`);
  return rows[0].id;
}

/**
 * Deploy metrics of one pipeline (by slug) or all, per UTC day of the range
 * (see range.ts) and in total, from the DailyStat rollup: one pipeline's
 * DailyStat rows, or for all pipelines the DailyStatAll rows (one per day).
 */
export async function getMetrics(params: { pipeline?: string; from?: string; to?: string; now?: Date }): Promise<Metrics> {
  const { from, to } = resolveRange(params);
  const { rows } = params.pipeline === undefined
    ? await pool().query<StatRow>(allStatsSql, [from, to])
    : await pool().query<StatRow>(pipelineStatsSql, [from, to, await pipelineId(params.pipeline)]);

  const rowsByDay = groupByDay(rows);
  const days: MetricsDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ day, ...summarize(rowsByDay.get(day) ?? []) });
  const totals = summarize(rows);
  const attempts = totals.deploys + totals.failed;
  return {
    pipeline: params.pipeline ?? null,
    from,
    to,
    days,
    totals,
    dora: {
      deploysPerDay: totals.deploys / daysBetween(from, to),
      leadTimeP75Ms: totals.p75LeadTimeMs,
      changeFailureRate: attempts === 0 ? null : (totals.failed + totals.rollbacks) / attempts,
      timeToRestoreP75Ms: totals.p75RestoreMs,
    },
  };
}
