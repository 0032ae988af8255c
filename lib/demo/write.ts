// Writes planned demo histories to Postgres: ids come from the tables' own
// sequences up front, so builds, releases and steps reference each other
// before one bulk INSERT per table.
import type { PipelineHistory } from "./history";
import { BATCH_PERCENT, buildIdentity, demoTarget } from "./pipelines";
import type { PlannedAudit, PlannedBuild, PlannedRelease, PlannedStep } from "./timeline";
import { allocateIds, BUILD_COLUMNS, column, insertRows, timestampColumn, type BuildRow, type Column, type Queryable } from "./tables";
import { SECOND } from "./time";

type PipelineRow = { id: number; history: PipelineHistory };
type ReleaseRow = { id: number; pipelineId: number; buildId: number; replacedId: number | null; release: PlannedRelease };
type StepRow = { releaseId: number; position: number; step: PlannedStep };
type HostRow = { pipelineId: number; name: string; releaseId: number; desiredAt: number; lastSeenAt: number };
type AuditRow = { pipelineId: number; releaseId: number | null; audit: PlannedAudit };

const PIPELINE_COLUMNS: Column<PipelineRow>[] = [
  column("id", "int", (p) => p.id),
  column("slug", "text", (p) => p.history.pipeline.slug),
  column("name", "text", (p) => p.history.pipeline.name),
  column("repository", "text", (p) => p.history.pipeline.repository),
  column("branch", "text", () => "main"),
  column("environment", "text", () => "production"),
  column("autoDeploy", "bool", () => true),
  column("batchPercent", "int", () => BATCH_PERCENT),
  column("target", "jsonb", (p) => JSON.stringify(demoTarget(p.history.pipeline))),
  column("locked", "bool", (p) => p.history.lock !== null),
  column("lockReason", "text", (p) => p.history.lock?.reason ?? null),
  column("lockKind", `"LockKind"`, (p) => (p.history.lock ? "manual" : null)),
  column("lockedBy", "text", (p) => p.history.lock?.by ?? null),
  timestampColumn("lockedAt", (p) => p.history.lock?.at ?? null),
  timestampColumn("createdAt", (p) => p.history.createdAt),
  timestampColumn("updatedAt", (p) => p.history.lock?.at ?? p.history.current.finishedAt),
];

const RELEASE_COLUMNS: Column<ReleaseRow>[] = [
  column("id", "int", (r) => r.id),
  column("pipelineId", "int", (r) => r.pipelineId),
  column("number", "int", (r) => r.release.number),
  column("buildId", "int", (r) => r.buildId),
  column("kind", `"ReleaseKind"`, (r) => r.release.kind),
  column("trigger", `"ReleaseTrigger"`, (r) => r.release.trigger),
  column("by", "text", (r) => r.release.by),
  column("reason", "text", (r) => r.release.reason),
  column("state", `"ReleaseState"`, (r) => r.release.state),
  timestampColumn("createdAt", (r) => r.release.createdAt),
  timestampColumn("startedAt", (r) => r.release.startedAt),
  timestampColumn("finishedAt", (r) => r.release.finishedAt),
  column("replacedReleaseId", "int", (r) => r.replacedId),
];

const STEP_COLUMNS: Column<StepRow>[] = [
  column("releaseId", "int", (s) => s.releaseId),
  column("position", "int", (s) => s.position),
  column("kind", `"StepKind"`, (s) => s.step.kind),
  column("name", "text", (s) => s.step.name),
  column("state", `"StepState"`, (s) => s.step.state),
  // A text[] per row cannot travel inside an unnest()ed array: host names (no commas) go joined.
  { name: "hosts", type: "text", value: (s) => s.step.hosts.join(","), wrap: (sql) => `string_to_array(${sql}, ',')` },
  column("log", "text", (s) => s.step.log),
  timestampColumn("startedAt", (s) => s.step.startedAt),
  timestampColumn("finishedAt", (s) => s.step.finishedAt),
];

