import type pg from "pg";

export type MetricsDataShape = { pipelines: number; builds: number; releases: number; days: number; end: Date };

/**
 * Fills a fresh database with `shape` in set-based SQL (generate_series):
 * builds evenly spread over the days and round-robin over the pipelines,
 * every `builds / releases`-th build of a pipeline released (so CD skips the
 * ones between). Releases: ~95% deploy, ~3% promote, 2% rollback (each rolling
 * back the pipeline's previous release); ~4% failed, 1% superseded, 0.5% canceled.
 * Durations are log-uniform: builds 3–22 min, deploys 3–9 min, rollbacks 1–2 min.
 * Returns the pipelines' slugs.
 */
export async function generateMetricsData(client: pg.ClientBase, shape: MetricsDataShape): Promise<string[]> {
  const { pipelines, builds, releases } = shape;
  await client.query("SELECT setseed(0.42)");
  const { rows } = await client.query<{ id: number; slug: string }>(
    `INSERT INTO "Pipeline" (slug, name, repository, target, "updatedAt")
     SELECT 'bench-' || p, 'Bench ' || p, 'bench/app-' || p, '{"kind": "simulated", "hosts": 10}', now()
     FROM generate_series(1, $1::int) p
     RETURNING id, slug`,
    [pipelines],
  );
  const ids = rows.map((row) => row.id);
  await withoutIndexesAndForeignKeys(client, ["Build", "Release"], () => insertBuildsAndReleases(client, ids, shape));
  await client.query(`SELECT setval(pg_get_serial_sequence('"Build"', 'id'), $1::int)`, [builds]);
  await client.query(`SELECT setval(pg_get_serial_sequence('"Release"', 'id'), $1::int)`, [releases]);
  await client.query(`ANALYZE "Build"; ANALYZE "Release"`);
  return rows.map((row) => row.slug);
}

/**
 * Bulk loads run several times faster into bare tables: drop the tables'
 * secondary indexes and foreign keys, load, then recreate them from their own
 * definitions (which also re-checks every foreign key).
 */
async function withoutIndexesAndForeignKeys(client: pg.ClientBase, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ drop: string; create: string }>(
    `SELECT format('DROP INDEX %I', indexname) AS drop, indexdef AS create FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1) AND indexname NOT LIKE '%_pkey'
     UNION ALL
     SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
     FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($2)`,
    [tables, tables.map((table) => `"${table}"`)],
  );
  for (const { drop } of rows) await client.query(drop);
  await load();
  // Indexes first: the foreign-key checks use them.
  for (const { create } of rows) await client.query(create);
}

async function insertBuildsAndReleases(client: pg.ClientBase, ids: number[], shape: MetricsDataShape): Promise<void> {
  const { pipelines, builds, releases, days, end } = shape;
  const perRelease = builds / releases;
  // Build g belongs to pipeline ids[g % n]; release r to ids[r % n], releasing build
  // perRelease·r rounded to the same pipeline. Moduli prime to n spread kinds and states over all pipelines.
  await client.query(
    `INSERT INTO "Build" (id, "pipelineId", provider, "externalId", number, "commitSha", branch, state,
                         "createdAt", "startedAt", "finishedAt", "committedAt", "updatedAt")
     SELECT g, ($1::int[])[1 + g % $2::int], 'buildkite', g::text, g / $2::int, md5(g::text), 'main',
       (CASE WHEN g % 49 = 0 THEN 'canceled' WHEN g % 11 = 3 THEN 'failed' ELSE 'passed' END)::"BuildState",
       t, t + queued, t + queued + ran, CASE WHEN g % 7 <> 0 THEN t - random() * interval '2 hours' END, t + queued + ran
     FROM generate_series(1, $3::int) g,
       LATERAL (SELECT $4::timestamp - $5::int * interval '1 day' * (1 - (g - 1)::float8 / $3::int) AS t,
                       (g % 60) * interval '1 second' AS queued,
                       interval '3 minutes' * exp(random() * 2) AS ran) x`,
    [ids, pipelines, builds, end.toISOString(), days],
  );
  await client.query(
    `INSERT INTO "Release" (id, "pipelineId", number, "buildId", kind, trigger, state,
                           "createdAt", "startedAt", "finishedAt", "replacedReleaseId")
     SELECT r, b."pipelineId", (r - 1) / $1::int + 1, b.id, k.kind, 'auto', k.state,
       b."finishedAt" + interval '5 seconds', b."finishedAt" + interval '30 seconds',
       b."finishedAt" + interval '30 seconds' + CASE WHEN k.kind = 'rollback' THEN interval '1 minute' * exp(random() * 0.8)
                                                     ELSE interval '3 minutes' * exp(random() * 1.1) END,
       CASE WHEN k.kind = 'rollback' AND r > $1::int THEN r - $1::int END
     FROM generate_series(1, $2::int) r
     JOIN "Build" b ON b.id = $3::int * r - ($3::int * r) % $1::int + r % $1::int,
     LATERAL (SELECT
       (CASE WHEN r % 49 = 7 THEN 'rollback' WHEN r % 33 = 5 THEN 'promote' ELSE 'deploy' END)::"ReleaseKind" AS kind,
       (CASE WHEN r % 23 = 3 OR (r % 49 = 7 AND r % 9 = 0) THEN 'failed' WHEN r % 97 = 11 THEN 'superseded'
             WHEN r % 199 = 17 THEN 'canceled' ELSE 'succeeded' END)::"ReleaseState" AS state) k`,
    [pipelines, releases, perRelease],
  );
}
