import type { Metrics } from "@/lib/metrics/query";

/** SPEC "Metrics": the answer of GET /api/metrics, typed by the module that computes it. */
export type { Metrics, MetricsDay } from "@/lib/metrics/query";

export type Dora = Metrics["dora"];

/** The per-day P75 fields drawn as charts (restore has its DORA tile instead). */
export type DurationField = "p75BuildMs" | "p75DeployMs" | "p75LeadTimeMs" | "p75RollbackMs";
