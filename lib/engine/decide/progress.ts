// How a pending or running release moves on: checks in parallel, then one
// batch at a time; a batch that does not converge in time fails the release (rule 7).
import type { CheckVerdict, Target } from "../targets/target";
import type { ReleaseState, StepFacts, StepKind, StepState } from "./facts";
import { bakeEnd, type MetricGate } from "./metric-checks";
import { clockTime, logLine } from "./words";

export type ProgressFacts = {
  release: { number: number; state: ReleaseState; startedAt: Date | null };
  /** All steps of the release. */
  steps: readonly StepFacts[];
  /**
   * The running batch's hosts: how many run this release, how many of those are
   * healthy, and how many of the others are unreachable (they never block it).
   */
  batch: { onRelease: number; healthy: number; unreachable?: number } | null;
  /** The pipeline's hosts that are unreachable now (agents not seen within the host timeout): a starting batch leaves them out. */
  unreachable?: ReadonlySet<string>;
  target: Target;
  /** For targets whose steps are runs: the verdict of each step's latest run, by step id; absent while none finished. */
  runs: ReadonlyMap<number, CheckVerdict>;
  stepTimeoutSeconds: number;
  /** The release's metric checks (absent: none): a failure fails the running batch; a converged batch runs on for the bake. */
  metrics?: MetricGate;
};

const RUNNING: CheckVerdict = { state: "running" };
const NO_METRICS: MetricGate = { failure: null, bakeSeconds: 0 };

export type StepChange = Pick<StepFacts, "id" | "state" | "log" | "startedAt" | "finishedAt" | "convergedAt"> & { hosts?: string[] };

export type ReleaseChange = { state: ReleaseState; startedAt?: Date | null; finishedAt?: Date | null; advancedAt?: Date };

export type Progress = {
  /** Null when the release itself did not change. */
  release: ReleaseChange | null;
  steps: StepChange[];
  /** A batch that starts now: its hosts are told to run the release. */
  startBatch: { stepId: number; hosts: string[] } | null;
  /** Why the release failed, and at which kind of step, when it did. */
  failure: { reason: string; step: StepKind } | null;
  /** Steps that started now and are executed by a step run (command, webhook). */
  startRuns: number[];
  /** Steps whose run must stop now, and why (its worker kills the process and logs it). */
  stopRuns: { stepId: number; why: string }[];
  /** Hosts now on the release: a batch a step run executed succeeded. */
  hostsOnRelease: string[];
};

export function appendLog(log: string, line: string): string {
  return log === "" ? line : `${log}\n${line}`;
}

/** The last log line without its time, to log progress only when it changes. */
function lastLogText(log: string): string {
  return log.slice(log.lastIndexOf("\n") + 1).slice(9);
}

/**
 * The steps a release leaves unfinished when it ends: running ones take
 * `running`, pending ones are canceled, each logging `why`.
 */
export function endSteps(steps: readonly StepFacts[], running: StepState, now: Date, why: string): StepChange[] {
  return steps
    .filter((step) => step.state === "pending" || step.state === "running")
    .map((step) => {
      const state = step.state === "running" ? running : "canceled";
      return { ...pick(step), state, finishedAt: now, log: appendLog(step.log, logLine(now, `${state}: ${why}`)) };
    });
}

function pick({ id, state, log, startedAt, finishedAt, convergedAt }: StepFacts): StepChange {
  return convergedAt === undefined ? { id, state, log, startedAt, finishedAt } : { id, state, log, startedAt, finishedAt, convergedAt };
}

