// The facts of rule 1 for many pipelines in one query: each pipeline's newest
// passed build on its branch (and whether it failed to deploy or was rolled back
// from), its current and its active release.
import { Prisma, type Pipeline } from "../../generated/prisma/client";
import type { db } from "../../db";
import type { CandidateBuild, DeploymentFacts } from "../decide/continuous";
import type { Freeze } from "../decide/freezes";
import type { Upstream } from "../decide/upstream";
import type { DeployWindow } from "../decide/windows";
import type { BuildState, ReleaseKind, ReleaseState, StepKind } from "../decide/facts";
import { pipelineFacts } from "./load";
import type { Tx } from "./transaction";

type Row = Pipeline & {
  newestId: number | null;
  newestNumber: number | null;
  newestSha: string | null;
  newestBranch: string | null;
  newestState: BuildState | null;
  newestCreatedAt: Date | null;
  failedIn: number | null;
  rolledBackBy: number | null;
  currentNumber: number | null;
  currentBuildId: number | null;
  currentBuildNumber: number | null;
  currentSha: string | null;
  currentBranch: string | null;
  currentBuildState: BuildState | null;
  currentCreatedAt: Date | null;
  activeNumber: number | null;
  activeKind: ReleaseKind | null;
  activeState: ReleaseState | null;
  activeBuildId: number | null;
  activeBuildNumber: number | null;
  activeSha: string | null;
  stepKind: StepKind | null;
  stepName: string | null;
  upLiveSince: Date | null;
  upRolledBackIn: number | null;
  upLiveHereRolledBackIn: number | null;
};

function toFacts(row: Row, freezes: Freeze[]): DeploymentFacts {
  const newest: CandidateBuild[] =
    row.newestId === null
      ? []
      : [{
          id: row.newestId, pipelineId: row.id, number: row.newestNumber, commitSha: row.newestSha!, branch: row.newestBranch!,
          state: row.newestState!, createdAt: row.newestCreatedAt!, failedIn: row.failedIn, rolledBackBy: row.rolledBackBy,
        }];
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
          number: row.activeNumber, kind: row.activeKind!, state: row.activeState!,
          build: { id: row.activeBuildId!, number: row.activeBuildNumber, commitSha: row.activeSha! },
          runningStep: row.stepKind === null ? null : { kind: row.stepKind, name: row.stepName! },
        };
  // Validated on the way in (lib/engine/guardrails.ts).
  const windows = row.windows as DeployWindow[];
  const chain = row.upstream as Upstream | null;
  const upstream = chain && {
    ...chain, liveSince: row.upLiveSince, rolledBackIn: row.upRolledBackIn, liveHereRolledBackIn: row.upLiveHereRolledBackIn,
  };
  return { pipeline: pipelineFacts(row), builds: newest, current, active, windows, freezes, upstream };
}

/** The number of the upstream pipeline's newest rollback from a release of this commit. */
const rolledBackUpstream = (sha: Prisma.Sql) => Prisma.sql`
  (SELECT max(rb.number) FROM "Build" ub JOIN "Release" x ON x."buildId" = ub.id
    JOIN "Release" rb ON rb."replacedReleaseId" = x.id AND rb.kind = 'rollback'
    WHERE ub."pipelineId" = up.id AND ub."commitSha" = ${sha})`;

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

/**
 * `candidate` replaces the newest passed build by that build of the pipeline
 * (what a promote of it would meet); its facts are in `builds` when it exists.
 */
export async function loadDeploymentFacts(
  client: Tx | typeof db,
  pipelineIds: number[],
  now: Date,
  candidate?: { buildId: number },
): Promise<Map<number, DeploymentFacts>> {
  if (pipelineIds.length === 0) return new Map();
  const pick = candidate
    ? Prisma.sql`SELECT b.* FROM "Build" b WHERE b.id = ${candidate.buildId} AND b."pipelineId" = p.id`
    : Prisma.sql`SELECT b.* FROM "Build" b
      WHERE b."pipelineId" = p.id AND b.branch = p.branch AND b.state = 'passed'
      ORDER BY b."createdAt" DESC, b.number DESC NULLS LAST, b.id DESC LIMIT 1`;
  const freezes = await loadFreezes(client, pipelineIds, now);
  const rows = await client.$queryRaw<Row[]>`
    SELECT p.*,
      n.id AS "newestId", n.number AS "newestNumber", n."commitSha" AS "newestSha", n.branch AS "newestBranch",
      n.state AS "newestState", n."createdAt" AS "newestCreatedAt",
      (SELECT max(f.number) FROM "Release" f
        WHERE f."buildId" = n.id AND f.kind IN ('deploy', 'promote') AND f.state = 'failed') AS "failedIn",
      (SELECT max(rb.number) FROM "Release" x JOIN "Release" rb ON rb."replacedReleaseId" = x.id AND rb.kind = 'rollback'
        WHERE x."buildId" = n.id) AS "rolledBackBy",
      c.number AS "currentNumber", cb.id AS "currentBuildId", cb.number AS "currentBuildNumber", cb."commitSha" AS "currentSha",
      cb.branch AS "currentBranch", cb.state AS "currentBuildState", cb."createdAt" AS "currentCreatedAt",
      a.number AS "activeNumber", a.kind AS "activeKind", a.state AS "activeState",
      ab.id AS "activeBuildId", ab.number AS "activeBuildNumber", ab."commitSha" AS "activeSha",
      s.kind AS "stepKind", s.name AS "stepName",
      (SELECT min(r."finishedAt") FROM "Build" ub JOIN "Release" r ON r."buildId" = ub.id AND r.state = 'succeeded'
        WHERE ub."pipelineId" = up.id AND ub."commitSha" = n."commitSha") AS "upLiveSince",
      ${rolledBackUpstream(Prisma.sql`n."commitSha"`)} AS "upRolledBackIn",
      ${rolledBackUpstream(Prisma.sql`cb."commitSha"`)} AS "upLiveHereRolledBackIn"
    FROM "Pipeline" p
    LEFT JOIN LATERAL (${pick}) n ON true
    LEFT JOIN "Pipeline" up ON up.slug = p.upstream->>'slug'
    LEFT JOIN "Release" c ON c.id = p."currentReleaseId"
    LEFT JOIN "Build" cb ON cb.id = c."buildId"
    LEFT JOIN "Release" a ON a."pipelineId" = p.id AND a.state IN ('pending', 'running')
    LEFT JOIN "Build" ab ON ab.id = a."buildId"
    LEFT JOIN LATERAL (
      SELECT st.kind, st.name FROM "ReleaseStep" st
      WHERE st."releaseId" = a.id AND st.state = 'running' ORDER BY st.position DESC LIMIT 1
    ) s ON true
    WHERE p.id = ANY(${pipelineIds})`;
  return new Map(rows.map((row) => [row.id, toFacts(row, freezes.get(row.id) ?? [])]));
}
