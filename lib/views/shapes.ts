import { publicTarget } from "../pipelines/redact";
import { estimateFinish } from "./estimate";
import type { AuditEvent, Build, Pipeline, Release, ReleaseStep, StepRun } from "../generated/prisma/client";
import type { HostSummary, HostView } from "./hosts";

/** SPEC "Shapes": the JSON the API answers and the pages render. Field names are the contract. */

const iso = (date: Date | null) => date?.toISOString() ?? null;
const span = (start: Date | null, end: Date | null) => (start && end ? end.getTime() - start.getTime() : null);

export function buildShape(build: Build) {
  return {
    id: build.id,
    provider: build.provider,
    externalId: build.externalId,
    number: build.number,
    commitSha: build.commitSha,
    message: build.message,
    author: build.author,
    branch: build.branch,
    url: build.url,
    workflow: build.workflow,
    attempt: build.attempt,
    state: build.state,
    createdAt: iso(build.createdAt),
    startedAt: iso(build.startedAt),
    finishedAt: iso(build.finishedAt),
    committedAt: iso(build.committedAt),
    pullRequest: build.pullRequestNumber === null ? null : { number: build.pullRequestNumber, url: build.pullRequestUrl },
    durationMs: span(build.startedAt, build.finishedAt),
  };
}

/** A step with its runs (command, webhook targets), oldest attempt first. */
export type StepRow = ReleaseStep & { runs?: StepRun[] };

/** The engine's log of the step, then what each of its runs printed (a command's output, a webhook's exchanges). */
function stepLog(step: StepRow): string {
  const outputs = (step.runs ?? []).filter((run) => run.output !== "").map((run) => `--- attempt ${run.attempt}\n${run.output.replace(/\n$/, "")}`);
  return [step.log, ...outputs].filter((part) => part !== "").join("\n");
}

export function stepShape(step: StepRow) {
  return {
    id: step.id,
    kind: step.kind,
    name: step.name,
    state: step.state,
    hosts: step.hosts,
    log: stepLog(step),
    startedAt: iso(step.startedAt),
    finishedAt: iso(step.finishedAt),
    runs: (step.runs ?? []).map((run) => ({
      attempt: run.attempt,
      state: run.state,
      exitCode: run.exitCode,
      httpStatus: run.httpStatus,
      note: run.note,
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
    })),
  };
}

export type ReleaseRow = Release & { build: Build; steps?: StepRow[] };

/** `p75Ms`: P75 duration of this pipeline's recent succeeded releases of the same kind, for the estimate (lib/views/estimate.ts). */
export function releaseShape(release: ReleaseRow, p75Ms?: number | null) {
  const active = release.state === "pending" || release.state === "running";
  const estimate = active ? estimateFinish(release.startedAt ?? release.createdAt, p75Ms ?? null, release.steps ?? []) : null;
  return {
    id: release.id,
    pipelineId: release.pipelineId,
    number: release.number,
    kind: release.kind,
    trigger: release.trigger,
    state: release.state,
    reason: release.reason,
    by: release.by,
    build: buildShape(release.build),
    createdAt: iso(release.createdAt),
    startedAt: iso(release.startedAt),
    finishedAt: iso(release.finishedAt),
    durationMs: span(release.startedAt, release.finishedAt),
    estimatedFinishAt: iso(estimate),
    replacedReleaseId: release.replacedReleaseId,
    steps: inOrder(release).map(stepShape),
  };
}

const inOrder = (release: ReleaseRow) => [...(release.steps ?? [])].sort((a, b) => a.position - b.position);

/** A batch's hosts that run its release, and of those the healthy ones. */
export type StepCounts = { switched: number; healthy: number };

/** A step in pipeline views (SPEC): `hostCount` and, where known, how many switched, instead of host names and log. */
export function stepSummaryShape(step: ReleaseStep, counts?: StepCounts) {
  return {
    id: step.id,
    kind: step.kind,
    name: step.name,
    state: step.state,
    hostCount: step.hosts.length,
    hostsSwitched: counts?.switched ?? null,
    hostsHealthy: counts?.healthy ?? null,
    startedAt: iso(step.startedAt),
    finishedAt: iso(step.finishedAt),
  };
}

/** A release in pipeline views: its steps summarised (a step of 10,000 hosts carries a count, not the names). */
export function releaseSummaryShape(release: ReleaseRow, p75Ms?: number | null, counts?: ReadonlyMap<number, StepCounts>) {
  return { ...releaseShape(release, p75Ms), steps: inOrder(release).map((step) => stepSummaryShape(step, counts?.get(step.id))) };
}

export type Blocker = { code: string; message: string; until?: Date };

export function blockerShape({ until, ...blocker }: Blocker): { code: string; message: string; until?: string } {
  return until ? { ...blocker, until: until.toISOString() } : blocker;
}

export function pipelineShape(
  pipeline: Pipeline,
  related: {
    currentRelease: ReleaseSummaryView | null;
    activeRelease: ReleaseSummaryView | null;
    blocker: Blocker | null;
    fleet?: { hostSummary: HostSummary; hosts: HostView[] };
  },
) {
  return {
    id: pipeline.id,
    slug: pipeline.slug,
    name: pipeline.name,
    repository: pipeline.repository,
    branch: pipeline.branch,
    environment: pipeline.environment,
    autoDeploy: pipeline.autoDeploy,
    autoRollback: pipeline.autoRollback,
    batchPercent: pipeline.batchPercent,
    ciWorkflows: pipeline.ciWorkflows,
    // Command lines and URL credentials are for admins only (getPipeline's `reveal`).
    target: publicTarget(pipeline.target),
    windows: pipeline.windows,
    upstream: pipeline.upstream,
    locked: pipeline.locked,
    lock: pipeline.locked
      ? { reason: pipeline.lockReason, kind: pipeline.lockKind, by: pipeline.lockedBy, at: iso(pipeline.lockedAt) }
      : null,
    currentRelease: related.currentRelease,
    activeRelease: related.activeRelease,
    blocker: related.blocker && blockerShape(related.blocker),
    hostSummary: related.fleet?.hostSummary,
    hosts: related.fleet?.hosts,
  };
}

export function auditShape(event: AuditEvent & { pipeline: Pick<Pipeline, "slug"> | null }) {
  return {
    id: event.id,
    at: iso(event.at),
    actor: event.actor,
    action: event.action,
    pipeline: event.pipeline?.slug ?? null,
    releaseId: event.releaseId,
    reason: event.reason,
    outcome: event.outcome,
    detail: event.detail,
  };
}

export type PipelineView = ReturnType<typeof pipelineShape>;
export type ReleaseView = ReturnType<typeof releaseShape>;
export type ReleaseSummaryView = ReturnType<typeof releaseSummaryShape>;
export type BuildView = ReturnType<typeof buildShape>;
export type AuditView = ReturnType<typeof auditShape>;
