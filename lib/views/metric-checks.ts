// SPEC "Guardrails": a Release's `metricChecks`, every sample with its
// threshold, so on-call sees why a release failed, not only that it did.
import { db } from "../db";
import { metricCheckStandings } from "../engine";

/** Samples shown per check: the latest ones (a check every second for hours would make every poll of the page heavy). */
export const SAMPLES_SHOWN = 2_000;

export async function releaseMetricChecks(releaseId: number) {
  const standings = await metricCheckStandings(releaseId);
  if (standings.length === 0) return [];
  const samples = await db.$queryRaw<{ checkId: number; at: Date; value: number | null; outcome: "ok" | "breach" | "inconclusive"; note: string | null; total: number }[]>`
    SELECT "checkId", at, value, outcome::text AS outcome, note, total FROM (
      SELECT s.*, row_number() OVER (PARTITION BY "checkId" ORDER BY "dueAt" DESC) AS nth,
        count(*) OVER (PARTITION BY "checkId")::int AS total
      FROM "MetricSample" s WHERE "checkId" = ANY(${standings.map((standing) => standing.id)})
    ) latest WHERE nth <= ${SAMPLES_SHOWN} ORDER BY "checkId", at`;
  return standings.map(({ id, check, breaches, inconclusive, failures, failed }) => {
    const own = samples.filter((sample) => sample.checkId === id);
    return {
      name: check.name,
      query: check.query,
      comparison: check.comparison,
      threshold: check.threshold,
      intervalSeconds: check.intervalSeconds,
      failuresAllowed: check.failuresAllowed,
      bakeSeconds: check.bakeSeconds,
      onNoData: check.onNoData,
      breaches,
      inconclusive,
      failures,
      /** Its failures went past failuresAllowed: it failed the release. */
      failed,
      sampleCount: own[0]?.total ?? 0,
      samples: own.map(({ at, value, outcome, note }) => ({ at: at.toISOString(), value, outcome, ...(note ? { note } : {}) })),
    };
  });
}

export type MetricCheckView = Awaited<ReturnType<typeof releaseMetricChecks>>[number];
