// One pipeline's history, written the way the engine would have lived it:
// CD deploys the newest passed build when idle and unlocked, builds that pass
// mid-rollout wait and are skipped for a newer one, a rollback locks the
// pipeline until someone unlocks once the revert is green.
import { ENGINE_ACTOR } from "@/lib/engine/decide/facts";
import { logLine } from "@/lib/engine/decide/words";
import type { BuildState, ReleaseKind, ReleaseTrigger, StepKind, StepState } from "@/lib/generated/prisma/enums";
import { fakeCommit, type Commit } from "./commits";
import type { Person } from "./corpus";
import type { Random } from "./random";
import type { ReleaseShape } from "./shapes";
import { clamp, HOUR, MINUTE, SECOND } from "./time";

export type PlannedBuild = {
  state: BuildState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  commit: Commit;
};

export type PlannedStep = {
  kind: StepKind;
  name: string;
  state: StepState;
  hosts: readonly string[];
  log: string;
  startedAt: number | null;
  finishedAt: number | null;
};

export type PlannedRelease = {
  number: number;
  build: PlannedBuild;
  kind: ReleaseKind;
  trigger: ReleaseTrigger;
  by: string | null;
  reason: string | null;
  state: "succeeded" | "failed";
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  replaced: PlannedRelease | null;
  steps: PlannedStep[];
};

export type PlannedAudit = {
  at: number;
  actor: string;
  action: string;
  release: PlannedRelease | null;
  reason: string | null;
  outcome: string;
};

/** A rollback some minutes after a bad deploy, its lock, the unlock, and the revert CD then ships. */
export type Incident = {
  observe: number;
  rollback: ReleaseShape;
  by: Person;
  reason: string;
  unlockAfter: number;
  unlockBy: Person;
  /** From the unlock to the CD tick that deploys the revert. */
  tick: number;
  fix: ReleaseShape;
};

/** How long CI takes: P75 about 6 minutes, with a tail. */
const ciDuration = (rng: Random) => clamp(rng.lognormal(4.6 * MINUTE, 0.4), 1.5 * MINUTE, 40 * MINUTE);

const FAILED_CI_CHANCE = 0.11;
const CANCELED_CI_CHANCE = 0.025;

export class Timeline {
  readonly builds: PlannedBuild[] = [];
  readonly releases: PlannedRelease[] = [];
  readonly audits: PlannedAudit[] = [];
  /** The last release that succeeded. */
  current: PlannedRelease | null = null;
  /** CI createdAt of the newest build a release took: CD only ever moves to newer ones. */
  private newestCreatedAt: number | null = null;
  /** What the pipeline was last busy with (a release or a lock): builds passing meanwhile wait for it. */
  private busy = { from: 0, until: 0 };

  constructor(private readonly rng: Random) {}

  audit(at: number, actor: string, action: string, reason: string | null = null, release: PlannedRelease | null = null) {
    this.audits.push({ at, actor, action, release, reason, outcome: action === "release.failed" ? "failed" : "ok" });
  }

  /**
   * CD deploys a build at `at`. `queued`: the build passed while the pipeline
   * was busy and CD picked it on the tick after; else it passed just before `at`.
   */
  deploy(at: number, shape: ReleaseShape, queued: boolean, message?: string): PlannedRelease {
    const { rng, busy } = this;
    const passedAt = queued
      ? rng.between(busy.from + 0.4 * (busy.until - busy.from), busy.until - 10 * SECOND)
      : at - rng.between(0.3, 2) * SECOND;
    const newest = this.newestCreatedAt ?? passedAt - HOUR;
    const createdAt = passedAt - Math.min(ciDuration(rng), passedAt - newest - 30 * SECOND);
    const build = this.addBuild("passed", createdAt, passedAt, message);
    this.addCiNoise(newest, build, at, queued && shape.failure === null);
    this.newestCreatedAt = createdAt;

    const release = this.addRelease(at, shape, { build, kind: "deploy", trigger: "auto", by: null, reason: null, replaced: this.current });
    this.audit(at, ENGINE_ACTOR, "deploy", null, release);
    if (shape.failure === null) this.current = release;
    else this.audit(release.finishedAt, ENGINE_ACTOR, "release.failed", shape.failure, release);
    this.busy = { from: release.startedAt, until: release.finishedAt };
    return release;
  }

