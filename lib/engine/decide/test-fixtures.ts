// Hand-written pipeline states for the decision tests.
import type { CandidateBuild, DeploymentFacts } from "./continuous";
import type { BuildFacts, PipelineFacts, ReleaseFacts } from "./facts";

export const T0 = new Date("2026-03-01T12:00:00Z");

/** T0 plus some seconds. */
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function pipeline(overrides: Partial<PipelineFacts> = {}): PipelineFacts {
  return { id: 1, slug: "web", branch: "main", autoDeploy: true, autoRollback: false, batchPercent: 25, lock: null, ...overrides };
}

/** Build `n`: number n, created n minutes after T0, passed, on main. */
export function build(n: number, overrides: Partial<BuildFacts> = {}): BuildFacts {
  return { id: n, pipelineId: 1, number: n, commitSha: `sha${n}`.padEnd(40, "0"), branch: "main", state: "passed", createdAt: at(n * 60), ...overrides };
}

export function candidate(n: number, overrides: Partial<CandidateBuild> = {}): CandidateBuild {
  return { ...build(n), failedIn: null, rolledBackBy: null, heldBy: null, ...overrides };
}

/** Release `n` of build `buildNumber`, succeeded unless told otherwise. */
export function release(n: number, buildNumber: number, overrides: Partial<ReleaseFacts> = {}): ReleaseFacts {
  const { id, number, commitSha } = build(buildNumber);
  return { id: 100 + n, pipelineId: 1, number: n, kind: "deploy", state: "succeeded", build: { id, number, commitSha }, rolledBackFrom: false, ...overrides };
}

export function deploymentFacts(overrides: Partial<DeploymentFacts> = {}): DeploymentFacts {
  return { pipeline: pipeline(), builds: [], current: null, active: null, windows: [], freezes: [], upstream: null, ...overrides };
}
