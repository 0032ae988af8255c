// Rule 1's amendment: a commit deploys only when every build recorded for it on
// the pipeline passed (SPEC "Build states"). A green lint run never carries a
// commit whose tests failed or still run.
import type { BuildRef, BuildState } from "./facts";
import { buildLabel, capitalize } from "./words";

/** A build of the same commit that has not passed: the one that holds the commit back. */
export type HeldBy = BuildRef & { state: BuildState; workflow: string | null };

export type CiBlocker = { code: "ci-pending" | "ci-failed"; message: string };

const named = (build: HeldBy) => (build.workflow ? `${build.workflow} (${buildLabel(build)})` : buildLabel(build));

export function ciGate(candidate: BuildRef, heldBy: HeldBy | null): CiBlocker | null {
  if (heldBy === null) return null;
  const commit = candidate.commitSha.slice(0, 7);
  const what = buildLabel(candidate);
  if (heldBy.state === "scheduled" || heldBy.state === "running") {
    const doing = heldBy.state === "scheduled" ? "queued" : "running";
    return { code: "ci-pending", message: `${capitalize(named(heldBy))} is still ${doing} on commit ${commit}: ${what} deploys once every build of it passes` };
  }
  return { code: "ci-failed", message: `${capitalize(named(heldBy))} ${heldBy.state} on commit ${commit}: ${what} does not deploy until every build of it passes (re-run it)` };
}
