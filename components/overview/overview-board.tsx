"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type { PipelineView } from "@/lib/views/shapes";
import { getJson, queryString } from "../api";
import { lastDays } from "../metrics/range";
import { pollEvery, queryKeys, type Page } from "../queries";
import { StaleBanner } from "../ui/stale-banner";
import { subtle } from "../ui/table";
import { useNow } from "../ui/use-now";
import { useTimeZone } from "../ui/use-time-zone";
import { startOfDay } from "../format";
import { SPARKLINE_DAYS } from "./activity";
import { ChainRows } from "./chain-rows";
import { PipelineCard } from "./pipeline-card";
import type { DayCount } from "./sparkline";

const ACTIVITY_POLL_MS = 60_000;

/** Overview counts in one line: the first thing read at 3 a.m. */
function Summary({ pipelines }: { pipelines: PipelineView[] }) {
  const deploying = pipelines.filter((p) => p.activeRelease).length;
  const locked = pipelines.filter((p) => p.locked).length;
  const failing = pipelines.filter((p) => p.blocker?.code === "failed-to-deploy").length;
  const parts = [`${pipelines.length} pipelines`, `${deploying} deploying`, `${locked} locked`, ...(failing ? [`${failing} failing`] : [])];
  return <p className={`text-sm ${subtle}`}>{parts.join(" · ")}</p>;
}

/** Every pipeline, polled: fast while any release moves, calmly otherwise. Activity per pipeline refreshes when its live release changes. */
export function OverviewBoard({ initial, activity }: { initial: PipelineView[]; activity: Record<string, DayCount[]> }) {
  const pipelines = useQuery({
    queryKey: queryKeys.pipelines,
    queryFn: async () => (await getJson<Page<PipelineView>>("/api/pipelines")).items,
    initialData: initial,
    refetchInterval: (query) => pollEvery(Boolean(query.state.data?.some((p) => p.activeRelease))),
  });
  // "Deploys today" counts from the viewer's midnight, not UTC's.
  const zone = useTimeZone();
  const since = startOfDay(useNow(), zone).toISOString();
  const today = useQuery({
    queryKey: ["deploys-since", since],
    queryFn: async () => (await getJson<Page<{ slug: string; deploysSince: number }>>(`/api/pipelines${queryString({ deploysSince: since })}`)).items,
    enabled: typeof window !== "undefined",
    refetchInterval: ACTIVITY_POLL_MS,
  });
  const todayOf = new Map(today.data?.map((p) => [p.slug, p.deploysSince]));
  const range = lastDays(SPARKLINE_DAYS);
  // The server's activity fits only while the live release is the one it saw; after a release, ask again.
  const seededWith = new Map(initial.map((p) => [p.slug, p.currentRelease?.id ?? null]));
  const days = useQueries({
    queries: pipelines.data.map((p) => ({
      queryKey: [...queryKeys.metrics(p.slug, range.from, range.to), p.currentRelease?.id ?? null],
      queryFn: async () => (await getJson<{ days: DayCount[] }>(`/api/metrics${queryString({ pipeline: p.slug, ...range })}`)).days,
      initialData: seededWith.get(p.slug) === (p.currentRelease?.id ?? null) ? activity[p.slug] : undefined,
      placeholderData: keepPreviousData,
      refetchInterval: ACTIVITY_POLL_MS,
    })),
  });
  return (
    <div className="space-y-4">
      <StaleBanner error={pipelines.error} />
      <Summary pipelines={pipelines.data} />
      <ChainRows pipelines={pipelines.data} />
      {pipelines.data.length === 0 ? (
        <p className={subtle}>No pipelines yet. Create one with POST /api/pipelines (admin).</p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {pipelines.data.map((pipeline, i) => (
            <PipelineCard key={pipeline.id} pipeline={pipeline} days={days[i]?.data} deploysToday={todayOf.get(pipeline.slug)} />
          ))}
        </ul>
      )}
    </div>
  );
}
