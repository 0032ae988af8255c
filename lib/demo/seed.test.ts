import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { withOwnDatabase } from "@/test/own-database";
import { planHistory } from "./history";
import { DEMO_PIPELINES, DEMO_SLUGS } from "./pipelines";
import { seedDemo } from "./seed";
import { DEMO_SEED_NOW } from "./test-clock";
import { DAY, sqlTimestamp } from "./time";

// The demo's pipelines have fixed names: seeded where no other file's tick can move them.
withOwnDatabase();

/** DEMO_SEED_NOW as a `timestamp` parameter. */
const SEED_NOW = sqlTimestamp(DEMO_SEED_NOW.getTime());

async function rows<T>(sql: string, params: unknown[] = [DEMO_SLUGS]): Promise<T[]> {
  return (await pool().query(sql, params)).rows as T[];
}

// Every table the seed writes, counted on the demo pipelines.
const COUNTS = `
SELECT (SELECT count(*) FROM "Pipeline" WHERE slug = ANY($1))::int AS pipelines,
       (SELECT count(*) FROM "Build" b JOIN "Pipeline" p ON p.id = b."pipelineId" WHERE p.slug = ANY($1))::int AS builds,
       (SELECT count(*) FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId" WHERE p.slug = ANY($1))::int AS releases,
       (SELECT count(*) FROM "ReleaseStep" s JOIN "Release" r ON r.id = s."releaseId" JOIN "Pipeline" p ON p.id = r."pipelineId" WHERE p.slug = ANY($1))::int AS steps,
       (SELECT count(*) FROM "Host" h JOIN "Pipeline" p ON p.id = h."pipelineId" WHERE p.slug = ANY($1))::int AS hosts,
       (SELECT count(*) FROM "AuditEvent" a JOIN "Pipeline" p ON p.id = a."pipelineId" WHERE p.slug = ANY($1))::int AS audits`;

const SUCCEEDED_DEPLOYS_PER_DAY = `
SELECT p.slug, to_char(r."finishedAt", 'YYYY-MM-DD') AS day, count(*)::int AS deploys
FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId"
WHERE p.slug = ANY($1) AND r.kind = 'deploy' AND r.state = 'succeeded'
GROUP BY 1, 2`;

beforeAll(async () => {
  await seedDemo({ now: DEMO_SEED_NOW, log: (line) => console.log(line) });
}, 120_000);

