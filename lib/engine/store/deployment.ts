// The facts of rule 1 for many pipelines in a few queries: each pipeline's
// candidate builds (see loadCandidates; whether each failed to deploy or was
// rolled back from, and where its commit is upstream), its current and its
// active release, its freezes.
import { Prisma, type Pipeline } from "../../generated/prisma/client";
import type { db } from "../../db";
import type { CandidateBuild, DeploymentFacts } from "../decide/continuous";
import type { Freeze } from "../decide/freezes";
import type { CommitUpstream, Upstream } from "../decide/upstream";
import type { DeployWindow } from "../decide/windows";
import type { BuildState, ReleaseKind, ReleaseState, StepKind } from "../decide/facts";
import { pipelineFacts } from "./load";
import type { Tx } from "./transaction";

type Row = Pipeline & {
  currentNumber: number | null;
  currentBuildId: number | null;
  currentBuildNumber: number | null;
  currentSha: string | null;
  currentBranch: string | null;
  currentBuildState: BuildState | null;
  currentCreatedAt: Date | null;
  activeId: number | null;
  activeNumber: number | null;
  activeKind: ReleaseKind | null;
  activeState: ReleaseState | null;
  activeBuildId: number | null;
  activeBuildNumber: number | null;
  activeSha: string | null;
  activeCreatedAt: Date | null;
  activeAdvancedAt: Date | null;
  waitingStep: string | null;
  waitingSince: Date | null;
  stepKind: StepKind | null;
  stepName: string | null;
  upLiveHereRolledBackIn: number | null;
};

type CandidateRow = Omit<CandidateBuild, "heldBy"> & {
  heldId: number | null;
  heldNumber: number | null;
  heldState: BuildState | null;
  heldWorkflow: string | null;
};

function toCandidate({ heldId, heldNumber, heldState, heldWorkflow, ...build }: CandidateRow): CandidateBuild {
  const heldBy = heldId === null ? null : { id: heldId, number: heldNumber, commitSha: build.commitSha, state: heldState!, workflow: heldWorkflow };
  return { ...build, heldBy };
}

type Candidates = { builds: CandidateBuild[]; upstream: Record<string, CommitUpstream> };

function toFacts(row: Row, { builds, upstream: byCommit }: Candidates, freezes: Freeze[]): DeploymentFacts {
  const current =
    row.currentNumber === null
      ? null
      : {
          number: row.currentNumber,
          build: {
            id: row.currentBuildId!, pipelineId: row.id, number: row.currentBuildNumber, commitSha: row.currentSha!,
            branch: row.currentBranch!, state: row.currentBuildState!, createdAt: row.currentCreatedAt!,
          },
        };
  const active =
    row.activeNumber === null
      ? null
      : {
          id: row.activeId!, number: row.activeNumber, kind: row.activeKind!, state: row.activeState!,
          build: { id: row.activeBuildId!, number: row.activeBuildNumber, commitSha: row.activeSha! },
          runningStep: row.stepKind === null ? null : { kind: row.stepKind, name: row.stepName! },
          createdAt: row.activeCreatedAt!,
          advancedAt: row.activeAdvancedAt,
          waitingRun: row.waitingStep === null ? null : { step: row.waitingStep, since: row.waitingSince! },
        };
  // Validated on the way in (lib/engine/guardrails.ts).
  const windows = row.windows as DeployWindow[];
  const chain = row.upstream as Upstream | null;
  const upstream = chain && { ...chain, byCommit, liveHereRolledBackIn: row.upLiveHereRolledBackIn };
  return { pipeline: pipelineFacts(row), builds, current, active, windows, freezes, upstream };
}

/** The upstream pipeline `up`'s newest rollback from a release of this commit. */
const rolledBackUpstream = (sha: Prisma.Sql) => Prisma.sql`
  (SELECT max(rb.number) FROM "Build" ub JOIN "Release" x ON x."buildId" = ub.id
    JOIN "Release" rb ON rb."replacedReleaseId" = x.id AND rb.kind = 'rollback'
    WHERE ub."pipelineId" = up.id AND ub."commitSha" = ${sha})`;

