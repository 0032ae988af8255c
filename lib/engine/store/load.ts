// Reads a pipeline's state into the plain facts the decisions take.
import type { Pipeline } from "../../generated/prisma/client";
import type { Prisma } from "../../db";
import type { BuildFacts, MovingHost, PipelineFacts, ReleaseFacts, StepFacts } from "../decide/facts";
import type { Tx } from "./transaction";

/** How many succeeded releases a rollback looks back through for its default target. */
export const ROLLBACK_WINDOW = 200;

export function pipelineFacts(row: Pipeline): PipelineFacts {
  const lock = row.locked
    ? { kind: row.lockKind ?? "manual", reason: row.lockReason ?? "", by: row.lockedBy ?? "unknown", at: row.lockedAt ?? row.updatedAt }
    : null;
  const { id, slug, branch, autoDeploy, autoRollback, batchPercent } = row;
  return { id, slug, branch, autoDeploy, autoRollback, batchPercent, lock };
}

const buildRefSelect = { id: true, number: true, commitSha: true } satisfies Prisma.BuildSelect;

const releaseSelect = {
  id: true,
  pipelineId: true,
  number: true,
  kind: true,
  state: true,
  build: { select: buildRefSelect },
  _count: { select: { replacedBy: { where: { kind: "rollback" } } } },
} satisfies Prisma.ReleaseSelect;

type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

function releaseFacts(row: ReleaseRow): ReleaseFacts {
  const { _count, ...rest } = row;
  return { ...rest, rolledBackFrom: _count.replacedBy > 0 };
}

/** Whether `id` can be a row id at all (a Postgres integer): anything else is simply not found. */
const isRowId = (id: number) => Number.isInteger(id) && id >= 1 && id <= 2_147_483_647;

export async function loadRelease(tx: Tx, id: number): Promise<ReleaseFacts | null> {
  if (!isRowId(id)) return null;
  const row = await tx.release.findUnique({ where: { id }, select: releaseSelect });
  return row && releaseFacts(row);
}

export async function loadActiveRelease(tx: Tx, pipelineId: number): Promise<ReleaseFacts | null> {
  const row = await tx.release.findFirst({ where: { pipelineId, state: { in: ["pending", "running"] } }, select: releaseSelect });
  return row && releaseFacts(row);
}

/** The pending or running release of each of the pipelines that has one. */
export async function loadActiveReleases(tx: Tx, pipelineIds: number[]): Promise<Map<number, ReleaseFacts>> {
  const rows = await tx.release.findMany({ where: { pipelineId: { in: pipelineIds }, state: { in: ["pending", "running"] } }, select: releaseSelect });
  return new Map(rows.map((row) => [row.pipelineId, releaseFacts(row)]));
}

/** Succeeded releases numbered before `before`, newest first: where a rollback's default target is. */
export async function loadRollbackHistory(tx: Tx, pipelineId: number, before: number): Promise<ReleaseFacts[]> {
  const rows = await tx.release.findMany({
    where: { pipelineId, state: "succeeded", number: { lt: before } },
    orderBy: { number: "desc" },
    take: ROLLBACK_WINDOW,
    select: releaseSelect,
  });
  return rows.map(releaseFacts);
}

export async function loadBuild(tx: Tx, id: number): Promise<BuildFacts | null> {
  if (!isRowId(id)) return null;
  return tx.build.findUnique({
    where: { id },
    select: { ...buildRefSelect, pipelineId: true, branch: true, state: true, createdAt: true },
  });
}

export function loadSteps(tx: Tx, releaseId: number): Promise<StepFacts[]> {
  return tx.releaseStep.findMany({ where: { releaseId }, orderBy: { position: "asc" } });
}

export async function loadHostNames(tx: Tx, pipelineId: number): Promise<string[]> {
  // Raw: at 10,000 hosts, findMany's mapping of each row is a visible part of a rollback's transaction.
  const hosts = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Host" WHERE "pipelineId" = ${pipelineId} ORDER BY name`;
  return hosts.map((host) => host.name);
}

/**
 * Of the named hosts: how many run the release, how many of those are healthy,
 * and how many of the rest were not seen since `seenSince` (unreachable; none without it).
 */
export async function countBatch(tx: Tx, pipelineId: number, releaseId: number, hosts: string[], seenSince: Date | null) {
  const rows = await tx.$queryRaw<{ onRelease: number; healthy: number; unreachable: number }[]>`
    SELECT count(*) FILTER (WHERE "releaseId" = ${releaseId})::int AS "onRelease",
           count(*) FILTER (WHERE "releaseId" = ${releaseId} AND healthy)::int AS healthy,
           count(*) FILTER (WHERE ${seenSince}::timestamptz IS NOT NULL AND NOT ("releaseId" = ${releaseId} AND healthy) IS TRUE
             AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${seenSince}::timestamptz))::int AS unreachable
    FROM "Host" WHERE "pipelineId" = ${pipelineId} AND name = ANY(${hosts})`;
  return rows[0] ?? { onRelease: 0, healthy: 0, unreachable: 0 };
}

/** The pipeline's hosts not seen since `seenSince`: unreachable. */
export async function loadUnreachableHosts(tx: Tx, pipelineId: number, seenSince: Date): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM "Host" WHERE "pipelineId" = ${pipelineId} AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${seenSince})`;
  return new Set(rows.map((row) => row.name));
}

/** Hosts of the pipeline told to run a release they do not run yet. */
export function loadMovingHosts(tx: Tx, pipelineId: number): Promise<MovingHost[]> {
  return tx.$queryRaw<MovingHost[]>`
    SELECT h.id, h.name, h."desiredReleaseId", r.kind AS "desiredReleaseKind", h."desiredAt"
    FROM "Host" h JOIN "Release" r ON r.id = h."desiredReleaseId"
    WHERE h."pipelineId" = ${pipelineId} AND h."desiredAt" IS NOT NULL
      AND h."releaseId" IS DISTINCT FROM h."desiredReleaseId"`;
}
