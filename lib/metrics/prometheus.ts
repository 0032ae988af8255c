// GET /metrics (SPEC "Events and notifications"): Prometheus text from prom-client,
// every value read from Postgres at scrape time so every node answers the same.
import { Counter, Gauge, Registry, type Metric } from "prom-client";
import { db } from "../db";
import { asHistogram, bucketValue, mergeHistograms, type Histogram } from "./histogram";

/** Upper bounds (seconds) of the release duration histogram: a minute to an hour. */
export const DURATION_BUCKETS = [30, 60, 120, 300, 600, 900, 1200, 1800, 3600];

/** Hosts heard from within this window, divided by it: the heartbeat rate (exact for heartbeat intervals at least this long). */
const HEARTBEAT_WINDOW_SECONDS = 5;
/** A host not heard from for this long counts as unreachable. */
const UNREACHABLE_SECONDS = 60;

type Totals = { slug: string; deploys: number; failed: number; rollbacks: number; deployHist: Histogram; rollbackHist: Histogram };

/** All-time totals per pipeline from the daily rollup (one row per pipeline and day), never from a scan of releases. */
async function totalsByPipeline(): Promise<Totals[]> {
  const rows = await db.$queryRaw<{ slug: string; deploys: bigint; failed: bigint; rollbacks: bigint; deployHists: unknown[]; rollbackHists: unknown[] }[]>`
    SELECT p.slug, COALESCE(sum(d.deploys), 0) AS deploys, COALESCE(sum(d.failed), 0) AS failed, COALESCE(sum(d.rollbacks), 0) AS rollbacks,
           COALESCE(array_agg(d."deployHist") FILTER (WHERE d.deploys > 0), '{}') AS "deployHists",
           COALESCE(array_agg(d."rollbackHist") FILTER (WHERE d.rollbacks > 0), '{}') AS "rollbackHists"
    FROM "Pipeline" p LEFT JOIN "DailyStat" d ON d."pipelineId" = p.id
    GROUP BY p.slug ORDER BY p.slug`;
  return rows.map((row) => ({
    slug: row.slug,
    deploys: Number(row.deploys),
    failed: Number(row.failed),
    rollbacks: Number(row.rollbacks),
    deployHist: mergeHistograms(row.deployHists.map(asHistogram)),
    rollbackHist: mergeHistograms(row.rollbackHists.map(asHistogram)),
  }));
}

type Sample = { labels: Record<string, string | number>; value: number; metricName: string };

/** A rollup histogram (log-spaced ms buckets, each sample at its bucket's midpoint) as Prometheus' cumulative buckets in seconds. */
export function prometheusBuckets(name: string, labels: Record<string, string>, histogram: Histogram): Sample[] {
  const counts = histogram.slice(1);
  const samples = counts.map((count, i) => ({ seconds: bucketValue(histogram[0]! + i) / 1000, count }));
  const upTo = (bound: number) => samples.reduce((sum, s) => (s.seconds <= bound ? sum + s.count : sum), 0);
  const total = counts.reduce((sum, c) => sum + c, 0);
  return [
    ...DURATION_BUCKETS.map((le) => ({ labels: { ...labels, le }, value: upTo(le), metricName: `${name}_bucket` })),
    { labels: { ...labels, le: "+Inf" }, value: total, metricName: `${name}_bucket` },
    { labels, value: samples.reduce((sum, s) => sum + s.seconds * s.count, 0), metricName: `${name}_sum` },
    { labels, value: total, metricName: `${name}_count` },
  ];
}

/**
 * The scrape's registry. Counters and gauges are prom-client's own, refilled
 * from the database in their collect(); the duration histogram is a custom
 * metric object (prom-client's documented registerMetric) because its buckets
 * come already counted from the rollup rather than one observation at a time.
 */
