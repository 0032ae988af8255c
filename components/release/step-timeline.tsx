"use client";

import type { ReleaseView } from "@/lib/views/shapes";
import { elapsedMs, formatDuration } from "../format";
import { StateBadge } from "../ui/badge";
import { SubHeading } from "../ui/section";
import { RelativeTime } from "../ui/time";
import { stateLook, toneBadge, toneBar } from "../ui/tone";
import { useNow } from "../ui/use-now";
import { LogTail } from "./log-tail";
import { StepHosts } from "./step-hosts";

type Step = ReleaseView["steps"][number];

type Span = { start: number; end: number };

/** Where a step ran within the whole release, as a bar: the durations in words sit beside it. */
function SpanBar({ step, span, now, tone }: { step: Step; span: Span; now: number; tone: keyof typeof toneBar }) {
  if (!step.startedAt || span.end <= span.start) return null;
  const total = span.end - span.start;
  const left = ((Date.parse(step.startedAt) - span.start) / total) * 100;
  const width = (((step.finishedAt ? Date.parse(step.finishedAt) : now) - Date.parse(step.startedAt)) / total) * 100;
  return (
    <div aria-hidden className="relative mt-1.5 h-1.5 max-w-xl rounded-full bg-zinc-100 dark:bg-zinc-800">
      <div className={`absolute inset-y-0 rounded-full ${toneBar[tone]}`} style={{ left: `${left}%`, width: `${Math.max(width, 1)}%` }} />
    </div>
  );
}

/** From the first step's start to the last step's end (or now, while one runs). */
function releaseSpan(steps: Step[], now: number): Span {
  const starts = steps.flatMap((s) => (s.startedAt ? [Date.parse(s.startedAt)] : []));
  const ends = steps.map((s) => (s.finishedAt ? Date.parse(s.finishedAt) : s.startedAt ? now : 0));
  return { start: Math.min(...starts), end: Math.max(...ends) };
}

function StepItem({ releaseId, step, title, now, span }: { releaseId: number; step: Step; title: string; now: number; span: Span }) {
  const look = stateLook(step.state);
  const running = step.state === "running";
  return (
    <li data-testid="release-step" data-state={step.state} className="relative pb-5 pl-9 last:pb-0">
      <span
        aria-hidden
        className={`absolute left-0 top-0 flex size-6 items-center justify-center rounded-full text-xs font-bold ring-1 ring-inset ${toneBadge[look.tone]}`}
      >
        {look.glyph}
      </span>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-medium">{title}</h3>
        <StateBadge state={step.state} />
        <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">
          {formatDuration(elapsedMs(step.startedAt, step.finishedAt, now))}
          {step.startedAt ? (
            <>
              {" · started "}
              <RelativeTime at={step.startedAt} />
            </>
          ) : null}
        </span>
      </div>
      <SpanBar step={step} span={span} now={now} tone={look.tone} />
      <StepHosts releaseId={releaseId} stepId={step.id} count={step.hosts.length} moving={running} />
      {/* Logs of the step running now, or of one that failed, are what a person opens this page for. */}
      <details className="mt-1 text-sm" open={running || step.state === "failed"}>
        <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">Log</summary>
        {step.log ? (
          <LogTail log={step.log} label={`Log of ${title}`} follow={running} />
        ) : (
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Nothing logged yet.</p>
        )}
      </details>
    </li>
  );
}

/** A release's steps in order: the checks (they run side by side), then each batch. */
export function StepTimeline({ releaseId, steps }: { releaseId: number; steps: Step[] }) {
  const now = useNow();
  const checks = steps.filter((s) => s.kind === "check");
  const batches = steps.filter((s) => s.kind === "batch");
  const span = releaseSpan(steps, now);
  if (steps.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No steps yet.</p>;
  return (
    <div className="space-y-5">
      {checks.length > 0 ? (
        <div>
          <SubHeading>Checks, in parallel</SubHeading>
          <ol className="border-l border-zinc-200 pl-0 dark:border-zinc-700 [&>li]:-ml-3">
            {checks.map((step) => (
              <StepItem key={step.id} releaseId={releaseId} step={step} title={step.name} now={now} span={span} />
            ))}
          </ol>
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No checks for this release.</p>
      )}
      {batches.length > 0 ? (
        <div>
          <SubHeading>Batches, one after another</SubHeading>
          <ol className="border-l border-zinc-200 pl-0 dark:border-zinc-700 [&>li]:-ml-3">
            {batches.map((step, index) => (
              <StepItem key={step.id} releaseId={releaseId} step={step} title={`Batch ${index + 1} of ${batches.length}`} now={now} span={span} />
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