describe("seedDemo", () => {
  it("creates the four demo pipelines, each with its simulated fleet healthy on the current release", async () => {
    const pipelines = await rows<{ slug: string; repository: string; branch: string; environment: string; autoDeploy: boolean; batchPercent: number; target: { hosts: number; restartSeconds: number; failPercent: number; stepTimeoutSeconds: number }; hosts: number; first: string; last: string; onCurrent: number; healthy: number; seenAgoMs: number; created: number }>(`
      SELECT p.slug, p.repository, p.branch, p.environment, p."autoDeploy", p."batchPercent", p.target,
             count(h.id)::int AS hosts, min(h.name) AS first, max(h.name) AS last,
             count(*) FILTER (WHERE h."releaseId" = p."currentReleaseId" AND h."desiredReleaseId" = p."currentReleaseId")::int AS "onCurrent",
             count(*) FILTER (WHERE h.healthy)::int AS healthy,
             max(extract(epoch FROM $2::timestamp - h."lastSeenAt") * 1000)::float8 AS "seenAgoMs",
             (SELECT count(*) FROM "AuditEvent" a WHERE a."pipelineId" = p.id AND a.action = 'pipeline.create' AND a.actor = 'demo-seed')::int AS created
      FROM "Pipeline" p JOIN "Host" h ON h."pipelineId" = p.id
      WHERE p.slug = ANY($1) GROUP BY p.id ORDER BY p.slug`, [DEMO_SLUGS, SEED_NOW]);
    expect(pipelines.map((p) => [p.slug, p.repository, p.hosts, p.first, p.last])).toEqual([
      ["api", "acme/api", 120, "api-001", "api-120"],
      ["frontend", "acme/frontend", 60, "frontend-001", "frontend-060"],
      ["jobs", "acme/jobs", 24, "jobs-001", "jobs-024"],
      ["web", "acme/web", 240, "web-001", "web-240"],
    ]);
    for (const p of pipelines) {
      expect(p).toMatchObject({ branch: "main", environment: "production", autoDeploy: true, batchPercent: 25, onCurrent: p.hosts, healthy: p.hosts, created: 1 });
      expect(p.target).toMatchObject({ kind: "simulated", hosts: p.hosts, failPercent: 0, stepTimeoutSeconds: 600 });
      expect(p.target.restartSeconds).toBeGreaterThanOrEqual(20);
      expect(p.target.restartSeconds).toBeLessThanOrEqual(45);
      expect(p.seenAgoMs).toBeLessThan(10_000);
    }
  });

  it("gives web and api 20–40 succeeded deploys on every full weekday and far fewer at weekends", async () => {
    const counts = await rows<{ slug: string; day: string; deploys: number }>(SUCCEEDED_DEPLOYS_PER_DAY);
    const firstFull = new Date(DEMO_SEED_NOW.getTime() - 89 * DAY).toISOString().slice(0, 10);
    const lastFull = new Date(DEMO_SEED_NOW.getTime() - DAY).toISOString().slice(0, 10);
    for (const slug of ["web", "api"]) {
      const full = counts.filter((c) => c.slug === slug && c.day >= firstFull && c.day <= lastFull);
      const isWeekend = (day: string) => [0, 6].includes(new Date(day).getUTCDay());
      const weekdays = full.filter((c) => !isWeekend(c.day)).map((c) => c.deploys);
      const weekends = full.filter((c) => isWeekend(c.day)).map((c) => c.deploys);
      expect(weekdays.length).toBeGreaterThanOrEqual(60);
      expect(Math.min(...weekdays)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...weekdays)).toBeLessThanOrEqual(40);
      expect(Math.max(...weekends)).toBeLessThan(20);
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(weekends)).toBeLessThan(mean(weekdays) / 2);
    }
  });

  it("shapes durations like the reference team: deploy P75 9–13 min, build P75 about 6 min, rollbacks about 2 min", async () => {
    const p75s = await rows<{ slug: string; deploy: number; build: number; rollback: number }>(`
      SELECT p.slug,
        (SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM r."finishedAt" - r."startedAt"))
           FROM "Release" r WHERE r."pipelineId" = p.id AND r.kind = 'deploy' AND r.state = 'succeeded') / 60 AS deploy,
        (SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM b."finishedAt" - b."createdAt"))
           FROM "Build" b WHERE b."pipelineId" = p.id AND b.state = 'passed') / 60 AS build,
        (SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM r."finishedAt" - r."startedAt"))
           FROM "Release" r WHERE r."pipelineId" = p.id AND r.kind = 'rollback') / 60 AS rollback
      FROM "Pipeline" p WHERE p.slug = ANY($1)`);
    expect(p75s).toHaveLength(4);
    for (const p of p75s) {
      expect(p.deploy, p.slug).toBeGreaterThanOrEqual(9);
      expect(p.deploy, p.slug).toBeLessThanOrEqual(13);
      expect(p.build, p.slug).toBeGreaterThanOrEqual(5);
      expect(p.build, p.slug).toBeLessThanOrEqual(7);
      expect(p.rollback, p.slug).toBeLessThanOrEqual(3);
    }
  });

  it("fails 3–8% of deploys, each in a batch that did not converge and with a release.failed audit event", async () => {
    const [share] = await rows<{ failed: number; deploys: number; failedBatches: number; audited: number }>(`
      SELECT count(*) FILTER (WHERE r.state = 'failed')::int AS failed, count(*)::int AS deploys,
             count(*) FILTER (WHERE r.state = 'failed' AND EXISTS (
               SELECT 1 FROM "ReleaseStep" s WHERE s."releaseId" = r.id AND s.kind = 'batch' AND s.state = 'failed'))::int AS "failedBatches",
             count(*) FILTER (WHERE r.state = 'failed' AND EXISTS (
               SELECT 1 FROM "AuditEvent" a WHERE a."releaseId" = r.id AND a.action = 'release.failed'))::int AS audited
      FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId"
      WHERE p.slug = ANY($1) AND r.kind = 'deploy'`);
    expect(share!.failed / share!.deploys).toBeGreaterThanOrEqual(0.03);
    expect(share!.failed / share!.deploys).toBeLessThanOrEqual(0.08);
    expect(share!.failedBatches).toBe(share!.failed);
    expect(share!.audited).toBe(share!.failed);
  });

  it("records steps on every release: three checks then batches of hosts; rollbacks skip the checks and use two batches", async () => {
    const shapes = await rows<{ kind: string; state: string; checks: string; batches: string; releases: number }>(`
      SELECT r.kind, r.state,
             string_agg(s.name || ':' || s.state, ',' ORDER BY s.position) FILTER (WHERE s.kind = 'check') AS checks,
             count(*) FILTER (WHERE s.kind = 'batch')::text AS batches, count(DISTINCT r.id)::int AS releases
      FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId" LEFT JOIN "ReleaseStep" s ON s."releaseId" = r.id
      WHERE p.slug = ANY($1) GROUP BY r.id, r.kind, r.state`);
    const checks = "Test suite rerun:STATE,Staging smoke:STATE,Pre-production smoke:STATE";
    for (const release of shapes) {
      if (release.kind === "rollback") {
        expect(release).toMatchObject({ checks: checks.replaceAll("STATE", "skipped"), batches: "2" });
      } else {
        expect(release).toMatchObject({ checks: checks.replaceAll("STATE", "succeeded"), batches: "4" });
      }
    }
    const [hosts] = await rows<{ missing: number; wrong: number }>(`
      SELECT count(*) FILTER (WHERE cardinality(s.hosts) = 0)::int AS missing,
             count(*) FILTER (WHERE NOT s.hosts[1] LIKE p.slug || '-%')::int AS wrong
      FROM "ReleaseStep" s JOIN "Release" r ON r.id = s."releaseId" JOIN "Pipeline" p ON p.id = r."pipelineId"
      WHERE p.slug = ANY($1) AND s.kind = 'batch'`);
    expect(hosts).toEqual({ missing: 0, wrong: 0 });
  });

  it("numbers releases 1..n per pipeline and never runs two at once, ending with none active", async () => {
    const [order] = await rows<{ misnumbered: number; overlapping: number; active: number }>(`
      SELECT count(*) FILTER (WHERE number <> position)::int AS misnumbered,
             count(*) FILTER (WHERE "createdAt" < previous_finish)::int AS overlapping,
             count(*) FILTER (WHERE state IN ('pending', 'running'))::int AS active
      FROM (SELECT r.number, r.state, r."createdAt",
                   row_number() OVER (PARTITION BY r."pipelineId" ORDER BY r."createdAt") AS position,
                   lag(r."finishedAt") OVER (PARTITION BY r."pipelineId" ORDER BY r."createdAt") AS previous_finish
            FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId" WHERE p.slug = ANY($1)) ordered`);
    expect(order).toEqual({ misnumbered: 0, overlapping: 0, active: 0 });
  });

  it("leaves each pipeline's newest succeeded release current, running its newest passed build", async () => {
    const current = await rows<{ slug: string; isNewestSucceeded: boolean; runsNewestPassed: boolean }>(`
      SELECT p.slug,
             p."currentReleaseId" = (SELECT id FROM "Release" WHERE "pipelineId" = p.id AND state = 'succeeded' ORDER BY number DESC LIMIT 1) AS "isNewestSucceeded",
             c."buildId" = (SELECT id FROM "Build" WHERE "pipelineId" = p.id AND state = 'passed' AND "createdAt" <= $2::timestamp
                            ORDER BY "createdAt" DESC LIMIT 1) AS "runsNewestPassed"
      FROM "Pipeline" p JOIN "Release" c ON c.id = p."currentReleaseId" WHERE p.slug = ANY($1)`, [DEMO_SLUGS, SEED_NOW]);
    expect(current).toHaveLength(4);
    for (const row of current) expect(row).toMatchObject({ isNewestSucceeded: true, runsNewestPassed: true });
  });

  it("deploys like CD: more builds than releases, ~8% failing CI, each deploy taking a newer passed build and replacing the current release", async () => {
    const [builds] = await rows<{ builds: number; failed: number; deploys: number }>(`
      SELECT count(*)::int AS builds, count(*) FILTER (WHERE b.state = 'failed')::int AS failed,
             (SELECT count(*) FROM "Release" r JOIN "Pipeline" q ON q.id = r."pipelineId" WHERE q.slug = ANY($1) AND r.kind = 'deploy')::int AS deploys
      FROM "Build" b JOIN "Pipeline" p ON p.id = b."pipelineId" WHERE p.slug = ANY($1)`);
    expect(builds!.builds).toBeGreaterThan(builds!.deploys * 1.15);
    expect(builds!.failed / builds!.builds).toBeGreaterThan(0.05);
    expect(builds!.failed / builds!.builds).toBeLessThan(0.11);
    // The current release before each deploy: the newest succeeded release (of any kind) numbered before it.
    const [deploys] = await rows<{ notPassed: number; notNewer: number; wrongReplaced: number }>(`
      WITH ordered AS (
        SELECT r.*, max(r.number) FILTER (WHERE r.state = 'succeeded')
                      OVER (PARTITION BY r."pipelineId" ORDER BY r.number ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS current_number
        FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId" WHERE p.slug = ANY($1)
      ), deploys AS (
        SELECT o."replacedReleaseId", c.id AS current_id, b.state AS build_state, b."createdAt" AS build_created,
               lag(b."createdAt") OVER (PARTITION BY o."pipelineId" ORDER BY o.number) AS previous_build_created
        FROM ordered o JOIN "Build" b ON b.id = o."buildId"
        LEFT JOIN "Release" c ON c."pipelineId" = o."pipelineId" AND c.number = o.current_number
        WHERE o.kind = 'deploy'
      )
      SELECT count(*) FILTER (WHERE build_state <> 'passed')::int AS "notPassed",
             count(*) FILTER (WHERE build_created <= previous_build_created)::int AS "notNewer",
             count(*) FILTER (WHERE "replacedReleaseId" IS DISTINCT FROM current_id)::int AS "wrongReplaced"
      FROM deploys`);
    expect(deploys).toEqual({ notPassed: 0, notNewer: 0, wrongReplaced: 0 });
  });

  it("rolls back a couple of times per pipeline a month to the release before the bad one, then unlocks and deploys a revert", async () => {
    const rollbacks = await rows<{ slug: string; rollbacks: number; wrongTarget: number; unlocked: number; reverted: number }>(`
      SELECT p.slug, count(*)::int AS rollbacks,
             count(*) FILTER (WHERE r."buildId" <> target."buildId")::int AS "wrongTarget",
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."pipelineId" = p.id AND a.action = 'unlock'
                                            AND a.at > r."finishedAt" AND a.at < next."createdAt"))::int AS unlocked,
             count(*) FILTER (WHERE nb.message LIKE 'Revert "%')::int AS reverted
      FROM "Release" r JOIN "Pipeline" p ON p.id = r."pipelineId"
      JOIN "Release" bad ON bad.id = r."replacedReleaseId" JOIN "Release" target ON target.id = bad."replacedReleaseId"
      JOIN "Release" next ON next."pipelineId" = r."pipelineId" AND next.number = r.number + 1 JOIN "Build" nb ON nb.id = next."buildId"
      WHERE p.slug = ANY($1) AND r.kind = 'rollback' GROUP BY p.slug`);
    expect(rollbacks).toHaveLength(4);
    for (const row of rollbacks) {
      expect(row.rollbacks).toBeGreaterThanOrEqual(4);
      expect(row.rollbacks).toBeLessThanOrEqual(8);
      expect(row).toMatchObject({ wrongTarget: 0, unlocked: row.rollbacks, reverted: row.rollbacks });
    }
    const [locks] = await rows<{ manual: number; reasons: number }>(`
      SELECT count(*)::int AS manual, count(DISTINCT a.reason)::int AS reasons
      FROM "AuditEvent" a JOIN "Pipeline" p ON p.id = a."pipelineId" WHERE p.slug = ANY($1) AND a.action = 'lock'`);
    expect(locks!.manual).toBeGreaterThanOrEqual(8);
    expect(locks!.reasons).toBeGreaterThanOrEqual(4);
  });

  it("leaves jobs locked by maria.garcia for the database migration and every other pipeline unlocked", async () => {
    const locks = await rows<{ slug: string; locked: boolean; lockKind: string | null; lockedBy: string | null; lockReason: string | null }>(
      `SELECT slug, locked, "lockKind", "lockedBy", "lockReason" FROM "Pipeline" WHERE slug = ANY($1) ORDER BY slug`,
    );
    expect(locks).toEqual([
      { slug: "api", locked: false, lockKind: null, lockedBy: null, lockReason: null },
      { slug: "frontend", locked: false, lockKind: null, lockedBy: null, lockReason: null },
      { slug: "jobs", locked: true, lockKind: "manual", lockedBy: "maria.garcia", lockReason: "Holding deploys during the database migration" },
      { slug: "web", locked: false, lockKind: null, lockedBy: null, lockReason: null },
    ]);
  });

  it("gives every build a 40-hex sha, an author, a provider URL and a commit time before CI created it", async () => {
    const [builds] = await rows<{ badSha: number; noAuthor: number; badUrl: number; badCommitTime: number; github: number; nonAscii: number }>(`
      SELECT count(*) FILTER (WHERE b."commitSha" !~ '^[0-9a-f]{40}$')::int AS "badSha",
             count(*) FILTER (WHERE b.author IS NULL OR b.message IS NULL)::int AS "noAuthor",
             count(*) FILTER (WHERE b.url NOT LIKE 'https://buildkite.com/' || p.repository || '/builds/' || b.number
                                AND b.url NOT LIKE 'https://github.com/' || p.repository || '/actions/runs/%')::int AS "badUrl",
             count(*) FILTER (WHERE NOT b."committedAt" < b."createdAt")::int AS "badCommitTime",
             count(*) FILTER (WHERE b.provider = 'github')::int AS github,
             count(*) FILTER (WHERE b.message ~ '[^\\x01-\\x7f]')::int AS "nonAscii"
      FROM "Build" b JOIN "Pipeline" p ON p.id = b."pipelineId" WHERE p.slug = ANY($1)`);
    expect(builds).toMatchObject({ badSha: 0, noAuthor: 0, badUrl: 0, badCommitTime: 0 });
    expect(builds!.github).toBeGreaterThan(0);
    expect(builds!.nonAscii).toBeGreaterThan(0);
  });

  it("fills the daily rollup for the seeded days", async () => {
    const [stats] = await rows<{ days: number; deploys: number }>(`
      SELECT count(*)::int AS days, sum(d.deploys)::int AS deploys
      FROM "DailyStat" d JOIN "Pipeline" p ON p.id = d."pipelineId" WHERE p.slug = 'web'`, []);
    expect(stats!.days).toBeGreaterThanOrEqual(89);
    expect(stats!.deploys).toBeGreaterThan(1500);
  });

  it("does nothing when the demo pipelines exist already", async () => {
    const before = await rows(COUNTS);
    expect(await seedDemo({ now: new Date(DEMO_SEED_NOW.getTime() + DAY) })).toEqual({ seeded: false });
    expect(await rows(COUNTS)).toEqual(before);
  });
});

describe("planHistory", () => {
  it("plans the same history for the same now", () => {
    const now = DEMO_SEED_NOW.getTime();
    const jobs = DEMO_PIPELINES.find((p) => p.slug === "jobs")!;
    // Releases reference each other; compare what identifies them rather than the whole graph.
    const digest = (history: ReturnType<typeof planHistory>) => ({
      builds: history.builds.map((b) => [b.state, b.createdAt, b.finishedAt, b.commit]),
      releases: history.releases.map((r) => [r.number, r.kind, r.state, r.createdAt, r.finishedAt, r.build.commit.sha, r.replaced?.number, r.steps]),
      audits: history.audits.map((a) => [a.at, a.actor, a.action, a.reason, a.release?.number]),
      lock: history.lock,
    });
    expect(digest(planHistory(jobs, now))).toEqual(digest(planHistory(jobs, now)));
  });
});
