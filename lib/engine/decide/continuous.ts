// Rule 1 (continuous deployment) and the blocker that explains it. One decision
// serves both the tick and the read views, so they can never disagree.
import { compareBuildsNewestFirst } from "../../webhooks/state";
import { ciGate, type HeldBy } from "./ci-gate";
import type { BuildFacts, BuildRef, PipelineFacts, ReleaseKind, ReleaseState } from "./facts";
import { stuckMessage, type ActiveProgress } from "./stuck";
import { ago, buildLabel, capitalize } from "./words";

export type BlockerCode =
  | "release-active" | "stuck" | "locked" | "rolled-back" | "auto-deploy-off" | "failed-to-deploy" | "ci-pending" | "ci-failed" | "waiting-for-tick";

/** Why the newest passed build is not live, in words a person can act on. */
export type Blocker = { code: BlockerCode; message: string };

export type CandidateBuild = BuildFacts & {
  /** The number of a failed deploy or promote release of this build. */
  failedIn: number | null;
  /** The number of a rollback release that rolled back from a release of this build. */
  rolledBackBy: number | null;
  /** A build of the same commit that has not passed (failed first), or null when all of them passed. */
  heldBy: HeldBy | null;
};

export type DeploymentFacts = {
  pipeline: PipelineFacts;
  /**
   * Builds that may be the newest passed one; the store loads just the newest
   * passed build and, when CI holds its commit back, the newest one it does not.
   */
  builds: CandidateBuild[];
  current: { number: number; build: BuildFacts } | null;
  active: (ActiveProgress & { kind: ReleaseKind; state: ReleaseState; build: BuildRef }) | null;
};

export type DeploymentDecision = { deploy: CandidateBuild | null; blocker: Blocker | null };

export function newestPassedBuild<B extends BuildFacts>(builds: readonly B[], branch: string): B | null {
  const passed = builds.filter((build) => build.state === "passed" && build.branch === branch);
  return passed.sort(compareBuildsNewestFirst)[0] ?? null;
}

const wait = (code: BlockerCode, message: string): DeploymentDecision => ({ deploy: null, blocker: { code, message } });

function activeMessage(active: NonNullable<DeploymentFacts["active"]>, newest: BuildRef): string {
  const step = active.runningStep === null ? "" : active.runningStep.kind === "check" ? " (checks)" : ` (${active.runningStep.name})`;
  const doing = active.state === "pending" ? "starts on the next tick" : `is running${step}`;
  if (active.build.id === newest.id) return `${capitalize(buildLabel(newest))} is on its way: release #${active.number} ${doing}`;
  const what = active.kind === "rollback" ? `rollback to ${buildLabel(active.build)}` : `${active.kind} of ${buildLabel(active.build)}`;
  return `Release #${active.number} (${what}) ${doing}; ${buildLabel(newest)} waits for it to finish`;
}

/**
 * Rule 1. CD only ever moves to the newest passed build on the pipeline's
 * branch: builds in between are skipped, never queued, and when the newest one
 * failed to deploy or was rolled back from, CD waits for a newer one (a person
 * can still promote it) instead of falling back to an older build.
 * The checks run in the order that makes the message most useful: first what
 * is about this build, then what is about the pipeline.
 */
export function decideDeployment(facts: DeploymentFacts, now: Date): DeploymentDecision {
  const newest = newestPassedBuild(facts.builds, facts.pipeline.branch);
  if (newest === null || isLiveOrOlder(newest, facts)) return { deploy: null, blocker: null };
  const held = ciGate(newest, newest.heldBy);
  if (held === null) return decideFor(newest, facts, now);
  // A build whose commit CI holds back does not count as passed: CD goes on
  // with the newest build whose commit is all green, and says what holds the newer one.
  const green = newestPassedBuild(facts.builds.filter((build) => build.heldBy === null), facts.pipeline.branch);
  const deploy = green === null || isLiveOrOlder(green, facts) ? null : decideFor(green, facts, now).deploy;
  return { deploy, blocker: held };
}

const isLiveOrOlder = (build: CandidateBuild, { current }: DeploymentFacts) =>
  current !== null && compareBuildsNewestFirst(build, current.build) >= 0;

function decideFor(newest: CandidateBuild, facts: DeploymentFacts, now: Date): DeploymentDecision {
  const { pipeline, active } = facts;
  const label = buildLabel(newest);
  if (active !== null) {
    const stuck = stuckMessage(active, now);
    return stuck === null ? wait("release-active", activeMessage(active, newest)) : wait("stuck", stuck);
  }
  if (newest.failedIn !== null) {
    return wait("failed-to-deploy", `${capitalize(label)} failed to deploy in release #${newest.failedIn}; CD waits for a newer passed build (promote it to try again)`);
  }
  if (newest.rolledBackBy !== null) {
    return wait("rolled-back", `${capitalize(label)} was rolled back in release #${newest.rolledBackBy}; CD will not redeploy it (push a fix or promote it)`);
  }
  const lock = pipeline.lock;
  if (lock?.kind === "rollback") return wait("rolled-back", `CD paused by a rollback ${ago(lock.at, now)}: ${lock.reason}. Unlock to deploy ${label}`);
  if (lock !== null) return wait("locked", `Locked by ${lock.by} ${ago(lock.at, now)}: ${lock.reason}`);
  if (!pipeline.autoDeploy) return wait("auto-deploy-off", `Auto-deploy is off: promote ${label} to deploy it`);
  return { deploy: newest, blocker: { code: "waiting-for-tick", message: `${capitalize(label)} deploys on the next tick` } };
}