/*
 * Each pipeline's newest passed build on its branch and, when a build of its
 * commit has not passed (rule 1's amendment), the newest passed build since the
 * current release whose commit is all green. "Held by" names the build of the
 * same commit that holds it back, a failed one first. Both lookups are index
 * scans: Build(pipelineId, branch, state, createdAt) and Build(pipelineId, commitSha).
 * With `buildId`, that build of the pipeline instead (what a promote of it meets).
 * With an upstream pipeline: when each candidate's commit first went live
 * there, and whether it was rolled back from there.
 */
async function loadCandidates(client: Tx | typeof db, pipelineIds: number[], buildId?: number): Promise<Map<number, Candidates>> {
  const pick = buildId === undefined
    ? Prisma.sql`
      (SELECT b.* FROM "Build" b
        WHERE b."pipelineId" = p.id AND b.branch = p.branch AND b.state = 'passed'
        ORDER BY b."createdAt" DESC, b.number DESC NULLS LAST, b.id DESC LIMIT 1)
      UNION
      (SELECT b.* FROM "Build" b
        WHERE b."pipelineId" = p.id AND b.branch = p.branch AND b.state = 'passed'
          AND b."createdAt" >= COALESCE((SELECT cb."createdAt" FROM "Release" r JOIN "Build" cb ON cb.id = r."buildId" WHERE r.id = p."currentReleaseId"), '-infinity')
          AND NOT EXISTS (SELECT 1 FROM "Build" o WHERE o."pipelineId" = b."pipelineId" AND o."commitSha" = b."commitSha" AND o.state <> 'passed')
        ORDER BY b."createdAt" DESC, b.number DESC NULLS LAST, b.id DESC LIMIT 1)`
    : Prisma.sql`SELECT b.* FROM "Build" b WHERE b.id = ${buildId} AND b."pipelineId" = p.id`;
  const rows = await client.$queryRaw<(CandidateRow & { upLiveSince: Date | null; upRolledBackIn: number | null })[]>`
    SELECT c.id, c."pipelineId", c.number, c."commitSha", c.branch, c.state, c."createdAt",
      (SELECT min(r."finishedAt") FROM "Build" ub JOIN "Release" r ON r."buildId" = ub.id AND r.state = 'succeeded'
        WHERE ub."pipelineId" = up.id AND ub."commitSha" = c."commitSha") AS "upLiveSince",
      ${rolledBackUpstream(Prisma.sql`c."commitSha"`)} AS "upRolledBackIn",
      (SELECT max(f.number) FROM "Release" f
        WHERE f."buildId" = c.id AND f.kind IN ('deploy', 'promote') AND f.state = 'failed') AS "failedIn",
      (SELECT max(rb.number) FROM "Release" x JOIN "Release" rb ON rb."replacedReleaseId" = x.id AND rb.kind = 'rollback'
        WHERE x."buildId" = c.id) AS "rolledBackBy",
      h.id AS "heldId", h.number AS "heldNumber", h.state AS "heldState", h.workflow AS "heldWorkflow"
    FROM "Pipeline" p
    LEFT JOIN "Pipeline" up ON up.slug = p.upstream->>'slug'
    CROSS JOIN LATERAL (${pick}
    ) c
    LEFT JOIN LATERAL (
      SELECT o.id, o.number, o.state, o.workflow FROM "Build" o
      WHERE o."pipelineId" = c."pipelineId" AND o."commitSha" = c."commitSha" AND o.state <> 'passed'
      ORDER BY CASE o.state WHEN 'failed' THEN 0 WHEN 'canceled' THEN 1 ELSE 2 END, o."createdAt", o.id LIMIT 1
    ) h ON true
    WHERE p.id = ANY(${pipelineIds})`;
  const byPipeline = new Map<number, Candidates>();
  for (const { upLiveSince, upRolledBackIn, ...row } of rows) {
    const candidates = byPipeline.get(row.pipelineId) ?? { builds: [], upstream: {} };
    candidates.builds.push(toCandidate(row));
    candidates.upstream[row.commitSha] = { liveSince: upLiveSince, rolledBackIn: upRolledBackIn };
    byPipeline.set(row.pipelineId, candidates);
  }
  return byPipeline;
}

