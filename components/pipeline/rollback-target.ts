import type { ReleaseView } from "@/lib/views/shapes";

/** As much of a release as SPEC rule 5 looks at. */
export type RollbackCandidate = Pick<ReleaseView, "id" | "number" | "kind" | "state" | "replacedReleaseId"> & {
  build: Pick<ReleaseView["build"], "id">;
};

export type RollbackPlan<R extends RollbackCandidate> = { from: R; target: R | null };

/**
 * SPEC rule 5, for the dialog to name the release a rollback goes back to:
 * from = the active release if any, else the current one; target = the newest
 * succeeded release before it whose build differs and that was never itself
 * rolled back from (some rollback release replaced it). `releases` is the
 * pipeline's history as loaded; null when there is nothing to roll back from.
 */
export function rollbackTarget<R extends RollbackCandidate>(releases: readonly R[], active: R | null, current: R | null): RollbackPlan<R> | null {
  const from = active ?? current;
  if (!from) return null;
  const rolledBackFrom = new Set(releases.filter((r) => r.kind === "rollback").map((r) => r.replacedReleaseId));
  const target =
    [...releases]
      .sort((a, b) => b.number - a.number)
      .find((r) => r.state === "succeeded" && r.number < from.number && r.build.id !== from.build.id && !rolledBackFrom.has(r.id)) ?? null;
  return { from, target };
}
