import { histKey, METRICS, p75Key } from "./columns";

// The Int P75 columns hold up to ~24.8 days; a longer lead time is stored as that maximum.
const INT_MAX = 2147483647;
const clampedInt = (value: string) => `(CASE WHEN ${value} > ${INT_MAX} THEN ${INT_MAX} ELSE round(${value}) END)::int`;

/** The stat columns DailyStat and DailyStatAll share, quoted for SQL. */
export const statColumns = ["deploys", "failed", "rollbacks", ...METRICS.flatMap((m) => [`"${p75Key(m)}"`, `"${histKey(m)}"`])];

/**
 * The one SQL statement that computes DailyStat rows from the releases and
 * builds tables: for one pipeline or all ($1, null = all), for the UTC days
 * $2..$3 (inclusive, 'YYYY-MM-DD'), bucketing with ln(GROWTH) = $4. It upserts
 * every (pipeline, day) that has data and deletes the range's rows that no
 * longer have any. Both the incremental refresh and the full rebuild run it.
 *
 * Counts, on the release's UTC finish day: deploys = succeeded deploy and
 * promote releases, failed = failed ones, rollbacks = rollback releases in
 * any end state.
 *
 * Duration samples, each counted on its UTC finish day:
 * - build: finishedAt − startedAt of every finished build (any end state);
 * - deploy / rollback: finishedAt − startedAt of succeeded deploy+promote /
 *   rollback releases;
 * - restore: a succeeded rollback's finishedAt − the release it rolled back
 *   from going live (its finishedAt, or its startedAt when superseded);
 * - leadTime: per commit, from its time (committedAt, else the build's
 *   createdAt) to the first succeeded deploy/promote release that carried it.
 *   A release carries its own build and every older build of the same
 *   pipeline and branch (by CI createdAt, SPEC's "newer") that no earlier
 *   release carried: builds CD skipped went live with it. Builds of one commit
 *   (retries) count once per day.
 */
