import { histKey, METRICS, p75Key, type HistKey, type P75Key } from "./columns";
import type { IsoDay } from "./days";
import { asHistogram, mergeHistograms, percentileOf, type Histogram } from "./histogram";

export type MetricsSummary = { deploys: number; failed: number; rollbacks: number } & Record<P75Key, number | null>;

/** A DailyStat or DailyStatAll row as STAT_COLUMNS selects it, histograms as stored (parsed json). */
export type StatRow = { day: IsoDay } & MetricsSummary & Record<HistKey, unknown>;

/** Merged rows: the summary and the merged histograms, the columns of a DailyStatAll row. */
export type MergedStats = MetricsSummary & Record<HistKey, Histogram>;

/** The select list of a StatRow, from DailyStat or DailyStatAll. */
export const STAT_COLUMNS = `day::text AS day, deploys, failed, rollbacks, ${METRICS.map((m) => `"${p75Key(m)}", "${histKey(m)}"`).join(", ")}`;

const sum = (rows: StatRow[], key: "deploys" | "failed" | "rollbacks") => rows.reduce((total, row) => total + row[key], 0);

/**
 * Counts add up and histograms merge; a P75 is the row's exact one
 * (percentile_cont) when there is one row, else read from the merged
 * histogram (within 1%).
 */
export function mergeStats(rows: StatRow[]): MergedStats {
  const merged = { deploys: sum(rows, "deploys"), failed: sum(rows, "failed"), rollbacks: sum(rows, "rollbacks") } as MergedStats;
  for (const metric of METRICS) {
    const histogram = rows.length === 1
      ? asHistogram(rows[0]![histKey(metric)])
      : mergeHistograms(rows.map((row) => asHistogram(row[histKey(metric)])));
    const p75 = rows.length === 1 ? rows[0]![p75Key(metric)] : percentileOf(histogram, 0.75);
    merged[histKey(metric)] = histogram;
    merged[p75Key(metric)] = p75 === null ? null : Math.round(p75);
  }
  return merged;
}

/** mergeStats without the histograms. */
export function summarize(rows: StatRow[]): MetricsSummary {
  const merged = mergeStats(rows);
  const summary = { deploys: merged.deploys, failed: merged.failed, rollbacks: merged.rollbacks } as MetricsSummary;
  for (const metric of METRICS) summary[p75Key(metric)] = merged[p75Key(metric)];
  return summary;
}

export function groupByDay(rows: StatRow[]): Map<IsoDay, StatRow[]> {
  const rowsByDay = new Map<IsoDay, StatRow[]>();
  for (const row of rows) {
    if (rowsByDay.has(row.day)) rowsByDay.get(row.day)!.push(row);
    else rowsByDay.set(row.day, [row]);
  }
  return rowsByDay;
}