function prometheusRegistry(): Registry {
  const registry = new Registry();
  // A registry serves one scrape: one rollup read, shared by the counters and the histogram.
  let totals: Promise<Totals[]> | null = null;
  const scrapeTotals = () => (totals ??= totalsByPipeline());

  const counter = (name: string, help: string, pick: (t: Totals) => number) =>
    new Counter({
      name, help, labelNames: ["pipeline"], registers: [registry],
      async collect() {
        this.reset();
        for (const t of await scrapeTotals()) this.inc({ pipeline: t.slug }, pick(t));
      },
    });
  counter("shipboard_deploys_total", "Deploy and promote releases that succeeded.", (t) => t.deploys);
  counter("shipboard_deploy_failures_total", "Deploy and promote releases that failed.", (t) => t.failed);
  counter("shipboard_rollbacks_total", "Rollback releases.", (t) => t.rollbacks);

  const durationName = "shipboard_release_duration_seconds";
  const durationHelp = "Duration of finished releases, start to finish (deploys and promotes that succeeded; rollbacks).";
  registry.registerMetric({
    name: durationName,
    help: durationHelp,
    type: "histogram",
    aggregator: "sum",
    get: async () => ({
      name: durationName,
      help: durationHelp,
      type: "histogram",
      aggregator: "sum",
      values: (await scrapeTotals()).flatMap((t) => [
        ...prometheusBuckets(durationName, { pipeline: t.slug, kind: "deploy" }, t.deployHist),
        ...prometheusBuckets(durationName, { pipeline: t.slug, kind: "rollback" }, t.rollbackHist),
      ]),
    }),
  } as unknown as Metric);

  new Gauge({
    name: "shipboard_active_releases", help: "Releases pending or running.", labelNames: ["pipeline", "kind", "state"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ slug: string; kind: string; state: string; n: bigint }[]>`
        SELECT p.slug, r.kind::text, r.state::text, count(*) AS n FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId"
        WHERE r.state IN ('pending', 'running') GROUP BY 1, 2, 3`;
      for (const row of rows) this.set({ pipeline: row.slug, kind: row.kind, state: row.state }, Number(row.n));
    },
  });

  new Gauge({
    name: "shipboard_pipeline_locked", help: "1 while the pipeline is locked (kind manual or rollback), else 0.", labelNames: ["pipeline", "kind"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.pipeline.findMany({ select: { slug: true, locked: true, lockKind: true } });
      for (const row of rows) this.set({ pipeline: row.slug, kind: row.locked ? (row.lockKind ?? "manual") : "none" }, row.locked ? 1 : 0);
    },
  });

  new Gauge({
    name: "shipboard_hosts", help: `Hosts by state: switching (told to run another release), unhealthy, unreachable (silent for ${UNREACHABLE_SECONDS} s), healthy.`,
    labelNames: ["pipeline", "state"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ slug: string; state: string; n: bigint }[]>`
        SELECT p.slug, CASE
            WHEN h."desiredReleaseId" IS DISTINCT FROM h."releaseId" THEN 'switching'
            WHEN NOT h.healthy THEN 'unhealthy'
            WHEN h."lastSeenAt" < now() - make_interval(secs => ${UNREACHABLE_SECONDS}::float8) THEN 'unreachable'
            ELSE 'healthy' END AS state,
          count(*) AS n
        FROM "Host" h JOIN "Pipeline" p ON p.id = h."pipelineId" GROUP BY 1, 2`;
      for (const row of rows) this.set({ pipeline: row.slug, state: row.state }, Number(row.n));
    },
  });

  new Gauge({
    name: "shipboard_heartbeats_per_second",
    help: `Agent heartbeats per second: hosts heard from in the last ${HEARTBEAT_WINDOW_SECONDS} s divided by ${HEARTBEAT_WINDOW_SECONDS}.`,
    labelNames: ["pipeline"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ slug: string; n: bigint }[]>`
        SELECT p.slug, count(*) AS n FROM "Host" h JOIN "Pipeline" p ON p.id = h."pipelineId"
        WHERE h."lastSeenAt" > now() - make_interval(secs => ${HEARTBEAT_WINDOW_SECONDS}::float8) GROUP BY 1`;
      for (const row of rows) this.set({ pipeline: row.slug }, Number(row.n) / HEARTBEAT_WINDOW_SECONDS);
    },
  });
  return registry;
}

/** The Prometheus text of one scrape, and its content type. */
export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  const registry = prometheusRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