export const ROLLUP_SQL = `
WITH release_rows AS (
  SELECT r.*, r."finishedAt"::date AS day
  FROM "Release" r
  WHERE r."finishedAt" >= $2::date AND r."finishedAt" < $3::date + 1 AND ($1::int IS NULL OR r."pipelineId" = $1::int)
),
counts AS (
  SELECT "pipelineId", day,
    count(*) FILTER (WHERE kind <> 'rollback' AND state = 'succeeded')::int AS deploys,
    count(*) FILTER (WHERE kind <> 'rollback' AND state = 'failed')::int AS failed,
    count(*) FILTER (WHERE kind = 'rollback')::int AS rollbacks
  FROM release_rows
  GROUP BY 1, 2
),
carriers AS (
  SELECT r."pipelineId", b.branch, b."createdAt" AS built_at, r."finishedAt" AS live_at
  FROM release_rows r JOIN "Build" b ON b.id = r."buildId"
  WHERE r.kind <> 'rollback' AND r.state = 'succeeded'
),
-- Per pipeline and branch: the newest build carried in the range, and the
-- newest one already live before it (builds in between go live in the range).
branches AS (
  SELECT c."pipelineId", c.branch, max(c.built_at) AS newest_built_at, (
    SELECT b."createdAt" FROM "Build" b
    WHERE b."pipelineId" = c."pipelineId" AND b.branch = c.branch AND b."createdAt" < $2::date
      AND EXISTS (
        SELECT 1 FROM "Release" r
        WHERE r."buildId" = b.id AND r.kind <> 'rollback' AND r.state = 'succeeded' AND r."finishedAt" < $2::date
      )
    ORDER BY b."createdAt" DESC
    LIMIT 1
  ) AS live_before_built_at
  FROM carriers c
  GROUP BY 1, 2
),
-- A build goes live with the earliest-finishing carrier whose build is at least as new.
went_live AS (
  SELECT s.*, min(s.live_at) OVER (
    PARTITION BY s."pipelineId", s.branch ORDER BY s.built_at DESC, s.live_at IS NULL ROWS UNBOUNDED PRECEDING
  ) AS first_live_at
  FROM (
    SELECT "pipelineId", branch, built_at, live_at, NULL AS "commitSha", NULL::timestamp AS committed_at FROM carriers
    UNION ALL
    SELECT l."pipelineId", l.branch, b."createdAt", NULL, b."commitSha", coalesce(b."committedAt", b."createdAt")
    FROM branches l CROSS JOIN LATERAL (
      -- OFFSET 0 keeps this an index range scan per branch: flattened into a join,
      -- the planner cannot see how narrow the range is and hashes all builds.
      SELECT * FROM "Build" b
      WHERE b."pipelineId" = l."pipelineId" AND b.branch = l.branch
        AND b."createdAt" > coalesce(l.live_before_built_at, '-infinity') AND b."createdAt" <= l.newest_built_at
      OFFSET 0
    ) b
  ) s
),
samples AS (
  SELECT b."pipelineId", b."finishedAt"::date AS day, 'build' AS metric, b."startedAt" AS started_at, b."finishedAt" AS finished_at
  FROM "Build" b
  WHERE b."finishedAt" >= $2::date AND b."finishedAt" < $3::date + 1 AND ($1::int IS NULL OR b."pipelineId" = $1::int)
  UNION ALL
  SELECT "pipelineId", day, CASE WHEN kind = 'rollback' THEN 'rollback' ELSE 'deploy' END, "startedAt", "finishedAt"
  FROM release_rows WHERE state = 'succeeded'
  UNION ALL
  SELECT r."pipelineId", r.day, 'restore',
    CASE WHEN bad.state = 'superseded' THEN bad."startedAt" ELSE coalesce(bad."finishedAt", bad."startedAt") END, r."finishedAt"
  FROM release_rows r JOIN "Release" bad ON bad.id = r."replacedReleaseId"
  WHERE r.kind = 'rollback' AND r.state = 'succeeded'
  UNION ALL
  SELECT "pipelineId", first_live_at::date, 'leadTime', min(committed_at), min(first_live_at)
  FROM went_live WHERE live_at IS NULL AND first_live_at IS NOT NULL
  GROUP BY "pipelineId", first_live_at::date, "commitSha"
),
durations AS (
  SELECT "pipelineId", day, metric, greatest(0, extract(epoch FROM finished_at - started_at) * 1000)::float8 AS ms
  FROM samples WHERE started_at IS NOT NULL
),
bucketed AS (
  SELECT "pipelineId", day, metric, floor(ln(greatest(ms, 1)) / $4::float8)::int AS bucket, count(*)::int AS n
  FROM durations GROUP BY 1, 2, 3, 4
),
-- Dense histograms (see histogram.ts): [first bucket, counts from it to the last one, zeros included],
-- written as json text: each count preceded by the zeros of the empty buckets before it.
histograms AS (
  SELECT "pipelineId", day, metric,
    '[' || min(bucket) || ',' || string_agg(repeat('0,', gap) || n, ',' ORDER BY bucket) || ']' AS hist
  FROM (
    SELECT *, coalesce(bucket - lag(bucket) OVER (PARTITION BY "pipelineId", day, metric ORDER BY bucket) - 1, 0) AS gap
    FROM bucketed
  ) b
  GROUP BY 1, 2, 3
),
per_metric AS (
  SELECT p."pipelineId", p.day, p.metric, p.p75, h.hist
  FROM (
    SELECT "pipelineId", day, metric, percentile_cont(0.75) WITHIN GROUP (ORDER BY ms) AS p75
    FROM durations GROUP BY 1, 2, 3
  ) p JOIN histograms h USING ("pipelineId", day, metric)
),
-- One row per pipeline and day, each metric's P75 and histogram in columns of their own.
pivoted AS (
  SELECT "pipelineId", day,
    ${METRICS.map((m) => `min(p75) FILTER (WHERE metric = '${m}') AS "p75_${m}", min(hist) FILTER (WHERE metric = '${m}') AS "hist_${m}"`).join(",\n    ")}
  FROM per_metric GROUP BY 1, 2
),
-- The histograms' text goes into the json columns as it is (json keeps it verbatim).
computed AS (
  SELECT coalesce(c."pipelineId", p."pipelineId") AS "pipelineId", coalesce(c.day, p.day) AS day,
    coalesce(c.deploys, 0), coalesce(c.failed, 0), coalesce(c.rollbacks, 0),
    ${METRICS.map((m) => `${clampedInt(`p."p75_${m}"`)}, coalesce(p."hist_${m}", '[]')::json`).join(",\n    ")}
  FROM counts c FULL JOIN pivoted p ON p."pipelineId" = c."pipelineId" AND p.day = c.day
),
upserted AS (
  INSERT INTO "DailyStat" ("pipelineId", day, ${statColumns.join(", ")})
  SELECT * FROM computed
  ON CONFLICT ("pipelineId", day) DO UPDATE SET ${statColumns.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}
  RETURNING "pipelineId", day
)
DELETE FROM "DailyStat" s
WHERE s.day >= $2::date AND s.day <= $3::date AND ($1::int IS NULL OR s."pipelineId" = $1::int)
  AND NOT EXISTS (SELECT 1 FROM upserted u WHERE u."pipelineId" = s."pipelineId" AND u.day = s.day)
`;

/**
 * Writes the DailyStatAll rows of the UTC days $1..$2 (inclusive,
 * 'YYYY-MM-DD'): upserts the rows of $3, a json array of
 * `{day, ...MergedStats}` (summary.ts), and deletes the range's rows whose
 * day is not among them. Histograms go into their json columns verbatim; a
 * P75 over the Int columns' maximum (lead times) is stored as that maximum.
 */
export const ROLLUP_ALL_SQL = `
WITH merged AS (
  SELECT * FROM json_to_recordset($3::json) AS m(
    day date, deploys int, failed int, rollbacks int, ${METRICS.map((m) => `"${p75Key(m)}" float8, "${histKey(m)}" json`).join(", ")}
  )
),
upserted AS (
  INSERT INTO "DailyStatAll" (day, ${statColumns.join(", ")})
  SELECT day, deploys, failed, rollbacks, ${METRICS.map((m) => `${clampedInt(`"${p75Key(m)}"`)}, "${histKey(m)}"`).join(", ")}
  FROM merged
  ON CONFLICT (day) DO UPDATE SET ${statColumns.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}
  RETURNING day
)
DELETE FROM "DailyStatAll" a
WHERE a.day >= $1::date AND a.day <= $2::date AND NOT EXISTS (SELECT 1 FROM upserted u WHERE u.day = a.day)
`;
