/** The durations the rollup keeps a P75 and a histogram of, and their DailyStat columns. */
export const METRICS = ["build", "deploy", "leadTime", "rollback", "restore"] as const;
export type Metric = (typeof METRICS)[number];

export type P75Key = `p75${Capitalize<Metric>}Ms`;
export type HistKey = `${Metric}Hist`;

export const p75Key = (metric: Metric): P75Key => `p75${metric[0]!.toUpperCase()}${metric.slice(1)}Ms` as P75Key;
export const histKey = (metric: Metric): HistKey => `${metric}Hist`;
