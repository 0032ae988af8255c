// A pipeline's state as plain data: what the decisions read. The store loads
// these from Postgres; tests write them by hand.

export type BuildState = "scheduled" | "running" | "passed" | "failed" | "canceled";
export type ReleaseKind = "deploy" | "promote" | "rollback";
export type ReleaseTrigger = "auto" | "user";
export type ReleaseState = "pending" | "running" | "succeeded" | "failed" | "canceled" | "superseded";
export type StepState = ReleaseState | "skipped";
export type StepKind = "check" | "batch";
export type LockKind = "manual" | "rollback" | "emergency";

/** The one actor name of everything the engine does by itself. */
export const ENGINE_ACTOR = "shipboard";

export type Lock = { kind: LockKind; reason: string; by: string; at: Date };

export type PipelineFacts = {
  id: number;
  slug: string;
  branch: string;
  autoDeploy: boolean;
  autoRollback: boolean;
  batchPercent: number;
  lock: Lock | null;
};

/** Enough of a build to name it to a person. */
export type BuildRef = { id: number; number: number | null; commitSha: string };

export type BuildFacts = BuildRef & { pipelineId: number; branch: string; state: BuildState; createdAt: Date };

export type ReleaseFacts = {
  id: number;
  pipelineId: number;
  number: number;
  kind: ReleaseKind;
  state: ReleaseState;
  build: BuildRef;
  /** Whether a rollback release has replaced this one. */
  rolledBackFrom: boolean;
};

export type StepFacts = {
  id: number;
  position: number;
  kind: StepKind;
  name: string;
  state: StepState;
  hosts: string[];
  log: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A batch whose hosts converged, while its metric checks bake (absent: not converged). */
  convergedAt?: Date | null;
};

/** A host told to run a release it does not run yet. */
export type MovingHost = {
  id: number;
  name: string;
  desiredReleaseId: number;
  desiredReleaseKind: ReleaseKind;
  desiredAt: Date;
};

export type HostChange = { id: number; releaseId: number; healthy: boolean };

export const isActive = (state: ReleaseState): boolean => state === "pending" || state === "running";