/** Names for a log line: the first few, then how many more. */
function nameSome(names: readonly string[], shown = 20): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join(", ")} and ${more} more` : names.join(", ");
}

export function decideProgress(facts: ProgressFacts, now: Date): Progress {
  const steps = [...facts.steps].map((step) => ({ ...step })).sort((a, b) => a.position - b.position);
  const { target, stepTimeoutSeconds } = facts;
  const touched = new Set<number>();
  const update = (step: StepFacts, change: Partial<StepFacts>) => {
    Object.assign(step, change);
    touched.add(step.id);
  };
  const note = (step: StepFacts, text: string) => update(step, { log: appendLog(step.log, logLine(now, text)) });
  const releaseNumber = facts.release.number;
  let release: ReleaseChange | null = null;
  let startBatch: Progress["startBatch"] = null;
  let failure: Progress["failure"] = null;
  const startRuns: number[] = [];
  const stopRuns: Progress["stopRuns"] = [];
  let hostsOnRelease: string[] = [];

  const startedAt = facts.release.startedAt ?? now;
  if (facts.release.state === "pending") release = { state: "running", startedAt, finishedAt: null };
  const finish = (state: "succeeded" | "failed") => {
    release = { state, startedAt, finishedAt: now };
  };
  /** A step a run executes stops being run: its worker kills it and logs why. */
  const stopRun = (step: StepFacts, why: string) => {
    if (target.runsSteps) stopRuns.push({ stepId: step.id, why });
  };
  const fail = (reason: string, step: StepKind) => {
    failure = { reason, step };
    const why = `release #${releaseNumber} failed`;
    for (const change of endSteps(steps, "canceled", now, why)) {
      const step = steps.find((candidate) => candidate.id === change.id)!;
      if (step.state === "running") stopRun(step, why);
      update(step, change);
    }
    finish("failed");
  };
  const start = (step: StepFacts, text: string) => {
    update(step, { state: "running", startedAt: now });
    note(step, text);
    if (target.runsSteps) startRuns.push(step.id);
  };
  const verdictOf = (step: StepFacts): CheckVerdict =>
    target.runsSteps ? (facts.runs.get(step.id) ?? RUNNING) : target.checkVerdict(step.startedAt ?? now, now);
  const timedOut = (step: StepFacts) => now.getTime() - (step.startedAt ?? now).getTime() >= stepTimeoutSeconds * 1000;
  /** Every step of every target fails at its step timeout (rule 7). */
  const failTimedOut = (step: StepFacts, text: string) => {
    update(step, { state: "failed", finishedAt: now });
    note(step, text);
    stopRun(step, `step timeout (${stepTimeoutSeconds} s)`);
  };
  const coveredBy = new Map<number, string[]>();
  const outcome = (): Progress => ({
    release,
    steps: steps
      .filter((step) => touched.has(step.id))
      .map((step) => (coveredBy.has(step.id) ? { ...pick(step), hosts: coveredBy.get(step.id) } : pick(step))),
    startBatch,
    failure,
    startRuns,
    stopRuns,
    hostsOnRelease,
  });

  const checks = steps.filter((step) => step.kind === "check");
  for (const check of checks) {
    if (check.state === "pending") start(check, "started");
    if (check.state !== "running") continue;
    const verdict = verdictOf(check);
    if (verdict.state === "running") {
      if (timedOut(check)) failTimedOut(check, `not finished within ${stepTimeoutSeconds} s`);
      continue;
    }
    update(check, { state: verdict.state, finishedAt: now });
    note(check, verdict.note);
  }
  const failedCheck = checks.find((check) => check.state === "failed");
  if (failedCheck !== undefined) {
    fail(`${failedCheck.name} failed`, "check");
    return outcome();
  }
  if (checks.some((check) => check.state === "running")) return outcome();

  const batches = steps.filter((step) => step.kind === "batch");
  const running = batches.find((step) => step.state === "running");
  const metrics = facts.metrics ?? NO_METRICS;
  if (running !== undefined && metrics.failure !== null) {
    update(running, { state: "failed", finishedAt: now });
    note(running, metrics.failure);
    stopRun(running, metrics.failure);
    fail(`${running.name}: ${metrics.failure}`, "batch");
    return outcome();
  }
  /** Whether a converged batch is done: at once without metric checks, else once their bake is over. */
  const baked = (step: StepFacts): boolean => {
    const until = bakeEnd(step.convergedAt ?? now, metrics.bakeSeconds);
    if (now < until) return false;
    if (metrics.bakeSeconds > 0) note(step, `metric checks held for ${metrics.bakeSeconds} s after the hosts converged`);
    update(step, { state: "succeeded", finishedAt: now });
    return true;
  };
  const converge = (step: StepFacts, text: string): boolean => {
    update(step, { convergedAt: now });
    note(step, text);
    if (metrics.bakeSeconds > 0) note(step, `baking: metric checks run until ${clockTime(bakeEnd(now, metrics.bakeSeconds))} UTC`);
    return baked(step);
  };
  if (running?.convergedAt) {
    if (!baked(running)) return outcome();
  } else if (running !== undefined && target.runsSteps) {
    const verdict = verdictOf(running);
    if (verdict.state === "succeeded") {
      hostsOnRelease = running.hosts;
      if (!converge(running, verdict.note)) return outcome();
    } else if (verdict.state === "failed") {
      update(running, { state: "failed", finishedAt: now });
      note(running, verdict.note);
      fail(`${running.name} failed: ${verdict.note}`, "batch");
      return outcome();
    } else if (timedOut(running)) {
      failTimedOut(running, `not finished within ${stepTimeoutSeconds} s`);
      fail(`${running.name}: not finished within ${stepTimeoutSeconds} s`, "batch");
      return outcome();
    } else {
      return outcome();
    }
  } else if (running !== undefined) {
    const total = running.hosts.length;
    const { onRelease, healthy, unreachable = 0 } = facts.batch ?? { onRelease: 0, healthy: 0 };
    const status = `${onRelease}/${total} hosts on release #${releaseNumber}, ${healthy} healthy${unreachable > 0 ? `, ${unreachable} unreachable` : ""}`;
    if (healthy >= total || (healthy > 0 && healthy + unreachable >= total)) {
      if (!converge(running, status)) return outcome();
    } else if (timedOut(running)) {
      update(running, { state: "failed", finishedAt: now });
      note(running, `${status}: not converged within ${stepTimeoutSeconds} s`);
      fail(`${running.name}: ${total - healthy} of ${total} hosts not on release #${releaseNumber} and healthy within ${stepTimeoutSeconds} s`, "batch");
      return outcome();
    } else {
      if (lastLogText(running.log) !== status) note(running, status);
      return outcome();
    }
  }

  const next = batches.find((step) => step.state === "pending");
  if (next === undefined) {
    finish("succeeded");
    return outcome();
  }
  // A batch covers the hosts reachable when it starts; the others are named and left out.
  const away = next.hosts.filter((name) => facts.unreachable?.has(name));
  const hosts = away.length === 0 ? next.hosts : next.hosts.filter((name) => !facts.unreachable!.has(name));
  update(next, { state: "running", startedAt: now });
  if (away.length > 0) {
    coveredBy.set(next.id, hosts);
    note(next, `left out ${away.length} unreachable ${away.length === 1 ? "host" : "hosts"}: ${nameSome(away)}`);
  }
  if (hosts.length === 0) {
    update(next, { state: "failed", finishedAt: now });
    note(next, "no reachable host to run the release");
    fail(`${next.name}: none of its ${next.hosts.length} hosts is reachable`, "batch");
    return outcome();
  }
  note(next, target.runsSteps ? `started on ${hosts.length} hosts` : `told ${hosts.length} hosts to run release #${releaseNumber}`);
  if (target.runsSteps) startRuns.push(next.id);
  startBatch = { stepId: next.id, hosts };
  return outcome();
}
