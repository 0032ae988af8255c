// A release's metric checks in the database, as the engine applies them: each
// check gets a row when a batch starts, the tick reads the checks' tallies
// (from the samples in Postgres, so every worker agrees) into the progress
// decision, and queues each check's next sample job when it is due.
import type { db } from "../../db";
import { enqueue } from "../../jobs/enqueue";
import { metricSampleJob } from "../../metric-checks/sample-job";
import { metricGate, nextSampleAt, type CheckTally, type MetricGate } from "../decide/metric-checks";
import { metricCheckSchema, type MetricCheck } from "../targets/schema";
import type { Tx } from "./transaction";

export type MetricCheckRow = { id: number; check: MetricCheck; scheduledAt: Date | null; tally: CheckTally };

/** The release's checks with their tallies, in the order they were configured. */
export async function loadMetricChecks(tx: Tx | typeof db, releaseId: number): Promise<MetricCheckRow[]> {
  const rows = await tx.$queryRaw<
    { id: number; config: unknown; scheduledAt: Date | null; breaches: number; inconclusive: number; lastFailureValue: number | null; anyFailure: boolean }[]
  >`
    SELECT c.id, c.config, c."scheduledAt",
      count(s.id) FILTER (WHERE s.outcome = 'breach')::int AS breaches,
      count(s.id) FILTER (WHERE s.outcome = 'inconclusive')::int AS inconclusive,
      last.value AS "lastFailureValue", last.id IS NOT NULL AS "anyFailure"
    FROM "MetricCheckRun" c
    LEFT JOIN "MetricSample" s ON s."checkId" = c.id
    LEFT JOIN LATERAL (
      SELECT f.id, f.value FROM "MetricSample" f
      WHERE f."checkId" = c.id AND (f.outcome = 'breach' OR (f.outcome = 'inconclusive' AND c.config->>'onNoData' = 'fail'))
      ORDER BY f."dueAt" DESC LIMIT 1
    ) last ON true
    WHERE c."releaseId" = ${releaseId}
    GROUP BY c.id, last.id, last.value
    ORDER BY c.id`;
  return rows.map((row) => ({
    id: row.id,
    check: metricCheckSchema.parse(row.config),
    scheduledAt: row.scheduledAt,
    tally: { breaches: row.breaches, inconclusive: row.inconclusive, lastFailure: row.anyFailure ? { value: row.lastFailureValue } : null },
  }));
}

/** What the progress decision needs to know of the release's checks. */
export function gateOf(rows: readonly MetricCheckRow[]): MetricGate {
  return metricGate(
    rows.map((row) => row.check),
    new Map(rows.map((row) => [row.check.name, row.tally])),
  );
}

/**
 * After the progress decision of a release still running: when a batch
 * started, a row for each configured check that has none yet (the first
 * batch's, and any check added since), holding the check's settings for this
 * release; then the next sample job of each check that is due one.
 */
export async function advanceMetricChecks(
  tx: Tx,
  releaseId: number,
  options: { configured: readonly MetricCheck[]; rows: readonly MetricCheckRow[]; batchStarted: boolean; now: Date },
): Promise<void> {
  const { configured, batchStarted, now } = options;
  let rows = options.rows;
  const opened = new Set(rows.map((row) => row.check.name));
  const missing = batchStarted ? configured.filter((check) => !opened.has(check.name)) : [];
  if (missing.length > 0) {
    await tx.metricCheckRun.createMany({
      data: missing.map((check) => ({ releaseId, name: check.name, config: check })),
      skipDuplicates: true,
    });
    rows = await loadMetricChecks(tx, releaseId);
  }
  await scheduleSamples(tx, releaseId, rows, now);
}

/** Queues the next sample job of each check that is due one, while a batch runs. */
async function scheduleSamples(tx: Tx, releaseId: number, rows: readonly MetricCheckRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const batch = await tx.releaseStep.findFirst({
    where: { releaseId, kind: "batch", state: "running" },
    select: { convergedAt: true },
  });
  if (batch === null) return;
  for (const row of rows) {
    const due = nextSampleAt(row.check, row.scheduledAt, batch, now);
    if (due === null) continue;
    await tx.metricCheckRun.update({ where: { id: row.id }, data: { scheduledAt: due }, select: { id: true } });
    await enqueue(tx, metricSampleJob, { checkId: row.id, dueAt: due.toISOString() }, { runAt: due });
  }
}
