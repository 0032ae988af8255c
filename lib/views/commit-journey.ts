// "Where is my change?" on one pipeline, as a pure function of the commit's
// builds and the pipeline's release history (SPEC "Where is my change").
// The blocker is not decided here: a waiting commit shows the engine's own.
import { compareBuildsNewestFirst, type OrderedBuild } from "../webhooks/state";
import type { BuildState, ReleaseKind, ReleaseState } from "../engine/decide/facts";

export type CommitState = "building" | "failed-ci" | "waiting" | "deploying" | "live" | "rolled-back" | "superseded";

export type JourneyBuild = OrderedBuild & { commitSha: string; state: BuildState };
export type JourneyRelease = {
  id: number;
  number: number;
  kind: ReleaseKind;
  state: ReleaseState;
  replacedReleaseId: number | null;
  build: OrderedBuild & { commitSha: string };
};

export type Journey<R extends JourneyRelease> = {
  state: CommitState;
  /** The release the state is about: the one that put it live, is deploying it, or was rolled back. */
  release: R | null;
  /** The last rollback that took the commit off the hosts, even when a newer release carried it again since. */
  rolledBackBy: R | null;
};

/** The commit's build: the newest of its builds in CI order. */
export function commitBuild<B extends JourneyBuild>(builds: readonly B[]): B {
  return [...builds].sort(compareBuildsNewestFirst)[0]!;
}

/** What CI says of a commit: passed only when every build recorded for it passed. */
export function ciState(builds: readonly JourneyBuild[]): "building" | "failed-ci" | "passed" {
  if (builds.some((b) => b.state === "scheduled" || b.state === "running")) return "building";
  if (builds.some((b) => b.state === "failed" || b.state === "canceled")) return "failed-ci";
  return "passed";
}

/**
 * `releases`: the pipeline's releases from the first one whose build is the
 * commit's or newer, oldest first (the current and active ones among them).
 * A release carries the commit when its build is the commit's build or newer
 * on the branch; a release of an older build that went live, or a rollback
 * to one, took the commit off again.
 */
export function commitJourney<R extends JourneyRelease>(input: {
  builds: readonly JourneyBuild[];
  releases: readonly R[];
  currentReleaseId: number | null;
  sha: string;
}): Journey<R> {
  const own = commitBuild(input.builds);
  const carries = (release: R) => compareBuildsNewestFirst(release.build, own) <= 0;
  const byId = new Map(input.releases.map((r) => [r.id, r]));

  let live: R | null = null;
  let rolledBackBy: R | null = null;
  let active: R | null = null;
  for (const release of input.releases) {
    if (release.state === "canceled") continue;
    if (release.state === "pending" || release.state === "running") active = release;
    const replaced = release.replacedReleaseId === null ? undefined : byId.get(release.replacedReleaseId);
    const rollsBack = release.kind === "rollback" && !carries(release) && replaced !== undefined && carries(replaced);
    if (rollsBack && release.state !== "failed") {
      rolledBackBy = release;
      live = null;
    } else if (release.state === "succeeded") {
      if (!carries(release)) live = null;
      else live ??= release;
    }
  }

  const rolledBack = { state: "rolled-back" as const, release: byId.get(rolledBackBy?.replacedReleaseId ?? -1) ?? null, rolledBackBy };
  // A rollback under way takes the commit off even while the release it replaces is still the current one.
  if (rolledBackBy !== null && rolledBackBy === active) return rolledBack;
  const current = input.currentReleaseId === null ? undefined : byId.get(input.currentReleaseId);
  if (current !== undefined && carries(current)) {
    const putLive = live ?? current;
    return { state: putLive.build.commitSha === input.sha ? "live" : "superseded", release: putLive, rolledBackBy };
  }
  if (active !== null && active.kind !== "rollback" && carries(active)) return { state: "deploying", release: active, rolledBackBy };
  if (rolledBackBy !== null) return rolledBack;
  const ci = ciState(input.builds);
  return { state: ci === "passed" ? "waiting" : ci, release: null, rolledBackBy: null };
}
