import { pool } from "../db";
import { notFound } from "../errors";
import { histKey, METRICS, p75Key, type HistKey, type P75Key } from "./columns";
import { addDays, daysBetween, type IsoDay } from "./days";
import { asHistogram, mergeHistograms, percentileOf } from "./histogram";
import { resolveRange } from "./range";

export type MetricsSummary = { deploys: number; failed: number; rollbacks: number } & Record<P75Key, number | null>;
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

type StatRow = { day: IsoDay; deploys: number; failed: number; rollbacks: number } & Record<P75Key, number | null> &
  Record<HistKey, unknown>;

const statsSql = `
  SELECT day::text AS day, deploys, failed, rollbacks, ${METRICS.map((m) => `"${p75Key(m)}", "${histKey(m)}"`).join(", ")}
  FROM "DailyStat"
  WHERE day >= $1::date AND day <= $2::date AND ($3::int IS NULL OR "pipelineId" = $3::int)`;

const sum = (rows: StatRow[], key: "deploys" | "failed" | "rollbacks") => rows.reduce((total, row) => total + row[key], 0);

/**
 * Counts add up; a P75 is the row's exact one (percentile_cont) when there is
 * one row, else read from the rows' merged histograms (within 1%).
 */
function summarize(rows: StatRow[]): MetricsSummary {
  const summary = { deploys: sum(rows, "deploys"), failed: sum(rows, "failed"), rollbacks: sum(rows, "rollbacks") } as MetricsSummary;
  for (const metric of METRICS) {
    const merged = percentileOf(mergeHistograms(rows.map((row) => asHistogram(row[histKey(metric)]))), 0.75);
    summary[p75Key(metric)] = rows.length === 1 ? rows[0]![p75Key(metric)] : merged === null ? null : Math.round(merged);
  }
  return summary;
}

async function pipelineId(slug: string): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM "Pipeline" WHERE slug = $1`, [slug]);
  if (!rows[0]) throw notFound(`pipeline ${slug} not found`);
  return rows[0].id;
}

/**
 * Deploy metrics of one pipeline (by slug) or all, per UTC day of the range
 * (see range.ts) and in total, from the DailyStat rollup.
 */
export async function getMetrics(params: { pipeline?: string; from?: string; to?: string; now?: Date }): Promise<Metrics> {
  const { from, to } = resolveRange(params);
  const id = params.pipeline === undefined ? null : await pipelineId(params.pipeline);
  const { rows } = await pool().query<StatRow>(statsSql, [from, to, id]);

  const rowsByDay = new Map<IsoDay, StatRow[]>();
  for (const row of rows) rowsByDay.set(row.day, [...(rowsByDay.get(row.day) ?? []), row]);
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
