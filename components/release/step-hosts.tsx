"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { HostView } from "@/lib/views/hosts";
import { getJson, queryString } from "../api";
import { plural } from "../format";
import { pollEvery, queryKeys, type Page } from "../queries";
import { Button } from "../ui/button";
import { StaleBanner } from "../ui/stale-banner";
import { subtle } from "../ui/table";

/** Host names asked per page: a batch of 5,000 hosts is never sent or drawn whole. */
const HOSTS_PAGE = 100;

function HostPages({ releaseId, stepId, moving }: { releaseId: number; stepId: number; moving: boolean }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.stepHosts(releaseId, stepId),
    queryFn: ({ pageParam }) =>
      getJson<Page<HostView>>(`/api/releases/${releaseId}/steps/${stepId}/hosts${queryString({ limit: HOSTS_PAGE, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: pollEvery(moving),
  });
  const hosts = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="mt-1 space-y-2">
      <StaleBanner error={query.error} />
      {query.isPending ? <p className={`text-xs ${subtle}`}>Loading hosts…</p> : null}
      <ul data-testid="step-hosts" className="flex flex-wrap gap-x-3 gap-y-1 font-mono text-xs text-zinc-700 dark:text-zinc-300">
        {hosts.map((host) => (
          <li key={host.name} data-state={host.state} title={host.state}>
            {host.name}
            {host.state === "healthy" ? null : <span className={subtle}> ({host.state})</span>}
          </li>
        ))}
      </ul>
      {query.hasNextPage ? (
        <Button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "More hosts"}
        </Button>
      ) : null}
    </div>
  );
}

/** A step's hosts: the count at once; their names, problems first, a page at a time once opened. */
export function StepHosts({ releaseId, stepId, count, moving }: { releaseId: number; stepId: number; count: number; moving: boolean }) {
  const [open, setOpen] = useState(false);
  if (count === 0) return null;
  return (
    <details className="mt-1 text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">{plural(count, "host")}</summary>
      {open ? <HostPages releaseId={releaseId} stepId={stepId} moving={moving} /> : null}
    </details>
  );
}
