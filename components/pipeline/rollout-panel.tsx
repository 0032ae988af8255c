"use client";

import Link from "next/link";
import type { PipelineView, ReleaseSummaryView } from "@/lib/views/shapes";
import { BuildSummary } from "../build/build-summary";
import { elapsedMs, formatAbsolute, formatDuration, plural, releaseName } from "../format";
import { isActive } from "../queries";
import { StateBadge } from "../ui/badge";
import { Progress } from "../ui/progress";
import { Section, SubHeading } from "../ui/section";
import { RelativeTime } from "../ui/time";
import { useNow } from "../ui/use-now";
import { useTimeZone } from "../ui/use-time-zone";

type ReleaseView = ReleaseSummaryView;
type Step = ReleaseView["steps"][number];

/** Hosts of a batch that run the release, and of those the healthy ones (the server counts them). */
const batchCounts = (step: Step) => ({ switched: step.hostsSwitched ?? 0, healthy: step.hostsHealthy ?? 0 });

/** Elapsed, time left and "usually done by", all from the server's `estimatedFinishAt` (P75, then this release's pace as batches finish). */
function Timing({ release, now }: { release: ReleaseView; now: number }) {
  const zone = useTimeZone();
  const started = release.startedAt ?? release.createdAt;
  const elapsed = elapsedMs(started, release.finishedAt, now);
  if (!isActive(release.state)) return <span>took {formatDuration(release.durationMs ?? elapsed)}</span>;
  const estimate = release.estimatedFinishAt;
  if (!estimate) return <span>{formatDuration(elapsed)} elapsed · no estimate yet</span>;
  const left = Date.parse(estimate) - now;
  const exact = formatAbsolute(estimate, zone);
  return (
    <span data-testid="rollout-eta">
      {formatDuration(elapsed)} elapsed · {left >= 0 ? `about ${formatDuration(left)} left` : `${formatDuration(-left)} over the estimate`} ·{" "}
      <time dateTime={estimate} title={exact} suppressHydrationWarning>
        usually done by {exact.slice(11, 16)} {exact.slice(20)}
      </time>
    </span>
  );
}

/**
 * The release moving now (or the last one): checks in parallel, then batch by
 * batch with hosts switched and healthy, elapsed time and the expected finish.
 */
export function RolloutPanel({ release, currentReleaseId, lock, repository }: {
  release: ReleaseView | null;
  currentReleaseId: number | null;
  /** The pipeline's lock: a rollback's lock note already says who and why, so the panel does not repeat it. */
  lock: PipelineView["lock"];
  repository: string;
}) {
  const now = useNow();
  if (!release) {
    return (
      <Section title="Rollout" id="rollout" testId="rollout-panel">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No release yet: the first green build deploys here.</p>
      </Section>
    );
  }
  const checks = release.steps.filter((s) => s.kind === "check");
  const batches = release.steps.filter((s) => s.kind === "batch");
  // Host counts only mean something while the hosts still run this release.
  const counted = isActive(release.state) || release.id === currentReleaseId;
  const counts = batches.map(batchCounts);
  const total = batches.reduce((sum, b) => sum + b.hostCount, 0);
  const switched = counted ? counts.reduce((sum, c) => sum + c.switched, 0) : 0;
  const active = isActive(release.state);
  const rollingBack = active && release.kind === "rollback";
  const reasonInLockNote = release.kind === "rollback" && lock?.kind === "rollback";
  const title = rollingBack ? `Rolling back… ${switched}/${plural(total, "host")}` : active ? "Rolling out now" : "Last rollout";

  return (
    <Section
      title={title}
      id="rollout"
      testId="rollout-panel"
      actions={<StateBadge state={release.state} />}
    >
      <div className="space-y-1 text-sm" data-testid="rollout-release" data-release-id={release.id} data-state={release.state}>
        <p className="flex flex-wrap items-baseline gap-x-2">
          <Link href={`/releases/${release.id}`} className="font-semibold underline decoration-zinc-400 underline-offset-2 hover:decoration-2">
            {releaseName(release)}
          </Link>
          <BuildSummary build={release.build} repository={repository} />
        </p>
        <p className="text-zinc-600 dark:text-zinc-400">
          {release.trigger === "auto" ? "Started by continuous deployment" : `Started by ${release.by ?? "someone"}`}{" "}
          <RelativeTime at={release.startedAt ?? release.createdAt} />
          {release.reason && !reasonInLockNote ? <>: “{release.reason}”</> : null} · <Timing release={release} now={now} />
        </p>
      </div>

      {counted && total > 0 ? (
        <div className="mt-3 space-y-1">
          <Progress value={switched} max={total} label="Hosts on this release" />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {switched} of {plural(total, "host")} on release #{release.number}
          </p>
        </div>
      ) : null}

      {checks.length > 0 ? (
        <div className="mt-4">
          <SubHeading>Checks, in parallel</SubHeading>
          <ul className="flex flex-wrap gap-2">
            {checks.map((step) => (
              <li key={step.id} data-testid="rollout-check" data-state={step.state} className="flex items-center gap-2 rounded-md border border-zinc-200 px-2 py-1 text-sm dark:border-zinc-700">
                <span className="font-medium">{step.name}</span>
                <StateBadge state={step.state} />
                <span className="whitespace-nowrap tabular-nums text-zinc-600 dark:text-zinc-400">{formatDuration(elapsedMs(step.startedAt, step.finishedAt, now))}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {batches.length > 0 ? (
        <div className="mt-4">
          <SubHeading>Batches, one after another</SubHeading>
          <ol className="space-y-1.5">
            {batches.map((step, index) => {
              const count = counts[index]!;
              return (
                <li key={step.id} data-testid="rollout-batch" data-state={step.state} className="space-y-1.5 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-700">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="font-medium">
                      Batch {index + 1} of {batches.length}
                    </span>
                    <span className="order-last basis-full text-zinc-600 tabular-nums sm:order-none sm:basis-auto dark:text-zinc-400">
                      {plural(step.hostCount, "host")}
                      {counted ? ` · ${count.switched} switched · ${count.healthy} healthy` : null}
                    </span>
                    <span className="ml-auto flex items-center gap-2">
                      <span className="tabular-nums text-zinc-600 dark:text-zinc-400">{formatDuration(elapsedMs(step.startedAt, step.finishedAt, now))}</span>
                      <StateBadge state={step.state} />
                    </span>
                  </div>
                  {counted && step.hostCount > 0 ? <Progress value={count.switched} max={step.hostCount} label={`Batch ${index + 1} hosts switched`} /> : null}
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </Section>
  );
}