const HOST_COLUMNS: Column<HostRow>[] = [
  column("pipelineId", "int", (h) => h.pipelineId),
  column("name", "text", (h) => h.name),
  column("releaseId", "int", (h) => h.releaseId),
  column("desiredReleaseId", "int", (h) => h.releaseId),
  timestampColumn("desiredAt", (h) => h.desiredAt),
  column("healthy", "bool", () => true),
  timestampColumn("lastSeenAt", (h) => h.lastSeenAt),
];

const AUDIT_COLUMNS: Column<AuditRow>[] = [
  timestampColumn("at", (a) => a.audit.at),
  column("actor", "text", (a) => a.audit.actor),
  column("action", "text", (a) => a.audit.action),
  column("pipelineId", "int", (a) => a.pipelineId),
  column("releaseId", "int", (a) => a.releaseId),
  column("reason", "text", (a) => a.audit.reason),
  column("outcome", "text", (a) => a.audit.outcome),
];

/** The number of rows written per table. */
export type WriteCounts = { pipelines: number; builds: number; releases: number; steps: number; hosts: number; audits: number };

export async function writeHistories(client: Queryable, histories: PipelineHistory[], now: number): Promise<WriteCounts> {
  const pipelineIds = await allocateIds(client, "Pipeline", histories.length);
  const pipelines = histories.map((history, i) => ({ id: pipelineIds[i]!, history }));
  const buildIds = new Map<PlannedBuild, number>();
  const releaseIds = new Map<PlannedRelease, number>();
  const builds: BuildRow[] = [];
  const releases: ReleaseRow[] = [];

  const allBuildIds = await allocateIds(client, "Build", histories.reduce((n, h) => n + h.builds.length, 0));
  const allReleaseIds = await allocateIds(client, "Release", histories.reduce((n, h) => n + h.releases.length, 0));
  for (const { id: pipelineId, history } of pipelines) {
    history.builds.forEach((build, i) => {
      const id = allBuildIds[builds.length]!;
      buildIds.set(build, id);
      const { commit } = build;
      builds.push({
        id, pipelineId, ...buildIdentity(history.pipeline, history.pipeline.firstBuildNumber + i),
        commitSha: commit.sha, message: commit.message, author: commit.author, branch: "main", state: build.state,
        createdAt: build.createdAt, startedAt: build.startedAt, finishedAt: build.finishedAt, committedAt: commit.committedAt,
      });
    });
    for (const release of history.releases) {
      const id = allReleaseIds[releases.length]!;
      releaseIds.set(release, id);
      const replacedId = release.replaced === null ? null : releaseIds.get(release.replaced)!;
      releases.push({ id, pipelineId, buildId: buildIds.get(release.build)!, replacedId, release });
    }
  }

  const steps = releases.flatMap((r) => r.release.steps.map((step, position) => ({ releaseId: r.id, position, step })));
  const hosts = pipelines.flatMap(({ id, history }) =>
    history.hostNames.map((name, i) => ({
      pipelineId: id, name, releaseId: releaseIds.get(history.current)!, desiredAt: history.current.startedAt,
      lastSeenAt: now - ((i * 397) % 5000) - SECOND,
    })),
  );
  const audits = pipelines.flatMap(({ id, history }) =>
    history.audits.map((audit) => ({ pipelineId: id, releaseId: audit.release && releaseIds.get(audit.release)!, audit })),
  );

  await insertRows(client, "Pipeline", PIPELINE_COLUMNS, pipelines);
  await insertRows(client, "Build", BUILD_COLUMNS, builds);
  await insertRows(client, "Release", RELEASE_COLUMNS, releases);
  await insertRows(client, "ReleaseStep", STEP_COLUMNS, steps);
  await insertRows(client, "Host", HOST_COLUMNS, hosts);
  await insertRows(client, "AuditEvent", AUDIT_COLUMNS, audits);
  await client.query(
    `UPDATE "Pipeline" p SET "currentReleaseId" = v.release FROM unnest($1::int[], $2::int[]) AS v(id, release) WHERE p.id = v.id`,
    [pipelines.map((p) => p.id), pipelines.map((p) => releaseIds.get(p.history.current)!)],
  );
  return { pipelines: pipelines.length, builds: builds.length, releases: releases.length, steps: steps.length, hosts: hosts.length, audits: audits.length };
}
