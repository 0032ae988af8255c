import Link from "next/link";
import type { PipelineView } from "@/lib/views/shapes";
import { BuildSummary } from "../build/build-summary";
import { releaseName } from "../format";
import { PipelineNotes } from "../pipeline/notes";
import { pipelineStatus, rolloutProgress } from "../pipeline/pipeline-status";
import { Badge } from "../ui/badge";
import { Progress } from "../ui/progress";
import { subtle } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { toneEdge } from "../ui/tone";
import { Sparkline, type DayCount } from "./sparkline";

const standsOut = new Set(["warn", "bad", "rollback"]);

/** One pipeline at a glance: state, what is live, what moves, deploys lately and what holds the newest build back. */
export function PipelineCard({ pipeline, days, deploysToday }: { pipeline: PipelineView; days: DayCount[] | undefined; deploysToday: number | undefined }) {
  const status = pipelineStatus(pipeline);
  const { activeRelease: active, currentRelease: current } = pipeline;
  const progress = active ? rolloutProgress(active) : null;
  return (
    <li
      data-testid="pipeline-card"
      data-slug={pipeline.slug}
      className={`min-w-0 space-y-3 rounded-xl border border-l-4 border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 ${toneEdge[status.tone]} ${
        standsOut.has(status.tone) ? "shadow-sm ring-1 ring-inset ring-zinc-200 dark:ring-zinc-700" : ""
      }`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold">
              <Link href={`/pipelines/${pipeline.slug}`} className="hover:underline focus-visible:underline">
                {pipeline.name}
              </Link>
            </h2>
            <Badge tone={status.tone} glyph={status.glyph} testId="pipeline-status">
              {status.label}
            </Badge>
            {active && pipeline.lock ? (
              <Badge tone="warn" glyph="‖">
                locked
              </Badge>
            ) : null}
          </div>
          <p className={`truncate text-sm ${subtle}`}>
            {pipeline.repository} · {pipeline.environment}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          {days ? <Sparkline days={days} /> : null}
          <p className={`text-xs ${subtle}`}>
            <span className="font-semibold tabular-nums text-zinc-900 dark:text-zinc-100" data-testid="deploys-today">
              {deploysToday ?? "—"}
            </span>{" "}
            {deploysToday === 1 ? "deploy" : "deploys"} today
          </p>
        </div>
      </div>

      {active && progress ? (
        <div className="space-y-1 text-sm">
          <p className="flex flex-wrap items-baseline gap-x-2">
            <Link href={`/releases/${active.id}`} className="font-medium underline decoration-zinc-400 underline-offset-2">
              {releaseName(active)}
            </Link>
            <span className={subtle}>{progress.phase}</span>
          </p>
          <Progress value={progress.done} max={progress.total} label={`${releaseName(active)} steps done`} />
        </div>
      ) : null}

      {current ? (
        <div className="flex gap-2 text-sm">
          <span className={`shrink-0 ${subtle}`}>Live</span>
          <p className="min-w-0">
            <BuildSummary build={current.build} /> <RelativeTime at={current.finishedAt} className={`text-xs ${subtle}`} />
          </p>
        </div>
      ) : (
        <p className={`text-sm ${subtle}`}>Nothing live yet.</p>
      )}

      <PipelineNotes pipeline={pipeline} />
    </li>
  );
}