  /** A deploy that goes bad, then `incident`: returns when the revert is live. */
  deployAndRollBack(at: number, shape: ReleaseShape, queued: boolean, incident: Incident): number {
    const bad = this.deploy(at, shape, queued);
    const target = bad.replaced;
    if (target === null) throw new Error("a rollback needs an earlier release to go back to");
    const rollbackAt = bad.finishedAt + incident.observe;
    const rollback = this.addRelease(rollbackAt, incident.rollback, {
      build: target.build, kind: "rollback", trigger: "user", by: incident.by.handle, reason: incident.reason, replaced: bad,
    });
    this.audit(rollbackAt, incident.by.handle, "rollback", incident.reason, rollback);
    this.current = rollback;
    const unlockAt = rollback.finishedAt + incident.unlockAfter;
    this.audit(unlockAt, incident.unlockBy.handle, "unlock");
    this.busy = { from: rollbackAt, until: unlockAt };
    return this.deploy(unlockAt + incident.tick, incident.fix, true, `Revert "${bad.build.commit.message}"`).finishedAt;
  }

  /** A manual lock from `at` for `duration`: CD waits, builds that pass meanwhile queue. */
  lockFor(at: number, duration: number, by: Person, reason: string, unlockBy: Person): number {
    this.audit(at, by.handle, "lock", reason);
    this.audit(at + duration, unlockBy.handle, "unlock");
    this.busy = { from: at, until: at + duration };
    return at + duration;
  }

  private addBuild(state: BuildState, createdAt: number, finishedAt: number, message?: string): PlannedBuild {
    const startedAt = createdAt + Math.min(this.rng.between(5, 60) * SECOND, (finishedAt - createdAt) / 4);
    const build = { state, createdAt, startedAt, finishedAt, commit: fakeCommit(this.rng, createdAt, message) };
    this.builds.push(build);
    return build;
  }

  /**
   * Other CI runs created between the previous release's build and `build`:
   * failed and canceled ones, and (when `skipped`) passed ones that arrived
   * mid-rollout and were skipped for the newer `build`. All end before `at`.
   */
  private addCiNoise(after: number, build: PlannedBuild, at: number, skipped: boolean) {
    const { rng } = this;
    const createdBetween = () => rng.between(after + 10 * SECOND, build.createdAt - 10 * SECOND);
    for (let i = skipped ? rng.int(0, 2) : 0; i > 0; i--) {
      const createdAt = createdBetween();
      const passedAt = createdAt + ciDuration(rng);
      // Passing before the busy spell began, CD would have deployed it instead.
      if (passedAt > this.busy.from && passedAt < at) this.addBuild("passed", createdAt, passedAt);
    }
    if (rng.chance(FAILED_CI_CHANCE)) {
      const createdAt = createdBetween();
      this.addBuild("failed", createdAt, Math.min(at, createdAt + ciDuration(rng) * rng.between(0.2, 0.9)));
    }
    if (rng.chance(CANCELED_CI_CHANCE)) {
      const createdAt = createdBetween();
      this.addBuild("canceled", createdAt, Math.min(at, createdAt + ciDuration(rng) * rng.between(0.05, 0.5)));
    }
  }

  private addRelease(
    at: number,
    shape: ReleaseShape,
    fields: Pick<PlannedRelease, "build" | "kind" | "trigger" | "by" | "reason" | "replaced">,
  ): PlannedRelease {
    const steps = shape.steps.map((step) => ({
      kind: step.kind,
      name: step.name,
      state: step.state,
      hosts: step.hosts,
      log: step.notes.map((note) => logLine(new Date(at + note.at), note.text)).join("\n"),
      startedAt: step.start === null ? null : at + step.start,
      finishedAt: step.end === null ? null : at + step.end,
    }));
    const release: PlannedRelease = {
      ...fields,
      number: this.releases.length + 1,
      state: shape.failure === null ? "succeeded" : "failed",
      createdAt: at,
      startedAt: at + shape.startDelay,
      finishedAt: at + shape.total,
      steps,
    };
    this.releases.push(release);
    return release;
  }
}