/** Freezes of the pipelines that have not ended at `now`, by pipeline. */
async function loadFreezes(client: Tx | typeof db, pipelineIds: number[], now: Date): Promise<Map<number, Freeze[]>> {
  const rows = await client.freeze.findMany({
    where: { pipelineId: { in: pipelineIds }, to: { gt: now } },
    select: { id: true, pipelineId: true, from: true, to: true, reason: true, by: true },
  });
  const byPipeline = new Map<number, Freeze[]>();
  for (const { pipelineId, ...freeze } of rows) byPipeline.set(pipelineId, [...(byPipeline.get(pipelineId) ?? []), freeze]);
  return byPipeline;
}

/** `candidate`: that build of the pipeline in place of the candidates CD would consider (what a promote of it meets). */
export async function loadDeploymentFacts(
  client: Tx | typeof db,
  pipelineIds: number[],
  now: Date,
  candidate?: { buildId: number },
): Promise<Map<number, DeploymentFacts>> {
  if (pipelineIds.length === 0) return new Map();
  const rows = await client.$queryRaw<Row[]>`
    SELECT p.*,
      c.number AS "currentNumber", cb.id AS "currentBuildId", cb.number AS "currentBuildNumber", cb."commitSha" AS "currentSha",
      cb.branch AS "currentBranch", cb.state AS "currentBuildState", cb."createdAt" AS "currentCreatedAt",
      a.id AS "activeId", a.number AS "activeNumber", a.kind AS "activeKind", a.state AS "activeState",
      ab.id AS "activeBuildId", ab.number AS "activeBuildNumber", ab."commitSha" AS "activeSha",
      s.kind AS "stepKind", s.name AS "stepName",
      a."createdAt" AS "activeCreatedAt", a."advancedAt" AS "activeAdvancedAt",
      w.name AS "waitingStep", w.since AS "waitingSince",
      ${rolledBackUpstream(Prisma.sql`cb."commitSha"`)} AS "upLiveHereRolledBackIn"
    FROM "Pipeline" p
    LEFT JOIN "Pipeline" up ON up.slug = p.upstream->>'slug'
    LEFT JOIN "Release" c ON c.id = p."currentReleaseId"
    LEFT JOIN "Build" cb ON cb.id = c."buildId"
    LEFT JOIN "Release" a ON a."pipelineId" = p.id AND a.state IN ('pending', 'running')
    LEFT JOIN "Build" ab ON ab.id = a."buildId"
    LEFT JOIN LATERAL (
      SELECT st.kind, st.name FROM "ReleaseStep" st
      WHERE st."releaseId" = a.id AND st.state = 'running' ORDER BY st.position DESC LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
      -- A run no worker took: since it was due (a webhook's next delivery is due at its leaseUntil).
      SELECT st.name, coalesce(r."leaseUntil", r."createdAt") AS since FROM "StepRun" r JOIN "ReleaseStep" st ON st.id = r."stepId"
      WHERE r."releaseId" = a.id AND r.state = 'pending' ORDER BY 2 LIMIT 1
    ) w ON true
    WHERE p.id = ANY(${pipelineIds})`;
  const candidates = await loadCandidates(client, pipelineIds, candidate?.buildId);
  const freezes = await loadFreezes(client, pipelineIds, now);
  return new Map(rows.map((row) => [row.id, toFacts(row, candidates.get(row.id) ?? { builds: [], upstream: {} }, freezes.get(row.id) ?? [])]));
}
