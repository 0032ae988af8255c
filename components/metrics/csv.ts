import type { MetricsDay } from "./types";

const columns: (keyof MetricsDay)[] = ["day", "deploys", "failed", "rollbacks", "p75BuildMs", "p75DeployMs", "p75LeadTimeMs", "p75RollbackMs", "p75RestoreMs"];

/** The per-day numbers as CSV (RFC 4180), one row a day, durations in milliseconds, empty where a day has none. */
export function daysCsv(days: MetricsDay[]): string {
  const rows = days.map((day) => columns.map((column) => (day[column] === null ? "" : String(day[column]))).join(","));
  return [columns.join(","), ...rows].join("\r\n") + "\r\n";
}
