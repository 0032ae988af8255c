"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { BuildWithDeployment } from "@/lib/views/builds";
import type { PipelineView, ReleaseSummaryView } from "@/lib/views/shapes";
import { getJson } from "../api";
import { PAGE_SIZE, pollEvery, queryKeys, type Page } from "../queries";

export type PipelineData = { pipeline: PipelineView; builds: Page<BuildWithDeployment>; releases: Page<ReleaseSummaryView> };

/** The pipeline page's three queries, seeded by the server, polled fast while a release moves. */
export function usePipelineData(initial: PipelineData) {
  const slug = initial.pipeline.slug;
  const client = useQueryClient();
  const pipeline = useQuery({
    queryKey: queryKeys.pipeline(slug),
    queryFn: () => getJson<PipelineView>(`/api/pipelines/${slug}`),
    initialData: initial.pipeline,
    refetchInterval: (query) => pollEvery(Boolean(query.state.data?.activeRelease)),
  });
  const activeId = pipeline.data.activeRelease?.id ?? null;
  const releases = useQuery({
    queryKey: queryKeys.releases(slug),
    queryFn: () => getJson<Page<ReleaseSummaryView>>(`/api/pipelines/${slug}/releases?limit=${PAGE_SIZE}`),
    initialData: initial.releases,
    refetchInterval: pollEvery(activeId !== null),
  });
  const builds = useQuery({
    queryKey: queryKeys.builds(slug),
    queryFn: () => getJson<Page<BuildWithDeployment>>(`/api/pipelines/${slug}/builds?limit=${PAGE_SIZE}`),
    initialData: initial.builds,
    refetchInterval: pollEvery(false),
  });

  // When a release starts or ends, the history, the rollout panel and where each build stands must show it at once, not at the next slow poll.
  const lastActiveId = useRef(activeId);
  useEffect(() => {
    if (lastActiveId.current === activeId) return;
    lastActiveId.current = activeId;
    void client.invalidateQueries({ queryKey: queryKeys.releases(slug) });
    void client.invalidateQueries({ queryKey: queryKeys.builds(slug) });
  }, [activeId, client, slug]);

  const error = pipeline.error ?? releases.error ?? builds.error;
  return { pipeline: pipeline.data, releases: releases.data, builds: builds.data, error };
}
