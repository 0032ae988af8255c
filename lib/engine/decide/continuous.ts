// Rule 1 (continuous deployment) and the blocker that explains it. One decision
// serves both the tick and the read views, so they can never disagree.
import { compareBuildsNewestFirst } from "../../webhooks/state";
import { ciGate, type HeldBy } from "./ci-gate";
import type { BuildFacts, BuildRef, PipelineFacts, ReleaseKind, ReleaseState } from "./facts";
import { emergencyStopGate } from "./emergency";
import { frozenGate, type Freeze } from "./freezes";
import { stuckMessage, type ActiveProgress } from "./stuck";
import { bakeGate, type UpstreamFacts } from "./upstream";
import { windowGate, type DeployWindow } from "./windows";
import { ago, buildLabel, capitalize } from "./words";

export type BlockerCode =
  | "release-active" | "stuck" | "locked" | "rolled-back" | "auto-deploy-off" | "failed-to-deploy" | "ci-pending" | "ci-failed"
  | "emergency-stop" | "frozen" | "outside-window" | "waiting-for-upstream" | "baking" | "waiting-for-tick";

/** Why the newest passed build is not live, in words a person can act on; `until` when it lifts by itself. */
export type Blocker = { code: BlockerCode; message: string; until?: Date };

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
  active: (ActiveProgress & { id: number; kind: ReleaseKind; state: ReleaseState; build: BuildRef }) | null;
  /** Guardrails (SPEC "Guardrails"): when CD may deploy (none: always), */
  windows: DeployWindow[];
  /** the freezes that have not ended, */
  freezes: Freeze[];
  /** and the environment before this one, seen from the newest passed build's commit (null: none). */
  upstream: UpstreamFacts | null;
};

export type DeploymentDecision = { deploy: CandidateBuild | null; blocker: Blocker | null };

export function newestPassedBuild<B extends BuildFacts>(builds: readonly B[], branch: string): B | null {
  const passed = builds.filter((build) => build.state === "passed" && build.branch === branch);
  return passed.sort(compareBuildsNewestFirst)[0] ?? null;
}

/** What every gate reads: the facts, the newest passed build (not live yet) and its name, and the time. */
export type GateInput = { facts: DeploymentFacts; newest: CandidateBuild; label: string; now: Date };

/** One reason CD may not deploy the newest passed build now: its blocker, or null to let it pass. */
export type Gate = (input: GateInput) => Blocker | null;

const blocker = (code: BlockerCode, message: string): Blocker => ({ code, message });

function activeMessage(active: NonNullable<DeploymentFacts["active"]>, newest: BuildRef): string {
  const step = active.runningStep === null ? "" : active.runningStep.kind === "check" ? " (checks)" : ` (${active.runningStep.name})`;
  const doing = active.state === "pending" ? "starts on the next tick" : `is running${step}`;
  if (active.build.id === newest.id) return `${capitalize(buildLabel(newest))} is on its way: release #${active.number} ${doing}`;
  const what = active.kind === "rollback" ? `rollback to ${buildLabel(active.build)}` : `${active.kind} of ${buildLabel(active.build)}`;
  return `Release #${active.number} (${what}) ${doing}; ${buildLabel(newest)} waits for it to finish`;
}

const releaseActive: Gate = ({ facts: { active }, newest, now }) => {
  if (active === null) return null;
  const stuck = stuckMessage(active, now);
  return stuck === null ? blocker("release-active", activeMessage(active, newest)) : blocker("stuck", stuck);
};

const failedToDeploy: Gate = ({ newest, label }) =>
  newest.failedIn === null ? null
    : blocker("failed-to-deploy", `${capitalize(label)} failed to deploy in release #${newest.failedIn}; CD waits for a newer passed build (promote it to try again)`);

const rolledBack: Gate = ({ newest, label }) =>
  newest.rolledBackBy === null ? null
    : blocker("rolled-back", `${capitalize(label)} was rolled back in release #${newest.rolledBackBy}; CD will not redeploy it (push a fix or promote it)`);

const locked: Gate = ({ facts: { pipeline }, label, now }) => {
  const lock = pipeline.lock;
  if (lock?.kind === "rollback") return blocker("rolled-back", `CD paused by a rollback ${ago(lock.at, now)}: ${lock.reason}. Unlock to deploy ${label}`);
  return lock === null ? null : blocker("locked", `Locked by ${lock.by} ${ago(lock.at, now)}: ${lock.reason}`);
};

const autoDeployOff: Gate = ({ facts: { pipeline }, label }) =>
  pipeline.autoDeploy ? null : blocker("auto-deploy-off", `Auto-deploy is off: promote ${label} to deploy it`);

/**
 * Rule 1's gates, in the order that makes the message most useful: the
 * emergency stop, what is happening now, then what is about this build, then
 * about the pipeline, then the guardrails: the build's commit upstream
 * (waiting, baking), a freeze, the windows (a freeze is the rarer, more
 * deliberate one).
 */
const GUARDRAILS: readonly Gate[] = [bakeGate, frozenGate, windowGate];
const GATES: readonly Gate[] = [emergencyStopGate, releaseActive, failedToDeploy, rolledBack, locked, autoDeployOff, ...GUARDRAILS];

/**
 * Every guardrail that would hold this build from CD now (not just the first):
 * a promote goes anyway, a human decision, but names them and needs a reason.
 */
export function guardrailsHolding(facts: DeploymentFacts, build: CandidateBuild, now: Date): Blocker[] {
  const input: GateInput = { facts, newest: build, label: buildLabel(build), now };
  return GUARDRAILS.map((gate) => gate(input)).filter((no) => no !== null);
}

/**
 * Rule 1. CD only ever moves to the newest passed build on the pipeline's
 * branch: builds in between are skipped, never queued, and when the newest one
 * failed to deploy or was rolled back from, CD waits for a newer one (a person
 * can still promote it) instead of falling back to an older build. The first
 * gate that says no is the blocker; when none does, the build deploys.
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

/** The first gate that says no to this build is the blocker; when none does, it deploys. */
function decideFor(newest: CandidateBuild, facts: DeploymentFacts, now: Date): DeploymentDecision {
  const input: GateInput = { facts, newest, label: buildLabel(newest), now };
  for (const gate of GATES) {
    const no = gate(input);
    if (no !== null) return { deploy: null, blocker: no };
  }
  return { deploy: newest, blocker: blocker("waiting-for-tick", `${capitalize(input.label)} deploys on the next tick`) };
}
