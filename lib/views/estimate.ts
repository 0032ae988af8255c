/**
 * When an active release should finish (SPEC `estimatedFinishAt`). It starts
 * from the P75 duration of the pipeline's recent releases of the same kind;
 * once a phase ends (the checks, run in parallel, count as one phase; each
 * batch as one), the rest is this release's own pace so far, so a fast
 * rollback is not told it has the usual ten minutes left.
 */
export function estimateFinish(
  startedAt: Date,
  p75Ms: number | null,
  steps: readonly { kind: string; state: string; finishedAt: Date | null }[],
): Date | null {
  const checks = steps.filter((s) => s.kind === "check");
  const batches = steps.filter((s) => s.kind === "batch");
  const phases = [...(checks.length > 0 ? [checks] : []), ...batches.map((b) => [b])];
  const ended = (phase: typeof steps) => phase.every((s) => s.finishedAt !== null && s.state !== "pending" && s.state !== "running");
  let done = 0;
  while (done < phases.length && ended(phases[done]!)) done += 1;
  if (done === 0 || phases.length === 0) return p75Ms === null ? null : new Date(startedAt.getTime() + p75Ms);
  const lastEnd = Math.max(...phases[done - 1]!.map((s) => s.finishedAt!.getTime()));
  const pace = (lastEnd - startedAt.getTime()) / done;
  return new Date(lastEnd + pace * (phases.length - done));
}
